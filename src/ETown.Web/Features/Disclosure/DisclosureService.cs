using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ETown.Web.Features.Acceptance;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Disclosure;

public sealed record OpinionView(Guid Id, string? Nickname, string Text, DateTimeOffset CreatedAt, string? Reply);
public sealed record OpinionAdminRow(Guid Id, string? Nickname, string Text, DateTimeOffset CreatedAt, OpinionStatus Status, string StatusLabel, string? Reply, string? ModeratedBy);
/// <summary>EVAL-01 satisfaction of one e-town and year, judged like <see cref="SatisfactionCheck"/> (on the counts; no answers = 无调查数据).</summary>
public sealed record SurveyResultView(int Year, int Answers, int Satisfied, decimal? Percent, decimal TargetPercent, bool MeetsTarget, string Label);

/// <summary>
/// A decision or notice on the column (DISC-01: listing, acceptance results, payments; DISC-02: the draft plan) with its
/// window in working days and the end date by the holiday calendar; <see cref="State"/> is 待公示 / 公示中 / 公示期满.
/// </summary>
public sealed record PublicNoticeRow(string KindLabel, Guid Id, string Title, DateOnly StartsOn, int WorkingDays, DateOnly EndsOn, string State);

/// <summary>The public column of one e-town (DISC-01): only published items, read live from the producing modules.</summary>
public sealed record PublicColumnView(Guid EtownId, string EtownName, string CountyName, DateOnly Today,
    IReadOnlyList<PublicPlan> Plans, PublicFunds Funds, IReadOnlyList<PublicProgressReport> Progress,
    IReadOnlyList<PublicAcceptance> Acceptances, PublicSupervision Supervision, IReadOnlyList<OpinionView> Opinions, SurveyResultView Survey,
    IReadOnlyList<int> OpenDataYears, IReadOnlyList<PublicNoticeRow> Notices)
{
    public PublicNoticeRow? NoticeOf(Guid id) => Notices.FirstOrDefault(n => n.Id == id);

    public decimal Allocated => Funds.Allocations.Sum(a => a.Amount);
    public decimal Contracted => Funds.Contracts.Sum(c => c.Amount);
    public decimal Paid => Funds.Payments.Sum(p => p.Amount);
}

/// <summary>A candidate for the column with its publication state (the county's administration view).</summary>
public sealed record CandidateRow(PublishedKind Kind, string KindLabel, Guid SourceId, string Title, Guid? PublishedItemId, DateTimeOffset? PublishedAt, string? PublishedBy);

public sealed record ColumnAdminView(Guid EtownId, string EtownName, bool EtownIsPublished, IReadOnlyList<CandidateRow> Candidates,
    IReadOnlyList<OpinionAdminRow> Opinions, SurveyResultView Survey, bool CanPublish, bool CanModerate);

public sealed record ColumnEtownRow(Guid EtownId, string EtownName, string CountyName, bool IsPublished, int PublishedItems, int PendingOpinions);

public sealed record PublishInput(PublishedKind Kind, Guid SourceId);
public sealed record WithdrawInput(string? Reason);
public sealed record OpinionInput(string? Nickname, string? Text, string? ChallengeToken, string? ChallengeAnswer);
public sealed record ModerationInput(bool Approve, string? Reply);
public sealed record PublicObjectionInput(string? Text, string? ChallengeToken, string? ChallengeAnswer);
public sealed record SurveyInput(string? Phone, RespondentKind Kind, Satisfaction Answer, string? Comment, string? ChallengeToken, string? ChallengeAnswer);

/// <summary>
/// 信息公开 (DISC-01; whistle-blowing and opinions are its comment and whistle-blowing windows): the public column, the county's publishing, public opinions, the satisfaction survey and the
/// open-data files. Pages and the API call the same methods; anonymous reads go through <see cref="PublishedEtownAsync"/>,
/// the registry's own rule (an e-town is public only while published), and then only through PublishedItem rows.
/// </summary>
public sealed class DisclosureService(EtownDb db, Caller caller, Authorizer auth, TimeProvider clock, RegionDirectory regions, DisclosureGuard guard,
    IEnumerable<IPublicFundFacts> funds, IEnumerable<IPublicPlanFacts> plans, IEnumerable<IPublicProgressFacts> progress,
    IEnumerable<IPublicAcceptanceFacts> acceptances, IEnumerable<IPublicSupervisionFacts> supervision, IEnumerable<IPublicObjections> objections,
    IEnumerable<IPublicListingFacts> listings, Platform.Calendar.WorkingCalendar calendar)
{
    public const decimal SatisfactionTarget = 95m; // 潞城: 群众和市场主体满意率 ≥ 95%

    // ------------------------------------------------------------------ public column

    /// <summary>The e-town as the anonymous public sees it (registry rule: published only); 404 otherwise, whoever asks.</summary>
    public async Task<Etowns.Etown> PublishedEtownAsync(Guid etownId, CancellationToken ct)
    {
        await using var ctx = db.Create(Caller.Anonymous());
        return await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
    }

    public async Task<PublicColumnView> ColumnAsync(Guid etownId, CancellationToken ct = default)
    {
        var etown = await PublishedEtownAsync(etownId, ct);
        await using var sys = db.CreateSystem();
        var shown = await ActiveIdsAsync(sys, etownId, ct);
        var facts = await FactsAsync(sys, etownId, ct);
        var today = clock.ChinaToday();
        bool On(PublishedKind k, Guid id) => shown.ContainsKey((k, id));
        var f = new PublicFunds(facts.Funds.Allocations.Where(a => On(PublishedKind.Allocation, a.Id)).ToList(),
            facts.Funds.Contracts.Where(c => On(PublishedKind.Contract, c.Id)).ToList(),
            facts.Funds.Payments.Where(p => On(PublishedKind.Payment, p.Id)).ToList());
        var plansShown = facts.Plans.Where(p => On(PublishedKind.Plan, p.Id)).ToList();
        var accShown = facts.Acceptances.Where(a => On(PublishedKind.Acceptance, a.Id)).ToList();
        var opinions = await sys.PublicOpinions.AsNoTracking().Where(o => o.EtownId == etownId && o.Status == OpinionStatus.Approved)
            .OrderByDescending(o => o.CreatedAt).Take(50).ToListAsync(ct);
        var years = f.Contracts.Select(c => c.SignedOn.Year).Concat(f.Payments.Select(p => p.PaidOn.Year)).Distinct().Order().ToList();

        // DISC-01 decisions and notices, each with its working-day window and end date (Platform/Calendar).
        var notices = new List<PublicNoticeRow>();
        PublicNoticeRow Row(string kind, Guid id, string title, DateOnly start, int days, DateOnly? end = null)
        {
            var e = end ?? calendar.PeriodEnd(start, days);
            return new(kind, id, title, start, days, e, today < start ? "待公示" : today <= e ? "公示中" : "公示期满");
        }
        foreach (var l in await ListingsAsync(sys, etownId, ct))
            notices.Add(Row("入选名单公示", l.Id, l.Title, l.NoticeStartsOn, l.NoticeWorkingDays, l.NoticeEndsOn));
        foreach (var p in plansShown)
            // DISC-02: a draft is noticed from its publication, or again from its last edit after it (the column shows the current version).
            if (p.DraftNotice is { WorkingDays: > 0 } n && Plans.PlanFilingNotice.StartsOn(shown[(PublishedKind.Plan, p.Id)], n.LastEditedOn) is { } ps)
                notices.Add(Row("培育方案备案前公示", p.Id, p.Title, ps, n.WorkingDays));
        foreach (var a in accShown)
            if (a is { NoticeStartsOn: { } s, NoticeEndsOn: { } e, NoticeWorkingDays: { } d })
                notices.Add(Row("验收结果公示", a.Id, $"{a.ScopeLabel}：{a.Title}", s, d, e));
        foreach (var p in f.Payments)
            // FUND-06 window of the county's payment rule set, from the day the county published the payment.
            notices.Add(Row("资金拨付公示", p.Id, $"{p.ContractNumber} {p.KindLabel} {p.Amount:0.##} 万元（{p.OperatorName}）", shown[(PublishedKind.Payment, p.Id)], p.NoticeWorkingDays));

        return new PublicColumnView(etown.Id, etown.Name, regions.FullName(etown.CountyCode), today,
            plansShown, f,
            facts.Progress.Where(p => On(PublishedKind.Progress, p.Id)).ToList(),
            accShown,
            new PublicSupervision(facts.Supervision.Inspections.Where(i => On(PublishedKind.Inspection, i.Id)).ToList(),
                facts.Supervision.Rectifications.Where(r => On(PublishedKind.Rectification, r.Id)).ToList()),
            opinions.Select(o => new OpinionView(o.Id, o.Nickname, o.Text, o.CreatedAt, o.Reply)).ToList(),
            await SurveyResultAsync(sys, etownId, today.Year, ct), years,
            notices.OrderByDescending(n => n.StartsOn).ThenBy(n => n.KindLabel).ToList());
    }

    async Task<List<PublicListing>> ListingsAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var all = new List<PublicListing>();
        foreach (var x in listings) all.AddRange(await x.ForEtownAsync(ctx, etownId, ct));
        return all;
    }

    /// <summary>Active publications: (kind, source) → the China date of the earliest active publication (a notice starts then).</summary>
    static async Task<Dictionary<(PublishedKind, Guid), DateOnly>> ActiveIdsAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct) =>
        (await ctx.PublishedItems.AsNoTracking().Where(i => i.EtownId == etownId && i.WithdrawnAt == null)
            .Select(i => new { i.Kind, i.SourceId, i.PublishedAt }).ToListAsync(ct)) // grouped in memory: SQLite cannot order DateTimeOffset
            .GroupBy(i => (i.Kind, i.SourceId)).ToDictionary(g => g.Key, g => g.Min(i => i.PublishedAt).ToChinaDate());

    sealed record Facts(IReadOnlyList<PublicPlan> Plans, PublicFunds Funds, IReadOnlyList<PublicProgressReport> Progress,
        IReadOnlyList<PublicAcceptance> Acceptances, PublicSupervision Supervision);

    async Task<Facts> FactsAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var p = new List<PublicPlan>(); var pr = new List<PublicProgressReport>(); var acc = new List<PublicAcceptance>();
        var al = new List<PublicAllocation>(); var co = new List<PublicContract>(); var pay = new List<PublicPayment>();
        var ins = new List<PublicInspection>(); var rect = new List<PublicRectification>();
        foreach (var x in plans) p.AddRange(await x.ForEtownAsync(ctx, etownId, ct));
        foreach (var x in progress) pr.AddRange(await x.ForEtownAsync(ctx, etownId, ct));
        foreach (var x in acceptances) acc.AddRange(await x.ForEtownAsync(ctx, etownId, ct));
        foreach (var x in funds) { var f = await x.ForEtownAsync(ctx, etownId, ct); al.AddRange(f.Allocations); co.AddRange(f.Contracts); pay.AddRange(f.Payments); }
        foreach (var x in supervision) { var s = await x.ForEtownAsync(ctx, etownId, ct); ins.AddRange(s.Inspections); rect.AddRange(s.Rectifications); }
        return new Facts(p, new PublicFunds(al, co, pay), pr, acc, new PublicSupervision(ins, rect));
    }

    static IEnumerable<(PublishedKind Kind, Guid Id, string Title)> Candidates(Facts f) =>
        f.Plans.Select(x => (PublishedKind.Plan, x.Id, x.Title))
        .Concat(f.Funds.Allocations.Select(x => (PublishedKind.Allocation, x.Id, $"{x.Year} 年省级专项资金 {x.Amount:0.##} 万元")))
        .Concat(f.Funds.Contracts.Select(x => (PublishedKind.Contract, x.Id, $"{x.Number} {x.Title}（{x.Amount:0.##} 万元）")))
        .Concat(f.Funds.Payments.Select(x => (PublishedKind.Payment, x.Id, $"{x.ContractNumber} {x.KindLabel} {x.Amount:0.##} 万元（{x.PaidOn:yyyy-MM-dd}）")))
        .Concat(f.Progress.Select(x => (PublishedKind.Progress, x.Id, $"{x.Period} 统计（已审核）")))
        .Concat(f.Acceptances.Select(x => (PublishedKind.Acceptance, x.Id, $"{x.ScopeLabel}：{x.Title}")))
        .Concat(f.Supervision.Inspections.Select(x => (PublishedKind.Inspection, x.Id, $"{x.InspectedOn:yyyy-MM-dd} {x.KindLabel}")))
        .Concat(f.Supervision.Rectifications.Select(x => (PublishedKind.Rectification, x.Id, $"{x.ClosedOn:yyyy-MM-dd} 销号：{x.Description}")));

    // ------------------------------------------------------------------ county administration

    public async Task<IReadOnlyList<ColumnEtownRow>> EtownsAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Disclosure.Read);
        await using var ctx = db.Create(caller);
        var towns = await ctx.Etowns.AsNoTracking().OrderBy(e => e.CountyCode).ThenBy(e => e.Name).ToListAsync(ct);
        var items = await ctx.PublishedItems.AsNoTracking().Where(i => i.WithdrawnAt == null).GroupBy(i => i.EtownId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var pending = await ctx.PublicOpinions.AsNoTracking().Where(o => o.Status == OpinionStatus.Pending).GroupBy(o => o.EtownId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        return towns.Where(t => auth.Can(DisclosureOperations.Read, new ColumnResource(t.Id, t.CountyCode)))
            .Select(t => new ColumnEtownRow(t.Id, t.Name, regions.FullName(t.CountyCode), t.IsPublished,
                items.FirstOrDefault(i => i.Key == t.Id)?.N ?? 0, pending.FirstOrDefault(i => i.Key == t.Id)?.N ?? 0)).ToList();
    }

    async Task<Etowns.Etown> ScopedEtownAsync(EtownDbContext ctx, Guid etownId, Operation op, CancellationToken ct)
    {
        var e = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        auth.Require(op, new ColumnResource(e.Id, e.CountyCode));
        return e;
    }

    public async Task<ColumnAdminView> AdminAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Disclosure.Read);
        await using var ctx = db.Create(caller);
        var e = await ScopedEtownAsync(ctx, etownId, DisclosureOperations.Read, ct);
        await using var sys = db.CreateSystem();
        var facts = await FactsAsync(sys, etownId, ct);
        var items = await ctx.PublishedItems.AsNoTracking().Where(i => i.EtownId == etownId && i.WithdrawnAt == null).ToListAsync(ct);
        var rows = Candidates(facts).Select(c =>
        {
            var i = items.FirstOrDefault(x => x.Kind == c.Kind && x.SourceId == c.Id);
            return new CandidateRow(c.Kind, DisclosureLabels.Of(c.Kind), c.Id, c.Title, i?.Id, i?.PublishedAt, i?.PublishedBy);
        }).ToList();
        var opinions = await ctx.PublicOpinions.AsNoTracking().Where(o => o.EtownId == etownId).OrderByDescending(o => o.CreatedAt).Take(200).ToListAsync(ct);
        var resource = new ColumnResource(e.Id, e.CountyCode);
        return new ColumnAdminView(e.Id, e.Name, e.IsPublished, rows,
            opinions.Select(o => new OpinionAdminRow(o.Id, o.Nickname, o.Text, o.CreatedAt, o.Status, DisclosureLabels.Of(o.Status), o.Reply, o.ModeratedBy)).ToList(),
            await SurveyResultAsync(sys, etownId, clock.ChinaToday().Year, ct),
            auth.Can(DisclosureOperations.Publish, resource), auth.Can(DisclosureOperations.Moderate, resource));
    }

    /// <summary>DISC-01: publish one item — it must be a live candidate of this e-town (a guessed id from elsewhere is refused).</summary>
    public async Task<Guid> PublishAsync(Guid etownId, PublishInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Disclosure.Publish);
        await using var ctx = db.Create(caller);
        var e = await ScopedEtownAsync(ctx, etownId, DisclosureOperations.Publish, ct);
        await using var sys = db.CreateSystem();
        var candidate = Candidates(await FactsAsync(sys, etownId, ct)).FirstOrDefault(c => c.Kind == input.Kind && c.Id == input.SourceId);
        if (candidate.Title is null)
            throw new DomainException(DisclosureErrors.UnknownSource, "该信息不属于本e镇，或尚不能公开（如统计未审核、拨付未完成）。", 422);
        if (await ctx.PublishedItems.AnyAsync(i => i.EtownId == etownId && i.Kind == input.Kind && i.SourceId == input.SourceId && i.WithdrawnAt == null, ct))
            throw new DomainException(DisclosureErrors.AlreadyPublished, "该信息已经公开。", 409);
        var item = new PublishedItem
        {
            EtownId = e.Id, CountyCode = e.CountyCode, Kind = input.Kind, SourceId = input.SourceId, Title = candidate.Title,
            PublishedBy = caller.DisplayName ?? caller.UserName ?? "", PublishedAt = clock.GetUtcNow(),
        };
        ctx.PublishedItems.Add(item);
        await ctx.SaveChangesAsync(ct);
        return item.Id;
    }

    public async Task WithdrawAsync(Guid itemId, WithdrawInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Disclosure.Publish);
        await using var ctx = db.Create(caller);
        var item = await ctx.PublishedItems.FirstOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new NotFoundException("公开项");
        auth.Require(DisclosureOperations.Publish, new ColumnResource(item.EtownId, item.CountyCode));
        var reason = Clean(input.Reason);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
            throw new DomainException(DisclosureErrors.ReasonRequired, "撤回公开须说明理由（500 字以内）。", 400);
        if (!item.IsActive) throw new DomainException(DisclosureErrors.AlreadyPublished, "该信息已撤回。", 409);
        item.WithdrawnAt = clock.GetUtcNow();
        item.WithdrawnBy = caller.DisplayName ?? caller.UserName;
        item.WithdrawReason = reason;
        await ctx.SaveChangesAsync(ct);
    }

    // ------------------------------------------------------------------ opinions

    public HumanChallenge Challenge() => guard.NewChallenge();

    public async Task<Guid> SubmitOpinionAsync(Guid etownId, OpinionInput input, string? ip, CancellationToken ct = default)
    {
        var e = await PublishedEtownAsync(etownId, ct);
        var errors = new FieldErrors();
        var text = Clean(input.Text);
        var nick = Clean(input.Nickname);
        if (text.Length < 5 || text.Length > PublicOpinion.MaxText) errors.Add("text", $"意见内容须为 5–{PublicOpinion.MaxText} 字。");
        if (nick.Length > PublicOpinion.MaxNickname) errors.Add("nickname", $"称呼不超过 {PublicOpinion.MaxNickname} 字。");
        errors.ThrowIfAny();
        guard.CheckForm(ip, input.ChallengeToken, input.ChallengeAnswer);
        await using var sys = db.CreateSystem();
        var o = new PublicOpinion { EtownId = e.Id, CountyCode = e.CountyCode, Text = text, Nickname = nick.Length == 0 ? null : nick, Status = OpinionStatus.Pending };
        sys.PublicOpinions.Add(o);
        await sys.SaveChangesAsync(ct);
        return o.Id;
    }

    public async Task ModerateAsync(Guid opinionId, ModerationInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Disclosure.Moderate);
        await using var ctx = db.Create(caller);
        var o = await ctx.PublicOpinions.FirstOrDefaultAsync(x => x.Id == opinionId, ct) ?? throw new NotFoundException("意见");
        auth.Require(DisclosureOperations.Moderate, new ColumnResource(o.EtownId, o.CountyCode));
        if (o.Status != OpinionStatus.Pending) throw new DomainException(DisclosureErrors.AlreadyModerated, "该意见已审核。", 409);
        var reply = Clean(input.Reply);
        if (reply.Length > PublicOpinion.MaxReply) throw new ValidationFailedException(new Dictionary<string, string[]> { ["reply"] = [$"回复不超过 {PublicOpinion.MaxReply} 字。"] });
        o.Status = input.Approve ? OpinionStatus.Approved : OpinionStatus.Rejected;
        o.Reply = reply.Length == 0 ? null : reply;
        o.ModeratedBy = caller.DisplayName ?? caller.UserName;
        o.ModeratedAt = clock.GetUtcNow();
        await ctx.SaveChangesAsync(ct);
    }

    // ------------------------------------------------------------------ objections to notices

    public const int MaxObjection = 2000;

    /// <summary>
    /// An objection from the public to a notice on the column, during its window: only a notice the county published on this
    /// e-town's column; its owner records it (the county answers it there; while open it blocks what the notice guards).
    /// </summary>
    public async Task<Guid> SubmitObjectionAsync(Guid etownId, Guid noticeId, PublicObjectionInput input, string? ip, CancellationToken ct = default)
    {
        var e = await PublishedEtownAsync(etownId, ct);
        var text = Clean(input.Text);
        if (text.Length is < 5 or > MaxObjection)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["text"] = [$"异议内容须为 5–{MaxObjection} 字。"] });
        await using var sys = db.CreateSystem();
        if (!await sys.PublishedItems.AnyAsync(i => i.EtownId == e.Id && i.Kind == PublishedKind.Acceptance && i.SourceId == noticeId && i.WithdrawnAt == null, ct))
            throw new NotFoundException("公示");
        guard.CheckForm(ip, input.ChallengeToken, input.ChallengeAnswer);
        foreach (var o in objections)
            if (await o.RaiseAsync(sys, e.Id, noticeId, text, clock.ChinaToday(), ct) is { } id) return id;
        throw new NotFoundException("公示");
    }

    // ------------------------------------------------------------------ satisfaction survey

    static readonly Regex Mobile = new(@"^1[3-9]\d{9}$", RegexOptions.CultureInvariant);

    /// <summary>One answer per respondent, e-town and year: the phone number is kept only as a salted SHA-256 (潞城 满意率).</summary>
    public static string RespondentHash(Guid etownId, int year, string phone) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"ETown.Survey|{etownId:N}|{year}|{phone}"))).ToLowerInvariant();

    public async Task SubmitSurveyAsync(Guid etownId, SurveyInput input, string? ip, CancellationToken ct = default)
    {
        var e = await PublishedEtownAsync(etownId, ct);
        var errors = new FieldErrors();
        var phone = (input.Phone ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);
        if (!Mobile.IsMatch(phone)) errors.Add("phone", "请填写 11 位手机号码（仅用于防止重复作答，不保存号码本身）。");
        var comment = Clean(input.Comment);
        if (comment.Length > SurveyAnswer.MaxComment) errors.Add("comment", $"意见建议不超过 {SurveyAnswer.MaxComment} 字。");
        if (!Enum.IsDefined(input.Kind)) errors.Add("kind", "请选择身份。");
        if (!Enum.IsDefined(input.Answer)) errors.Add("answer", "请选择满意程度。");
        errors.ThrowIfAny();
        guard.CheckForm(ip, input.ChallengeToken, input.ChallengeAnswer);
        var year = clock.ChinaToday().Year;
        var hash = RespondentHash(e.Id, year, phone);
        await using var sys = db.CreateSystem();
        if (await sys.SurveyAnswers.AnyAsync(a => a.EtownId == e.Id && a.Year == year && a.RespondentHash == hash, ct))
            throw new DomainException(DisclosureErrors.AlreadyAnswered, "该手机号本年度已参加过本e镇的满意度调查。", 409);
        sys.SurveyAnswers.Add(new SurveyAnswer
        {
            EtownId = e.Id, CountyCode = e.CountyCode, Year = year, RespondentHash = hash, Kind = input.Kind, Answer = input.Answer,
            Comment = comment.Length == 0 ? null : comment,
        });
        await sys.SaveChangesAsync(ct);
    }

    internal static async Task<SurveyResultView> SurveyResultAsync(EtownDbContext ctx, Guid etownId, int year, CancellationToken ct)
    {
        var answers = await ctx.SurveyAnswers.AsNoTracking().Where(a => a.EtownId == etownId && a.Year == year).Select(a => a.Answer).ToListAsync(ct);
        // EVAL-01: judged on the counts like the evaluation (95.00 % met, 94.99 % not; no answers = 无调查数据, not met).
        var c = SatisfactionCheck.Of(answers.Count, answers.Count(a => a != Satisfaction.Dissatisfied));
        return new SurveyResultView(year, c.Answers, c.Satisfied, c.Percent, c.TargetPercent, c.Met, c.Label);
    }

    // ------------------------------------------------------------------ open data

    /// <summary>OCDS release package of the published contracts and payments of one year (the funds module writes it).</summary>
    public async Task<object> OcdsAsync(Guid etownId, int year, CancellationToken ct = default)
    {
        await PublishedEtownAsync(etownId, ct);
        await using var sys = db.CreateSystem();
        var shown = await ActiveIdsAsync(sys, etownId, ct);
        var facts = await FactsAsync(sys, etownId, ct);
        var payments = facts.Funds.Payments.Where(p => shown.ContainsKey((PublishedKind.Payment, p.Id)) && p.PaidOn.Year == year).ToList();
        var contracts = facts.Funds.Contracts.Where(c => shown.ContainsKey((PublishedKind.Contract, c.Id))
            && (c.SignedOn.Year == year || payments.Any(p => p.ContractId == c.Id))).Select(c => c.Id).ToHashSet();
        var uri = $"/api/v1/public/etowns/{etownId}/ocds/{year.ToString(CultureInfo.InvariantCulture)}.json";
        foreach (var f in funds) return await f.OcdsAsync(sys, etownId, contracts, payments.Select(p => p.Id).ToHashSet(), uri, ct);
        throw new NotFoundException("资金数据");
    }

    public static readonly string[] FigureHeaders = ["类别", "项目", "金额（万元）", "日期", "承办单位", "说明"];

    /// <summary>The published figures as rows (CSV and .xlsx share them).</summary>
    public async Task<(string EtownName, IReadOnlyList<IReadOnlyList<object?>> Rows)> FiguresAsync(Guid etownId, CancellationToken ct = default)
    {
        var c = await ColumnAsync(etownId, ct);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var a in c.Funds.Allocations) rows.Add(["资金分配", $"{a.Year} 年省级专项资金", a.Amount, null, null, a.NoticeReference]);
        foreach (var x in c.Funds.Contracts) rows.Add(["合同", $"{x.Number} {x.Title}", x.Amount, x.SignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), x.OperatorName, x.SelectionMethod]);
        foreach (var p in c.Funds.Payments) rows.Add(["资金拨付", $"{p.ContractNumber} {p.KindLabel}", p.Amount, p.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.OperatorName, null]);
        foreach (var r in c.Progress)
            foreach (var f in r.Figures) rows.Add(["建设进度", $"{r.Period} {f.Label}（{f.Unit}）", f.Value, r.ApprovedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, "统计数据（已审核）"]);
        foreach (var a in c.Acceptances) rows.Add(["验收", a.Title, null, a.PassedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, a.ProgressPercent is { } pct ? $"验收进度 {pct:0.##}%" : a.ScopeLabel]);
        return (c.EtownName, rows);
    }

    public static string ToCsv(IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        static string Cell(object? v)
        {
            var s = v switch { null => "", decimal d => d.ToString("0.##", CultureInfo.InvariantCulture), _ => v.ToString() ?? "" };
            if (s.Length > 0 && "=+-@".Contains(s[0])) s = "'" + s; // no formula injection in spreadsheet programs
            return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
        }
        var sb = new StringBuilder("\uFEFF"); // BOM: Excel opens the UTF-8 file with the right encoding
        sb.AppendLine(string.Join(',', FigureHeaders));
        foreach (var r in rows) sb.AppendLine(string.Join(',', r.Select(Cell)));
        return sb.ToString();
    }

    /// <summary>Text from the public: trimmed, control characters (other than line breaks) removed; HTML is escaped wherever it is shown.</summary>
    public static string Clean(string? s) =>
        new string((s ?? "").Where(ch => ch == '\n' || !char.IsControl(ch)).ToArray()).Replace("\r", "", StringComparison.Ordinal).Trim();
}

/// <summary>The satisfaction results for the performance evaluation (潞城 满意率), through acceptance's port.</summary>
public sealed class DisclosureSatisfactionResults : ISatisfactionResults
{
    public async Task<SatisfactionResult> ForEtownAsync(EtownDbContext ctx, Guid etownId, int year, CancellationToken ct)
    {
        var r = await DisclosureService.SurveyResultAsync(ctx, etownId, year, ct);
        return new SatisfactionResult(r.Answers, r.Satisfied, r.Percent);
    }
}
