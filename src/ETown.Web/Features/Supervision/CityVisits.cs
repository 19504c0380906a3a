using ETown.Web.Features.Statistics.CityReport;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Supervision;

/// <summary>朔州 003 三、市级指导和督导制度: a city supervision visit (督导) or a joint meeting (联席会议).</summary>
public enum VisitKind { Visit, JointMeeting }

/// <summary>A city visit or joint meeting with its minutes; its decisions are <see cref="VisitDecision"/>s.</summary>
public class CityVisit : ICityOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string CityCode { get; set; }
    public VisitKind Kind { get; set; }
    public DateOnly HeldOn { get; set; }
    public required string Title { get; set; }
    public required string Minutes { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A decision of a visit/meeting: a tracked action of one county (optionally one e-town), due N working days after the meeting.</summary>
public class VisitDecision : IRegionOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid VisitId { get; set; }
    public required string CountyCode { get; set; }
    public Guid? EtownId { get; set; }
    public required string Text { get; set; }
    public int DeadlineWorkingDays { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? CloseNote { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed record DecisionInput(string? Text, string? CountyCode, Guid? EtownId, int? DeadlineWorkingDays);
public sealed record VisitInput(VisitKind Kind, DateOnly? HeldOn, string? Title, string? Minutes, IReadOnlyList<DecisionInput>? Decisions);
public sealed record CloseDecisionInput(string? Note);
public sealed record DecisionRow(Guid Id, string CountyCode, Guid? EtownId, string? EtownName, string Text, DateOnly DueOn, bool Closed, bool Overdue,
    DateTimeOffset? ClosedAt, string? ClosedBy, string? CloseNote, bool CanClose);
public sealed record VisitRow(Guid Id, string CityCode, VisitKind Kind, string KindLabel, DateOnly HeldOn, string Title, string Minutes, string? CreatedBy,
    IReadOnlyList<DecisionRow> Decisions);
public sealed record VisitsView(bool CanRecord, IReadOnlyList<VisitRow> Visits);

public static class VisitOperations
{
    /// <summary>The city records visits/meetings in its own city.</summary>
    public static readonly Operation Record = new("Supervision.Visit.Record", "记录督导与联席会议");
    /// <summary>The owner county (or the city) closes a decision.</summary>
    public static readonly Operation Close = new("Supervision.Visit.Close", "办结督导决定事项");
}

/// <summary>The decision's county region, as far as authorization cares.</summary>
public sealed record VisitResource(string RegionCode);

public sealed class VisitAuthorizationHandler : IResourceHandler<VisitResource>
{
    public Decision Decide(Operation operation, VisitResource r, Caller caller)
    {
        if (caller.IsSystem) return Decision.Allow;
        var scope = caller.Scope;
        if (operation == VisitOperations.Record)
            return !caller.Has(Permissions.Supervision.Guide) ? Decision.Lacks(Permissions.Supervision.Guide)
                : Decision.When(scope.IsCity && scope.CoversRegion(r.RegionCode), "督导检查与联席会议由本市记录，决定事项只能交办本市所辖县。");
        if (operation == VisitOperations.Close)
            return !caller.Has(Permissions.Supervision.Follow) ? Decision.Lacks(Permissions.Supervision.Follow)
                : Decision.When(scope.IsCityOrCounty && scope.CoversRegion(r.RegionCode), "只能办结交办本县（或本市）的决定事项。");
        throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not a visit operation.");
    }
}

/// <summary>City 督导 visits and joint meetings (issue #11 item 6): minutes and decisions that become tracked actions.</summary>
public sealed class CityVisitService(EtownDb db, Caller caller, Authorizer authorizer, WorkingCalendar calendar, TimeProvider clock)
{
    public const int MaxDecisions = 30;

    public async Task<VisitRow> CreateAsync(VisitInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Guide);
        var city = caller.Scope.CityCode ?? throw new ForbiddenException("督导检查与联席会议由市级记录。");
        authorizer.Require(VisitOperations.Record, new VisitResource(city));
        var today = clock.ChinaToday();
        var errors = new FieldErrors();
        if (!Enum.IsDefined(input.Kind)) errors.Add("kind", "请选择督导检查或联席会议。");
        if (input.HeldOn is null) errors.Add("heldOn", "请填写日期。");
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 200) errors.Add("title", "请填写主题（不超过 200 字）。");
        if (string.IsNullOrWhiteSpace(input.Minutes) || input.Minutes.Length > 8000) errors.Add("minutes", "请填写纪要（不超过 8000 字）。");
        var decisions = input.Decisions ?? [];
        if (decisions.Count > MaxDecisions) errors.Add("decisions", $"一次最多 {MaxDecisions} 项决定事项。");
        for (var n = 0; n < decisions.Count && n < MaxDecisions; n++)
        {
            var d = decisions[n];
            if (string.IsNullOrWhiteSpace(d.Text) || d.Text.Length > 1000) errors.Add($"decisions[{n}].text", "请填写决定事项（不超过 1000 字）。");
            if (d.DeadlineWorkingDays is not (>= 1 and <= 120)) errors.Add($"decisions[{n}].deadlineWorkingDays", "办理期限应为 1–120 个工作日。");
            if (d.CountyCode is null || !d.CountyCode.StartsWith(DataScope.CityPrefixOf(city), StringComparison.Ordinal) || DataScope.LevelOfCode(d.CountyCode) != ScopeLevel.County)
                errors.Add($"decisions[{n}].countyCode", "请选择本市所辖县（市、区）作为承办单位。");
        }
        errors.ThrowIfAny();
        if (input.HeldOn > today) throw new DomainException(SupervisionErrors.BadInspectionDate, "督导或会议日期不能在未来。", 400);
        await using var ctx = db.Create(caller);
        var towns = await ctx.Etowns.AsNoTracking().Select(e => new { e.Id, e.CountyCode }).ToDictionaryAsync(e => e.Id, e => e.CountyCode, ct);
        foreach (var d in decisions.Where(d => d.EtownId is { } id && (!towns.TryGetValue(id, out var c) || c != d.CountyCode)))
            throw new DomainException(SupervisionErrors.BadDeadline, "决定事项所涉e镇不在所选县。", 400);
        var v = new CityVisit
        {
            CityCode = city, Kind = input.Kind, HeldOn = input.HeldOn!.Value, Title = input.Title!.Trim(), Minutes = input.Minutes!.Trim(),
            CreatedBy = caller.DisplayName ?? caller.UserName,
        };
        ctx.CityVisits.Add(v);
        foreach (var d in decisions)
            ctx.VisitDecisions.Add(new VisitDecision
            {
                VisitId = v.Id, CountyCode = d.CountyCode!, EtownId = d.EtownId, Text = d.Text!.Trim(), DeadlineWorkingDays = d.DeadlineWorkingDays!.Value,
                DueOn = calendar.DeadlineAfter(v.HeldOn, d.DeadlineWorkingDays!.Value),
            });
        await ctx.SaveChangesAsync(ct);
        return (await ListAsync(v.Id, ct)).Visits.Single();
    }

    public async Task<DecisionRow> CloseAsync(Guid decisionId, CloseDecisionInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Follow);
        await using var ctx = db.Create(caller);
        var d = await ctx.VisitDecisions.FirstOrDefaultAsync(x => x.Id == decisionId, ct) ?? throw new NotFoundException("决定事项");
        authorizer.Require(VisitOperations.Close, new VisitResource(d.CountyCode));
        if (d.ClosedAt is not null) throw new DomainException(SupervisionErrors.ActionClosed, "该决定事项已办结。", 409);
        if (string.IsNullOrWhiteSpace(input.Note) || input.Note.Length > 2000)
        {
            var e = new FieldErrors();
            e.Add("note", "请填写办结情况（不超过 2000 字）。");
            e.ThrowIfAny();
        }
        d.ClosedAt = clock.GetUtcNow();
        d.ClosedBy = caller.DisplayName ?? caller.UserName;
        d.CloseNote = input.Note!.Trim();
        await ctx.SaveChangesAsync(ct);
        return Row(d, null, clock.ChinaToday());
    }

    /// <summary>Visits of the caller's city (province: all), with the decisions the caller may see (a county: its own).</summary>
    public async Task<VisitsView> ListAsync(Guid? only = null, CancellationToken ct = default)
    {
        caller.Require(Permissions.Supervision.Read);
        await using var ctx = db.Create(caller);
        var today = clock.ChinaToday();
        var q = ctx.CityVisits.AsNoTracking();
        if (only is { } id) q = q.Where(v => v.Id == id);
        var visits = await q.OrderByDescending(v => v.HeldOn).ToListAsync(ct);
        var ids = visits.Select(v => v.Id).ToList();
        var decisions = (await ctx.VisitDecisions.AsNoTracking().Where(d => ids.Contains(d.VisitId)).ToListAsync(ct)).ToLookup(d => d.VisitId);
        var names = await ctx.Etowns.AsNoTracking().Select(e => new { e.Id, e.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var canRecord = caller.Scope.CityCode is { } c && authorizer.Can(VisitOperations.Record, new VisitResource(c));
        return new(canRecord, visits.Select(v => new VisitRow(v.Id, v.CityCode, v.Kind, KindLabel(v.Kind), v.HeldOn, v.Title, v.Minutes, v.CreatedBy,
            decisions[v.Id].OrderBy(d => d.DueOn).Select(d => Row(d, d.EtownId is { } e ? names.GetValueOrDefault(e) : null, today)).ToList())).ToList());
    }

    DecisionRow Row(VisitDecision d, string? etownName, DateOnly today) => new(d.Id, d.CountyCode, d.EtownId, etownName, d.Text, d.DueOn,
        d.ClosedAt is not null, IsOverdue(d, today), d.ClosedAt, d.ClosedBy, d.CloseNote,
        d.ClosedAt is null && authorizer.Can(VisitOperations.Close, new VisitResource(d.CountyCode)));

    public static bool IsOverdue(VisitDecision d, DateOnly today) => d.ClosedAt is null && today > d.DueOn;

    public static string KindLabel(VisitKind k) => k == VisitKind.Visit ? "市级督导检查" : "联席会议";
}

/// <summary>The city report's supervision figures (SUP-07 ← issue #11 item 6), through the caller's scoped context.</summary>
public sealed class SupervisionCityFigures(TimeProvider clock) : ICitySupervisionFigures
{
    public async Task<CitySupervisionMonth> ForMonthAsync(EtownDbContext ctx, string cityCode, int year, int month, CancellationToken ct)
    {
        var prefix = DataScope.CityPrefixOf(cityCode);
        var start = new DateOnly(year, month, 1);
        var end = start.AddMonths(1).AddDays(-1);
        var today = clock.ChinaToday();
        var asOf = today < end ? today : end;
        var dues = await ctx.InspectionDues.AsNoTracking().Where(d => d.CountyCode.StartsWith(prefix) && d.DueOn >= start && d.DueOn <= end).ToListAsync(ct);
        var problems = await ctx.Problems.AsNoTracking().Where(p => p.CountyCode.StartsWith(prefix)).ToListAsync(ct);
        var openAt = problems.Where(p => p.CreatedAt.ToChinaDate() <= asOf && (p.ClosedAt is null || p.ClosedAt.Value.ToChinaDate() > asOf)).ToList();
        var visits = await ctx.CityVisits.AsNoTracking().Where(v => v.CityCode == cityCode && v.HeldOn >= start && v.HeldOn <= end).CountAsync(ct);
        var decisions = await ctx.VisitDecisions.AsNoTracking().Where(d => d.CountyCode.StartsWith(prefix)).ToListAsync(ct);
        var openDecisions = decisions.Where(d => d.CreatedAt.ToChinaDate() <= asOf && (d.ClosedAt is null || d.ClosedAt.Value.ToChinaDate() > asOf)).ToList();
        return new(
            dues.Count(d => d.InspectionId is not null),
            dues.Count(d => d.InspectionId is null && (d.MissedAt is not null || asOf > d.DueOn)),
            openAt.Count,
            openAt.Count(p => ProblemFlow.AwaitsOperator(p.Status) && p.Deadline is { } dl && asOf > dl),
            problems.Count(p => p.EscalatedAt is { } e && e.ToChinaDate() >= start && e.ToChinaDate() <= end),
            visits, openDecisions.Count, openDecisions.Count(d => asOf > d.DueOn));
    }
}
