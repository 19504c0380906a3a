using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatisticsWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ApprovalCount",
                table: "StatReports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DataSetCode",
                table: "StatReports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "monthly");

            migrationBuilder.AddColumn<string>(
                name: "UnlockedBy",
                table: "StatReports",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnlockedFrom",
                table: "StatReports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    DedupKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_Organisations_RecipientOrganisationId",
                        column: x => x.RecipientOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatDataSets",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PeriodType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DueWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    RemindDaysBefore = table.Column<int>(type: "integer", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatDataSets", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "StatValueChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    IndicatorCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    OldValue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    NewValue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    OldComment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    NewComment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatValueChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatValueChanges_StatReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "StatReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatDataSetAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    DataSetCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatDataSetAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatDataSetAssignments_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StatDataSetAssignments_StatDataSets_DataSetCode",
                        column: x => x.DataSetCode,
                        principalTable: "StatDataSets",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_DedupKey",
                table: "Notifications",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientOrganisationId_ReadAt",
                table: "Notifications",
                columns: new[] { "RecipientOrganisationId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StatDataSetAssignments_DataSetCode",
                table: "StatDataSetAssignments",
                column: "DataSetCode");

            migrationBuilder.CreateIndex(
                name: "IX_StatDataSetAssignments_EtownId_DataSetCode",
                table: "StatDataSetAssignments",
                columns: new[] { "EtownId", "DataSetCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatValueChanges_ReportId_Round",
                table: "StatValueChanges",
                columns: new[] { "ReportId", "Round" });

            // Existing reports: the county has approved those now approved, accepted or unlocked once (changes since then
            // are counted from here on); the tax indicator is now reported in the annual report.
            migrationBuilder.Sql("""
                UPDATE "StatReports" SET "ApprovalCount" = 1
                WHERE "Status" IN ('CountyApproved', 'CityAccepted', 'ProvinceAccepted') OR "UnlockedAt" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                UPDATE "StatIndicators" SET "SourceRule" = '以税务部门数据为准，年报报送全年数'
                WHERE "Code" = 'tax' AND "SourceRule" = '以税务部门数据为准，12月报送全年数';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "StatDataSetAssignments");

            migrationBuilder.DropTable(
                name: "StatValueChanges");

            migrationBuilder.DropTable(
                name: "StatDataSets");

            migrationBuilder.DropColumn(
                name: "ApprovalCount",
                table: "StatReports");

            migrationBuilder.DropColumn(
                name: "DataSetCode",
                table: "StatReports");

            migrationBuilder.DropColumn(
                name: "UnlockedBy",
                table: "StatReports");

            migrationBuilder.DropColumn(
                name: "UnlockedFrom",
                table: "StatReports");
        }
    }
}
