using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Disclosure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PublicOpinions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Nickname = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reply = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ModeratedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ModeratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicOpinions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicOpinions_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PublishedItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    WithdrawReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedItems_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReportCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    HandlerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: false),
                    Anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    ContactProtected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AttachmentName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    AttachmentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AttachmentSize = table.Column<long>(type: "bigint", nullable: true),
                    AttachmentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AttachmentPath = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportCases_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SurveyAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    RespondentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Answer = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Comment = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyAnswers_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReportSteps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    HandlerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    To = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportSteps_ReportCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "ReportCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublicOpinions_EtownId_Status",
                table: "PublicOpinions",
                columns: new[] { "EtownId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedItems_EtownId_Kind_SourceId",
                table: "PublishedItems",
                columns: new[] { "EtownId", "Kind", "SourceId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportCases_CodeHash",
                table: "ReportCases",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportCases_EtownId",
                table: "ReportCases",
                column: "EtownId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportCases_HandlerOrganisationId_Status",
                table: "ReportCases",
                columns: new[] { "HandlerOrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportSteps_CaseId",
                table: "ReportSteps",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyAnswers_EtownId_Year_RespondentHash",
                table: "SurveyAnswers",
                columns: new[] { "EtownId", "Year", "RespondentHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublicOpinions");

            migrationBuilder.DropTable(
                name: "PublishedItems");

            migrationBuilder.DropTable(
                name: "ReportSteps");

            migrationBuilder.DropTable(
                name: "SurveyAnswers");

            migrationBuilder.DropTable(
                name: "ReportCases");
        }
    }
}
