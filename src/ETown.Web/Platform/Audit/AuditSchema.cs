namespace ETown.Web.Platform.Audit;

/// <summary>
/// Issue #2 §7: the audit log is append-only in the database itself, not only in the code. The initial
/// migration of each provider runs these statements (kept here so a regenerated migration keeps them).
/// On SQLite a trigger refuses UPDATE and DELETE; someone with the file can still drop it, which is why
/// every row is also hash-chained. On PostgreSQL a trigger refuses UPDATE, DELETE and TRUNCATE, and the
/// privileges are revoked from PUBLIC.
/// </summary>
public static class AuditSchema
{
    public static readonly string[] SqliteUp =
    [
        """
        CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON AuditRecords
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
        """,
        """
        CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON AuditRecords
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
        """,
    ];

    public static readonly string[] SqliteDown =
        ["DROP TRIGGER IF EXISTS audit_records_no_update;", "DROP TRIGGER IF EXISTS audit_records_no_delete;"];

    public static readonly string[] PostgresUp =
    [
        """
        CREATE OR REPLACE FUNCTION etown_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit records are append-only (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        """,
        """
        CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON "AuditRecords"
        FOR EACH ROW EXECUTE FUNCTION etown_audit_append_only();
        """,
        """
        CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON "AuditRecords"
        FOR EACH STATEMENT EXECUTE FUNCTION etown_audit_append_only();
        """,
        """REVOKE UPDATE, DELETE, TRUNCATE ON "AuditRecords" FROM PUBLIC;""",
    ];

    public static readonly string[] PostgresDown =
    [
        """DROP TRIGGER IF EXISTS audit_records_append_only ON "AuditRecords";""",
        """DROP TRIGGER IF EXISTS audit_records_no_truncate ON "AuditRecords";""",
        "DROP FUNCTION IF EXISTS etown_audit_append_only();",
    ];
}
