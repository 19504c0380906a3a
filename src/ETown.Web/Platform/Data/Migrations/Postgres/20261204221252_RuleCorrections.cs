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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
