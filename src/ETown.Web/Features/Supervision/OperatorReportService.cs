using ETown.Web.Features.Etowns;
using ETown.Web.Platform;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Supervision;

public sealed record ReportInput(string? Month, string? Progress, string? Problems, string? NextPlan);
public sealed record AcknowledgeInput(string? Note);

public sealed record ReportRow(Guid Id, string Month, DateOnly DueOn, string OperatorName, string Progress, string? Problems, string NextPlan,
    DateOnly SubmittedOn, string? SubmittedBy, bool Late, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgeNote,
    int Version, IReadOnlyList<FileRow> Files);

/// <param name="State">缺报 / 待报 / 按时 / 逾期 (<see cref="OperatorRules"/>).</param>
public sealed record MonthRow(string Month, DateOnly DueOn, string State, ReportRow? Report);

public sealed record TeamMemberInput(string? Name, string? Role);
public sealed record TeamInput(IReadOnlyList<TeamMemberInput>? Members);
public sealed record TeamMemberRow(string Name, string Role);

public sealed record AgreementInput(string? Title, DateOnly? StartsOn, DateOnly? EndsOn);
public sealed record AgreementRow(string Title, DateOnly StartsOn, DateOnly EndsOn, FileRow? File, string? RecordedBy);

/// <summary>One SUP-08 check as shown on the e-town page: met or not, and why.</summary>
public sealed record OperatorCheck(string Rule, string Label, bool Met, string Detail);

public sealed record OperatorView(Guid EtownId, string EtownName, string CountyCode, DateOnly? ContractStart, int ReportDueWorkingDay,
    bool CanReport, bool CanAcknowledge, bool CanKeepRecord, IReadOnlyList<MonthRow> Months, IReadOnlyList<TeamMemberRow> Team,
    AgreementRow? Agreement, IReadOnlyList<OperatorCheck> Checks);

/// <summary>Per e-town: SUP-06 reports missing/late and SUP-08 checks not met, for the board and the work desk.</summary>
public sealed record OperatorSummary(Guid EtownId, string CountyCode, IReadOnlyList<string> MissingMonths, IReadOnlyList<string> LateMonths,
    IReadOnlyList<Guid> Unacknowledged, (string Month, DateOnly DueOn)? Owed, IReadOnlyList<OperatorCheck> FailedChecks);

/// <summary>
/// SUP-06 the operator's monthly written report (临猗 004 监督要求（二）) and SUP-08 the operator's team (岢岚 002: 不少于 6人)
/// and long-term operation agreement (朔州 003: 签订长期后续运营服务协议).
/// </summary>
public sealed class OperatorReportService(EtownDb db, Caller caller, Authorizer authorizer, AttachmentStore store, WorkingCalendar calendar,
    TimeProvider clock, IEnumerable<IOperatorContracts> contracts)
{
    public const int MaxTeam = 100;

    // ------------------------------------------------------------------ SUP-06 monthly reports

    public async Task<ReportRow> SubmitAsync(Guid etownId, ReportInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Report);
        await using var ctx = db.Create(caller);
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        authorizer.Require(SupervisionOperations.Report, new SupervisionResource(town.Id, town.CountyCode));
        ValidateText(input);
        var today = clock.ChinaToday();
        var month = OperatorRules.ParseMonth(input.Month?.Trim())
            ?? throw new DomainException(SupervisionErrors.BadReportMonth, "月份格式应为 yyyy-MM，例如 2025-11。", 400);
        if (month > new DateOnly(today.Year, today.Month, 1))
            throw new DomainException(SupervisionErrors.BadReportMonth, $"不能报送未来月份（{input.Month}）的进展报告。", 400);
        var start = await ContractStartAsync(ctx, town.Id, ct)
            ?? throw new DomainException(SupervisionErrors.BadReportMonth, "该e镇尚无生效的承办合同，无需报送月度进展报告。", 400);
        if (month < new DateOnly(start.Year, start.Month, 1))
            throw new DomainException(SupervisionErrors.BadReportMonth, $"{input.Month} 早于承办合同签订（{start:yyyy-MM-dd}），不能报送该月报告。", 400);
        var key = OperatorRules.MonthKey(month);
        if (await ctx.OperatorMonthlyReports.AnyAsync(r => r.EtownId == town.Id && r.Month == key, ct))
            throw new DomainException(SupervisionErrors.DuplicateReport, $"{key} 的月度进展报告已报送，请修改原报告。", 409);
        var set = await SupervisionService.InForceAsync(ctx, town.CountyCode, ct);
        var r = new OperatorMonthlyReport
        {
            EtownId = town.Id, CountyCode = town.CountyCode, Month = key, DueOn = OperatorRules.DueOn(month, set?.ReportDueWorkingDay ?? 5, calendar),
            OrganisationId = caller.OrganisationId, OperatorName = caller.OrganisationName ?? "承办企业",
            Progress = input.Progress!.Trim(), Problems = Trim(input.Problems), NextPlan = input.NextPlan!.Trim(), SubmittedOn = today,
            SubmittedBy = caller.DisplayName ?? caller.UserName,
        };
        ctx.OperatorMonthlyReports.Add(r);
        await ctx.SaveChangesAsync(ct);
        return ToRow(r, []);
    }

    /// <summary>An edit before acknowledgement; the version (If-Match / the page's shown version) guards concurrent edits. The month stays.</summary>
    public async Task<ReportRow> UpdateAsync(Guid reportId, ReportInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Report);
        await using var ctx = db.Create(caller);
        var r = await ctx.OperatorMonthlyReports.FirstOrDefaultAsync(x => x.Id == reportId, ct) ?? throw new NotFoundException("月度进展报告");
        authorizer.Require(SupervisionOperations.Report, new SupervisionResource(r.EtownId, r.CountyCode));
        ValidateText(input);
        if (r.AcknowledgedAt is not null)
            throw new DomainException(SupervisionErrors.ReportAcknowledged, "该月报已由县级确认，不能再修改。", 409);
        r.Progress = input.Progress!.Trim();
        r.Problems = Trim(input.Problems);
        r.NextPlan = input.NextPlan!.Trim();
        await ctx.SaveChangesAsync(ct);
        return ToRow(r, await FilesAsync(ctx, r.Id, ct));
    }

    public async Task<ReportRow> AcknowledgeAsync(Guid reportId, AcknowledgeInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Acknowledge);
        await using var ctx = db.Create(caller);
        var r = await ctx.OperatorMonthlyReports.FirstOrDefaultAsync(x => x.Id == reportId, ct) ?? throw new NotFoundException("月度进展报告");
        authorizer.Require(SupervisionOperations.Acknowledge, new SupervisionResource(r.EtownId, r.CountyCode));
        if (r.AcknowledgedAt is not null)
            throw new DomainException(SupervisionErrors.ReportAcknowledged, "该月报已确认。", 409);
        if (input.Note is { Length: > 1000 }) Fail("note", "确认意见不超过 1000 字。");
        r.AcknowledgedAt = clock.GetUtcNow();
        r.AcknowledgedBy = caller.DisplayName ?? caller.UserName;
        r.AcknowledgeNote = Trim(input.Note);
        await ctx.SaveChangesAsync(ct);
        return ToRow(r, await FilesAsync(ctx, r.Id, ct));
    }

    public async Task<FileRow> AddReportFileAsync(Guid reportId, string? fileName, string? contentType, Stream content, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Report);
        await using var ctx = db.Create(caller);
        var r = await ctx.OperatorMonthlyReports.FirstOrDefaultAsync(x => x.Id == reportId, ct) ?? throw new NotFoundException("月度进展报告");
        authorizer.Require(SupervisionOperations.Report, new SupervisionResource(r.EtownId, r.CountyCode));
        if (r.AcknowledgedAt is not null)
            throw new DomainException(SupervisionErrors.ReportAcknowledged, "该月报已由县级确认，不能再添加附件。", 409);
        return await SaveFileAsync(ctx, r.Id, r.EtownId, r.CountyCode, fileName, contentType, content, ct);
    }

    // ------------------------------------------------------------------ SUP-08 team and agreement

    /// <summary>Replaces the team list (names and roles only).</summary>
    public async Task<IReadOnlyList<OperatorCheck>> SetTeamAsync(Guid etownId, TeamInput input, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var town = await RecordTownAsync(ctx, etownId, ct);
        var list = input.Members ?? [];
        var errors = new FieldErrors();
        if (list.Count > MaxTeam) errors.Add("members", $"团队成员最多 {MaxTeam} 人。");
        for (var n = 0; n < list.Count && n < MaxTeam; n++)
        {
            if (string.IsNullOrWhiteSpace(list[n].Name) || list[n].Name!.Trim().Length > 50) errors.Add($"members[{n}].name", "请填写成员姓名（不超过 50 字）。");
            if (string.IsNullOrWhiteSpace(list[n].Role) || list[n].Role!.Trim().Length > 50) errors.Add($"members[{n}].role", "请填写成员岗位（不超过 50 字）。");
        }
        errors.ThrowIfAny();
        var now = clock.GetUtcNow();
        ctx.OperatorTeamMembers.RemoveRange(await ctx.OperatorTeamMembers.Where(m => m.EtownId == town.Id).ToListAsync(ct));
        foreach (var m in list)
            ctx.OperatorTeamMembers.Add(new OperatorTeamMember { EtownId = town.Id, CountyCode = town.CountyCode, Name = m.Name!.Trim(), Role = m.Role!.Trim(), CreatedAt = now });
        await ctx.SaveChangesAsync(ct);
        return Checks(list.Count, await AgreementAsync(ctx, town.Id, ct), clock.ChinaToday());
    }

    public async Task<AgreementRow> SetAgreementAsync(Guid etownId, AgreementInput input, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var town = await RecordTownAsync(ctx, etownId, ct);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 200) errors.Add("title", "请填写协议名称（不超过 200 字）。");
        if (input.StartsOn is null) errors.Add("startsOn", "请填写协议起始日期。");
        if (input.EndsOn is null) errors.Add("endsOn", "请填写协议截止日期。");
        errors.ThrowIfAny();
        if (input.EndsOn <= input.StartsOn)
            throw new DomainException(SupervisionErrors.BadAgreement, "协议截止日期应晚于起始日期。", 400);
        var a = await ctx.OperationAgreements.FirstOrDefaultAsync(x => x.EtownId == town.Id, ct);
        if (a is null)
        {
            a = new OperationAgreement { EtownId = town.Id, CountyCode = town.CountyCode, Title = "" };
            ctx.OperationAgreements.Add(a);
        }
        a.Title = input.Title!.Trim();
        a.StartsOn = input.StartsOn!.Value;
        a.EndsOn = input.EndsOn!.Value;
        a.RecordedBy = caller.DisplayName ?? caller.UserName;
        await ctx.SaveChangesAsync(ct);
        return (await AgreementAsync(ctx, town.Id, ct))!;
    }

    public async Task<FileRow> AddAgreementFileAsync(Guid etownId, string? fileName, string? contentType, Stream content, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var town = await RecordTownAsync(ctx, etownId, ct);
        var a = await ctx.OperationAgreements.FirstOrDefaultAsync(x => x.EtownId == town.Id, ct)
            ?? throw new DomainException(SupervisionErrors.BadAgreement, "请先登记运营协议的名称与期限，再上传协议文本。", 400);
        var f = await SaveFileAsync(ctx, a.Id, a.EtownId, a.CountyCode, fileName, contentType, content, ct);
        a.FileId = f.Id;
        await ctx.SaveChangesAsync(ct);
        return f;
    }

    async Task<Etown> RecordTownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        if (!caller.Has(Permissions.Supervision.Report) && !caller.Has(Permissions.Supervision.Acknowledge))
            throw new ForbiddenException("您没有“登记运营团队与运营协议”权限。");
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        authorizer.Require(SupervisionOperations.KeepOperatorRecord, new SupervisionResource(town.Id, town.CountyCode));
        return town;
    }

    /// <summary>
    /// SUP-08: team ≥ 6 ("不少于 6人": six is met) and a long-term agreement in force today. Not a hard block — the
    /// documents make it a condition of the operator's selection, so it shows as a finding and a county to-do.
    /// </summary>
    public static IReadOnlyList<OperatorCheck> Checks(int teamSize, AgreementRow? agreement, DateOnly today) =>
    [
        new("SUP-08", "运营团队不少于 6 人", teamSize >= OperatorRules.MinTeam,
            teamSize >= OperatorRules.MinTeam ? $"已登记 {teamSize} 人" : $"仅登记 {teamSize} 人，不足 {OperatorRules.MinTeam} 人"),
        new("SUP-08", "签订长期后续运营服务协议", agreement is { } a && a.StartsOn <= today && a.EndsOn >= today,
            agreement is null ? "未登记运营协议"
            : agreement.EndsOn < today ? $"运营协议已于 {agreement.EndsOn:yyyy-MM-dd} 到期"
            : agreement.StartsOn > today ? $"运营协议自 {agreement.StartsOn:yyyy-MM-dd} 起生效"
            : $"{agreement.StartsOn:yyyy-MM-dd} 至 {agreement.EndsOn:yyyy-MM-dd}" + (agreement.File is null ? "（协议文本未上传）" : "")),
    ];

    // ------------------------------------------------------------------ views

    public async Task<OperatorView> ViewAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Read);
        await using var ctx = db.Create(caller);
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        var res = new SupervisionResource(town.Id, town.CountyCode);
        authorizer.Require(SupervisionOperations.Read, res);
        var today = clock.ChinaToday();
        var set = await SupervisionService.InForceAsync(ctx, town.CountyCode, ct);
        var dueDay = set?.ReportDueWorkingDay ?? 5;
        var start = await ContractStartAsync(ctx, town.Id, ct);
        var reports = await ctx.OperatorMonthlyReports.AsNoTracking().Where(r => r.EtownId == town.Id).ToListAsync(ct);
        var ids = reports.Select(r => r.Id).ToList();
        var files = (await ctx.SupervisionFiles.AsNoTracking().Where(f => ids.Contains(f.OwnerId)).ToListAsync(ct))
            .ToLookup(f => f.OwnerId, ToFile);
        var byMonth = reports.ToDictionary(r => r.Month);
        // The last 24 months owed (a contract of 2022 would otherwise list every month since).
        var months = start is { } s ? OperatorRules.MonthsOwed(s, today, today.AddMonths(-24)).Select(OperatorRules.MonthKey).ToHashSet() : [];
        months.UnionWith(byMonth.Keys); // a current-month report handed in early
        var rows = months.OrderDescending().Select(m =>
        {
            var r = byMonth.GetValueOrDefault(m);
            var due = r?.DueOn ?? OperatorRules.DueOn(OperatorRules.ParseMonth(m)!.Value, dueDay, calendar);
            return new MonthRow(m, due, OperatorRules.State(r, due, today), r is null ? null : ToRow(r, files[r.Id]));
        }).ToList();
        var team = await ctx.OperatorTeamMembers.AsNoTracking().Where(m => m.EtownId == town.Id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Name)
            .Select(m => new TeamMemberRow(m.Name, m.Role)).ToListAsync(ct);
        var agreement = await AgreementAsync(ctx, town.Id, ct);
        return new(town.Id, town.Name, town.CountyCode, start, dueDay,
            authorizer.Can(SupervisionOperations.Report, res), authorizer.Can(SupervisionOperations.Acknowledge, res),
            authorizer.Can(SupervisionOperations.KeepOperatorRecord, res), rows, team, agreement, Checks(team.Count, agreement, today));
    }

    /// <summary>SUP-06/08 per e-town of <paramref name="ctx"/>'s scope since <paramref name="since"/>: for the board and the work desk.</summary>
    public async Task<IReadOnlyList<OperatorSummary>> SummariesAsync(EtownDbContext ctx, DateOnly since, CancellationToken ct)
    {
        var today = clock.ChinaToday();
        var starts = await ContractStartsAsync(ctx, ct);
        var towns = await ctx.Etowns.AsNoTracking().Select(e => new { e.Id, e.CountyCode }).ToListAsync(ct);
        var sets = await ctx.SupervisionRuleSets.AsNoTracking().Where(s => s.IsInUse).ToListAsync(ct);
        var reports = (await ctx.OperatorMonthlyReports.AsNoTracking().ToListAsync(ct)).ToLookup(r => r.EtownId);
        var teams = (await ctx.OperatorTeamMembers.AsNoTracking().GroupBy(m => m.EtownId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => x.N);
        var agreements = (await ctx.OperationAgreements.AsNoTracking().ToListAsync(ct))
            .ToDictionary(a => a.EtownId, a => new AgreementRow(a.Title, a.StartsOn, a.EndsOn, null, a.RecordedBy));
        var list = new List<OperatorSummary>();
        foreach (var t in towns)
        {
            if (!starts.TryGetValue(t.Id, out var start)) continue; // no operator contract: nothing owed, nothing to check
            var dueDay = SupervisionRuleSet.Lifecycle.Resolve(sets, t.CountyCode, DataScope.CityCodeOf(t.CountyCode))?.ReportDueWorkingDay ?? 5;
            var mine = reports[t.Id].ToDictionary(r => r.Month);
            var missing = new List<string>();
            (string, DateOnly)? owed = null;
            foreach (var m in OperatorRules.MonthsOwed(start, today, since))
            {
                var key = OperatorRules.MonthKey(m);
                if (mine.ContainsKey(key)) continue;
                var due = OperatorRules.DueOn(m, dueDay, calendar);
                if (today > due) missing.Add(key);
                owed ??= (key, due); // the oldest month still owed
            }
            var late = mine.Values.Where(r => r.IsLate && OperatorRules.ParseMonth(r.Month) >= new DateOnly(since.Year, since.Month, 1))
                .Select(r => r.Month).Order().ToList();
            var unack = mine.Values.Where(r => r.AcknowledgedAt is null).Select(r => r.Id).ToList();
            var failed = Checks(teams.GetValueOrDefault(t.Id), agreements.GetValueOrDefault(t.Id), today).Where(c => !c.Met).ToList();
            list.Add(new(t.Id, t.CountyCode, missing, late, unack, owed, failed));
        }
        return list;
    }

    async Task<DateOnly?> ContractStartAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct) =>
        (await ContractStartsAsync(ctx, ct)).TryGetValue(etownId, out var d) ? d : null;

    async Task<IReadOnlyDictionary<Guid, DateOnly>> ContractStartsAsync(EtownDbContext ctx, CancellationToken ct)
    {
        var all = new Dictionary<Guid, DateOnly>();
        foreach (var source in contracts)
            foreach (var (id, d) in await source.StartsAsync(ctx, ct))
                all[id] = all.TryGetValue(id, out var e) && e < d ? e : d;
        return all;
    }

    static async Task<AgreementRow?> AgreementAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var a = await ctx.OperationAgreements.AsNoTracking().FirstOrDefaultAsync(x => x.EtownId == etownId, ct);
        if (a is null) return null;
        var f = a.FileId is { } fid ? await ctx.SupervisionFiles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == fid, ct) : null;
        return new(a.Title, a.StartsOn, a.EndsOn, f is null ? null : ToFile(f), a.RecordedBy);
    }

    async Task<FileRow> SaveFileAsync(EtownDbContext ctx, Guid ownerId, Guid etownId, string county, string? fileName, string? contentType, Stream content, CancellationToken ct)
    {
        var stored = await store.SaveAsync(content, fileName, contentType, AttachmentPolicy.Materials, ct);
        var f = new SupervisionFile
        {
            OwnerId = ownerId, EtownId = etownId, CountyCode = county, FileName = stored.FileName, ContentType = stored.ContentType,
            Size = stored.Size, Sha256 = stored.Sha256, StoragePath = stored.StoragePath, UploadedAt = clock.GetUtcNow(),
            UploadedBy = caller.DisplayName ?? caller.UserName,
        };
        ctx.SupervisionFiles.Add(f);
        await ctx.SaveChangesAsync(ct);
        return ToFile(f);
    }

    static async Task<IReadOnlyList<FileRow>> FilesAsync(EtownDbContext ctx, Guid owner, CancellationToken ct) =>
        (await ctx.SupervisionFiles.AsNoTracking().Where(f => f.OwnerId == owner).ToListAsync(ct)).Select(ToFile).ToList();

    static FileRow ToFile(SupervisionFile f) => new(f.Id, f.FileName, f.ContentType, f.Size, f.TakenAt, f.UploadedAt);

    static ReportRow ToRow(OperatorMonthlyReport r, IEnumerable<FileRow> files) => new(r.Id, r.Month, r.DueOn, r.OperatorName, r.Progress, r.Problems,
        r.NextPlan, r.SubmittedOn, r.SubmittedBy, r.IsLate, r.AcknowledgedAt, r.AcknowledgedBy, r.AcknowledgeNote, r.Version, files.ToList());

    static void ValidateText(ReportInput input)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Progress) || input.Progress.Length > 4000)
            errors.Add("progress", "请填写本月进展（对照培育方案任务与合同节点，不超过 4000 字）。");
        if (input.Problems is { Length: > 2000 }) errors.Add("problems", "存在问题不超过 2000 字。");
        if (string.IsNullOrWhiteSpace(input.NextPlan) || input.NextPlan.Length > 2000) errors.Add("nextPlan", "请填写下月计划（不超过 2000 字）。");
        errors.ThrowIfAny();
    }

    static void Fail(string field, string message)
    {
        var e = new FieldErrors();
        e.Add(field, message);
        e.ThrowIfAny();
    }

    static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
