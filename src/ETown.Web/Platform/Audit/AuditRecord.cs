using ETown.Web.Platform.Data;
namespace ETown.Web.Platform.Audit;

/// <summary>
/// One link of the tamper-evident audit chain (issue #2 §7). <see cref="Hash"/> covers every
/// field and <see cref="PreviousHash"/>, so editing, deleting or reordering rows breaks the chain.
/// </summary>
public class AuditRecord : IProvinceWide
{
    public long Id { get; set; }
    /// <summary>Gap-free position in the chain, 1-based.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset TimeUtc { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public Guid? OrganisationId { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public required string Outcome { get; set; }
    public string? Ip { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
    /// <summary>Key of the HMAC that made <see cref="Hash"/> (issue #17 finding 9); null = a plain SHA-256 record from before keying.</summary>
    public string? KeyId { get; set; }
}
