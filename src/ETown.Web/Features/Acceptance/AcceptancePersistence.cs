using ETown.Web.Features.Etowns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        public DbSet<Features.Acceptance.AcceptanceApplication> AcceptanceApplications => Set<Features.Acceptance.AcceptanceApplication>();
        public DbSet<Features.Acceptance.AcceptanceMaterial> AcceptanceMaterials => Set<Features.Acceptance.AcceptanceMaterial>();
        public DbSet<Features.Acceptance.AcceptanceCheckLine> AcceptanceCheckLines => Set<Features.Acceptance.AcceptanceCheckLine>();
        public DbSet<Features.Acceptance.AcceptanceObjection> AcceptanceObjections => Set<Features.Acceptance.AcceptanceObjection>();
        public DbSet<Features.Acceptance.AcceptanceNoticeSetting> AcceptanceNoticeSettings => Set<Features.Acceptance.AcceptanceNoticeSetting>();
        public DbSet<Features.Acceptance.PerformanceEvaluation> PerformanceEvaluations => Set<Features.Acceptance.PerformanceEvaluation>();
    }
}

namespace ETown.Web.Features.Acceptance
{
    sealed class AcceptanceApplicationConfiguration : IEntityTypeConfiguration<AcceptanceApplication>
    {
        public void Configure(EntityTypeBuilder<AcceptanceApplication> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.ContractNumber).HasMaxLength(100);
            e.Property(x => x.ContractTitle).HasMaxLength(200);
            e.Property(x => x.StandardItemsText).HasMaxLength(200);
            e.Ignore(x => x.StandardItems);
            e.Ignore(x => x.Methods);
            e.Property(x => x.ClaimedProgressPercent).HasPrecision(5, 2);
            e.Property(x => x.AcceptedProgressPercent).HasPrecision(5, 2);
            e.Property(x => x.SubmittedByName).HasMaxLength(100);
            e.Property(x => x.ApplicantOrganisation).HasMaxLength(200);
            e.Property(x => x.PreCheckedByName).HasMaxLength(100);
            e.Property(x => x.RefusalReason).HasMaxLength(2000);
            e.Property(x => x.TeamMembers).HasMaxLength(1000);
            e.Property(x => x.ReviewPlace).HasMaxLength(200);
            e.Property(x => x.MethodsText).HasMaxLength(200);
            e.Property(x => x.Opinion).HasMaxLength(4000);
            e.Property(x => x.RectificationOpinions).HasMaxLength(4000);
            e.Property(x => x.RectificationAnswer).HasMaxLength(4000);
            e.Property(x => x.ReviewedByName).HasMaxLength(100);
            e.Property(x => x.CityAcknowledgedBy).HasMaxLength(100);
            e.Property(x => x.ProvinceAcknowledgedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.EtownId, x.Status });
            e.HasIndex(x => x.CountyCode);
            e.HasIndex(x => x.ContractId);
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class AcceptanceMaterialConfiguration : IEntityTypeConfiguration<AcceptanceMaterial>
    {
        public void Configure(EntityTypeBuilder<AcceptanceMaterial> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.Property(x => x.UploadedByName).HasMaxLength(100);
            e.HasIndex(x => x.ApplicationId);
            e.HasOne<AcceptanceApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class AcceptanceCheckLineConfiguration : IEntityTypeConfiguration<AcceptanceCheckLine>
    {
        public void Configure(EntityTypeBuilder<AcceptanceCheckLine> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Description).HasMaxLength(500);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.HasIndex(x => new { x.ApplicationId, x.Round, x.SortOrder });
            e.HasOne<AcceptanceApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class AcceptanceObjectionConfiguration : IEntityTypeConfiguration<AcceptanceObjection>
    {
        public void Configure(EntityTypeBuilder<AcceptanceObjection> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.RaisedByName).HasMaxLength(100);
            e.Property(x => x.Answer).HasMaxLength(2000);
            e.Property(x => x.AnsweredByName).HasMaxLength(100);
            e.Ignore(x => x.IsOpen);
            e.HasIndex(x => x.ApplicationId);
            e.HasOne<AcceptanceApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class AcceptanceNoticeSettingConfiguration : IEntityTypeConfiguration<AcceptanceNoticeSetting>
    {
        public void Configure(EntityTypeBuilder<AcceptanceNoticeSetting> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.HasIndex(x => x.CountyCode).IsUnique();
        }
    }

    sealed class PerformanceEvaluationConfiguration : IEntityTypeConfiguration<PerformanceEvaluation>
    {
        public void Configure(EntityTypeBuilder<PerformanceEvaluation> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.SatisfactionPercent).HasPrecision(5, 2);
            e.Property(x => x.ProvinceScore).HasPrecision(5, 2);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.Property(x => x.UploadedByName).HasMaxLength(100);
            e.Property(x => x.ProvinceResult).HasMaxLength(2000);
            e.Property(x => x.EvaluatedByName).HasMaxLength(100);
            e.HasIndex(x => new { x.CountyCode, x.Year }).IsUnique();
        }
    }
}
