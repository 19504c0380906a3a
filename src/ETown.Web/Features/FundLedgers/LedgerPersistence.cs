using ETown.Web.Features.Etowns;
using ETown.Web.Features.FundLedgers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        /// <summary>Purposes and prohibited uses (FUND-01, FUND-17): province-wide reference data.</summary>
        public DbSet<LedgerPurpose> LedgerPurposes => Set<LedgerPurpose>();
        /// <summary>The operator's special-account ledger (专账, FUND-12): e-town owned.</summary>
        public DbSet<LedgerExpense> LedgerExpenses => Set<LedgerExpense>();
        /// <summary>The asset ledger (资产台账, FUND-08): e-town owned.</summary>
        public DbSet<LedgerAsset> LedgerAssets => Set<LedgerAsset>();
        public DbSet<LedgerBandException> LedgerBandExceptions => Set<LedgerBandException>();
        public DbSet<LedgerIdempotencyKey> LedgerIdempotencyKeys => Set<LedgerIdempotencyKey>();
    }
}

namespace ETown.Web.Features.FundLedgers
{
    sealed class LedgerPurposeConfiguration : IEntityTypeConfiguration<LedgerPurpose>
    {
        public void Configure(EntityTypeBuilder<LedgerPurpose> e)
        {
            e.ToTable("LedgerPurposes");
            e.Property(x => x.Code).HasMaxLength(32);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Clause).HasMaxLength(300);
            e.Property(x => x.Keywords).HasMaxLength(500);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Ignore(x => x.KeywordList);
        }
    }

    sealed class LedgerExpenseConfiguration : IEntityTypeConfiguration<LedgerExpense>
    {
        public void Configure(EntityTypeBuilder<LedgerExpense> e)
        {
            e.ToTable("LedgerExpenses");
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.AmountWan).HasPrecision(18, 2);
            e.Property(x => x.InvoiceNumber).HasMaxLength(LedgerService.MaxInvoiceLength);
            e.Property(x => x.Payee).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(LedgerService.MaxDescriptionLength);
            e.Property(x => x.PurposeCode).HasMaxLength(32);
            e.Property(x => x.EnteredBy).HasMaxLength(100);
            // FUND-12: an invoice is booked once in an operator's ledger.
            e.HasIndex(x => new { x.OperatorOrganisationId, x.InvoiceNumber }).IsUnique();
            e.HasIndex(x => new { x.EtownId, x.Date });
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(x => x.OperatorOrganisationId).OnDelete(DeleteBehavior.Restrict);
            // The expense's contract (issue #10 follow-up): a real foreign key to the funds module's contracts.
            e.HasOne<Funds.FundContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsOne(x => x.Invoice, f =>
            {
                f.Property(p => p.FileName).HasMaxLength(200).HasColumnName("InvoiceFileName");
                f.Property(p => p.ContentType).HasMaxLength(100).HasColumnName("InvoiceContentType");
                f.Property(p => p.Size).HasColumnName("InvoiceSize");
                f.Property(p => p.Sha256).HasMaxLength(64).HasColumnName("InvoiceSha256");
                f.Property(p => p.StoragePath).HasMaxLength(300).HasColumnName("InvoiceStoragePath");
            });
        }
    }

    sealed class LedgerAssetConfiguration : IEntityTypeConfiguration<LedgerAsset>
    {
        public void Configure(EntityTypeBuilder<LedgerAsset> e)
        {
            e.ToTable("LedgerAssets");
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Location).HasMaxLength(200);
            e.Property(x => x.ServiceNote).HasMaxLength(300);
            e.Property(x => x.ValueWan).HasPrecision(18, 2);
            e.HasIndex(x => x.EtownId);
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<LedgerExpense>().WithMany().HasForeignKey(x => x.ExpenseId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class LedgerBandExceptionConfiguration : IEntityTypeConfiguration<LedgerBandException>
    {
        public void Configure(EntityTypeBuilder<LedgerBandException> e)
        {
            e.ToTable("LedgerBandExceptions");
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.ApprovedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.EtownId, x.Category });
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class LedgerIdempotencyKeyConfiguration : IEntityTypeConfiguration<LedgerIdempotencyKey>
    {
        public void Configure(EntityTypeBuilder<LedgerIdempotencyKey> e)
        {
            e.ToTable("LedgerIdempotencyKeys");
            e.Property(x => x.Key).HasMaxLength(LedgerService.MaxIdempotencyKeyLength);
            e.Property(x => x.BodyHash).HasMaxLength(64);
            // One key per client organisation: a concurrent second insert fails on this index, not with a duplicate line.
            e.HasIndex(x => new { x.OrganisationId, x.Key }).IsUnique();
            e.HasOne<LedgerExpense>().WithMany().HasForeignKey(x => x.ExpenseId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
