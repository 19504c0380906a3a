using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Acceptance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AcceptanceApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContractNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContractTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StandardItemsText = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ClaimedProgressPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    SubmittedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ApplicantOrganisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReviewDeadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PreCheckedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PreCheckedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TeamKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    TeamMembers = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReviewPlannedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewPlace = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MethodsText = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AcceptedProgressPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    Opinion = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RectificationOpinions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RectificationDeadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RectificationAnswer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RectificationAnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    NoticeStartsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NoticeEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NoticeWorkingDays = table.Column<int>(type: "INTEGER", nullable: true),
                    CityFiledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CityAcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CityAcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProvinceFiledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ProvinceAcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ProvinceAcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EtownAcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcceptanceApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcceptanceApplications_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AcceptanceNoticeSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    NoticeWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcceptanceNoticeSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PerformanceEvaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    SatisfactionPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StoragePath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProvinceScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    ProvinceResult = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EvaluatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EvaluatedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PerformanceEvaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AcceptanceCheckLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ItemNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcceptanceCheckLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcceptanceCheckLines_AcceptanceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "AcceptanceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AcceptanceMaterials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StoragePath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcceptanceMaterials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcceptanceMaterials_AcceptanceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "AcceptanceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AcceptanceObjections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RaisedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RaisedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RaisedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcceptanceObjections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcceptanceObjections_AcceptanceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "AcceptanceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AcceptanceApplications_ContractId",
                table: "AcceptanceApplications",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_AcceptanceApplications_CountyCode",
                table: "AcceptanceApplications",
                column: "CountyCode");

            migrationBuilder.CreateIndex(
                name: "IX_AcceptanceApplications_EtownId_Status",
                table: "AcceptanceApplications",
                columns: new[] { "EtownId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AcceptanceCheckLines_ApplicationId_Round_SortOrder",
                table: "AcceptanceCheckLines",
                columns: new[] { "ApplicationId", "Round", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_AcceptanceMaterials_ApplicationId",
                table: "AcceptanceMaterials",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_AcceptanceNoticeSettings_CountyCode",
                table: "AcceptanceNoticeSettings",
                column: "CountyCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AcceptanceObjections_ApplicationId",
                table: "AcceptanceObjections",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_PerformanceEvaluations_CountyCode_Year",
                table: "PerformanceEvaluations",
                columns: new[] { "CountyCode", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AcceptanceCheckLines");

            migrationBuilder.DropTable(
                name: "AcceptanceMaterials");

            migrationBuilder.DropTable(
                name: "AcceptanceNoticeSettings");

            migrationBuilder.DropTable(
                name: "AcceptanceObjections");

            migrationBuilder.DropTable(
                name: "PerformanceEvaluations");

            migrationBuilder.DropTable(
                name: "AcceptanceApplications");
        }
    }
}
