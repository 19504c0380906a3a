using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 5); // SUP-06: existing rule sets keep the 5th working day

            migrationBuilder.CreateTable(
                name: "CityVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CityVisits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OperationAgreements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OperatorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Problems = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NextPlan = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AcknowledgeNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DeadlineWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CloseNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
