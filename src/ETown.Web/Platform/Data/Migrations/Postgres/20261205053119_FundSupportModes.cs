using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FundSupportModes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SupportMode",
                table: "FundContracts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SupportMode",
                table: "FundContracts");
        }
    }
}
