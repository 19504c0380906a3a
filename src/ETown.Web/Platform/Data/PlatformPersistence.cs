using ETown.Web.Platform.Audit;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Notifications;
using ETown.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data;

public abstract partial class EtownDbContext
{
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<LoginEvent> LoginEvents => Set<LoginEvent>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<AppSetting> Settings => Set<AppSetting>();
    /// <summary>Messages to an organisation: seen only by its own users (not by region scope).</summary>
    public DbSet<Notification> Notifications => Set<Notification>();
    /// <summary>What each user's work desk has shown them, for 已办 (seen only by that user).</summary>
    public DbSet<WorkDesk.WorkItemTrace> WorkItemTraces => Set<WorkDesk.WorkItemTrace>();
    /// <summary>The data-protection key ring shared by all instances (read only by system work).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}

sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(64);
        e.HasIndex(u => u.OrganisationId);
        e.HasOne<Features.Organisations.Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class AppRoleConfiguration : IEntityTypeConfiguration<AppRole>
{
    public void Configure(EntityTypeBuilder<AppRole> e) => e.Property(r => r.Description).HasMaxLength(200);
}

sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> e)
    {
        e.HasKey(d => d.Date);
        e.Property(d => d.Name).HasMaxLength(32);
        e.Property(d => d.Source).HasMaxLength(300);
    }
}

sealed class LoginEventConfiguration : IEntityTypeConfiguration<LoginEvent>
{
    public void Configure(EntityTypeBuilder<LoginEvent> e)
    {
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.Detail).HasMaxLength(200);
        e.Property(x => x.Ip).HasMaxLength(64);
        e.Property(x => x.UserAgent).HasMaxLength(300);
        e.HasIndex(x => x.TimeUtc);
    }
}

sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> e)
    {
        e.HasIndex(a => a.Sequence).IsUnique();
        e.HasIndex(a => new { a.EntityType, a.EntityId });
        e.Property(a => a.UserName).HasMaxLength(256);
        e.Property(a => a.Action).HasMaxLength(64);
        e.Property(a => a.EntityType).HasMaxLength(64);
        e.Property(a => a.EntityId).HasMaxLength(200); // composite keys (user+role, user token) exceed 64
        e.Property(a => a.Outcome).HasMaxLength(32);
        e.Property(a => a.Ip).HasMaxLength(64);
        e.Property(a => a.PreviousHash).HasMaxLength(64);
        e.Property(a => a.Hash).HasMaxLength(64);
        e.Property(a => a.KeyId).HasMaxLength(16);
    }
}

sealed class AppSettingConfiguration : IEntityTypeConfiguration<AppSetting>
{
    public void Configure(EntityTypeBuilder<AppSetting> e)
    {
        e.HasKey(s => s.Key);
        e.Property(s => s.Key).HasMaxLength(64);
        e.Property(s => s.Value).HasMaxLength(4000);
        e.Property(s => s.Description).HasMaxLength(200);
    }
}

sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>, IScopeRule<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Body).HasMaxLength(1000);
        e.Property(x => x.Link).HasMaxLength(300);
        e.Property(x => x.DedupKey).HasMaxLength(200);
        e.HasIndex(x => x.DedupKey).IsUnique();
        e.HasIndex(x => new { x.RecipientOrganisationId, x.ReadAt });
        e.HasOne<Features.Organisations.Organisation>().WithMany().HasForeignKey(x => x.RecipientOrganisationId).OnDelete(DeleteBehavior.Cascade);
    }

    // Only the recipient organisation's users (and system work) see a message, whatever their region scope.
    public void Scope(ScopeRule<Notification> rule) => rule.NotSeenByAll().Organisation(x => x.RecipientOrganisationId);
}
