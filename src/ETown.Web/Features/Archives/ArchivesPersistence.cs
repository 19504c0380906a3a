using ETown.Web.Features.Archives;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        public DbSet<ArchiveChecklistItem> ArchiveChecklistItems => Set<ArchiveChecklistItem>();
        public DbSet<ArchiveDocument> ArchiveDocuments => Set<ArchiveDocument>();
        public DbSet<EtownSignage> EtownSignages => Set<EtownSignage>();
    }
}

namespace ETown.Web.Features.Archives
{
    sealed class ArchiveChecklistItemConfiguration : IEntityTypeConfiguration<ArchiveChecklistItem>
    {
        public void Configure(EntityTypeBuilder<ArchiveChecklistItem> e)
        {
            e.ToTable("ArchiveChecklistItems");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(40);
            e.Property(x => x.Title).HasMaxLength(100);
            e.Property(x => x.Clause).HasMaxLength(200);
            e.Property(x => x.UpdatedBy).HasMaxLength(100);
        }
    }

    sealed class ArchiveDocumentConfiguration : IEntityTypeConfiguration<ArchiveDocument>
    {
        public void Configure(EntityTypeBuilder<ArchiveDocument> e)
        {
            e.ToTable("ArchiveDocuments");
            e.HasIndex(x => new { x.EtownId, x.ItemKey });
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.ItemKey).HasMaxLength(40);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.Property(x => x.UploadedBy).HasMaxLength(100);
            e.HasOne<Etowns.Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ArchiveChecklistItem>().WithMany().HasForeignKey(x => x.ItemKey).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class EtownSignageConfiguration : IEntityTypeConfiguration<EtownSignage>
    {
        public void Configure(EntityTypeBuilder<EtownSignage> e)
        {
            e.ToTable("EtownSignages");
            e.HasIndex(x => x.EtownId);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Location).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(500);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.Property(x => x.RecordedBy).HasMaxLength(100);
            e.HasOne<Etowns.Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
