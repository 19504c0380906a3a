using ETown.Web.Features.Etowns;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        public DbSet<Features.Funds.FundAllocation> FundAllocations => Set<Features.Funds.FundAllocation>();
        public DbSet<Features.Funds.FundOperator> FundOperators => Set<Features.Funds.FundOperator>();
        public DbSet<Features.Funds.FundContract> FundContracts => Set<Features.Funds.FundContract>();
        public DbSet<Features.Funds.FundContractRevision> FundContractRevisions => Set<Features.Funds.FundContractRevision>();
        public DbSet<Features.Funds.ContractChangeRequest> ContractChangeRequests => Set<Features.Funds.ContractChangeRequest>();
        public DbSet<Features.Funds.PaymentRequest> PaymentRequests => Set<Features.Funds.PaymentRequest>();
        public DbSet<Features.Funds.PaymentRuleSet> PaymentRuleSets => Set<Features.Funds.PaymentRuleSet>();
        public DbSet<Features.Funds.FundDocument> FundDocuments => Set<Features.Funds.FundDocument>();
        public DbSet<Features.Funds.PerformanceAssessment> PerformanceAssessments => Set<Features.Funds.PerformanceAssessment>();
        public DbSet<Features.Funds.OtherInvestment> OtherInvestments => Set<Features.Funds.OtherInvestment>();
    }
}

namespace ETown.Web.Features.Funds
{
    sealed class FundAllocationConfiguration : IEntityTypeConfiguration<FundAllocation>
    {
        public void Configure(EntityTypeBuilder<FundAllocation> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.ProvincialAmount).HasPrecision(18, 2);
            e.Property(x => x.CountyMatchingCommitted).HasPrecision(18, 2);
            e.Property(x => x.CountyMatchingPaid).HasPrecision(18, 2);
            e.Property(x => x.NoticeReference).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.EtownId, x.Year }).IsUnique();
            e.HasIndex(x => x.CountyCode);
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class FundOperatorConfiguration : IEntityTypeConfiguration<FundOperator>
    {
        public void Configure(EntityTypeBuilder<FundOperator> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.OrganisationName).HasMaxLength(200);
            e.Property(x => x.QualificationNote).HasMaxLength(2000);
            e.Property(x => x.SelectionDocuments).HasMaxLength(2000);
            e.Property(x => x.CancelReason).HasMaxLength(1000);
            e.Property(x => x.RecoveryDue).HasPrecision(18, 2);
            e.Property(x => x.Recovered).HasPrecision(18, 2);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.IsQualified);
            e.HasIndex(x => new { x.EtownId, x.OrganisationId }).IsUnique();
            e.HasIndex(x => x.CountyCode);
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class FundContractConfiguration : IEntityTypeConfiguration<FundContract>
    {
        public void Configure(EntityTypeBuilder<FundContract> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Number).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.OperatorName).HasMaxLength(200);
            e.Property(x => x.AssetOwnership).HasMaxLength(500);
            e.Property(x => x.DuplicateJustification).HasMaxLength(2000);
            e.Property(x => x.Amount).HasPrecision(18, 2);
            e.Ignore(x => x.Scope);
            e.Ignore(x => x.Milestones);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.EtownId);
            e.HasIndex(x => x.CountyCode);
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<FundOperator>().WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class FundContractRevisionConfiguration : IEntityTypeConfiguration<FundContractRevision>
    {
        public void Configure(EntityTypeBuilder<FundContractRevision> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Amount).HasPrecision(18, 2);
            e.Ignore(x => x.Scope);
            e.HasIndex(x => new { x.ContractId, x.Revision }).IsUnique();
            e.HasOne<FundContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class ContractChangeRequestConfiguration : IEntityTypeConfiguration<ContractChangeRequest>
    {
        public void Configure(EntityTypeBuilder<ContractChangeRequest> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.NewAmount).HasPrecision(18, 2);
            e.Ignore(x => x.NewScope);
            e.Property(x => x.RequestedBy).HasMaxLength(256);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.Property(x => x.DecisionNote).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.ContractId);
            e.HasOne<FundContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class PaymentRequestConfiguration : IEntityTypeConfiguration<PaymentRequest>
    {
        public void Configure(EntityTypeBuilder<PaymentRequest> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Amount).HasPrecision(18, 2);
            e.Property(x => x.PaidAmount).HasPrecision(18, 2);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.RuleSetCode).HasMaxLength(32);
            e.Property(x => x.RequestedBy).HasMaxLength(256);
            e.Property(x => x.ReviewerName).HasMaxLength(256);
            e.Property(x => x.ReviewerOrganisation).HasMaxLength(200);
            e.Property(x => x.ReviewOpinion).HasMaxLength(2000);
            e.Property(x => x.ApproverName).HasMaxLength(256);
            e.Property(x => x.VoucherNumber).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.Counts);
            e.HasIndex(x => new { x.ContractId, x.Sequence }).IsUnique();
            e.HasIndex(x => x.VoucherNumber).IsUnique();
            e.HasIndex(x => x.EtownId);
            e.HasOne<FundContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class PaymentRuleSetConfiguration : IEntityTypeConfiguration<PaymentRuleSet>
    {
        public void Configure(EntityTypeBuilder<PaymentRuleSet> e)
        {
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.Limits).HasJsonConversion();
            e.HasIndex(x => x.Code).IsUnique();
        }
    }

    sealed class FundDocumentConfiguration : IEntityTypeConfiguration<FundDocument>
    {
        public void Configure(EntityTypeBuilder<FundDocument> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.UploadedBy).HasMaxLength(256);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.HasIndex(x => x.EtownId);
            e.HasIndex(x => x.ContractId);
            e.HasIndex(x => x.PaymentRequestId);
            e.HasIndex(x => x.OperatorId);
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<FundContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<PaymentRequest>().WithMany().HasForeignKey(x => x.PaymentRequestId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<FundOperator>().WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class PerformanceAssessmentConfiguration : IEntityTypeConfiguration<PerformanceAssessment>
    {
        public void Configure(EntityTypeBuilder<PerformanceAssessment> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.TotalScore).HasPrecision(18, 2);
            e.Property(x => x.MaxScore).HasPrecision(18, 2);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.AssessedBy).HasMaxLength(256);
            e.Property(x => x.AssessorOrganisation).HasMaxLength(200);
            e.HasIndex(x => x.ContractId);
            e.HasIndex(x => x.EtownId);
            e.HasOne<FundContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class OtherInvestmentConfiguration : IEntityTypeConfiguration<OtherInvestment>
    {
        public void Configure(EntityTypeBuilder<OtherInvestment> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Department).HasMaxLength(100);
            e.Property(x => x.Project).HasMaxLength(200);
            e.Property(x => x.Amount).HasPrecision(18, 2);
            e.Property(x => x.Justification).HasMaxLength(2000);
            e.Property(x => x.RecordedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.EtownId, x.ItemNo });
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
