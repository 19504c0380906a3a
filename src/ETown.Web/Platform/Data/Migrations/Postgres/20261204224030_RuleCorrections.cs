using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RuleCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Year",
                table: "EtownEvidence",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BandJustification",
                table: "CultivationPlans",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "BandJustificationDecidedAt",
                table: "CultivationPlans",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BandJustificationDecidedBy",
                table: "CultivationPlans",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BandJustificationNote",
                table: "CultivationPlans",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BandJustificationStatus",
                table: "CultivationPlans",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "DeclarationCityDeadlines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CityCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "date", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclarationCityDeadlines", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationCityDeadlines_Year_CityCode",
                table: "DeclarationCityDeadlines",
                columns: new[] { "Year", "CityCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeclarationCityDeadlines");

            migrationBuilder.DropColumn(
                name: "Year",
                table: "EtownEvidence");

            migrationBuilder.DropColumn(
                name: "BandJustification",
                table: "CultivationPlans");

            migrationBuilder.DropColumn(
                name: "BandJustificationDecidedAt",
                table: "CultivationPlans");

            migrationBuilder.DropColumn(
                name: "BandJustificationDecidedBy",
                table: "CultivationPlans");

            migrationBuilder.DropColumn(
                name: "BandJustificationNote",
                table: "CultivationPlans");

            migrationBuilder.DropColumn(
                name: "BandJustificationStatus",
                table: "CultivationPlans");
        }
    }
}
