using ETown.Web.Features.Etowns;
using ETown.Web.Features.Statistics.Analytics;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        /// <summary>Statistics indicator catalogue and validation rules (province-wide reference data, no scope filter).</summary>
        public DbSet<Features.Statistics.Indicator> StatIndicators => Set<Features.Statistics.Indicator>();
        public DbSet<Features.Statistics.StatRule> StatRules => Set<Features.Statistics.StatRule>();
        public DbSet<Features.Statistics.StatReport> StatReports => Set<Features.Statistics.StatReport>();
        public DbSet<Features.Statistics.StatValue> StatValues => Set<Features.Statistics.StatValue>();
        public DbSet<StatTarget> StatTargets => Set<StatTarget>();
        public DbSet<StatCityFigure> StatCityFigures => Set<StatCityFigure>();
        public DbSet<Features.Statistics.StatDataSet> StatDataSets => Set<Features.Statistics.StatDataSet>();
        public DbSet<Features.Statistics.StatDataSetAssignment> StatDataSetAssignments => Set<Features.Statistics.StatDataSetAssignment>();
        public DbSet<Features.Statistics.StatValueChange> StatValueChanges => Set<Features.Statistics.StatValueChange>();
    }
}

// STAT-01…05: reports, values, targets, assignments and changes carry the e-town's county code (region
// scope) and e-town id (operators): IEtownOwned. A city's official figures are ICityOwned.
namespace ETown.Web.Features.Statistics
{
    sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
    {
        public void Configure(EntityTypeBuilder<Indicator> e)
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Unit).HasMaxLength(16);
            e.Property(x => x.SourceRule).HasMaxLength(300);
        }
    }

    sealed class StatRuleConfiguration : IEntityTypeConfiguration<StatRule>
    {
        public void Configure(EntityTypeBuilder<StatRule> e)
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Left).HasMaxLength(64);
            e.Property(x => x.Operator).HasMaxLength(4);
            e.Property(x => x.Right).HasMaxLength(64);
            e.Property(x => x.Message).HasMaxLength(300);
        }
    }

    sealed class StatReportConfiguration : IEntityTypeConfiguration<StatReport>
    {
        public void Configure(EntityTypeBuilder<StatReport> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Period).HasMaxLength(7);
            e.Property(x => x.DataSetCode).HasMaxLength(32);
            e.Property(x => x.Status);
            e.Property(x => x.SubmittedAt);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.ApprovedAt);
            e.Property(x => x.ApprovedBy).HasMaxLength(256);
            e.Property(x => x.CityAcceptedAt);
            e.Property(x => x.ProvinceAcceptedAt);
            e.Property(x => x.UnlockedAt);
            e.Property(x => x.UnlockReason).HasMaxLength(1000);
            e.Property(x => x.UnlockedBy).HasMaxLength(256);
            e.Property(x => x.UnlockedFrom);
            e.Property(x => x.ApprovalCount);
            e.Ignore(x => x.IsLocked);
            e.Ignore(x => x.OnTime);
            e.HasIndex(x => new { x.EtownId, x.Period }).IsUnique();
            e.HasIndex(x => new { x.Period, x.CountyCode });
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    sealed class StatValueConfiguration : IEntityTypeConfiguration<StatValue>
    {
        public void Configure(EntityTypeBuilder<StatValue> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.IndicatorCode).HasMaxLength(64);
            e.Property(x => x.Comment).HasMaxLength(500);
            e.HasIndex(x => new { x.ReportId, x.IndicatorCode }).IsUnique();
            e.HasIndex(x => x.EtownId);
            e.HasOne<StatReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorCode).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class StatTargetConfiguration : IEntityTypeConfiguration<StatTarget>
    {
        public void Configure(EntityTypeBuilder<StatTarget> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.IndicatorCode).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(200);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.EtownId, x.Year, x.IndicatorCode }).IsUnique();
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorCode).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class StatCityFigureConfiguration : IEntityTypeConfiguration<StatCityFigure>
    {
        public void Configure(EntityTypeBuilder<StatCityFigure> e)
        {
            e.Property(x => x.CityCode).HasMaxLength(6);
            e.Property(x => x.Period).HasMaxLength(7);
            e.Property(x => x.IndicatorCode).HasMaxLength(64);
            e.Property(x => x.Source).HasMaxLength(200);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.CityCode, x.Period, x.IndicatorCode }).IsUnique();
            e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorCode).OnDelete(DeleteBehavior.Restrict);
        }
    }

    /// <summary>Data sets and assignments (STAT-02).</summary>
    sealed class StatDataSetConfiguration : IEntityTypeConfiguration<StatDataSet>
    {
        public void Configure(EntityTypeBuilder<StatDataSet> e)
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(100);
        }
    }

    sealed class StatDataSetAssignmentConfiguration : IEntityTypeConfiguration<StatDataSetAssignment>
    {
        public void Configure(EntityTypeBuilder<StatDataSetAssignment> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.DataSetCode).HasMaxLength(32);
            e.HasIndex(x => new { x.EtownId, x.DataSetCode }).IsUnique();
            e.HasIndex(x => x.DataSetCode);
            e.HasOne<Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<StatDataSet>().WithMany().HasForeignKey(x => x.DataSetCode).OnDelete(DeleteBehavior.Cascade);
        }
    }

    /// <summary>Value changes since the last approval (STAT-05).</summary>
    sealed class StatValueChangeConfiguration : IEntityTypeConfiguration<StatValueChange>
    {
        public void Configure(EntityTypeBuilder<StatValueChange> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.IndicatorCode).HasMaxLength(64);
            e.Property(x => x.OldComment).HasMaxLength(500);
            e.Property(x => x.NewComment).HasMaxLength(500);
            e.Property(x => x.ChangedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.ReportId, x.Round });
            e.HasOne<StatReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
