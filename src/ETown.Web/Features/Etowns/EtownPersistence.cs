using ETown.Web.Features.Regions;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        public DbSet<Features.Etowns.Etown> Etowns => Set<Features.Etowns.Etown>();
    }
}

namespace ETown.Web.Features.Etowns
{
    sealed class EtownConfiguration : IEntityTypeConfiguration<Etown>, IScopeRule<Etown>
    {
        public void Configure(EntityTypeBuilder<Etown> e)
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
        }

        // The e-town is its own e-town: region, assignment (by its id) and the public once published.
        public void Scope(ScopeRule<Etown> rule) => rule.Region(x => x.CountyCode).Etown(x => x.Id).Published(x => x.IsPublished);
    }
}
