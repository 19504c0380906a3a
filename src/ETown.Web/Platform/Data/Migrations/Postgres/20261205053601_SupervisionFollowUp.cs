using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SupervisionFollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReportDueWorkingDay",
                table: "SupervisionRuleSets",
                type: "integer",
                nullable: false,
                defaultValue: 5); // SUP-06: existing rule sets keep the 5th working day

            migrationBuilder.CreateTable(
                name: "CityVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CityCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Minutes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CityVisits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OperationAgreements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OperationAgreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OperationAgreements_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OperatorMonthlyReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    OperatorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Progress = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Problems = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    NextPlan = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AcknowledgeNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OperatorMonthlyReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OperatorMonthlyReports_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OperatorTeamMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OperatorTeamMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OperatorTeamMembers_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VisitDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DeadlineWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CloseNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitDecisions_CityVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "CityVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CityVisits_CityCode_HeldOn",
                table: "CityVisits",
                columns: new[] { "CityCode", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_OperationAgreements_EtownId",
                table: "OperationAgreements",
                column: "EtownId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OperatorMonthlyReports_EtownId_Month",
                table: "OperatorMonthlyReports",
                columns: new[] { "EtownId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OperatorTeamMembers_EtownId",
                table: "OperatorTeamMembers",
                column: "EtownId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitDecisions_CountyCode_DueOn",
                table: "VisitDecisions",
                columns: new[] { "CountyCode", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitDecisions_VisitId",
                table: "VisitDecisions",
                column: "VisitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OperationAgreements");

            migrationBuilder.DropTable(
                name: "OperatorMonthlyReports");

            migrationBuilder.DropTable(
                name: "OperatorTeamMembers");

            migrationBuilder.DropTable(
                name: "VisitDecisions");

            migrationBuilder.DropTable(
                name: "CityVisits");

            migrationBuilder.DropColumn(
                name: "ReportDueWorkingDay",
                table: "SupervisionRuleSets");
        }
    }
}
