using ETown.Web.Platform;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        public DbSet<Features.Acceptance.ProvincialAcceptance> ProvincialAcceptances => Set<Features.Acceptance.ProvincialAcceptance>();
    }
}

namespace ETown.Web.Features.Acceptance
{
    /// <summary>
    /// ACC-09 (P 五 "对县(市、区)进行绩效评价和验收"; 潞城: the county accepts itself first, then the province): the province's
    /// acceptance of a county's whole-project acceptance once the province acknowledged its filing. One per application.
    /// </summary>
    public class ProvincialAcceptance : IEtownOwned, IStoredFile, ICreatedAt
    {
        public Guid Id { get; set; } = Guid.NewGuid();
        public Guid ApplicationId { get; set; }
        public Guid EtownId { get; set; }
        public required string CountyCode { get; set; }
        public bool Passed { get; set; }
        public string? Reasons { get; set; }
        public DateOnly AcceptedOn { get; set; }
        /// <summary>The third-party audit report (决算审计) the province relied on, by its number or title; optional.</summary>
        public string? AuditReportReference { get; set; }
        public required string FileName { get; set; }
        public required string ContentType { get; set; }
        public long Size { get; set; }
        public required string Sha256 { get; set; }
        public required string StoragePath { get; set; }
        public string? RecordedByName { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }

    public sealed record ProvincialAcceptanceRow(Guid Id, bool Passed, string ResultLabel, string? Reasons, DateOnly AcceptedOn, string? AuditReportReference,
        string FileName, string Sha256, string? RecordedBy, DateTimeOffset RecordedAt);

    public sealed record ProvincialAcceptanceInput(bool? Passed, DateOnly? AcceptedOn, string? Reasons, string? AuditReportReference);

    sealed class ProvincialAcceptanceConfiguration : IEntityTypeConfiguration<ProvincialAcceptance>
    {
        public void Configure(EntityTypeBuilder<ProvincialAcceptance> e)
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Reasons).HasMaxLength(2000);
            e.Property(x => x.AuditReportReference).HasMaxLength(200);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoragePath).HasMaxLength(300);
            e.Property(x => x.RecordedByName).HasMaxLength(100);
            e.HasIndex(x => x.ApplicationId).IsUnique(); // ACC-09: once per acceptance, also under a race
            e.HasOne<AcceptanceApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    public sealed partial class AcceptanceService
    {
        /// <summary>ACC-09: owed when the county's whole-project acceptance was filed with the province and acknowledged.</summary>
        internal static bool ProvincialDue(AcceptanceApplication a) =>
            a.Scope == AcceptanceScope.Whole && a.Status == AcceptanceStatus.Passed && a.ProvinceAcknowledgedAt is not null;

        /// <summary>
        /// ACC-09: the province records its acceptance (passed, or not passed with reasons), its date and report, and optionally the
        /// third-party audit report it relied on. Only the province, only after it acknowledged the filing, only once.
        /// </summary>
        public async Task<ProvincialAcceptanceRow> RecordProvincialAcceptanceAsync(Guid id, ProvincialAcceptanceInput input, string? fileName, string? contentType,
            Stream? content, CancellationToken ct = default)
        {
            caller.Require(Permissions.Acceptance.Evaluate);
            var errors = new FieldErrors();
            if (input.Passed is null) errors.Add("passed", "请选择省级验收结论（通过或不通过）。");
            if (input.Passed == false && string.IsNullOrWhiteSpace(input.Reasons)) errors.Add("reasons", "不通过时请写明原因。");
            if (input.AcceptedOn is null) errors.Add("acceptedOn", "请填写省级验收日期。");
            else if (input.AcceptedOn > Today) errors.Add("acceptedOn", "省级验收日期不能晚于今天。");
            if (input.Reasons?.Trim().Length > 2000) errors.Add("reasons", "原因不超过 2000 字。");
            if (input.AuditReportReference?.Trim().Length > 200) errors.Add("auditReportReference", "审计报告编号或名称不超过 200 字。");
            if (content is null || string.IsNullOrWhiteSpace(fileName)) errors.Add("file", "请上传省级验收报告。");
            errors.ThrowIfAny();
            await using var ctx = db.Create(caller);
            var a = await Load(ctx, id, ct, tracking: false);
            auth.Require(AcceptanceOperations.ProvincialAccept, Res(a));
            if (!ProvincialDue(a))
                throw new DomainException(AcceptanceErrors.ProvincialNotDue,
                    a.Scope != AcceptanceScope.Whole ? "省级验收针对县级整体验收，阶段或模块验收不报省级验收。"
                    : "县级整体验收结果尚未报送省级备案或省级尚未确认收到，不能进行省级验收。", 409);
            if (input.AcceptedOn < a.ProvinceAcknowledgedAt!.Value.ToChinaDate())
            {
                var late = new FieldErrors();
                late.Add("acceptedOn", "省级验收日期不能早于省级确认收到备案的日期。");
                late.ThrowIfAny();
            }
            if (await ctx.ProvincialAcceptances.AnyAsync(p => p.ApplicationId == id, ct))
                throw new DomainException(AcceptanceErrors.ProvincialRecorded, "该整体验收的省级验收已记录，不能重复记录。", 409);
            var stored = await store.SaveAsync(content!, fileName!, contentType ?? "application/octet-stream", AttachmentPolicy.Documents, ct);
            var p = new ProvincialAcceptance
            {
                ApplicationId = a.Id, EtownId = a.EtownId, CountyCode = a.CountyCode, Passed = input.Passed!.Value,
                Reasons = string.IsNullOrWhiteSpace(input.Reasons) ? null : input.Reasons.Trim(), AcceptedOn = input.AcceptedOn!.Value,
                AuditReportReference = string.IsNullOrWhiteSpace(input.AuditReportReference) ? null : input.AuditReportReference.Trim(),
                FileName = stored.FileName, ContentType = stored.ContentType, Size = stored.Size, Sha256 = stored.Sha256, StoragePath = stored.StoragePath,
                RecordedByName = caller.OrganisationName ?? caller.DisplayName ?? caller.UserName,
            };
            ctx.ProvincialAcceptances.Add(p);
            try { await ctx.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                throw new DomainException(AcceptanceErrors.ProvincialRecorded, "该整体验收的省级验收已记录，不能重复记录。", 409);
            }
            return ToProvincialRow(p);
        }

        public async Task<(ProvincialAcceptance File, Stream Content)> OpenProvincialReportAsync(Guid id, CancellationToken ct = default)
        {
            caller.Require(Permissions.Acceptance.Read);
            await using var ctx = db.Create(caller);
            await Load(ctx, id, ct, tracking: false);
            var p = await ctx.ProvincialAcceptances.AsNoTracking().FirstOrDefaultAsync(x => x.ApplicationId == id, ct) ?? throw new NotFoundException("省级验收报告");
            return (p, await store.OpenAsync(p, ct));
        }

        internal static ProvincialAcceptanceRow ToProvincialRow(ProvincialAcceptance p) => new(p.Id, p.Passed, p.Passed ? "省级验收通过" : "省级验收不通过",
            p.Reasons, p.AcceptedOn, p.AuditReportReference, p.FileName, p.Sha256, p.RecordedByName, p.CreatedAt);
    }
}
