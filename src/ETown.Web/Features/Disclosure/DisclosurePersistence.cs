using ETown.Web.Features.Disclosure;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        public DbSet<PublishedItem> PublishedItems => Set<PublishedItem>();
        public DbSet<PublicOpinion> PublicOpinions => Set<PublicOpinion>();
        public DbSet<ReportCase> ReportCases => Set<ReportCase>();
        public DbSet<ReportStep> ReportSteps => Set<ReportStep>();
        public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();
    }
}

namespace ETown.Web.Features.Disclosure
{
    sealed class PublishedItemConfiguration : IEntityTypeConfiguration<PublishedItem>
    {
        public void Configure(EntityTypeBuilder<PublishedItem> e)
        {
            e.ToTable("PublishedItems");
            e.HasIndex(x => new { x.EtownId, x.Kind, x.SourceId });
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.PublishedBy).HasMaxLength(100);
            e.Property(x => x.WithdrawnBy).HasMaxLength(100);
            e.Property(x => x.WithdrawReason).HasMaxLength(500);
            e.Ignore(x => x.IsActive);
            e.HasOne<Etowns.Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    sealed class PublicOpinionConfiguration : IEntityTypeConfiguration<PublicOpinion>
    {
        public void Configure(EntityTypeBuilder<PublicOpinion> e)
        {
            e.ToTable("PublicOpinions");
            e.HasIndex(x => new { x.EtownId, x.Status });
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Nickname).HasMaxLength(PublicOpinion.MaxNickname);
            e.Property(x => x.Text).HasMaxLength(PublicOpinion.MaxText);
            e.Property(x => x.Reply).HasMaxLength(PublicOpinion.MaxReply);
            e.Property(x => x.ModeratedBy).HasMaxLength(100);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Etowns.Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    /// <summary>DISC-01: only the discipline/audit organisation the report is routed to (and system work) sees it — not even the province.</summary>
    sealed class ReportCaseConfiguration : IEntityTypeConfiguration<ReportCase>, IScopeRule<ReportCase>
    {
        public void Configure(EntityTypeBuilder<ReportCase> e)
        {
            e.ToTable("ReportCases");
            e.HasIndex(x => x.CodeHash).IsUnique();
            e.HasIndex(x => new { x.HandlerOrganisationId, x.Status });
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.CodeHash).HasMaxLength(64);
            e.Property(x => x.Subject).HasMaxLength(ReportCase.MaxSubject);
            e.Property(x => x.Text).HasMaxLength(ReportCase.MaxText);
            e.Property(x => x.ContactProtected).HasMaxLength(2000);
            e.Property(x => x.Answer).HasMaxLength(ReportCase.MaxAnswer);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.AttachmentName).HasMaxLength(255);
            e.Property(x => x.AttachmentType).HasMaxLength(100);
            e.Property(x => x.AttachmentSha256).HasMaxLength(64);
            e.Property(x => x.AttachmentPath).HasMaxLength(500);
            e.Ignore(x => x.Attachment);
            e.HasOne<Etowns.Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
        }

        public void Scope(ScopeRule<ReportCase> rule) => rule.NotSeenByAll().Organisation(x => x.HandlerOrganisationId);
    }

    sealed class ReportStepConfiguration : IEntityTypeConfiguration<ReportStep>, IScopeRule<ReportStep>
    {
        public void Configure(EntityTypeBuilder<ReportStep> e)
        {
            e.ToTable("ReportSteps");
            e.HasIndex(x => x.CaseId);
            e.Property(x => x.Action).HasMaxLength(50);
            e.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Note).HasMaxLength(ReportCase.MaxNote);
            e.Property(x => x.ByName).HasMaxLength(100);
            e.HasOne<ReportCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        }

        public void Scope(ScopeRule<ReportStep> rule) => rule.NotSeenByAll().Organisation(x => x.HandlerOrganisationId);
    }

    sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
    {
        public void Configure(EntityTypeBuilder<SurveyAnswer> e)
        {
            e.ToTable("SurveyAnswers");
            e.HasIndex(x => new { x.EtownId, x.Year, x.RespondentHash }).IsUnique(); // one answer per respondent (潞城 满意率)
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.RespondentHash).HasMaxLength(64);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Answer).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Comment).HasMaxLength(SurveyAnswer.MaxComment);
            e.HasOne<Etowns.Etown>().WithMany().HasForeignKey(x => x.EtownId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
