using ETown.Web.Features.Declarations.Eligibility;
using ETown.Web.Features.Regions;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        public DbSet<Features.Declarations.Declaration> Declarations => Set<Features.Declarations.Declaration>();
        public DbSet<Features.Declarations.DeclarationMaterial> DeclarationMaterials => Set<Features.Declarations.DeclarationMaterial>();
        public DbSet<Features.Declarations.DeclarationRound> DeclarationRounds => Set<Features.Declarations.DeclarationRound>();
        public DbSet<Features.Declarations.DeclarationCityDeadline> DeclarationCityDeadlines => Set<Features.Declarations.DeclarationCityDeadline>();
        public DbSet<Features.Declarations.ExpertScore> ExpertScores => Set<Features.Declarations.ExpertScore>();
        public DbSet<Features.Declarations.Objection> Objections => Set<Features.Declarations.Objection>();
        /// <summary>Province-wide reference data (rules as versioned data): no scope filter; writes audited like all others.</summary>
        public DbSet<EligibilityRuleSet> EligibilityRuleSets => Set<EligibilityRuleSet>();
    }
}

namespace ETown.Web.Features.Declarations
{
    sealed class DeclarationConfiguration : IEntityTypeConfiguration<Declaration>, IScopeRule<Declaration>
    {
        public void Configure(EntityTypeBuilder<Declaration> e)
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
        }

        // DECL-07 scope: region-bound bodies see their counties' declarations, experts the ones assigned
        // to them; a draft is seen only by its own county (a city sees nothing until it is submitted).
        public void Scope(ScopeRule<Declaration> rule) => rule.Region(x => x.CountyCode)
            .Or((db, x) => db.ScopeUserId != null && db.ExpertScores.Any(s => s.DeclarationId == x.Id && s.ExpertUserId == db.ScopeUserId))
            .AndAlso((db, x) => x.Status != DeclarationStatus.Draft || db.ScopeIsSystem || x.CountyCode == db.ScopeRegionPrefix);
    }

    sealed class DeclarationMaterialConfiguration : IEntityTypeConfiguration<DeclarationMaterial>, IScopeRule<DeclarationMaterial>
    {
        public void Configure(EntityTypeBuilder<DeclarationMaterial> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.HasIndex(x => x.DeclarationId);
            e.HasOne<Declaration>().WithMany().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Cascade);
        }

        public void Scope(ScopeRule<DeclarationMaterial> rule) => rule.Region(x => x.CountyCode)
            .Or((db, x) => db.ScopeUserId != null && db.ExpertScores.Any(s => s.DeclarationId == x.DeclarationId && s.ExpertUserId == db.ScopeUserId));
    }

    sealed class DeclarationRoundConfiguration : IEntityTypeConfiguration<DeclarationRound>
    {
        public void Configure(EntityTypeBuilder<DeclarationRound> e)
        {
            e.HasKey(x => x.Year);
            e.Ignore(x => x.ScoringSheet);
            e.Property(x => x.Year).ValueGeneratedNever();
        }
    }

    sealed class DeclarationCityDeadlineConfiguration : IEntityTypeConfiguration<DeclarationCityDeadline>
    {
        public void Configure(EntityTypeBuilder<DeclarationCityDeadline> e)
        {
            e.Property(x => x.CityCode).HasMaxLength(6);
            e.HasIndex(x => new { x.Year, x.CityCode }).IsUnique();
        }
    }

    sealed class ExpertScoreConfiguration : IEntityTypeConfiguration<ExpertScore>, IScopeRule<ExpertScore>
    {
        public void Configure(EntityTypeBuilder<ExpertScore> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Comment).HasMaxLength(1000);
            e.HasIndex(x => new { x.DeclarationId, x.ExpertUserId }).IsUnique();
            e.HasOne<Declaration>().WithMany().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Cascade);
        }

        // An expert sees the scores assigned to them.
        public void Scope(ScopeRule<ExpertScore> rule) => rule.Region(x => x.CountyCode).Or((db, x) => x.ExpertUserId == db.ScopeUserId);
    }

    sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
    {
        public void Configure(EntityTypeBuilder<Objection> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.Submitter).HasMaxLength(200);
            e.Property(x => x.Resolution).HasMaxLength(1000);
            e.HasOne<Declaration>().WithMany().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class EligibilityRuleSetConfiguration : IEntityTypeConfiguration<EligibilityRuleSet>
    {
        public void Configure(EntityTypeBuilder<EligibilityRuleSet> e)
        {
            e.Property(s => s.Code).HasMaxLength(32);
            e.HasIndex(s => s.Code).IsUnique();
            e.Property(s => s.Name).HasMaxLength(100);
            e.Property(s => s.CityCode).HasMaxLength(6);
            e.HasOne<EligibilityRuleSet>().WithMany().HasForeignKey(s => s.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Region>().WithMany().HasForeignKey(s => s.CityCode).OnDelete(DeleteBehavior.Restrict);
            // One JSON document per version (see EligibilityRuleSet remarks).
            e.Property(s => s.Thresholds).HasJsonConversion();
        }
    }
}
