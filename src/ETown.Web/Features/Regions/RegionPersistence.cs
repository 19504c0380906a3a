using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        public DbSet<Features.Regions.Region> Regions => Set<Features.Regions.Region>();
    }
}

namespace ETown.Web.Features.Regions
{
    sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
    {
        public void Configure(EntityTypeBuilder<Region> e)
        {
            e.HasKey(r => r.Code);
            e.Property(r => r.Code).HasMaxLength(6);
            e.Property(r => r.Name).HasMaxLength(32);
            e.Property(r => r.ParentCode).HasMaxLength(6);
            e.HasIndex(r => r.ParentCode);
        }
    }
}
