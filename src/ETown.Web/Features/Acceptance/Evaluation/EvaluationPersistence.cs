using ETown.Web.Features.Acceptance.Evaluation;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        /// <summary>Province-wide versioned rule data (EVAL-01 indicator sheets).</summary>
        public DbSet<EvaluationSheet> EvaluationSheets => Set<EvaluationSheet>();
        public DbSet<EtownEvaluation> EtownEvaluations => Set<EtownEvaluation>();
        public DbSet<EvaluationExpertScore> EvaluationExpertScores => Set<EvaluationExpertScore>();
        public DbSet<EvaluationFinding> EvaluationFindings => Set<EvaluationFinding>();
        public DbSet<ThirdPartyInspection> ThirdPartyInspections => Set<ThirdPartyInspection>();
    }
}

namespace ETown.Web.Features.Acceptance.Evaluation
{
    sealed class EvaluationSheetConfiguration : IEntityTypeConfiguration<EvaluationSheet>
    {
        public void Configure(EntityTypeBuilder<EvaluationSheet> e)
        {
            e.ToTable("EvaluationSheets");
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.Indicators).HasJsonConversion(l => [.. l]);
        }
    }

    // The county's region and the e-town's assigned organisations see an evaluation; an expert sees those assigned to them.
    sealed class EtownEvaluationConfiguration : IEntityTypeConfiguration<EtownEvaluation>, IScopeRule<EtownEvaluation>
    {
        public void Configure(EntityTypeBuilder<EtownEvaluation> e)
        {
            e.ToTable("EtownEvaluations");
            e.HasIndex(x => new { x.EtownId, x.Year, x.Stage }).IsUnique();
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.EtownName).HasMaxLength(100);
            e.Property(x => x.SheetCode).HasMaxLength(32);
            e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Indicators).HasJsonConversion(l => [.. l]);
            e.Property(x => x.Values).HasJsonConversion(l => [.. l]);
            e.Property(x => x.SatisfactionPercent).HasPrecision(5, 2);
            e.Property(x => x.Total).HasPrecision(6, 2);
            e.Property(x => x.TieNote).HasMaxLength(200);
            e.Property(x => x.FinalisedByName).HasMaxLength(100);
        }

        public void Scope(ScopeRule<EtownEvaluation> rule) => rule.Region(x => x.CountyCode).Etown(x => x.EtownId)
            .Or((db, x) => db.ScopeUserId != null && db.EvaluationExpertScores.Any(s => s.EvaluationId == x.Id && s.ExpertUserId == db.ScopeUserId));
    }

    sealed class EvaluationExpertScoreConfiguration : IEntityTypeConfiguration<EvaluationExpertScore>, IScopeRule<EvaluationExpertScore>
    {
        public void Configure(EntityTypeBuilder<EvaluationExpertScore> e)
        {
            e.ToTable("EvaluationExpertScores");
            e.HasIndex(x => new { x.EvaluationId, x.ExpertUserId }).IsUnique();
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.ExpertName).HasMaxLength(100);
            e.Property(x => x.Scores).HasJsonConversion(d => new Dictionary<string, decimal>(d));
            e.Property(x => x.Total).HasPrecision(6, 2);
            e.Property(x => x.Comment).HasMaxLength(1000);
            e.HasOne<EtownEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        }

        public void Scope(ScopeRule<EvaluationExpertScore> rule) => rule.Region(x => x.CountyCode).Or((db, x) => x.ExpertUserId == db.ScopeUserId);
    }

    sealed class EvaluationFindingConfiguration : IEntityTypeConfiguration<EvaluationFinding>, IScopeRule<EvaluationFinding>
    {
        public void Configure(EntityTypeBuilder<EvaluationFinding> e)
        {
            e.ToTable("EvaluationFindings");
            e.HasIndex(x => x.EtownId);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Source).HasConversion<string>().HasMaxLength(12);
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.Answer).HasMaxLength(2000);
        }

        public void Scope(ScopeRule<EvaluationFinding> rule) => rule.Region(x => x.CountyCode).Etown(x => x.EtownId);
    }

    sealed class ThirdPartyInspectionConfiguration : IEntityTypeConfiguration<ThirdPartyInspection>, IScopeRule<ThirdPartyInspection>
    {
        public void Configure(EntityTypeBuilder<ThirdPartyInspection> e)
        {
            e.ToTable("ThirdPartyInspections");
            e.HasIndex(x => new { x.EtownId, x.Year });
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.OrganisationName).HasMaxLength(200);
            e.Property(x => x.Conclusion).HasMaxLength(2000);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.Property(x => x.UploadedByName).HasMaxLength(100);
        }

        public void Scope(ScopeRule<ThirdPartyInspection> rule) => rule.Region(x => x.CountyCode).Etown(x => x.EtownId);
    }
}
