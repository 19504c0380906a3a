using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ETown.Web.Features.Declarations;
using ETown.Web.Features.Declarations.Eligibility;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Organisations;
using ETown.Web.Features.Plans;
using ETown.Web.Features.Regions;
using ETown.Web.Features.Standards;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform.Audit;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Notifications;
using ETown.Web.Platform.Settings;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ETown.Web.Platform.Data;

/// <summary>
/// The one model, shared by both providers. Provider subclasses exist only so each provider keeps
/// its own generated migrations (see docs/architecture.md). Two mechanisms live here because no
/// feature may forget them: the data-scope query filters and the hash-chained audit on save.
/// </summary>
public abstract class EtownDbContext(DbContextOptions options, Caller caller, TimeProvider clock)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    public Caller Caller { get; } = caller;

    public DbSet<Region> Regions => Set<Region>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<EtownAssignment> EtownAssignments => Set<EtownAssignment>();
    public DbSet<Etown> Etowns => Set<Etown>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<LoginEvent> LoginEvents => Set<LoginEvent>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<AppSetting> Settings => Set<AppSetting>();
    public DbSet<Declaration> Declarations => Set<Declaration>();
    public DbSet<DeclarationMaterial> DeclarationMaterials => Set<DeclarationMaterial>();
    public DbSet<DeclarationRound> DeclarationRounds => Set<DeclarationRound>();
    public DbSet<ExpertScore> ExpertScores => Set<ExpertScore>();
    public DbSet<Objection> Objections => Set<Objection>();
    /// <summary>Province-wide reference data (rules as versioned data): no scope filter; writes audited like all others.</summary>
    public DbSet<EligibilityRuleSet> EligibilityRuleSets => Set<EligibilityRuleSet>();
    public DbSet<CultivationPlan> CultivationPlans => Set<CultivationPlan>();
    public DbSet<PlanBudgetLine> PlanBudgetLines => Set<PlanBudgetLine>();
    /// <summary>Construction standard versions (province-wide reference data, no scope filter) and their items.</summary>
    public DbSet<StandardVersion> StandardVersions => Set<StandardVersion>();
    public DbSet<StandardItem> StandardItems => Set<StandardItem>();
    public DbSet<EtownFigure> EtownFigures => Set<EtownFigure>();
    public DbSet<EtownEvidence> EtownEvidence => Set<EtownEvidence>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    /// <summary>Statistics indicator catalogue and validation rules (province-wide reference data, no scope filter).</summary>
    public DbSet<Indicator> StatIndicators => Set<Indicator>();
    public DbSet<StatRule> StatRules => Set<StatRule>();
    public DbSet<StatReport> StatReports => Set<StatReport>();
    public DbSet<StatValue> StatValues => Set<StatValue>();
    public DbSet<Features.Statistics.Analytics.StatTarget> StatTargets => Set<Features.Statistics.Analytics.StatTarget>();
    public DbSet<Features.Statistics.Analytics.StatCityFigure> StatCityFigures => Set<Features.Statistics.Analytics.StatCityFigure>();
    public DbSet<StatDataSet> StatDataSets => Set<StatDataSet>();
    public DbSet<StatDataSetAssignment> StatDataSetAssignments => Set<StatDataSetAssignment>();
    public DbSet<StatValueChange> StatValueChanges => Set<StatValueChange>();
    /// <summary>Messages to an organisation: seen only by its own users (not by region scope).</summary>
    public DbSet<Notification> Notifications => Set<Notification>();

    // Flat members so EF parameterises them per context instance in the query filters.
    bool ScopeAll => Caller.Scope.All;
    string? ScopeRegionPrefix => Caller.Scope.RegionPrefix;
    /// <summary>The city part (4 digits) of a city or county scope: a county sees what its city publishes.</summary>
    string? ScopeCityPrefix => Caller.Scope.RegionPrefix is { Length: >= 4 } r ? r[..4] : null;
    Guid[] ScopeEtownIds => Caller.Scope.EtownIds;
    Guid? ScopeOrganisationId => Caller.Scope.OrganisationId;
    bool ScopePublishedOnly => Caller.Scope.PublishedOnly;
    Guid? ScopeUserId => Caller.Scope.UserId;
    bool ScopeIsSystem => Caller.Scope.IsSystem;

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        // Enums are stored as strings (architecture pattern 8): readable and safe to reorder.
        b.Properties<EtownStatus>().HaveConversion<string>().HaveMaxLength(32);
        b.Properties<OrganisationKind>().HaveConversion<string>().HaveMaxLength(32);
        b.Properties<AssignmentKind>().HaveConversion<string>().HaveMaxLength(32);
        b.Properties<RegionLevel>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<CountyClass>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<CalendarDayKind>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<DeclarationStatus>().HaveConversion<string>().HaveMaxLength(32);
        b.Properties<MaterialKind>().HaveConversion<string>().HaveMaxLength(32);
        b.Properties<PlanStatus>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<FundCategory>().HaveConversion<string>().HaveMaxLength(32);
        b.Properties<ItemAttribute>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<ItemKind>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<EvidenceStatus>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<StatPeriodType>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<StatAggregation>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<StatReportStatus>().HaveConversion<string>().HaveMaxLength(32);
        b.Properties<RuleImportance>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<decimal>().HavePrecision(18, 4);
        ConfigureProviderConventions(b);
    }

    /// <summary>Provider-specific conventions (SQLite cannot order DateTimeOffset, so it stores ticks).</summary>
    protected virtual void ConfigureProviderConventions(ModelConfigurationBuilder b) { }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(64);
            e.HasIndex(u => u.OrganisationId);
            e.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<AppRole>().Property(r => r.Description).HasMaxLength(200);

        b.Entity<Region>(e =>
        {
            e.HasKey(r => r.Code);
            e.Property(r => r.Code).HasMaxLength(6);
            e.Property(r => r.Name).HasMaxLength(32);
            e.Property(r => r.ParentCode).HasMaxLength(6);
            e.HasIndex(r => r.ParentCode);
        });

        b.Entity<CalendarDay>(e =>
        {
            e.HasKey(d => d.Date);
            e.Property(d => d.Name).HasMaxLength(32);
            e.Property(d => d.Source).HasMaxLength(300);
        });

        b.Entity<Organisation>(e =>
        {
            e.Property(o => o.Name).HasMaxLength(100);
            e.Property(o => o.RegionCode).HasMaxLength(6);
            e.Property(o => o.CreditCode).HasMaxLength(18);
            e.HasIndex(o => o.RegionCode);
            e.HasOne<Region>().WithMany().HasForeignKey(o => o.RegionCode).OnDelete(DeleteBehavior.Restrict);
            // A region-bound body sees organisations in its region; everyone sees its own.
            e.HasQueryFilter(o => ScopeAll
                || (ScopeRegionPrefix != null && o.RegionCode.StartsWith(ScopeRegionPrefix))
                || o.Id == ScopeOrganisationId);
        });

        b.Entity<Etown>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.BoundaryText).HasMaxLength(1000);
            e.Property(x => x.LeadingIndustries).HasMaxLength(300);
            e.Property(x => x.FeaturedProducts).HasMaxLength(300);
            e.Property(x => x.Address).HasMaxLength(200);
            e.Property(x => x.Status);
            e.HasIndex(x => x.CountyCode);
            e.HasIndex(x => x.Name);
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.CountyCode).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => ScopeAll
                || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix))
                || ScopeEtownIds.Contains(x.Id)
                || (ScopePublishedOnly && x.IsPublished));
        });

        b.Entity<EtownAssignment>(e =>
        {
            e.HasIndex(a => new { a.OrganisationId, a.EtownId, a.Kind }).IsUnique();
            e.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Etown>().WithMany().HasForeignKey(a => a.EtownId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(a => ScopeAll || a.OrganisationId == ScopeOrganisationId || ScopeEtownIds.Contains(a.EtownId)
                || (ScopeRegionPrefix != null && Etowns.Any(t => t.Id == a.EtownId)));
        });

        b.Entity<ApiKey>(e =>
        {
            e.Property(k => k.Name).HasMaxLength(64);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.SecretHash).HasMaxLength(64);
            e.HasIndex(k => k.Prefix).IsUnique();
            e.HasOne<Organisation>().WithMany().HasForeignKey(k => k.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(k => ScopeAll || k.OrganisationId == ScopeOrganisationId);
        });

        b.Entity<LoginEvent>(e =>
        {
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Detail).HasMaxLength(200);
            e.Property(x => x.Ip).HasMaxLength(64);
            e.Property(x => x.UserAgent).HasMaxLength(300);
            e.HasIndex(x => x.TimeUtc);
        });

        b.Entity<AuditRecord>(e =>
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
        });

        ConfigureDeclarations(b);
        ConfigurePlans(b);
        ConfigureStandards(b);
        ConfigureStatistics(b);
        ConfigureStatisticsWorkflow(b);
        b.Entity<EligibilityRuleSet>(e =>
        {
            e.Property(s => s.Code).HasMaxLength(32);
            e.HasIndex(s => s.Code).IsUnique();
            e.Property(s => s.Name).HasMaxLength(100);
            e.Property(s => s.CityCode).HasMaxLength(6);
            e.HasOne<EligibilityRuleSet>().WithMany().HasForeignKey(s => s.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Region>().WithMany().HasForeignKey(s => s.CityCode).OnDelete(DeleteBehavior.Restrict);
            // One JSON document per version (see EligibilityRuleSet remarks); compared by content for change tracking.
            e.Property(s => s.Thresholds).HasConversion(
                v => JsonSerializer.Serialize(v, RuleSetJson),
                v => JsonSerializer.Deserialize<EligibilityThresholds>(v, RuleSetJson)!,
                new ValueComparer<EligibilityThresholds>(
                    (a, c) => JsonSerializer.Serialize(a, RuleSetJson) == JsonSerializer.Serialize(c, RuleSetJson),
                    v => JsonSerializer.Serialize(v, RuleSetJson).GetHashCode(StringComparison.Ordinal),
                    v => v));
        });

        b.Entity<AppSetting>(e =>
        {
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(64);
            e.Property(s => s.Value).HasMaxLength(4000);
            e.Property(s => s.Description).HasMaxLength(200);
        });
    }

    void ConfigureDeclarations(ModelBuilder b)
    {
        b.Entity<Declaration>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.ProjectName).HasMaxLength(100);
            e.Property(x => x.Status);
            e.Property(x => x.FormJson);
            e.Ignore(x => x.Form);
            e.Property(x => x.CityOpinion).HasMaxLength(1000);
            e.Property(x => x.ReturnReason).HasMaxLength(1000);
            e.Property(x => x.DecisionNote).HasMaxLength(1000);
            e.Property(x => x.SubmittedAt);
            e.Property(x => x.EtownId);
            e.HasIndex(x => new { x.Year, x.CountyCode });
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.CountyCode).OnDelete(DeleteBehavior.Restrict);
            // DECL-07 scope: region-bound bodies see their counties' declarations, experts the ones assigned
            // to them; a draft is seen only by its own county (a city sees nothing until it is submitted).
            e.HasQueryFilter(x =>
                (x.Status != DeclarationStatus.Draft || ScopeIsSystem || x.CountyCode == ScopeRegionPrefix)
                && (ScopeAll
                    || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix))
                    || (ScopeUserId != null && ExpertScores.Any(s => s.DeclarationId == x.Id && s.ExpertUserId == ScopeUserId))));
        });
        b.Entity<DeclarationMaterial>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.HasIndex(x => x.DeclarationId);
            e.HasOne<Declaration>().WithMany().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => ScopeAll
                || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix))
                || (ScopeUserId != null && ExpertScores.Any(s => s.DeclarationId == x.DeclarationId && s.ExpertUserId == ScopeUserId)));
        });
        b.Entity<DeclarationRound>(e =>
        {
            e.HasKey(x => x.Year);
            e.Ignore(x => x.ScoringSheet);
            e.Property(x => x.Year).ValueGeneratedNever();
        });
        b.Entity<ExpertScore>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Comment).HasMaxLength(1000);
            e.HasIndex(x => new { x.DeclarationId, x.ExpertUserId }).IsUnique();
            e.HasOne<Declaration>().WithMany().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => ScopeAll || x.ExpertUserId == ScopeUserId
                || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix)));
        });
        b.Entity<Objection>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.Submitter).HasMaxLength(200);
            e.Property(x => x.Resolution).HasMaxLength(1000);
            e.HasOne<Declaration>().WithMany().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => ScopeAll || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix)));
        });
    }

    /// <summary>PLAN-01/04: one plan per e-town; scope by the e-town's county code, like the e-town itself.</summary>
    void ConfigurePlans(ModelBuilder b)
    {
        b.Entity<CultivationPlan>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.StandardVersion).HasMaxLength(32);
            e.Property(x => x.ContentJson);
            e.Ignore(x => x.Content);
            e.Ignore(x => x.IsEditable);
            e.Property(x => x.Status);
            e.Property(x => x.FiledAt);
            e.Property(x => x.FiledBy).HasMaxLength(256);
            e.Property(x => x.ReopenedAt);
            e.Property(x => x.ReopenReason).HasMaxLength(1000);
            e.HasIndex(x => x.EtownId).IsUnique();
            e.HasIndex(x => x.CountyCode);
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => ScopeAll
                || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix))
                || ScopeEtownIds.Contains(x.EtownId));
        });
        b.Entity<PlanBudgetLine>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Content).HasMaxLength(1000);
            e.Property(x => x.Category);
            e.HasIndex(x => new { x.PlanId, x.SortOrder });
            e.HasOne<CultivationPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => ScopeAll
                || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix))
                || CultivationPlans.Any(p => p.Id == x.PlanId && ScopeEtownIds.Contains(p.EtownId)));
        });
    }

    void ConfigureStandards(ModelBuilder b)
    {
        b.Entity<StandardVersion>(e =>
        {
            e.Property(v => v.Code).HasMaxLength(32);
            e.HasIndex(v => v.Code).IsUnique();
            e.Property(v => v.Name).HasMaxLength(100);
            e.Property(v => v.RegionCode).HasMaxLength(6);
            e.HasOne<StandardVersion>().WithMany().HasForeignKey(v => v.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Region>().WithMany().HasForeignKey(v => v.RegionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(v => v.Items).WithOne().HasForeignKey(i => i.VersionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<StandardItem>(e =>
        {
            e.HasIndex(i => new { i.VersionId, i.Number }).IsUnique();
            e.Property(i => i.Group).HasMaxLength(64);
            e.Property(i => i.Content).HasMaxLength(1000);
            e.Property(i => i.StandardText).HasMaxLength(2000);
            // The decision rule as one JSON document (like the eligibility thresholds): read and replaced as a whole.
            e.Property(i => i.Spec).HasConversion(
                v => JsonSerializer.Serialize(v, RuleSetJson),
                v => JsonSerializer.Deserialize<ItemSpec>(v, RuleSetJson)!,
                new ValueComparer<ItemSpec>(
                    (a, c) => JsonSerializer.Serialize(a, RuleSetJson) == JsonSerializer.Serialize(c, RuleSetJson),
                    v => JsonSerializer.Serialize(v, RuleSetJson).GetHashCode(StringComparison.Ordinal),
                    v => v));
        });
        // Figures, evidence and files carry the e-town's county code: region scope without a join; operators
        // (and other assignment-scoped bodies) through their e-town assignments.
        b.Entity<EtownFigure>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Indicator).HasMaxLength(64);
            e.Property(x => x.Source).HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(200);
            e.HasIndex(x => new { x.EtownId, x.Indicator, x.Year }).IsUnique();
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => ScopeAll || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix)) || ScopeEtownIds.Contains(x.EtownId));
        });
        b.Entity<EtownEvidence>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.SubmittedByName).HasMaxLength(64);
            e.Property(x => x.ReviewedByName).HasMaxLength(64);
            e.Property(x => x.RejectReason).HasMaxLength(1000);
            e.Property(x => x.Status);
            e.Property(x => x.ReviewedAt);
            e.Property(x => x.ReviewedBy);
            e.HasIndex(x => new { x.EtownId, x.ItemNumber });
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Facts).HasConversion(
                v => JsonSerializer.Serialize(v, RuleSetJson),
                v => JsonSerializer.Deserialize<Dictionary<string, decimal>>(v, RuleSetJson) ?? new Dictionary<string, decimal>(),
                new ValueComparer<Dictionary<string, decimal>>(
                    (a, c) => JsonSerializer.Serialize(a, RuleSetJson) == JsonSerializer.Serialize(c, RuleSetJson),
                    v => JsonSerializer.Serialize(v, RuleSetJson).GetHashCode(StringComparison.Ordinal),
                    v => new Dictionary<string, decimal>(v)));
            e.HasQueryFilter(x => ScopeAll || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix)) || ScopeEtownIds.Contains(x.EtownId));
        });
        b.Entity<EvidenceFile>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.HasIndex(x => x.EvidenceId);
            e.HasOne<EtownEvidence>().WithMany().HasForeignKey(x => x.EvidenceId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => ScopeAll || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix)) || ScopeEtownIds.Contains(x.EtownId));
        });
    }

    /// <summary>STAT-01…05: reports and values carry the e-town's county code (region scope) and e-town id (operators).</summary>
    void ConfigureStatistics(ModelBuilder b)
    {
        b.Entity<Indicator>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Unit).HasMaxLength(16);
            e.Property(x => x.SourceRule).HasMaxLength(300);
        });
        b.Entity<StatRule>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Left).HasMaxLength(64);
            e.Property(x => x.Operator).HasMaxLength(4);
            e.Property(x => x.Right).HasMaxLength(64);
            e.Property(x => x.Message).HasMaxLength(300);
        });
        b.Entity<StatReport>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Period).HasMaxLength(7);
            e.Property(x => x.Status);
            e.Property(x => x.SubmittedAt);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.ApprovedAt);
            e.Property(x => x.ApprovedBy).HasMaxLength(256);
            e.Property(x => x.CityAcceptedAt);
            e.Property(x => x.ProvinceAcceptedAt);
            e.Property(x => x.UnlockedAt);
            e.Property(x => x.UnlockReason).HasMaxLength(1000);
            e.Ignore(x => x.IsLocked);
            e.Ignore(x => x.OnTime);
            e.HasIndex(x => new { x.EtownId, x.Period }).IsUnique();
            e.HasIndex(x => new { x.Period, x.CountyCode });
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => ScopeAll || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix)) || ScopeEtownIds.Contains(x.EtownId));
        });
        b.Entity<StatValue>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.IndicatorCode).HasMaxLength(64);
            e.Property(x => x.Comment).HasMaxLength(500);
            e.HasIndex(x => new { x.ReportId, x.IndicatorCode }).IsUnique();
            e.HasIndex(x => x.EtownId);
            e.HasOne<StatReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorCode).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => ScopeAll || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix)) || ScopeEtownIds.Contains(x.EtownId));
        });
        // Entered targets follow the e-town's scope; a city's official growth is visible within that city (its counties included).
        b.Entity<Features.Statistics.Analytics.StatTarget>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.IndicatorCode).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(200);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.EtownId, x.Year, x.IndicatorCode }).IsUnique();
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorCode).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => ScopeAll || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix)) || ScopeEtownIds.Contains(x.EtownId));
        });
        b.Entity<Features.Statistics.Analytics.StatCityFigure>(e =>
        {
            e.Property(x => x.CityCode).HasMaxLength(6);
            e.Property(x => x.Period).HasMaxLength(7);
            e.Property(x => x.IndicatorCode).HasMaxLength(64);
            e.Property(x => x.Source).HasMaxLength(200);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.CityCode, x.Period, x.IndicatorCode }).IsUnique();
            e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorCode).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => ScopeAll || (ScopeCityPrefix != null && x.CityCode.StartsWith(ScopeCityPrefix)));
        });
    }

    /// <summary>Data sets and assignments (STAT-02), value changes since approval (STAT-05), notifications.</summary>
    void ConfigureStatisticsWorkflow(ModelBuilder b)
    {
        b.Entity<StatDataSet>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(100);
        });
        b.Entity<StatDataSetAssignment>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.DataSetCode).HasMaxLength(32);
            e.HasIndex(x => new { x.EtownId, x.DataSetCode }).IsUnique();
            e.HasIndex(x => x.DataSetCode);
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<StatDataSet>().WithMany().HasForeignKey(x => x.DataSetCode).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => ScopeAll || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix)) || ScopeEtownIds.Contains(x.EtownId));
        });
        b.Entity<StatReport>(e =>
        {
            e.Property(x => x.DataSetCode).HasMaxLength(32);
            e.Property(x => x.UnlockedBy).HasMaxLength(256);
            e.Property(x => x.UnlockedFrom).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.ApprovalCount);
        });
        b.Entity<StatValueChange>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.IndicatorCode).HasMaxLength(64);
            e.Property(x => x.OldComment).HasMaxLength(500);
            e.Property(x => x.NewComment).HasMaxLength(500);
            e.Property(x => x.ChangedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.ReportId, x.Round });
            e.HasOne<StatReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => ScopeAll || (ScopeRegionPrefix != null && x.CountyCode.StartsWith(ScopeRegionPrefix)) || ScopeEtownIds.Contains(x.EtownId));
        });
        b.Entity<Notification>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Body).HasMaxLength(1000);
            e.Property(x => x.Link).HasMaxLength(300);
            e.Property(x => x.DedupKey).HasMaxLength(200);
            e.HasIndex(x => x.DedupKey).IsUnique();
            e.HasIndex(x => new { x.RecipientOrganisationId, x.ReadAt });
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.RecipientOrganisationId).OnDelete(DeleteBehavior.Cascade);
            // Only the recipient organisation's users (and system work) see a message, whatever their region scope.
            e.HasQueryFilter(x => ScopeIsSystem || x.RecipientOrganisationId == ScopeOrganisationId);
        });
    }

    // ---------------------------------------------------------------- audit on save

    readonly List<AuditRecord> _pendingEvents = [];

    /// <summary>Queue a security or business event (sign-in, unmasking …) to be chained on the next save.</summary>
    public void AddAuditEvent(string action, string entityType, string? entityId, string outcome,
        object? before = null, object? after = null, Guid? actorId = null, string? actorName = null)
    {
        _pendingEvents.Add(new AuditRecord
        {
            UserId = actorId, UserName = actorName,
            Action = action, EntityType = entityType, EntityId = entityId, Outcome = outcome,
            Before = before is null ? null : JsonSerializer.Serialize(before, AuditJson),
            After = after is null ? null : JsonSerializer.Serialize(after, AuditJson),
            PreviousHash = "", Hash = "",
        });
    }

    static readonly JsonSerializerOptions RuleSetJson = new(JsonSerializerDefaults.Web);

    internal static readonly JsonSerializerOptions AuditJson = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    static readonly HashSet<string> Secret = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "SecretHash"];
    static readonly HashSet<Type> Unaudited = [typeof(AuditRecord), typeof(LoginEvent)];

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Every create/update/delete is saved together with its audit records in one transaction
    /// (issue #2 §7). The domain rows are written first so generated keys are known; then the
    /// chain head is read under a lock and the records appended.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var entries = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                        && !Unaudited.Contains(e.Entity.GetType()))
            .ToList();
        if (entries.Count == 0 && _pendingEvents.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);

        foreach (var e in entries) Stamp(e, now);
        var changes = entries.Select(e => (Entry: e, Action: e.State switch
        {
            EntityState.Added => "Create",
            EntityState.Modified => "Update",
            _ => "Delete",
        }, Before: e.State == EntityState.Added ? null : Snapshot(e, original: true),
           After: e.State == EntityState.Deleted ? null : Snapshot(e, original: false))).ToList();

        var ownTx = Database.CurrentTransaction is null;
        await using var tx = ownTx ? await Database.BeginTransactionAsync(ct) : null;
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);

        var records = changes.Select(c => new AuditRecord
        {
            Action = c.Action, EntityType = c.Entry.Metadata.ClrType.Name,
            EntityId = KeyOf(c.Entry), Before = c.Before, After = c.After, Outcome = "Success",
            PreviousHash = "", Hash = "",
        }).Concat(_pendingEvents).ToList();
        _pendingEvents.Clear();

        await LockAuditChainAsync(ct);
        var head = await AuditRecords.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        var seq = head?.Sequence ?? 0;
        var prev = head?.Hash ?? AuditChain.Genesis;
        var time = AuditChain.Truncate(now);
        foreach (var r in records)
        {
            r.Sequence = ++seq;
            r.TimeUtc = time;
            if (r.UserName is null)
            {
                r.UserId = Caller.UserId;
                r.UserName = Caller.UserName ?? "anonymous";
                r.OrganisationId = Caller.OrganisationId;
            }
            r.Ip ??= Caller.Ip;
            r.PreviousHash = prev;
            r.Hash = prev = AuditChain.ComputeHash(r);
            AuditRecords.Add(r);
        }
        await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return count;
    }

    /// <summary>Serialises appends to the chain; SQLite already holds the write lock here.</summary>
    protected virtual Task LockAuditChainAsync(CancellationToken ct) => Task.CompletedTask;

    static void Stamp(EntityEntry e, DateTimeOffset now)
    {
        if (e.Entity is Etown t)
        {
            if (e.State == EntityState.Added) t.CreatedAt = now;
            t.UpdatedAt = now;
        }
        if (e.Entity is Declaration d)
        {
            if (e.State == EntityState.Added) d.CreatedAt = now;
            d.UpdatedAt = now;
        }
    }

    static string? KeyOf(EntityEntry e)
    {
        var key = e.Metadata.FindPrimaryKey();
        if (key is null) return null;
        return string.Join(",", key.Properties.Select(p => Convert.ToString(e.Property(p.Name).CurrentValue,
            System.Globalization.CultureInfo.InvariantCulture)));
    }

    static string Snapshot(EntityEntry e, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.Properties)
        {
            // For updates keep only what changed, so the record shows the change, not the row.
            if (e.State == EntityState.Modified && !p.IsModified && !p.Metadata.IsPrimaryKey()) continue;
            var v = original ? p.OriginalValue : p.CurrentValue;
            var secret = Secret.Contains(p.Metadata.Name)
                || (p.Metadata.Name == "Value" && e.Metadata.ClrType.Name.StartsWith("IdentityUserToken", StringComparison.Ordinal));
            values[p.Metadata.Name] = secret && v is not null ? "***" : v;
        }
        return JsonSerializer.Serialize(values, AuditJson);
    }
}

/// <summary>Hash chain arithmetic, shared by append and verification.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Truncate so the hashed time survives the round trip on both providers: PostgreSQL keeps
    /// microseconds, SQLite's DateTimeOffsetToBinaryConverter only 0.1 ms (1000 ticks).
    /// </summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % 1000, TimeSpan.Zero);

    public static string ComputeHash(AuditRecord r)
    {
        var canonical = string.Join('\u001f',
            r.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (r.TimeUtc.UtcTicks / 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.UserId?.ToString() ?? "", r.UserName ?? "", r.OrganisationId?.ToString() ?? "",
            r.Action, r.EntityType, r.EntityId ?? "", r.Before ?? "", r.After ?? "", r.Outcome, r.Ip ?? "",
            r.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

public sealed class SqliteEtownDbContext(DbContextOptions options, Caller caller, TimeProvider clock)
    : EtownDbContext(options, caller, clock)
{
    protected override void ConfigureProviderConventions(ModelConfigurationBuilder b)
    {
        // SQLite has no native DateTimeOffset: store ticks so ordering and comparison work in SQL.
        b.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        b.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresEtownDbContext(DbContextOptions options, Caller caller, TimeProvider clock)
    : EtownDbContext(options, caller, clock)
{
    protected override Task LockAuditChainAsync(CancellationToken ct) =>
        Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(20220510)", ct);
}
