using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        /// <summary>Construction standard versions (province-wide reference data, no scope filter) and their items.</summary>
        public DbSet<Features.Standards.StandardVersion> StandardVersions => Set<Features.Standards.StandardVersion>();
        public DbSet<Features.Standards.StandardItem> StandardItems => Set<Features.Standards.StandardItem>();
        public DbSet<Features.Standards.EtownFigure> EtownFigures => Set<Features.Standards.EtownFigure>();
        public DbSet<Features.Standards.EtownEvidence> EtownEvidence => Set<Features.Standards.EtownEvidence>();
        public DbSet<Features.Standards.EvidenceFile> EvidenceFiles => Set<Features.Standards.EvidenceFile>();
    }
}

// Figures, evidence and files carry the e-town's county code (IEtownOwned): region scope without a join;
// operators (and other assignment-scoped bodies) through their e-town assignments.
namespace ETown.Web.Features.Standards
{
    sealed class StandardVersionConfiguration : IEntityTypeConfiguration<StandardVersion>
    {
        public void Configure(EntityTypeBuilder<StandardVersion> e)
        {
            e.Property(v => v.Code).HasMaxLength(32);
            e.HasIndex(v => v.Code).IsUnique();
            e.Property(v => v.Name).HasMaxLength(100);
            e.Property(v => v.RegionCode).HasMaxLength(6);
            e.HasOne<StandardVersion>().WithMany().HasForeignKey(v => v.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Region>().WithMany().HasForeignKey(v => v.RegionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(v => v.Items).WithOne().HasForeignKey(i => i.VersionId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class StandardItemConfiguration : IEntityTypeConfiguration<StandardItem>
    {
        public void Configure(EntityTypeBuilder<StandardItem> e)
        {
            e.HasIndex(i => new { i.VersionId, i.Number }).IsUnique();
            e.Property(i => i.Group).HasMaxLength(64);
            e.Property(i => i.Content).HasMaxLength(1000);
            e.Property(i => i.StandardText).HasMaxLength(2000);
            // The decision rule as one JSON document (like the eligibility thresholds): read and replaced as a whole.
            e.Property(i => i.Spec).HasJsonConversion();
        }
    }

    sealed class EtownFigureConfiguration : IEntityTypeConfiguration<EtownFigure>
    {
        public void Configure(EntityTypeBuilder<EtownFigure> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Indicator).HasMaxLength(64);
            e.Property(x => x.Source).HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(200);
            e.HasIndex(x => new { x.EtownId, x.Indicator, x.Year }).IsUnique();
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class EtownEvidenceConfiguration : IEntityTypeConfiguration<EtownEvidence>
    {
        public void Configure(EntityTypeBuilder<EtownEvidence> e)
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
            e.Property(x => x.Facts).HasJsonConversion(v => new Dictionary<string, decimal>(v));
        }
    }

    sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
    {
        public void Configure(EntityTypeBuilder<EvidenceFile> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.HasIndex(x => x.EvidenceId);
            e.HasOne<EtownEvidence>().WithMany().HasForeignKey(x => x.EvidenceId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
