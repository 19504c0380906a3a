using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Sqlite
{
    /// <summary>
    /// Issue #2 §7: the audit log is append-only. On SQLite a trigger refuses UPDATE and DELETE;
    /// someone with the file can still drop it, which is why every row is also hash-chained.
    /// </summary>
    public partial class AuditAppendOnly : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON AuditRecords
                BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON AuditRecords
                BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_records_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_records_no_delete;");
        }
    }
}
