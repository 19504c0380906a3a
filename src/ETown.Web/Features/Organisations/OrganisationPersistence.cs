using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        public DbSet<Features.Organisations.Organisation> Organisations => Set<Features.Organisations.Organisation>();
        public DbSet<Features.Organisations.EtownAssignment> EtownAssignments => Set<Features.Organisations.EtownAssignment>();
        public DbSet<Platform.Auth.ApiKey> ApiKeys => Set<Platform.Auth.ApiKey>();
    }
}

namespace ETown.Web.Features.Organisations
{
    sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>, IScopeRule<Organisation>
    {
        public void Configure(EntityTypeBuilder<Organisation> e)
        {
            e.Property(o => o.Name).HasMaxLength(100);
            e.Property(o => o.RegionCode).HasMaxLength(6);
            e.Property(o => o.CreditCode).HasMaxLength(18);
            e.HasIndex(o => o.RegionCode);
            e.HasOne<Region>().WithMany().HasForeignKey(o => o.RegionCode).OnDelete(DeleteBehavior.Restrict);
        }

        // A region-bound body sees organisations in its region; everyone sees its own.
        public void Scope(ScopeRule<Organisation> rule) => rule.Region(o => o.RegionCode).Organisation(o => o.Id);
    }

    sealed class EtownAssignmentConfiguration : IEntityTypeConfiguration<EtownAssignment>, IScopeRule<EtownAssignment>
    {
        public void Configure(EntityTypeBuilder<EtownAssignment> e)
        {
            e.HasIndex(a => new { a.OrganisationId, a.EtownId, a.Kind }).IsUnique();
            e.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Etown>().WithMany().HasForeignKey(a => a.EtownId).OnDelete(DeleteBehavior.Cascade);
        }

        // The assigned organisation, the e-town's own assignees, and region-bound bodies for the e-towns they see.
        public void Scope(ScopeRule<EtownAssignment> rule) => rule.Organisation(a => a.OrganisationId).Etown(a => a.EtownId)
            .Or((db, a) => db.ScopeRegionPrefix != null && db.Etowns.Any(t => t.Id == a.EtownId));
    }

    sealed class ApiKeyConfiguration : IEntityTypeConfiguration<Platform.Auth.ApiKey>
    {
        public void Configure(EntityTypeBuilder<Platform.Auth.ApiKey> e)
        {
            e.Property(k => k.Name).HasMaxLength(64);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.SecretHash).HasMaxLength(64);
            e.HasIndex(k => k.Prefix).IsUnique();
            e.HasOne<Organisation>().WithMany().HasForeignKey(k => k.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
