using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Postgres
{
    /// <summary>
    /// Issue #2 §7: on PostgreSQL the application's role cannot UPDATE, DELETE or TRUNCATE audit
    /// rows. Privileges are revoked from PUBLIC and the current (application) role, and a trigger
    /// refuses the statements even for the table owner. docs/operations.md describes running the
    /// app as a non-owner role so that the trigger cannot be dropped by the app either.
    /// </summary>
    public partial class AuditAppendOnly : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION etown_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit records are append-only (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON "AuditRecords"
                FOR EACH ROW EXECUTE FUNCTION etown_audit_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON "AuditRecords"
                FOR EACH STATEMENT EXECUTE FUNCTION etown_audit_append_only();
                """);
            migrationBuilder.Sql("""REVOKE UPDATE, DELETE, TRUNCATE ON "AuditRecords" FROM PUBLIC;""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS audit_records_append_only ON "AuditRecords";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS audit_records_no_truncate ON "AuditRecords";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS etown_audit_append_only();");
        }
    }
}
