using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ETown.Web.Features.Organisations;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Disclosure;

public sealed record ReportInput(string? Subject, string? Text, bool Anonymous, string? ContactName, string? ContactPhone,
    string? ChallengeToken, string? ChallengeAnswer);
public sealed record ReportUpload(Stream Content, string FileName, string? ContentType);
/// <param name="TrackingCode">Shown once to the reporter; only its SHA-256 is stored.</param>
public sealed record ReportReceipt(string TrackingCode);
public sealed record TrackInput(string? Code);
public sealed record TrackStep(string StatusLabel, DateTimeOffset At);
public sealed record TrackView(string Subject, string EtownName, ReportStatus Status, string StatusLabel, DateTimeOffset ReceivedAt,
    IReadOnlyList<TrackStep> Steps, string? Answer, DateTimeOffset? AnsweredAt);
public sealed record ReportRow(Guid Id, Guid EtownId, string EtownName, string Subject, ReportStatus Status, string StatusLabel, DateTimeOffset ReceivedAt, bool Anonymous);
public sealed record ReportStepRow(string Action, string? StatusLabel, string? Note, string ByName, DateTimeOffset At);
public sealed record ReportDetail(Guid Id, Guid EtownId, string EtownName, string CountyName, string Subject, string Text, ReportStatus Status, string StatusLabel,
    DateTimeOffset ReceivedAt, bool Anonymous, bool HasContact, string? AttachmentName, long? AttachmentSize, string? Answer,
    IReadOnlyList<ReportStepRow> Steps, ReportStatus? NextStatus, bool CanUnmask);
public sealed record StepInput(ReportStatus To, string? Note, string? Answer);
public sealed record ContactView(string? Name, string? Phone);

/// <summary>
/// 举报 (DISC-01): anonymous filing with a ≥128-bit tracking code (hash stored), contact details encrypted at rest, routing to
/// the discipline/audit organisation of the region, handling steps 受理 → 调查 → 办结 with an answer the reporter reads
/// with the code, and unmasking of contact details as a separate, audited permission.
/// </summary>
public sealed class WhistleService(EtownDb db, Caller caller, Authorizer auth, TimeProvider clock, RegionDirectory regions, DisclosureGuard guard,
    IDataProtectionProvider protection, AttachmentStore store)
{
    public const string ContactPurpose = "ETown.Disclosure.ReporterContact.v1";
    public static readonly AttachmentPolicy AttachmentPolicy = new("disclosure-report",
        [AttachmentKind.Pdf, AttachmentKind.Png, AttachmentKind.Jpeg, AttachmentKind.Docx], 10 * 1024 * 1024);

    IDataProtector Contact => protection.CreateProtector(ContactPurpose);

    // ------------------------------------------------------------------ the reporter

    /// <summary>128 random bits as 32 hex digits in groups of four; the reporter keeps it, we keep only its hash.</summary>
    public static string NewCode()
    {
        var hex = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return string.Join('-', Enumerable.Range(0, 8).Select(i => hex.Substring(i * 4, 4)));
    }

    public static string HashCode(string? code)
    {
        var normal = new string((code ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(normal))).ToLowerInvariant();
    }

    public async Task<ReportReceipt> SubmitAsync(Guid etownId, ReportInput input, ReportUpload? upload, string? ip, CancellationToken ct = default)
    {
        var etown = await PublishedEtownAsync(etownId, ct);
        var errors = new FieldErrors();
        var subject = DisclosureService.Clean(input.Subject);
        var text = DisclosureService.Clean(input.Text);
        var name = DisclosureService.Clean(input.ContactName);
        var phone = DisclosureService.Clean(input.ContactPhone);
        if (subject.Length is < 2 or > ReportCase.MaxSubject) errors.Add("subject", $"标题须为 2–{ReportCase.MaxSubject} 字。");
        if (text.Length is < 10 or > ReportCase.MaxText) errors.Add("text", $"举报内容须为 10–{ReportCase.MaxText} 字。");
        if (!input.Anonymous && name.Length == 0 && phone.Length == 0) errors.Add("contact", "实名举报请留下姓名或联系方式；也可以选择匿名。");
        if (name.Length > ReportCase.MaxContact || phone.Length > ReportCase.MaxContact) errors.Add("contact", $"联系方式不超过 {ReportCase.MaxContact} 字。");
        errors.ThrowIfAny();
        guard.CheckForm(ip, input.ChallengeToken, input.ChallengeAnswer);

        StoredFile? file = upload is null ? null : await store.SaveAsync(upload.Content, upload.FileName, upload.ContentType, AttachmentPolicy, ct);
        await using var sys = db.CreateSystem();
        var code = NewCode();
        var c = new ReportCase
        {
            EtownId = etown.Id, CountyCode = etown.CountyCode, HandlerOrganisationId = await HandlerAsync(sys, etown.CountyCode, ct),
            CodeHash = HashCode(code), Subject = subject, Text = text, Anonymous = input.Anonymous, Status = ReportStatus.Received,
            ContactProtected = input.Anonymous ? null : Contact.Protect(JsonSerializer.Serialize(new ContactView(name.Length == 0 ? null : name, phone.Length == 0 ? null : phone))),
            AttachmentName = file?.FileName, AttachmentType = file?.ContentType, AttachmentSize = file?.Size, AttachmentSha256 = file?.Sha256, AttachmentPath = file?.StoragePath,
        };
        sys.ReportCases.Add(c);
        sys.ReportSteps.Add(new ReportStep { CaseId = c.Id, HandlerOrganisationId = c.HandlerOrganisationId, Action = "收到举报", To = ReportStatus.Received, ByName = "举报人" });
        await sys.SaveChangesAsync(ct);
        return new ReportReceipt(code);
    }

    /// <summary>DISC-01: the discipline/audit organisation closest to the county (county, then city, then province).</summary>
    static async Task<Guid> HandlerAsync(EtownDbContext sys, string countyCode, CancellationToken ct)
    {
        var cityCode = DataScope.CityCodeOf(countyCode);
        var orgs = await sys.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.DisciplineAudit).Select(o => new { o.Id, o.RegionCode, o.Name }).ToListAsync(ct);
        var pick = orgs.Where(o => o.RegionCode == countyCode).Concat(orgs.Where(o => o.RegionCode == cityCode))
            .Concat(orgs.Where(o => DataScope.LevelOfCode(o.RegionCode) == ScopeLevel.Province)).FirstOrDefault();
        return pick?.Id ?? Guid.Empty;
    }

    async Task<Etowns.Etown> PublishedEtownAsync(Guid etownId, CancellationToken ct)
    {
        await using var ctx = db.Create(Caller.Anonymous());
        return await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
    }

    /// <summary>The reporter follows the case with the code; wrong codes are counted per address and blocked after a few.</summary>
    public async Task<TrackView> TrackAsync(string? code, string? ip, CancellationToken ct = default)
    {
        guard.EnsureMayTryCode(ip);
        var hash = HashCode(code);
        await using var sys = db.CreateSystem();
        var c = await sys.ReportCases.AsNoTracking().FirstOrDefaultAsync(x => x.CodeHash == hash, ct);
        if (c is null || (code ?? "").Count(char.IsAsciiLetterOrDigit) < 32)
        {
            guard.WrongCode(ip);
            throw new DomainException(DisclosureErrors.WrongCode, "查询码无效，请核对后重试。", 404);
        }
        var steps = await sys.ReportSteps.AsNoTracking().Where(s => s.CaseId == c.Id && s.To != null).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var etown = await sys.Etowns.AsNoTracking().Where(e => e.Id == c.EtownId).Select(e => e.Name).FirstAsync(ct);
        // The reporter sees the states and the answer — never the handlers' names or internal notes.
        return new TrackView(c.Subject, etown, c.Status, DisclosureLabels.Of(c.Status), c.CreatedAt,
            steps.Select(s => new TrackStep(DisclosureLabels.Of(s.To!.Value), s.CreatedAt)).ToList(), c.Answer, c.AnsweredAt);
    }

    // ------------------------------------------------------------------ discipline / audit

    public async Task<IReadOnlyList<ReportRow>> ListAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Disclosure.HandleReports);
        await using var ctx = db.Create(caller);
        var cases = await ctx.ReportCases.AsNoTracking().OrderByDescending(c => c.CreatedAt).Take(500).ToListAsync(ct);
        cases = cases.Where(c => auth.Can(DisclosureOperations.Handle, new ReportResource(c.CountyCode, c.HandlerOrganisationId))).ToList();
        var names = await NamesAsync(cases.Select(c => c.EtownId), ct);
        return cases.Select(c => new ReportRow(c.Id, c.EtownId, names.GetValueOrDefault(c.EtownId, ""), c.Subject, c.Status, DisclosureLabels.Of(c.Status), c.CreatedAt, c.Anonymous)).ToList();
    }

    async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        await using var sys = db.CreateSystem();
        return await sys.Etowns.AsNoTracking().Where(e => list.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
    }

    async Task<ReportCase> LoadAsync(EtownDbContext ctx, Guid id, Operation op, CancellationToken ct)
    {
        var c = await ctx.ReportCases.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("举报");
        var d = auth.Decide(op, new ReportResource(c.CountyCode, c.HandlerOrganisationId));
        if (!d.IsAllowed) throw op == DisclosureOperations.Handle ? new NotFoundException("举报") : new ForbiddenException(d.Reason ?? "");
        return c;
    }

    public static ReportStatus? Next(ReportStatus s) => s switch
    {
        ReportStatus.Received => ReportStatus.Accepted, ReportStatus.Accepted => ReportStatus.Investigating, ReportStatus.Investigating => ReportStatus.Closed, _ => null,
    };

    public async Task<ReportDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Disclosure.HandleReports);
        await using var ctx = db.Create(caller);
        var c = await LoadAsync(ctx, id, DisclosureOperations.Handle, ct);
        var steps = await ctx.ReportSteps.AsNoTracking().Where(s => s.CaseId == id).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var names = await NamesAsync([c.EtownId], ct);
        return new ReportDetail(c.Id, c.EtownId, names.GetValueOrDefault(c.EtownId, ""), regions.FullName(c.CountyCode), c.Subject, c.Text, c.Status,
            DisclosureLabels.Of(c.Status), c.CreatedAt, c.Anonymous, c.ContactProtected is not null, c.AttachmentName, c.AttachmentSize, c.Answer,
            steps.Select(s => new ReportStepRow(s.Action, s.To is { } t ? DisclosureLabels.Of(t) : null, s.Note, s.ByName, s.CreatedAt)).ToList(),
            Next(c.Status), auth.Can(DisclosureOperations.Unmask, new ReportResource(c.CountyCode, c.HandlerOrganisationId)) && c.ContactProtected is not null);
    }

    /// <summary>受理 → 调查 → 办结, one step at a time; 办结 needs the answer the reporter will read.</summary>
    public async Task StepAsync(Guid id, StepInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Disclosure.HandleReports);
        await using var ctx = db.Create(caller);
        var c = await LoadAsync(ctx, id, DisclosureOperations.Handle, ct);
        if (Next(c.Status) != input.To)
            throw new DomainException(DisclosureErrors.IllegalStep, $"当前为“{DisclosureLabels.Of(c.Status)}”，下一步只能是“{(Next(c.Status) is { } n ? DisclosureLabels.Of(n) : "无")}”。", 409);
        var note = DisclosureService.Clean(input.Note);
        var answer = DisclosureService.Clean(input.Answer);
        var errors = new FieldErrors();
        if (note.Length > ReportCase.MaxNote) errors.Add("note", $"办理意见不超过 {ReportCase.MaxNote} 字。");
        if (input.To == ReportStatus.Closed && answer.Length is < 5 or > ReportCase.MaxAnswer) errors.Add("answer", $"办结须答复举报人（5–{ReportCase.MaxAnswer} 字）。");
        errors.ThrowIfAny();
        c.Status = input.To;
        if (input.To == ReportStatus.Closed) { c.Answer = answer; c.AnsweredAt = clock.GetUtcNow(); }
        ctx.ReportSteps.Add(new ReportStep
        {
            CaseId = c.Id, HandlerOrganisationId = c.HandlerOrganisationId, Action = DisclosureLabels.Of(input.To), To = input.To,
            Note = note.Length == 0 ? null : note, ByName = caller.DisplayName ?? caller.UserName ?? "", ByUserId = caller.UserId,
        });
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>DISC-01: a separate permission; every unmasking is a step of the case (and so in the audit chain).</summary>
    public async Task<ContactView> UnmaskAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Disclosure.Unmask);
        await using var ctx = db.Create(caller);
        var c = await LoadAsync(ctx, id, DisclosureOperations.Handle, ct);
        auth.Require(DisclosureOperations.Unmask, new ReportResource(c.CountyCode, c.HandlerOrganisationId));
        if (c.ContactProtected is null) return new ContactView(null, null);
        var contact = JsonSerializer.Deserialize<ContactView>(Contact.Unprotect(c.ContactProtected)) ?? new ContactView(null, null);
        ctx.ReportSteps.Add(new ReportStep
        {
            CaseId = c.Id, HandlerOrganisationId = c.HandlerOrganisationId, Action = ReportStep.Unmasked,
            ByName = caller.DisplayName ?? caller.UserName ?? "", ByUserId = caller.UserId,
        });
        await ctx.SaveChangesAsync(ct);
        return contact;
    }

    public async Task<(Stream Content, string FileName, string ContentType)> AttachmentAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Disclosure.HandleReports);
        await using var ctx = db.Create(caller);
        var c = await LoadAsync(ctx, id, DisclosureOperations.Handle, ct);
        var f = c.Attachment ?? throw new NotFoundException("附件");
        return (await store.OpenAsync(f, ct), f.FileName, f.ContentType);
    }

    /// <summary>Open cases of the caller's organisation, for the work desk.</summary>
    public async Task<IReadOnlyList<ReportRow>> OpenAsync(CancellationToken ct = default)
    {
        if (!caller.Has(Permissions.Disclosure.HandleReports)) return [];
        return (await ListAsync(ct)).Where(r => r.Status != ReportStatus.Closed).ToList();
    }
}
