using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StatIndicators",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PeriodType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Aggregation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Cumulative = table.Column<bool>(type: "INTEGER", nullable: false),
                    SourceRule = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatIndicators", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "StatReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CityAcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ProvinceAcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UnlockedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UnlockReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatReports_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatRules",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Left = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Right = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Factor = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Importance = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatRules", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "StatValues",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatValues_StatIndicators_IndicatorCode",
                        column: x => x.IndicatorCode,
                        principalTable: "StatIndicators",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StatValues_StatReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "StatReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StatReports_EtownId_Period",
                table: "StatReports",
                columns: new[] { "EtownId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatReports_Period_CountyCode",
                table: "StatReports",
                columns: new[] { "Period", "CountyCode" });

            migrationBuilder.CreateIndex(
                name: "IX_StatValues_EtownId",
                table: "StatValues",
                column: "EtownId");

            migrationBuilder.CreateIndex(
                name: "IX_StatValues_IndicatorCode",
                table: "StatValues",
                column: "IndicatorCode");

            migrationBuilder.CreateIndex(
                name: "IX_StatValues_ReportId_IndicatorCode",
                table: "StatValues",
                columns: new[] { "ReportId", "IndicatorCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatRules");

            migrationBuilder.DropTable(
                name: "StatValues");

            migrationBuilder.DropTable(
                name: "StatIndicators");

            migrationBuilder.DropTable(
                name: "StatReports");
        }
    }
}
