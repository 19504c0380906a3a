using System.Security.Cryptography;
using System.Text;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.WorkDesk;

/// <summary>
/// What a user's desk has shown them (#15 item 1, 已办). The modules only say what is open now; the desk remembers each item
/// the first time it shows it and stamps <see cref="DoneAt"/> when the item is no longer open — the action was taken
/// (by this user or a colleague of the same office), so it moves from 待办 to 已办. One row per user and item: written
/// when an item appears or closes, not on every look at the desk, and audited like every write.
/// </summary>
public class WorkItemTrace
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UserId { get; set; }
    /// <summary>SHA-256 (hex) of module, link and text: the same item keeps its key while it stays open.</summary>
    public required string Key { get; set; }
    public required string Module { get; set; }
    public required string What { get; set; }
    public Guid? EtownId { get; set; }
    public string? EtownName { get; set; }
    public DateOnly? DueOn { get; set; }
    public required string Link { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    public static string KeyOf(WorkItem i) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(i.Module + "\n" + i.Link + "\n" + i.What)));
}

/// <summary>An item that left the desk: when it was first shown and when it was found done.</summary>
public sealed record DoneWorkItem(string Module, string What, Guid? EtownId, string? EtownName, DateOnly? DueOn, string Link,
    DateTimeOffset FirstSeenAt, DateTimeOffset DoneAt);

sealed class WorkItemTraceConfiguration : IEntityTypeConfiguration<WorkItemTrace>, IScopeRule<WorkItemTrace>
{
    public void Configure(EntityTypeBuilder<WorkItemTrace> e)
    {
        e.Property(x => x.Key).HasMaxLength(64);
        e.Property(x => x.Module).HasMaxLength(40);
        e.Property(x => x.What).HasMaxLength(300);
        e.Property(x => x.EtownName).HasMaxLength(200);
        e.Property(x => x.Link).HasMaxLength(300);
        e.HasIndex(x => new { x.UserId, x.Key }).IsUnique();
        e.HasIndex(x => new { x.UserId, x.DoneAt });
        e.HasOne<Auth.AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    // A user's own desk history: nobody else sees it, not even the province; system work does.
    public void Scope(ScopeRule<WorkItemTrace> rule) => rule.NotSeenByAll().Or((db, x) => x.UserId == db.ScopeUserId);
}
