using ETown.Web.Features.Supervision;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        public DbSet<SupervisionRuleSet> SupervisionRuleSets => Set<SupervisionRuleSet>();
        public DbSet<Inspection> Inspections => Set<Inspection>();
        public DbSet<InspectionDue> InspectionDues => Set<InspectionDue>();
        public DbSet<SupervisionFile> SupervisionFiles => Set<SupervisionFile>();
        public DbSet<Problem> Problems => Set<Problem>();
        public DbSet<ProblemStep> ProblemSteps => Set<ProblemStep>();
        public DbSet<OperatorMonthlyReport> OperatorMonthlyReports => Set<OperatorMonthlyReport>();
        public DbSet<OperatorTeamMember> OperatorTeamMembers => Set<OperatorTeamMember>();
        public DbSet<OperationAgreement> OperationAgreements => Set<OperationAgreement>();
        public DbSet<CityVisit> CityVisits => Set<CityVisit>();
        public DbSet<VisitDecision> VisitDecisions => Set<VisitDecision>();
    }
}

namespace ETown.Web.Features.Supervision
{
    sealed class SupervisionRuleSetConfiguration : IEntityTypeConfiguration<SupervisionRuleSet>
    {
        public void Configure(EntityTypeBuilder<SupervisionRuleSet> e)
        {
            e.ToTable("SupervisionRuleSets");
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.Rules).HasJsonConversion(l => [.. l]);
        }
    }

    sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
    {
        public void Configure(EntityTypeBuilder<Inspection> e)
        {
            e.ToTable("Inspections");
            e.HasIndex(x => new { x.EtownId, x.InspectedOn });
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Method).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Team).HasMaxLength(200);
            e.Property(x => x.Checked).HasMaxLength(4000);
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            e.Property(x => x.SignedBy).HasMaxLength(100);
            e.Property(x => x.Findings).HasJsonConversion(l => [.. l]);
            e.HasOne<Features.Etowns.Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class InspectionDueConfiguration : IEntityTypeConfiguration<InspectionDue>
    {
        public void Configure(EntityTypeBuilder<InspectionDue> e)
        {
            e.ToTable("InspectionDues");
            e.HasIndex(x => new { x.EtownId, x.Kind, x.PeriodKey }).IsUnique();
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Cadence).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.PeriodKey).HasMaxLength(16);
            e.Property(x => x.RuleSetCode).HasMaxLength(32);
            e.HasOne<Features.Etowns.Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class SupervisionFileConfiguration : IEntityTypeConfiguration<SupervisionFile>
    {
        public void Configure(EntityTypeBuilder<SupervisionFile> e)
        {
            e.ToTable("SupervisionFiles");
            e.HasIndex(x => x.OwnerId);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.Property(x => x.UploadedBy).HasMaxLength(100);
        }
    }

    sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
    {
        public void Configure(EntityTypeBuilder<Problem> e)
        {
            e.ToTable("Problems");
            e.HasIndex(x => new { x.EtownId, x.Status });
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.Reference).HasMaxLength(200);
            e.Property(x => x.ResponsibleParty).HasMaxLength(200);
            e.Property(x => x.Severity).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Escalation).HasConversion<string>().HasMaxLength(40);
            e.Ignore(x => x.IsOpen);
            e.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class ProblemStepConfiguration : IEntityTypeConfiguration<ProblemStep>
    {
        public void Configure(EntityTypeBuilder<ProblemStep> e)
        {
            e.ToTable("ProblemSteps");
            e.HasIndex(x => new { x.ProblemId, x.At });
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Action).HasMaxLength(40);
            e.Property(x => x.By).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Problem>().WithMany().HasForeignKey(x => x.ProblemId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class OperatorMonthlyReportConfiguration : IEntityTypeConfiguration<OperatorMonthlyReport>
    {
        public void Configure(EntityTypeBuilder<OperatorMonthlyReport> e)
        {
            e.ToTable("OperatorMonthlyReports");
            e.HasIndex(x => new { x.EtownId, x.Month }).IsUnique(); // SUP-06: one report per e-town and month
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Month).HasMaxLength(7);
            e.Property(x => x.OperatorName).HasMaxLength(200);
            e.Property(x => x.Progress).HasMaxLength(4000);
            e.Property(x => x.Problems).HasMaxLength(2000);
            e.Property(x => x.NextPlan).HasMaxLength(2000);
            e.Property(x => x.SubmittedBy).HasMaxLength(100);
            e.Property(x => x.AcknowledgedBy).HasMaxLength(100);
            e.Property(x => x.AcknowledgeNote).HasMaxLength(1000);
            e.Ignore(x => x.IsLate);
            e.HasOne<Features.Etowns.Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class OperatorTeamMemberConfiguration : IEntityTypeConfiguration<OperatorTeamMember>
    {
        public void Configure(EntityTypeBuilder<OperatorTeamMember> e)
        {
            e.ToTable("OperatorTeamMembers");
            e.HasIndex(x => x.EtownId);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.Role).HasMaxLength(50);
            e.HasOne<Features.Etowns.Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class OperationAgreementConfiguration : IEntityTypeConfiguration<OperationAgreement>
    {
        public void Configure(EntityTypeBuilder<OperationAgreement> e)
        {
            e.ToTable("OperationAgreements");
            e.HasIndex(x => x.EtownId).IsUnique();
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.RecordedBy).HasMaxLength(100);
            e.HasOne<Features.Etowns.Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class CityVisitConfiguration : IEntityTypeConfiguration<CityVisit>
    {
        public void Configure(EntityTypeBuilder<CityVisit> e)
        {
            e.ToTable("CityVisits");
            e.HasIndex(x => new { x.CityCode, x.HeldOn });
            e.Property(x => x.CityCode).HasMaxLength(6);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Minutes).HasMaxLength(8000);
            e.Property(x => x.CreatedBy).HasMaxLength(100);
        }
    }

    sealed class VisitDecisionConfiguration : IEntityTypeConfiguration<VisitDecision>
    {
        public void Configure(EntityTypeBuilder<VisitDecision> e)
        {
            e.ToTable("VisitDecisions");
            e.HasIndex(x => new { x.CountyCode, x.DueOn });
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Text).HasMaxLength(1000);
            e.Property(x => x.ClosedBy).HasMaxLength(100);
            e.Property(x => x.CloseNote).HasMaxLength(2000);
            e.HasOne<CityVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
