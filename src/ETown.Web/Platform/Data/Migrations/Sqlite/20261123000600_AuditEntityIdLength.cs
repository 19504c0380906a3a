using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditEntityIdLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
