using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Sqlite
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
                type: "TEXT",
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
