using ETown.Web.Features.Etowns;
using ETown.Web.Platform;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Supervision;

public sealed record FindingInput(string? Description, ProblemSeverity Severity, string? Reference, string? ResponsibleParty, int? DeadlineWorkingDays);

public sealed record InspectionInput(InspectionKind Kind, InspectionMethod? Method, DateOnly? InspectedOn, string? Team, string? Checked,
    IReadOnlyList<FindingInput>? Findings);

public sealed record FileRow(Guid Id, string FileName, string ContentType, long Size, DateTime? TakenAt, DateTimeOffset UploadedAt);

public sealed record InspectionRow(Guid Id, InspectionKind Kind, string KindLabel, string MethodLabel, DateOnly InspectedOn, string Team, string Checked,
    IReadOnlyList<Finding> Findings, InspectionStatus Status, int Version, Guid? PreviousId, DateTimeOffset? SignedAt, string? SignedBy,
    IReadOnlyList<FileRow> Files);

public sealed record StepRow(string Action, ProblemStatus From, ProblemStatus To, DateTimeOffset At, string By, string? Note, DateOnly? Deadline);

public sealed record ProblemRow(Guid Id, Guid InspectionId, string Description, ProblemSeverity Severity, string SeverityLabel, string? Reference,
    string? ResponsibleParty, int DeadlineWorkingDays, DateOnly? Deadline, ProblemStatus Status, string StatusLabel, bool Overdue,
    EscalationAction? Escalation, IReadOnlyList<ProblemTrigger> Permitted, IReadOnlyList<StepRow> Steps, IReadOnlyList<FileRow> Files);

public sealed record DueRow(Guid Id, InspectionKind Kind, string KindLabel, string PeriodKey, DateOnly DueOn, string State, DateOnly? DoneOn);

public sealed record TimelineView(Guid EtownId, string EtownName, string CountyCode, DateOnly ListedOn, string RuleSetCode,
    bool CanRecord, bool CanRectify, bool CanRespond,
    IReadOnlyList<DueRow> Dues, IReadOnlyList<InspectionRow> Inspections, IReadOnlyList<ProblemRow> Problems);

/// <param name="ReportsMissing">SUP-06: months whose operator report is past its due day and not handed in.</param>
/// <param name="ReportsLate">SUP-06: months whose report came after the due day.</param>
/// <param name="OperatorChecksFailed">SUP-08: team / agreement checks not met.</param>
public sealed record BoardRow(Guid EtownId, string EtownName, string CountyCode, int Due, int Done, int Missed, int Open, int Overdue, int Escalated,
    IReadOnlyList<string> MissedPeriods, IReadOnlyList<string>? ReportsMissing = null, IReadOnlyList<string>? ReportsLate = null,
    IReadOnlyList<string>? OperatorChecksFailed = null);

public sealed record BoardView(DateOnly Today, IReadOnlyList<BoardRow> Rows)
{
    public int Due => Rows.Sum(r => r.Due);
    public int Done => Rows.Sum(r => r.Done);
    public int Missed => Rows.Sum(r => r.Missed);
    public int Open => Rows.Sum(r => r.Open);
    public int Overdue => Rows.Sum(r => r.Overdue);
}

public sealed record RuleSetRow(string Code, string Name, int Version, string? ParentCode, string? RegionCode, bool IsInUse,
    IReadOnlyList<FrequencyRule> Rules, int RectifyWorkingDays);

public sealed record DeriveRuleSetInput(string? Code, string? Name, string? RegionCode, IReadOnlyList<FrequencyRule>? Rules, int? RectifyWorkingDays,
    int? ReportDueWorkingDay = null);

public sealed record RespondInput(string? Text);
public sealed record NoticeInput(int? DeadlineWorkingDays);
public sealed record VerifyInput(bool Passed, string? Note, int? DeadlineWorkingDays);
public sealed record EscalateInput(EscalationAction Action, string? Note);

/// <summary>
/// 日常监管 (SUP-01…SUP-05): frequency rule sets, inspection records, the problem list and its rectification. Pages and the
/// API call the same methods; every write checks the permission, then the resource handler, then the rule.
/// </summary>
public sealed class SupervisionService(EtownDb db, Caller caller, Authorizer authorizer, AttachmentStore store, WorkingCalendar calendar,
    TimeProvider clock, OperatorReportService operators)
{
    public const int MaxFindings = 50;

    // ------------------------------------------------------------------ rule sets (SUP-02)

    public async Task<IReadOnlyList<RuleSetRow>> RuleSetsAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Read);
        await using var ctx = db.Create(caller);
        var sets = await ctx.SupervisionRuleSets.AsNoTracking().ToListAsync(ct);
        var parent = SupervisionRuleSet.Lifecycle.ParentCodes(sets);
        return SupervisionRuleSet.Lifecycle.Ordered(sets)
            .Select(s => new RuleSetRow(s.Code, s.Name, s.Version, parent(s), s.RegionCode, s.IsInUse, s.Rules, s.RectifyWorkingDays)).ToList();
    }

    /// <summary>Copy-and-edit: the county derives its own version (for its own county only), optionally with changed rules.</summary>
    public async Task<RuleSetRow> DeriveAsync(string parentCode, DeriveRuleSetInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Rules);
        if (input.RegionCode is { } rc && !caller.Scope.All && !caller.Scope.CoversRegion(rc))
            throw new ForbiddenException("只能为本辖区派生检查频次规则集。");
        if (input.RegionCode is null && !caller.Scope.All)
            throw new ForbiddenException("全省规则集由省级派生。");
        var lc = SupervisionRuleSet.Lifecycle;
        await using var ctx = db.Create(caller);
        var parent = await lc.FindAsync(ctx.SupervisionRuleSets, parentCode, ct);
        await lc.RequireNewCodeAsync(ctx.SupervisionRuleSets, input.Code, ct);
        var child = lc.Derive(parent, input.Code, input.Name, input.RegionCode, clock.GetUtcNow());
        if (input.Rules is not null || input.RectifyWorkingDays is not null)
            child.SetRules(input.Rules ?? child.Rules, input.RectifyWorkingDays ?? child.RectifyWorkingDays);
        if (input.ReportDueWorkingDay is { } due) child.SetReportDue(due);
        ctx.SupervisionRuleSets.Add(child);
        await ctx.SaveChangesAsync(ct);
        return new(child.Code, child.Name, child.Version, parent.Code, child.RegionCode, child.IsInUse, child.Rules, child.RectifyWorkingDays);
    }

    public async Task AdoptAsync(string code, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Rules);
        await using var ctx = db.Create(caller);
        var set = await SupervisionRuleSet.Lifecycle.FindAsync(ctx.SupervisionRuleSets, code, ct);
        if (!caller.Scope.All && (set.RegionCode is null || !caller.Scope.CoversRegion(set.RegionCode)))
            throw new ForbiddenException("只能启用本辖区的检查频次规则集。");
        if (SupervisionRuleSet.Lifecycle.Adopt(set)) await ctx.SaveChangesAsync(ct);
    }

    /// <summary>The rule set in force for a county: its own, else its city's, else the province default.</summary>
    public static async Task<SupervisionRuleSet?> InForceAsync(EtownDbContext ctx, string countyCode, CancellationToken ct)
    {
        var sets = await ctx.SupervisionRuleSets.AsNoTracking().Where(s => s.IsInUse).ToListAsync(ct);
        return SupervisionRuleSet.Lifecycle.Resolve(sets, countyCode, DataScope.CityCodeOf(countyCode));
    }

    /// <summary>
    /// The day an e-town counts as listed (an inspection may not be dated earlier). The registry keeps no listing date yet:
    /// the record is created when the declaration is listed, and demo/imported e-towns carry their batch year.
    /// </summary>
    public static DateOnly ListedOn(Etown e)
    {
        var created = e.CreatedAt.ToChinaDate();
        return e.BatchYear is { } y && y > 2000 && new DateOnly(y, 1, 1) < created ? new DateOnly(y, 1, 1) : created;
    }

    // ------------------------------------------------------------------ inspections (SUP-03/04)

    public async Task<InspectionRow> CreateInspectionAsync(Guid etownId, InspectionInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Record);
        await using var ctx = db.Create(caller);
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        authorizer.Require(SupervisionOperations.Record, new SupervisionResource(town.Id, town.CountyCode));
        var (findings, date) = Validate(input, town);
        var i = new Inspection
        {
            EtownId = town.Id, CountyCode = town.CountyCode, Kind = input.Kind, Method = input.Method!.Value, InspectedOn = date,
            Team = input.Team!.Trim(), Checked = input.Checked!.Trim(), Findings = findings, Status = InspectionStatus.Draft,
            CreatedBy = caller.DisplayName ?? caller.UserName,
        };
        ctx.Inspections.Add(i);
        await ctx.SaveChangesAsync(ct);
        return ToRow(i, []);
    }

    /// <summary>A correction of a signed record: a new draft version; the signed one stays until the new one is signed.</summary>
    public async Task<InspectionRow> CorrectAsync(Guid inspectionId, InspectionInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Record);
        await using var ctx = db.Create(caller);
        var old = await ctx.Inspections.FirstOrDefaultAsync(x => x.Id == inspectionId, ct) ?? throw new NotFoundException("检查记录");
        authorizer.Require(SupervisionOperations.Record, new SupervisionResource(old.EtownId, old.CountyCode));
        if (old.Status != InspectionStatus.Signed)
            throw new DomainException(SupervisionErrors.IllegalTransition, "只有已签认的检查记录才需要以新版本更正；草稿可直接删除重录。", 409);
        if (await ctx.Inspections.AnyAsync(x => x.PreviousId == old.Id, ct))
            throw new DomainException(SupervisionErrors.IllegalTransition, "该记录已有更正版本。", 409);
        var town = await ctx.Etowns.AsNoTracking().FirstAsync(e => e.Id == old.EtownId, ct);
        var (findings, date) = Validate(input, town);
        var i = new Inspection
        {
            EtownId = old.EtownId, CountyCode = old.CountyCode, Kind = input.Kind, Method = input.Method!.Value, InspectedOn = date,
            Team = input.Team!.Trim(), Checked = input.Checked!.Trim(), Findings = findings, Status = InspectionStatus.Draft,
            Version = old.Version + 1, PreviousId = old.Id, CreatedBy = caller.DisplayName ?? caller.UserName,
        };
        ctx.Inspections.Add(i);
        await ctx.SaveChangesAsync(ct);
        return ToRow(i, []);
    }

    (List<Finding>, DateOnly) Validate(InspectionInput input, Etown town)
    {
        var errors = new FieldErrors();
        var today = clock.ChinaToday();
        if (!Enum.IsDefined(input.Kind)) errors.Add("kind", "请选择检查类型。");
        // SUP-03: 潞城 001 第三条 / 临猗 004 4(二) list the methods; a missing one must not silently become 实地检查.
        if (input.Method is not { } method || !Enum.IsDefined(method)) errors.Add("method", "请选择检查方式（实地检查、听取汇报、查看材料、抽查）。");
        if (string.IsNullOrWhiteSpace(input.Team) || input.Team.Length > 200) errors.Add("team", "请填写检查组成员（不超过 200 字）。");
        if (string.IsNullOrWhiteSpace(input.Checked) || input.Checked.Length > 4000) errors.Add("checked", "请填写检查内容（对照培育方案任务与合同节点，不超过 4000 字）。");
        var findings = new List<Finding>();
        var list = input.Findings ?? [];
        if (list.Count > MaxFindings) errors.Add("findings", $"一次检查最多记录 {MaxFindings} 个问题。");
        for (var n = 0; n < list.Count && n < MaxFindings; n++)
        {
            var f = list[n];
            if (string.IsNullOrWhiteSpace(f.Description) || f.Description.Length > 1000) errors.Add($"findings[{n}].description", "请填写问题描述（不超过 1000 字）。");
            if (!Enum.IsDefined(f.Severity)) errors.Add($"findings[{n}].severity", "请选择问题严重程度。");
            if (f.DeadlineWorkingDays is not { } d || d is < 1 or > 60)
                errors.Add($"findings[{n}].deadlineWorkingDays", "整改期限应为 1–60 个工作日（整数）。");
            else findings.Add(new Finding(f.Description?.Trim() ?? "", f.Severity, Trim(f.Reference, 200), Trim(f.ResponsibleParty, 200), d));
        }
        errors.ThrowIfAny();
        // The date rule has its own code: a future date or one before listing is a domain error, not a form slip.
        if (input.InspectedOn is not { } date)
            throw new DomainException(SupervisionErrors.BadInspectionDate, "请填写检查日期。", 400);
        if (date > today)
            throw new DomainException(SupervisionErrors.BadInspectionDate, $"检查日期 {date:yyyy-MM-dd} 不能晚于今天（{today:yyyy-MM-dd}）。", 400);
        var listed = ListedOn(town);
        if (date < listed)
            throw new DomainException(SupervisionErrors.BadInspectionDate, $"检查日期 {date:yyyy-MM-dd} 早于该e镇入选日期（{listed:yyyy-MM-dd}）。", 400);
        return (findings, date);
    }

    static string? Trim(string? s, int max) => string.IsNullOrWhiteSpace(s) ? null : s.Trim() is var t && t.Length > max ? t[..max] : s.Trim();

    /// <summary>
    /// Sign-off (SUP-04): the record becomes read-only, each finding becomes a problem on the list, the period's due
    /// inspection of this kind counts as done, and a corrected version supersedes the one it corrects.
    /// </summary>
    public async Task<InspectionRow> SignAsync(Guid inspectionId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Record);
        await using var ctx = db.Create(caller);
        var i = await ctx.Inspections.FirstOrDefaultAsync(x => x.Id == inspectionId, ct) ?? throw new NotFoundException("检查记录");
        authorizer.Require(SupervisionOperations.Record, new SupervisionResource(i.EtownId, i.CountyCode));
        RequireDraft(i);
        i.Status = InspectionStatus.Signed;
        i.SignedAt = clock.GetUtcNow();
        i.SignedBy = caller.DisplayName ?? caller.UserName;
        if (i.PreviousId is { } prev && await ctx.Inspections.FirstOrDefaultAsync(x => x.Id == prev, ct) is { } old)
            old.Status = InspectionStatus.Superseded;
        foreach (var f in i.Findings)
            ctx.Problems.Add(new Problem
            {
                EtownId = i.EtownId, CountyCode = i.CountyCode, InspectionId = i.Id, Description = f.Description, Severity = f.Severity,
                Reference = f.Reference, ResponsibleParty = f.ResponsibleParty, DeadlineWorkingDays = f.DeadlineWorkingDays, Status = ProblemStatus.Open,
            });
        await MarkDoneAsync(ctx, i, ct);
        await ctx.SaveChangesAsync(ct);
        var files = await FilesAsync(ctx, [i.Id], ct);
        return ToRow(i, files[i.Id]);
    }

    /// <summary>The open due row of this kind whose period contains the inspection date is done.</summary>
    static async Task MarkDoneAsync(EtownDbContext ctx, Inspection i, CancellationToken ct)
    {
        if (i.Kind == InspectionKind.Special) return;
        var dues = await ctx.InspectionDues.Where(d => d.EtownId == i.EtownId && d.Kind == i.Kind && d.InspectionId == null
                                                       && d.PeriodStart <= i.InspectedOn && d.DueOn >= i.InspectedOn).ToListAsync(ct);
        foreach (var d in dues)
        {
            d.InspectionId = i.Id;
            d.DoneOn = i.InspectedOn;
        }
    }

    static void RequireDraft(Inspection i)
    {
        if (i.Status != InspectionStatus.Draft)
            throw new DomainException(SupervisionErrors.InspectionSigned, "检查记录已签认，只读；如需更正请另起更正版本。", 409);
    }

    /// <summary>
    /// A photo (<paramref name="photo"/>: JPG/PNG by content, else ETOWN-SUP-0009) or a document for a draft inspection.
    /// The EXIF shooting time of a JPEG is read and shown beside the inspection date.
    /// </summary>
    public async Task<FileRow> AddInspectionFileAsync(Guid inspectionId, string? fileName, string? contentType, Stream content, bool photo,
        CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Record);
        await using var ctx = db.Create(caller);
        var i = await ctx.Inspections.FirstOrDefaultAsync(x => x.Id == inspectionId, ct) ?? throw new NotFoundException("检查记录");
        authorizer.Require(SupervisionOperations.Record, new SupervisionResource(i.EtownId, i.CountyCode));
        RequireDraft(i);
        return await SaveFileAsync(ctx, i.Id, i.EtownId, i.CountyCode, fileName, contentType, content, photo, ct);
    }

    async Task<FileRow> SaveFileAsync(EtownDbContext ctx, Guid ownerId, Guid etownId, string county, string? fileName, string? contentType,
        Stream content, bool photo, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        StoredFile stored;
        try
        {
            buffer.Position = 0;
            stored = await store.SaveAsync(buffer, fileName, contentType, photo ? AttachmentPolicy.Images : AttachmentPolicy.Materials, ct);
        }
        catch (DomainException ex) when (photo)
        {
            throw new DomainException(SupervisionErrors.NotAnImage, "检查照片只接受 JPG、PNG 图片：" + ex.Message, 400);
        }
        DateTime? taken = null;
        if (stored.ContentType == AttachmentKind.Jpeg.ContentType) taken = Exif.DateTimeOriginal(buffer.ToArray());
        var f = new SupervisionFile
        {
            OwnerId = ownerId, EtownId = etownId, CountyCode = county, FileName = stored.FileName, ContentType = stored.ContentType,
            Size = stored.Size, Sha256 = stored.Sha256, StoragePath = stored.StoragePath, TakenAt = taken, UploadedAt = clock.GetUtcNow(),
            UploadedBy = caller.DisplayName ?? caller.UserName,
        };
        ctx.SupervisionFiles.Add(f);
        await ctx.SaveChangesAsync(ct);
        return new(f.Id, f.FileName, f.ContentType, f.Size, f.TakenAt, f.UploadedAt);
    }

    public async Task<(SupervisionFile File, Stream Content)> OpenFileAsync(Guid fileId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Read);
        await using var ctx = db.Create(caller);
        var f = await ctx.SupervisionFiles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == fileId, ct) ?? throw new NotFoundException("文件");
        authorizer.Require(SupervisionOperations.Read, new SupervisionResource(f.EtownId, f.CountyCode));
        return (f, await store.OpenAsync(f, ct));
    }

    // ------------------------------------------------------------------ rectification (SUP-05)

    /// <summary>The written notice (整改通知): the deadline runs N working days from today on the holiday calendar.</summary>
    public Task<ProblemRow> IssueNoticeAsync(Guid problemId, NoticeInput input, CancellationToken ct = default) =>
        ActAsync(problemId, SupervisionOperations.Rectify, Permissions.Supervision.Rectify, ProblemTrigger.IssueNotice, null, (p, today) =>
        {
            var days = input.DeadlineWorkingDays ?? p.DeadlineWorkingDays;
            RequireDays(days);
            p.DeadlineWorkingDays = days;
            p.Deadline = calendar.DeadlineAfter(today, days);
            p.NoticeCount = 1;
            return (null, p.Deadline);
        }, ct);

    public Task<ProblemRow> RespondAsync(Guid problemId, RespondInput input, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(input.Text) || input.Text.Length > 2000)
        {
            var e = new FieldErrors();
            e.Add("text", "请填写整改情况（不超过 2000 字）。");
            e.ThrowIfAny();
        }
        return ActAsync(problemId, SupervisionOperations.Respond, Permissions.Supervision.Respond, ProblemTrigger.Respond, input.Text!.Trim(),
            (_, _) => (input.Text!.Trim(), null), ct);
    }

    /// <summary>County verification: passed → closed; not passed → a second written notice with a new deadline.</summary>
    public Task<ProblemRow> VerifyAsync(Guid problemId, VerifyInput input, CancellationToken ct = default)
    {
        if (input.Passed)
            return ActAsync(problemId, SupervisionOperations.Rectify, Permissions.Supervision.Rectify, ProblemTrigger.Close, input.Note,
                (p, _) => { p.ClosedAt = clock.GetUtcNow(); return (input.Note, null); }, ct);
        return ActAsync(problemId, SupervisionOperations.Rectify, Permissions.Supervision.Rectify, ProblemTrigger.IssueSecondNotice, input.Note,
            (p, today) => SecondNotice(p, today, input.DeadlineWorkingDays, input.Note), ct);
    }

    (string?, DateOnly?) SecondNotice(Problem p, DateOnly today, int? days, string? note)
    {
        var d = days ?? p.DeadlineWorkingDays;
        RequireDays(d);
        p.DeadlineWorkingDays = d;
        p.Deadline = calendar.DeadlineAfter(today, d);
        p.NoticeCount = 2;
        return (note, p.Deadline);
    }

    public Task<ProblemRow> EscalateAsync(Guid problemId, EscalateInput input, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(input.Action))
        {
            var e = new FieldErrors();
            e.Add("action", "请选择升级处理方式。");
            e.ThrowIfAny();
        }
        return ActAsync(problemId, SupervisionOperations.Rectify, Permissions.Supervision.Rectify, ProblemTrigger.Escalate, input.Note,
            (p, _) => { p.Escalation = input.Action; p.EscalatedAt = clock.GetUtcNow(); return (ProblemFlow.EscalationLabel(input.Action) + "：" + input.Note?.Trim(), null); }, ct);
    }

    static void RequireDays(int days)
    {
        if (days is < 1 or > 60) throw new DomainException(SupervisionErrors.BadDeadline, "整改期限应为 1–60 个工作日（整数）。", 400);
    }

    async Task<ProblemRow> ActAsync(Guid problemId, Operation op, string permission, ProblemTrigger trigger, string? reason,
        Func<Problem, DateOnly, (string? Note, DateOnly? Deadline)> apply, CancellationToken ct)
    {
        caller.Require(permission);
        var flow = ProblemFlow.Definition;
        flow.RequireReason(trigger, reason);
        await using var ctx = db.Create(caller);
        var p = await ctx.Problems.FirstOrDefaultAsync(x => x.Id == problemId, ct) ?? throw new NotFoundException("问题");
        authorizer.Require(op, new SupervisionResource(p.EtownId, p.CountyCode));
        if (p.Status == ProblemStatus.Closed)
            throw new DomainException(SupervisionErrors.ProblemClosed, "该问题已整改销号，不能再" + flow.TriggerOf(trigger).Action + "。", 409);
        var from = p.Status;
        flow.Fire(() => p.Status, s => p.Status = s, trigger, caller.Scope.Level, reason);
        var (note, deadline) = apply(p, clock.ChinaToday());
        ctx.ProblemSteps.Add(Step(p, flow.TriggerOf(trigger).Action, from, note, deadline, caller.DisplayName ?? caller.UserName ?? "—", clock.GetUtcNow()));
        await ctx.SaveChangesAsync(ct);
        return (await ProblemsAsync(ctx, [p.EtownId], p.Id, ct)).Single();
    }

    internal static ProblemStep Step(Problem p, string action, ProblemStatus from, string? note, DateOnly? deadline, string by, DateTimeOffset at) => new()
    {
        ProblemId = p.Id, EtownId = p.EtownId, CountyCode = p.CountyCode, Action = action, From = from, To = p.Status, At = at, By = by,
        Note = note is { Length: > 2000 } ? note[..2000] : note, Deadline = deadline,
    };

    /// <summary>Evidence of a rectification (the operator's photos and papers), while the problem is open.</summary>
    public async Task<FileRow> AddEvidenceAsync(Guid problemId, string? fileName, string? contentType, Stream content, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Respond);
        await using var ctx = db.Create(caller);
        var p = await ctx.Problems.FirstOrDefaultAsync(x => x.Id == problemId, ct) ?? throw new NotFoundException("问题");
        authorizer.Require(SupervisionOperations.Respond, new SupervisionResource(p.EtownId, p.CountyCode));
        if (p.Status == ProblemStatus.Closed)
            throw new DomainException(SupervisionErrors.ProblemClosed, "该问题已整改销号，不能再上传整改材料。", 409);
        return await SaveFileAsync(ctx, p.Id, p.EtownId, p.CountyCode, fileName, contentType, content, false, ct);
    }

    /// <summary>整改通知书 (.docx) of a problem that has had a notice.</summary>
    public async Task<(string FileName, byte[] Content)> NoticeDocxAsync(Guid problemId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Read);
        await using var ctx = db.Create(caller);
        var p = await ctx.Problems.AsNoTracking().FirstOrDefaultAsync(x => x.Id == problemId, ct) ?? throw new NotFoundException("问题");
        authorizer.Require(SupervisionOperations.Read, new SupervisionResource(p.EtownId, p.CountyCode));
        if (p.NoticeCount == 0 || p.Deadline is null)
            throw new DomainException(SupervisionErrors.IllegalTransition, "尚未下发整改通知。", 409);
        var town = await ctx.Etowns.AsNoTracking().FirstAsync(e => e.Id == p.EtownId, ct);
        var insp = await ctx.Inspections.AsNoTracking().FirstAsync(i => i.Id == p.InspectionId, ct);
        var issued = await ctx.ProblemSteps.AsNoTracking().Where(s => s.ProblemId == p.Id && s.Deadline != null)
            .OrderByDescending(s => s.At).Select(s => s.At).FirstOrDefaultAsync(ct);
        return (SupervisionDocuments.NoticeFileName(town.Name, p.NoticeCount), SupervisionDocuments.Notice(town.Name, insp, p, issued));
    }

    // ------------------------------------------------------------------ views

    public async Task<TimelineView> TimelineAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Read);
        await using var ctx = db.Create(caller);
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        var res = new SupervisionResource(town.Id, town.CountyCode);
        authorizer.Require(SupervisionOperations.Read, res);
        var today = clock.ChinaToday();
        var set = await InForceAsync(ctx, town.CountyCode, ct);
        var dues = await ctx.InspectionDues.AsNoTracking().Where(d => d.EtownId == etownId).OrderByDescending(d => d.DueOn).ThenBy(d => d.Kind).ToListAsync(ct);
        var insp = await ctx.Inspections.AsNoTracking().Where(i => i.EtownId == etownId).OrderByDescending(i => i.InspectedOn).ThenByDescending(i => i.Version).ToListAsync(ct);
        var files = await FilesAsync(ctx, insp.Select(i => i.Id).ToList(), ct);
        return new(town.Id, town.Name, town.CountyCode, ListedOn(town), set?.Code ?? "—",
            authorizer.Can(SupervisionOperations.Record, res), authorizer.Can(SupervisionOperations.Rectify, res), authorizer.Can(SupervisionOperations.Respond, res),
            dues.Select(d => new DueRow(d.Id, d.Kind, SupervisionPeriod.KindLabel(d.Kind), d.PeriodKey, d.DueOn, DueState(d, today), d.DoneOn)).ToList(),
            insp.Select(i => ToRow(i, files[i.Id])).ToList(),
            await ProblemsAsync(ctx, [etownId], null, ct));
    }

    public static string DueState(InspectionDue d, DateOnly today) =>
        d.InspectionId is not null ? "已完成" : d.MissedAt is not null || today > d.DueOn ? "已漏检" : "待检查";

    async Task<IReadOnlyList<ProblemRow>> ProblemsAsync(EtownDbContext ctx, IReadOnlyList<Guid> etownIds, Guid? only, CancellationToken ct)
    {
        var q = ctx.Problems.AsNoTracking().Where(p => etownIds.Contains(p.EtownId));
        if (only is { } id) q = q.Where(p => p.Id == id);
        var problems = await q.OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        var ids = problems.Select(p => p.Id).ToList();
        var steps = (await ctx.ProblemSteps.AsNoTracking().Where(s => ids.Contains(s.ProblemId)).ToListAsync(ct))
            .OrderBy(s => s.At).ToLookup(s => s.ProblemId);
        var files = await FilesAsync(ctx, ids, ct);
        var today = clock.ChinaToday();
        var level = caller.IsSystem ? (ScopeLevel?)null : caller.Scope.Level;
        return problems.Select(p => new ProblemRow(p.Id, p.InspectionId, p.Description, p.Severity, ProblemFlow.SeverityLabel(p.Severity), p.Reference,
            p.ResponsibleParty, p.DeadlineWorkingDays, p.Deadline, p.Status, ProblemFlow.Label(p.Status), IsOverdue(p, today), p.Escalation,
            ProblemFlow.Definition.PermittedTriggers(p.Status, level),
            steps[p.Id].Select(s => new StepRow(s.Action, s.From, s.To, s.At, s.By, s.Note, s.Deadline)).ToList(), files[p.Id].ToList())).ToList();
    }

    /// <summary>Overdue: the operator still owes a rectification and its deadline has passed.</summary>
    public static bool IsOverdue(Problem p, DateOnly today) => ProblemFlow.AwaitsOperator(p.Status) && p.Deadline is { } d && today > d;

    static async Task<ILookup<Guid, FileRow>> FilesAsync(EtownDbContext ctx, IReadOnlyList<Guid> owners, CancellationToken ct) =>
        (await ctx.SupervisionFiles.AsNoTracking().Where(f => owners.Contains(f.OwnerId)).OrderBy(f => f.UploadedAt).ToListAsync(ct))
        .ToLookup(f => f.OwnerId, f => new FileRow(f.Id, f.FileName, f.ContentType, f.Size, f.TakenAt, f.UploadedAt));

    static InspectionRow ToRow(Inspection i, IEnumerable<FileRow> files) => new(i.Id, i.Kind, SupervisionPeriod.KindLabel(i.Kind),
        ProblemFlow.MethodLabel(i.Method), i.InspectedOn, i.Team, i.Checked, i.Findings, i.Status, i.Version, i.PreviousId, i.SignedAt, i.SignedBy,
        files.ToList());

    /// <summary>
    /// The county/city/province board: per e-town in the caller's scope, routine inspections due/done/missed since
    /// <paramref name="from"/> (default: the last 12 months) and open/overdue/escalated problems.
    /// </summary>
    public async Task<BoardView> BoardAsync(DateOnly? from = null, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Read);
        await using var ctx = db.Create(caller);
        var today = clock.ChinaToday();
        var since = from ?? today.AddMonths(-12);
        var towns = await ctx.Etowns.AsNoTracking().OrderBy(e => e.CountyCode).ThenBy(e => e.Name).Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync(ct);
        var dues = (await ctx.InspectionDues.AsNoTracking().Where(d => d.DueOn >= since).ToListAsync(ct)).ToLookup(d => d.EtownId);
        var problems = (await ctx.Problems.AsNoTracking().ToListAsync(ct)).ToLookup(p => p.EtownId);
        var ops = (await operators.SummariesAsync(ctx, since, ct)).ToDictionary(o => o.EtownId);
        var rows = towns.Select(t =>
        {
            var ds = dues[t.Id].ToList();
            var missed = ds.Where(d => DueState(d, today) == "已漏检").OrderBy(d => d.DueOn).ToList();
            var ps = problems[t.Id].ToList();
            return new BoardRow(t.Id, t.Name, t.CountyCode, ds.Count, ds.Count(d => d.InspectionId is not null), missed.Count,
                ps.Count(p => p.IsOpen), ps.Count(p => IsOverdue(p, today)), ps.Count(p => p.Status == ProblemStatus.Escalated),
                missed.Select(d => $"{d.PeriodKey} {SupervisionPeriod.KindLabel(d.Kind)}").ToList(),
                ops.GetValueOrDefault(t.Id)?.MissingMonths ?? [], ops.GetValueOrDefault(t.Id)?.LateMonths ?? [],
                ops.GetValueOrDefault(t.Id)?.FailedChecks.Select(c => $"{c.Label}：{c.Detail}").ToList() ?? []);
        }).ToList();
        return new(today, rows);
    }

    public async Task<byte[]> BoardXlsxAsync(DateOnly? from = null, CancellationToken ct = default)
    {
        var b = await BoardAsync(from, ct);
        return Platform.Documents.XlsxWriter.Write("日常监管看板",
            ["e镇", "县级代码", "应检", "已检", "漏检", "未销号问题", "逾期未整改", "已升级", "漏检期次", "月报缺报", "月报逾期", "承办企业核查未达标"],
            b.Rows.Select(r => (IReadOnlyList<object?>)[r.EtownName, r.CountyCode, r.Due, r.Done, r.Missed, r.Open, r.Overdue, r.Escalated, string.Join("；", r.MissedPeriods),
                string.Join("；", r.ReportsMissing ?? []), string.Join("；", r.ReportsLate ?? []), string.Join("；", r.OperatorChecksFailed ?? [])]));
    }
}
