using ETown.Web.Features.Etowns;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        public DbSet<Features.Plans.CultivationPlan> CultivationPlans => Set<Features.Plans.CultivationPlan>();
        public DbSet<Features.Plans.PlanBudgetLine> PlanBudgetLines => Set<Features.Plans.PlanBudgetLine>();
    }
}

namespace ETown.Web.Features.Plans
{
    /// <summary>PLAN-01/04: one plan per e-town; scope by the e-town's county code, like the e-town itself.</summary>
    sealed class CultivationPlanConfiguration : IEntityTypeConfiguration<CultivationPlan>
    {
        public void Configure(EntityTypeBuilder<CultivationPlan> e)
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
            e.Property(x => x.BandJustification).HasMaxLength(2000);
            e.Property(x => x.BandJustificationStatus).HasMaxLength(16);
            e.Property(x => x.BandJustificationDecidedBy).HasMaxLength(256);
            e.Property(x => x.BandJustificationNote).HasMaxLength(1000);
            e.Ignore(x => x.BandJustificationApproved);
            e.HasIndex(x => x.EtownId).IsUnique();
            e.HasIndex(x => x.CountyCode);
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class PlanBudgetLineConfiguration : IEntityTypeConfiguration<PlanBudgetLine>, IScopeRule<PlanBudgetLine>
    {
        public void Configure(EntityTypeBuilder<PlanBudgetLine> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Content).HasMaxLength(1000);
            e.Property(x => x.Category);
            e.HasIndex(x => new { x.PlanId, x.SortOrder });
            e.HasOne<CultivationPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        }

        // A budget line belongs to its plan's e-town.
        public void Scope(ScopeRule<PlanBudgetLine> rule) => rule.Region(x => x.CountyCode)
            .Or((db, x) => db.CultivationPlans.Any(p => p.Id == x.PlanId && db.ScopeEtownIds.Contains(p.EtownId)));
    }
}
