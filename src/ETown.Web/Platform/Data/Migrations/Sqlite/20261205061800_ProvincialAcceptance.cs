using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProvincialAcceptance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProvincialAcceptances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AuditReportReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StoragePath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvincialAcceptances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProvincialAcceptances_AcceptanceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "AcceptanceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProvincialAcceptances_ApplicationId",
                table: "ProvincialAcceptances",
                column: "ApplicationId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProvincialAcceptances");
        }
    }
}
