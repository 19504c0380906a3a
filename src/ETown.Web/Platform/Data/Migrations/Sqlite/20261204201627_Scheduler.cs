using ETown.Web.Platform.Scheduling;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Sqlite
{
    /// <summary>The Quartz.NET job store tables (qrtz_*); no EF model change (see QuartzSchema).</summary>
    public partial class Scheduler : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(QuartzSchema.Sqlite);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(QuartzSchema.Drop);
    }
}
