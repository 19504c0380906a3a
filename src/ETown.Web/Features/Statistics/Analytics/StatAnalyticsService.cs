using ETown.Web.Features.Declarations;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Caching;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Documents;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Statistics.Analytics;

public sealed record EtownDerived(Guid EtownId, string EtownName, string CountyCode, string CountyName, string CityCode, string CityName,
    string Period, StatReportStatus? Status, string StatusLabel, bool Approved,
    IReadOnlyList<DerivedFigure> Figures, IReadOnlyList<StandardCheck> Checks)
{
    public DerivedFigure? Figure(string indicator) => Figures.FirstOrDefault(f => f.Indicator == indicator);
}

public sealed record TrendPoint(string Period, decimal? Value, decimal? YearToDate, bool Approved);

public sealed record TargetRow(string Indicator, string Name, string Unit, int Year, decimal? DeclarationTarget, decimal? EnteredTarget, string? Note,
    decimal? Effective, string? Source);
public sealed record TargetInput(string Indicator, decimal? Value, string? Note);
public sealed record CityFigureRow(string CityCode, string CityName, string Period, string Indicator, decimal? OfficialGrowthPercent, string? Source,
    decimal? ComputedGrowthPercent);
/// <param name="Indicator">total_output (STD-33, the default) or online_retail (an e-town's own growth target, issue #14 item 13).</param>
public sealed record CityFigureInput(string CityCode, string Period, decimal? GrowthPercent, string? Source, string? Indicator = null);

/// <summary>
/// Derived statistics (issue #4 item 6): YTD, year-on-year, completion of the annual target, and the STD-60 / 33 /
/// 36 / 37 checks, for the e-towns in the caller's scope. The arithmetic is in <see cref="DerivedCalculator"/>;
/// this service only gathers values (scoped), targets and the city averages.
/// </summary>
/// <remarks>
/// <see cref="ScopeAsync"/> is kept in the <see cref="ReadCache"/> per data scope and data generation (issue #16): the ranking,
/// target and standards parts of a dashboard, its API calls and other users with the same scope share one computation until
/// a write of the data it derives from bumps the generation.
/// </remarks>
public sealed class StatAnalyticsService(EtownDb db, Caller caller, RegionDirectory regions, TimeProvider clock, Authorizer auth,
    IEnumerable<IOwnGrowthTargets> ownGrowthTargets, ReadCache? cache = null, StatFactsCache? factsCache = null)
{
    /// <summary>The indicators derived and shown (monthly and annual); admins' new indicators are included automatically.</summary>
    static async Task<List<Indicator>> IndicatorsAsync(EtownDbContext ctx, CancellationToken ct) =>
        await ctx.StatIndicators.AsNoTracking().OrderBy(i => i.SortOrder).ToListAsync(ct);

    public async Task<EtownDerived> EtownAsync(Guid etownId, string period, bool approvedOnly = false, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var p = ParseMonth(period);
        await using var ctx = db.Create(caller);
        var etown = await Towns(ctx.Etowns.AsNoTracking().Where(e => e.Id == etownId)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("e镇");
        return (await DeriveAsync(ctx, [etown], p, approvedOnly, wholeScope: false, ct)).Single();
    }

    public async Task<IReadOnlyList<EtownDerived>> ScopeAsync(string period, bool approvedOnly = false, string? cityCode = null, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var p = ParseMonth(period);
        if (string.IsNullOrEmpty(cityCode)) cityCode = null;
        else if (cityCode.Length != 6) throw new DomainException(StatisticsErrors.BadCityCode, "市级行政区划代码应为 6 位，例如 140900。", 400);
        return cache is null ? await ComputeScopeAsync(p, approvedOnly, cityCode, ct)
            : await cache.GetOrComputeAsync($"derived:{ReadCache.ScopeKey(caller.Scope)}:{p}:{approvedOnly}:{cityCode}",
                () => ComputeScopeAsync(p, approvedOnly, cityCode, ct), ct);
    }

    async Task<IReadOnlyList<EtownDerived>> ComputeScopeAsync(StatPeriod p, bool approvedOnly, string? cityCode, CancellationToken ct)
    {
        await using var ctx = db.Create(caller);
        var q = ctx.Etowns.AsNoTracking().Where(e => e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared);
        if (cityCode is not null)
        {
            var prefix = cityCode[..4];
            q = q.Where(e => e.CountyCode.StartsWith(prefix));
        }
        var etowns = await Towns(q.OrderBy(e => e.CountyCode).ThenBy(e => e.Name)).ToListAsync(ct);
        return await DeriveAsync(ctx, etowns, p, approvedOnly, wholeScope: true, ct);
    }

    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(Guid etownId, string indicator, string from, string to, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var (f, t) = (ParseMonth(from), ParseMonth(to));
        if (t.Year * 12 + t.Month < f.Year * 12 + f.Month) throw new DomainException(StatisticsErrors.BadRange, "起始月份不能晚于结束月份。", 400);
        if (t.Year - f.Year > 10) throw new DomainException(StatisticsErrors.BadRange, "趋势最长 10 年。", 400);
        await using var ctx = db.Create(caller);
        var etown = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        var ind = (await IndicatorsAsync(ctx, ct)).FirstOrDefault(i => i.Code == indicator)
                  ?? throw new DomainException(StatisticsErrors.UnknownIndicator, $"未知指标：{indicator}。", 400);
        var months = await MonthsAsync(ctx, [etown.Id], f.Year - 1, t.Year, false, ct, [ind.Code]);
        var mine = months.GetValueOrDefault(etown.Id) ?? new Dictionary<string, MonthValues>();
        var points = new List<TrendPoint>();
        for (var p = f; p.Year * 12 + p.Month <= t.Year * 12 + t.Month; p = p.Next)
        {
            var d = DerivedCalculator.Figure(ind, p, mine, null, null);
            points.Add(new(p.ToString(), d.Month, d.YearToDate, d.Approved));
        }
        return points;
    }

    // ------------------------------------------------------------------ targets (entered where the declaration has none)

    public async Task<IReadOnlyList<TargetRow>> TargetsAsync(Guid etownId, int year, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        RequireYear(year);
        await using var ctx = db.Create(caller);
        var etown = await Towns(ctx.Etowns.AsNoTracking().Where(e => e.Id == etownId)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("e镇");
        var declared = (await DeclarationTargetsAsync(ctx, [etown], year, ct)).GetValueOrDefault(etown.Id) ?? new Dictionary<string, decimal>();
        var entered = await ctx.StatTargets.AsNoTracking().Where(x => x.EtownId == etownId && x.Year == year).ToDictionaryAsync(x => x.IndicatorCode, ct);
        return (await IndicatorsAsync(ctx, ct)).Select(i =>
        {
            var d = declared.TryGetValue(i.Code, out var dv) ? dv : (decimal?)null;
            var e = entered.GetValueOrDefault(i.Code);
            return new TargetRow(i.Code, i.Name, i.Unit, year, d, e?.Value, e?.Note, d ?? e?.Value,
                d is not null ? DerivedCalculator.FromDeclaration : e is not null ? DerivedCalculator.FromEntry : null);
        }).ToList();
    }

    /// <summary>The county (or province) enters targets; an indicator the approved declaration already targets is refused.</summary>
    public async Task<IReadOnlyList<TargetRow>> SetTargetsAsync(Guid etownId, int year, IReadOnlyList<TargetInput> input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.TargetSet);
        ArgumentNullException.ThrowIfNull(input);
        RequireYear(year);
        await using var ctx = db.Create(caller);
        var etown = await Towns(ctx.Etowns.AsNoTracking().Where(e => e.Id == etownId)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("e镇");
        if (!caller.Scope.CoversRegion(etown.CountyCode)) throw new NotFoundException("e镇");
        var indicators = (await IndicatorsAsync(ctx, ct)).ToDictionary(i => i.Code);
        var declared = (await DeclarationTargetsAsync(ctx, [etown], year, ct)).GetValueOrDefault(etown.Id) ?? new Dictionary<string, decimal>();
        var errors = new FieldErrors();
        foreach (var (t, n) in input.Select((t, n) => (t, n)))
        {
            if (t.Indicator is null || !indicators.TryGetValue(t.Indicator, out var ind)) { errors.Add($"targets[{n}].indicator", $"未知指标：{t.Indicator}。"); continue; }
            if (declared.ContainsKey(t.Indicator) && t.Value is not null)
                errors.Add($"targets[{n}].value", $"{ind.Name}：{year} 年目标已由批准的申报书确定，不能另行填报。");
            if (t.Value < 0) errors.Add($"targets[{n}].value", $"{ind.Name}：目标不能为负。");
            if (t.Note is { Length: > 200 }) errors.Add($"targets[{n}].note", $"{ind.Name}：说明不超过 200 字。");
        }
        if (input.GroupBy(t => t.Indicator).Any(g => g.Count() > 1)) errors.Add("targets", "同一指标只能出现一次。");
        errors.ThrowIfAny();
        var existing = await ctx.StatTargets.Where(x => x.EtownId == etownId && x.Year == year).ToDictionaryAsync(x => x.IndicatorCode, ct);
        var now = clock.GetUtcNow();
        foreach (var t in input)
        {
            existing.TryGetValue(t.Indicator, out var row);
            if (t.Value is null) { if (row is not null) ctx.StatTargets.Remove(row); continue; }
            if (row is null) ctx.StatTargets.Add(row = new StatTarget { EtownId = etownId, CountyCode = etown.CountyCode, Year = year, IndicatorCode = t.Indicator });
            row.Value = t.Value.Value; row.Note = string.IsNullOrWhiteSpace(t.Note) ? null : t.Note.Trim(); row.UpdatedAt = now; row.UpdatedBy = caller.UserName;
        }
        await ctx.SaveChangesAsync(ct);
        return await TargetsAsync(etownId, year, ct);
    }

    // ------------------------------------------------------------------ the city's official growth (STD-33)

    public async Task<CityFigureRow> CityFigureAsync(string cityCode, string period, CancellationToken ct = default, string? indicator = null)
    {
        caller.Require(Permissions.Statistics.Read);
        var p = ParseMonth(period);
        var city = RequireCity(cityCode);
        var code = CityIndicator(indicator);
        await using var ctx = db.Create(caller);
        var key = p.ToString();
        var row = await ctx.StatCityFigures.AsNoTracking()
            .FirstOrDefaultAsync(x => x.CityCode == city.Code && x.Period == key && x.IndicatorCode == code, ct);
        var (computed, _) = await ComputedCityGrowthAsync(city.Code, p, false, ct, code);
        return new(city.Code, city.Name, key, code, row?.GrowthPercent, row?.Source,
            computed is { } c ? Math.Round(c, 1, MidpointRounding.AwayFromZero) : null);
    }

    /// <summary>The city (or the province) enters the city's official output growth for months 1…M; null removes it.</summary>
    public async Task<CityFigureRow> SetCityFigureAsync(CityFigureInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.CityFigureSet);
        ArgumentNullException.ThrowIfNull(input);
        var p = ParseMonth(input.Period);
        var city = RequireCity(input.CityCode);
        var code = CityIndicator(input.Indicator);
        auth.Require(CityOperations.SetFigure, new CityResource(city.Code));
        var errors = new FieldErrors();
        if (input.GrowthPercent is < -100 or > 1000) errors.Add("growthPercent", "增速应在 -100% 到 1000% 之间。");
        if (input.Source is { Length: > 200 }) errors.Add("source", "来源说明不超过 200 字。");
        errors.ThrowIfAny();
        await using var ctx = db.Create(caller);
        var key = p.ToString();
        var row = await ctx.StatCityFigures.FirstOrDefaultAsync(x => x.CityCode == city.Code && x.Period == key && x.IndicatorCode == code, ct);
        if (input.GrowthPercent is null) { if (row is not null) ctx.StatCityFigures.Remove(row); }
        else
        {
            if (row is null) ctx.StatCityFigures.Add(row = new StatCityFigure { CityCode = city.Code, Period = key, IndicatorCode = code });
            row.GrowthPercent = input.GrowthPercent.Value; row.Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
            row.UpdatedAt = clock.GetUtcNow(); row.UpdatedBy = caller.UserName;
        }
        await ctx.SaveChangesAsync(ct);
        return await CityFigureAsync(city.Code, key, ct, code);
    }

    /// <summary>The indicators a city enters its official growth for: total output (STD-33) and those of own growth targets.</summary>
    static string CityIndicator(string? indicator) =>
        string.IsNullOrWhiteSpace(indicator) ? IndicatorCatalogue.TotalOutput
        : OwnGrowthTargets.Indicators.Contains(indicator.Trim()) ? indicator.Trim()
        : throw new DomainException(StatisticsErrors.UnknownIndicator, $"所在市增速只能填报总产值或网络零售额：{indicator}。", 400);

    Region RequireCity(string? code) =>
        regions.Find(code) is { Level: RegionLevel.City } c ? c : throw new DomainException(StatisticsErrors.BadCityCode, $"不是山西省的市级行政区划代码：{code}。", 400);

    /// <summary>Derived figures are monthly (an annual report's figures appear in December's).</summary>
    static StatPeriod ParseMonth(string? text)
    {
        var p = StatPeriod.Parse(text);
        if (p.IsAnnual) throw new DomainException(StatisticsErrors.AnnualPeriod, "派生指标按月计算，统计期应写作“YYYY-MM”（年报指标在 12 月显示）。", 400);
        return p;
    }

    static void RequireYear(int year)
    {
        if (year is < 2020 or > 2035) throw new DomainException(StatisticsErrors.BadYear, "年份应在 2020–2035 之间。", 400);
    }

    // ------------------------------------------------------------------ the work

    /// <summary>What the derivation reads of an e-town (a projection: the entity carries texts no figure uses; issue #16).</summary>
    sealed record Town(Guid Id, string Name, string CountyCode, Guid? DeclarationId);

    static IQueryable<Town> Towns(IQueryable<Etown> q) => q.Select(e => new Town(e.Id, e.Name, e.CountyCode, e.DeclarationId));

    /// <summary>
    /// County-approved or later (STAT-05), as a list: the status is stored as its name, so a SQL "&gt;=" would compare
    /// strings ("CityAccepted" &lt; "CountyApproved") — never compare the stored status with &lt; or &gt; in a query.
    /// </summary>
    internal static readonly StatReportStatus[] ApprovedStatuses = StatReportStatuses.CountyApprovedOrLater;

    /// <summary>The reports a month's figures read: this year's and last year's January…M (and each year's annual report "YYYY").</summary>
    static (string Lo, string Hi)[] YtdSpans(StatPeriod p) =>
        [($"{p.Year - 1:D4}", new StatPeriod(p.Year - 1, p.Month).ToString()), ($"{p.Year:D4}", p.ToString())];

    async Task<IReadOnlyList<EtownDerived>> DeriveAsync(EtownDbContext ctx, IReadOnlyList<Town> etowns, StatPeriod p, bool approvedOnly, bool wholeScope,
        CancellationToken ct)
    {
        var indicators = await IndicatorsAsync(ctx, ct);
        var ids = etowns.Select(e => e.Id).ToList();
        var key = p.ToString();
        var facts = await FactsAsync(ctx, ids, indicators, p, approvedOnly, ct);
        MonthFacts Facts(Guid id, string code) => facts.TryGetValue(id, out var t) && t.Facts.TryGetValue(code, out var f) ? f : MonthFacts.None;
        var declared = await DeclarationTargetsAsync(ctx, etowns, p.Year, ct);
        var entered = (await ctx.StatTargets.AsNoTracking().Where(x => EF.Parameter(ids).Contains(x.EtownId) && x.Year == p.Year).ToListAsync(ct))
            .ToLookup(x => x.EtownId);
        // The cities' official figures of the month, in one read (published by the city: whoever sees an e-town of the city sees them).
        var officials = (await ctx.StatCityFigures.IgnoreQueryFilters().AsNoTracking().Where(x => x.Period == key).ToListAsync(ct))
            .ToDictionary(x => (x.CityCode, x.IndicatorCode));
        var cityGrowth = new Dictionary<string, (decimal? Growth, string Basis)>();
        // A province-wide caller has usually loaded every e-town of a city already: the city's growth comes from those
        // values instead of a second read per city (docs/benchmarks.md). Same e-towns, same figures as the system read.
        // The whole scope's list (ScopeAsync) is already every reporting e-town of the cities it covers (issue #16).
        var loaded = ids.ToHashSet();
        var output = indicators.FirstOrDefault(i => i.Code == IndicatorCatalogue.TotalOutput);
        var townsByCity = !caller.Scope.IsProvince || output is null ? null
            : wholeScope ? etowns.GroupBy(e => regions.Find(e.CountyCode)?.ParentCode ?? "").ToDictionary(g => g.Key, g => g.Select(e => e.Id).ToList())
            : await ReportingTownsByCityAsync(ctx, ct);
        // The checks judge by the standard version in force for each e-town, resolved as the compliance view resolves it (#9 item 5).
        var standards = await Standards.StandardsInForce.LoadAsync(ctx, regions, ids, ct);
        var own = new Dictionary<Guid, List<OwnGrowthTarget>>();
        foreach (var port in ownGrowthTargets)
            foreach (var (id, list) in await port.ForEtownsAsync(ctx, ids, ct))
                (own.TryGetValue(id, out var l) ? l : own[id] = []).AddRange(list);
        var cityGrowthOf = new Dictionary<(string, string), (decimal? Growth, string Basis)>();
        var shown = indicators.Where(i => i.PeriodType == StatPeriodType.Monthly || p.Month == 12).ToList();
        var result = new List<EtownDerived>(etowns.Count);
        foreach (var e in etowns)
        {
            var dt = declared.GetValueOrDefault(e.Id);
            var figures = shown.Select(i =>
            {
                if (dt is not null && dt.TryGetValue(i.Code, out var d)) return DerivedCalculator.Figure(i, p, Facts(e.Id, i.Code), d, DerivedCalculator.FromDeclaration);
                var t = entered[e.Id].FirstOrDefault(x => x.IndicatorCode == i.Code);
                return DerivedCalculator.Figure(i, p, Facts(e.Id, i.Code), t?.Value, t is null ? null : DerivedCalculator.FromEntry);
            }).ToList();
            var county = regions.Find(e.CountyCode);
            var cityCode = county?.ParentCode ?? "";
            if (!cityGrowth.TryGetValue(cityCode, out var cg))
            {
                Func<(decimal?, int)>? fromLoaded = townsByCity is not null && townsByCity.TryGetValue(cityCode, out var cityTowns) && cityTowns.All(loaded.Contains)
                    ? () => (DerivedCalculator.CityGrowth(cityTowns.Select(id =>
                        DerivedCalculator.Figure(output!, p, Facts(id, output!.Code), null, null))), cityTowns.Count)
                    : null;
                cityGrowth[cityCode] = cg = await CityGrowthAsync(ctx, cityCode, p, approvedOnly, ct, fromLoaded, officials: officials);
            }
            var checks = DerivedCalculator.Checks(p, figures.ToDictionary(f => f.Indicator), cg.Growth, cg.Basis,
                standards.For(e.CountyCode, e.Id)?.Items, county?.CountyClass).ToList();
            // The e-town's own growth targets against the city's growth of the same indicator (潞城 001 line 173; issue #14 item 13).
            foreach (var t in own.GetValueOrDefault(e.Id) ?? [])
            {
                if (t.FromYear is { } from && p.Year < from) continue;
                if (!cityGrowthOf.TryGetValue((cityCode, t.Indicator), out var tg))
                    cityGrowthOf[(cityCode, t.Indicator)] = tg = t.Indicator == IndicatorCatalogue.TotalOutput ? cg
                        : await CityGrowthAsync(ctx, cityCode, p, approvedOnly, ct, null, t.Indicator, officials);
                checks.Add(OwnGrowthTargets.Check(p, t, figures.FirstOrDefault(f => f.Indicator == t.Indicator), tg.Growth, tg.Basis));
            }
            var status = facts.TryGetValue(e.Id, out var mine) ? mine.Status : null;
            result.Add(new(e.Id, e.Name, e.CountyCode, county?.Name ?? e.CountyCode, cityCode, regions.NameOf(cityCode), key, status,
                status is { } st ? StatReport.StatusLabel(st) : "未填报", status >= StatReportStatus.CountyApproved, figures, checks));
        }
        return result;
    }

    /// <summary>
    /// STD-33's "所在市平均水平" (000 line 121; issue #14 item 2): the city's official growth, entered (or imported) by the city per
    /// period. Only when it is missing, a labelled fallback — the growth of all the city's e-towns (not only the caller's) — and
    /// never for a city with a single e-town: that would compare the town with itself ("缺少全市平均水平", not judged).
    /// </summary>
    public const string SingleTownNoAverage = "缺少全市平均水平：本市仅有 1 个e镇，不能以本镇数据代替全市平均，请市级录入统计部门公布的平均增速";

    /// <param name="officials">The period's official city figures when already read (city, indicator) → figure; else read here.</param>
    async Task<(decimal? Growth, string Basis)> CityGrowthAsync(EtownDbContext ctx, string cityCode, StatPeriod p, bool approvedOnly, CancellationToken ct,
        Func<(decimal?, int)>? fromLoaded = null, string indicator = IndicatorCatalogue.TotalOutput,
        IReadOnlyDictionary<(string, string), StatCityFigure>? officials = null)
    {
        if (cityCode.Length != 6) return (null, "");
        var key = p.ToString();
        // The official figure is published by the city: whoever may see an e-town of the city may see it.
        var official = officials is not null ? officials.GetValueOrDefault((cityCode, indicator))
            : await ctx.StatCityFigures.IgnoreQueryFilters().AsNoTracking()
                .FirstOrDefaultAsync(x => x.CityCode == cityCode && x.Period == key && x.IndicatorCode == indicator, ct);
        if (official is not null) return Official(official);
        var (computed, towns) = fromLoaded is not null ? fromLoaded() : await ComputedCityGrowthAsync(cityCode, p, approvedOnly, ct, indicator);
        return Fallback(computed, towns, indicator);
    }

    static (decimal? Growth, string Basis) Official(StatCityFigure official) =>
        (official.GrowthPercent, "市统计部门数据" + (official.Source is null ? "" : "：" + official.Source));

    static (decimal? Growth, string Basis) Fallback(decimal? computed, int towns, string indicator) =>
        towns < 2 ? (null, SingleTownNoAverage)
        : (computed, indicator == IndicatorCatalogue.TotalOutput ? "替代值：市统计部门数据未录入，按本市各e镇总产值合计计算"
            : "替代值：市统计部门数据未录入，按本市各e镇合计计算");

    /// <summary>City code → the reporting e-towns of the city, as <see cref="ComputedCityGrowthAsync"/> selects them.</summary>
    async Task<Dictionary<string, List<Guid>>> ReportingTownsByCityAsync(EtownDbContext ctx, CancellationToken ct) =>
        (await ctx.Etowns.AsNoTracking().Where(e => e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared)
            .Select(e => new { e.Id, e.CountyCode }).ToListAsync(ct))
        .GroupBy(e => regions.Find(e.CountyCode)?.ParentCode ?? "")
        .ToDictionary(g => g.Key, g => g.Select(e => e.Id).ToList());

    /// <summary>Σ output YTD / Σ output YTD last year − 1 over the city's e-towns with both spans complete. Only this one number leaves the system read.</summary>
    async Task<(decimal? Growth, int Towns)> ComputedCityGrowthAsync(string cityCode, StatPeriod p, bool approvedOnly, CancellationToken ct,
        string indicator = IndicatorCatalogue.TotalOutput)
    {
        await using var sys = db.CreateSystem();
        var prefix = cityCode[..4];
        var ids = await sys.Etowns.AsNoTracking()
            .Where(e => e.CountyCode.StartsWith(prefix) && e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared)
            .Select(e => e.Id).ToListAsync(ct);
        var ind = await sys.StatIndicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == indicator, ct);
        if (ind is null || ids.Count == 0) return (null, ids.Count);
        var (_, months) = await ReadMonthsAsync(sys, ids, YtdSpans(p), approvedOnly, ct, [indicator]);
        return (DerivedCalculator.CityGrowth(ids.Select(id => DerivedCalculator.Figure(ind, p, months.GetValueOrDefault(id) ?? new Dictionary<string, MonthValues>(), null, null))), ids.Count);
    }

    /// <summary>
    /// The month facts of <paramref name="ids"/>: from the <see cref="StatFactsCache"/> for every e-town whose stamp has not moved,
    /// read (<see cref="ReadFactsAsync"/>) for the others. The stamps are read first, so facts stored under a stamp never predate it.
    /// </summary>
    async Task<Dictionary<Guid, EtownMonthFacts>> FactsAsync(EtownDbContext ctx, IReadOnlyList<Guid> ids, IReadOnlyList<Indicator> indicators,
        StatPeriod p, bool approvedOnly, CancellationToken ct)
    {
        var result = new Dictionary<Guid, EtownMonthFacts>(ids.Count);
        var key = p.ToString();
        Dictionary<Guid, long> stamps = [];
        var catalogue = StatFactsCache.IndicatorsKey(indicators);
        var stale = ids.Distinct().ToList();
        if (factsCache is not null && stale.Count > 0)
        {
            stamps = await ctx.EtownDataStamps.AsNoTracking().Where(x => EF.Parameter(stale).Contains(x.EtownId)).ToDictionaryAsync(x => x.EtownId, x => x.Value, ct);
            stale = stale.Where(id =>
            {
                if (!factsCache.TryGet(id, key, approvedOnly, catalogue, stamps.GetValueOrDefault(id), out var hit)) return true;
                result[id] = hit;
                return false;
            }).ToList();
        }
        if (stale.Count == 0) return result;
        var (statuses, read) = (factsCache is null ? null : await KeptReportFactsAsync(ctx, stale, stamps, indicators, p, approvedOnly, ct))
            ?? await ReadFactsAsync(ctx, stale, indicators, p, approvedOnly, ct);
        var byTown = read.GroupBy(kv => kv.Key.Item1).ToDictionary(g => g.Key, g => g.ToDictionary(kv => kv.Key.Item2, kv => kv.Value));
        foreach (var id in stale)
        {
            var facts = new EtownMonthFacts(statuses.TryGetValue(id, out var st) ? st : null,
                byTown.TryGetValue(id, out var f) ? f : new Dictionary<string, MonthFacts>());
            result[id] = facts;
            factsCache?.Set(id, key, approvedOnly, catalogue, stamps.GetValueOrDefault(id), facts);
        }
        return result;
    }

    sealed record ReportRef(Guid Id, Guid EtownId, string Period, StatReportStatus Status);

    /// <summary>
    /// The month facts from the reports kept per e-town stamp (<see cref="StatFactsCache.TryGetReport"/>), reading only the reports
    /// not kept — when a month is derived for the first time, usually just that month of each e-town (issue #16 target 2). Null
    /// when most are missing (a fresh instance, an e-town just saved): then <see cref="ReadFactsAsync"/> sums in the database.
    /// </summary>
    async Task<(Dictionary<Guid, StatReportStatus> Statuses, Dictionary<(Guid, string), MonthFacts> Facts)?> KeptReportFactsAsync(EtownDbContext ctx,
        IReadOnlyList<Guid> ids, IReadOnlyDictionary<Guid, long> stamps, IReadOnlyList<Indicator> indicators, StatPeriod p, bool approvedOnly,
        CancellationToken ct)
    {
        string key = p.ToString(), year = $"{p.Year:D4}", lastYear = $"{p.Year - 1:D4}";
        var needed = Enumerable.Range(1, p.Month).SelectMany(m => new[] { new StatPeriod(p.Year, m).ToString(), new StatPeriod(p.Year - 1, m).ToString() })
            .Concat(p.Month == 12 ? [year, lastYear] : []).ToList();
        var rows = new Dictionary<(Guid, string), EtownReportRow?>();
        var missing = new List<(Guid Id, string Period)>();
        foreach (var id in ids)
            foreach (var period in needed)
                if (factsCache!.TryGetReport(id, period, stamps.GetValueOrDefault(id), out var row)) rows[(id, period)] = row;
                else missing.Add((id, period));
        if (missing.Count > ids.Count * 4) return null;
        if (missing.Count > 0)
        {
            var towns = missing.Select(m => m.Id).Distinct().ToList();
            var periods = missing.Select(m => m.Period).Distinct().ToList();
            // EF.Parameter: the list as one parameter (json_each on SQLite, = ANY on PostgreSQL). EF 10 otherwise expands it into one
            // parameter per id and re-processes the SQL at every call — about a sixth of a month's derivation (profile, issue #16).
            var rq = ctx.StatReports.AsNoTracking().Where(r => EF.Parameter(towns).Contains(r.EtownId) && EF.Parameter(periods).Contains(r.Period));
            var reports = await rq.Select(r => new { r.Id, r.EtownId, r.Period, r.Status }).ToListAsync(ct);
            var values = (await (from r in rq join v in ctx.StatValues.AsNoTracking() on r.Id equals v.ReportId
                                 select new { v.ReportId, v.IndicatorCode, v.Value }).ToListAsync(ct)).ToLookup(v => v.ReportId);
            var found = reports.ToDictionary(r => (r.EtownId, r.Period),
                r => (EtownReportRow?)new EtownReportRow(r.Status, values[r.Id].ToDictionary(v => v.IndicatorCode, v => v.Value)));
            // Every pair of the read is known now, found or not: kept under the stamp read before it.
            foreach (var id in towns)
                foreach (var period in periods)
                {
                    var row = found.GetValueOrDefault((id, period));
                    rows[(id, period)] = row;
                    factsCache!.SetReport(id, period, stamps.GetValueOrDefault(id), row);
                }
        }
        EtownReportRow? Counted(Guid id, string period) =>
            rows.GetValueOrDefault((id, period)) is { } r && (!approvedOnly || ApprovedStatuses.Contains(r.Status)) ? r : null;
        var statuses = ids.Where(id => rows.GetValueOrDefault((id, key)) is not null).ToDictionary(id => id, id => rows[(id, key)]!.Status);
        var summed = SummedMonthly(indicators);
        var spans = new Dictionary<(Guid, string, string), Span>();
        var monthKeys = new[] { p.Year, p.Year - 1 }.Select(y => (Year: $"{y:D4}", Periods: Enumerable.Range(1, p.Month).Select(m => new StatPeriod(y, m).ToString()).ToArray())).ToArray();
        foreach (var id in ids)
            foreach (var (y, periods) in monthKeys)
            {
                var months = Array.ConvertAll(periods, period => Counted(id, period));
                foreach (var code in summed)
                {
                    long units = 0;
                    int count = 0, approved = 0;
                    foreach (var r in months)
                        if (r is not null && r.Values.TryGetValue(code, out var v))
                        {
                            units += (long)(v * 10_000m); // decimal(18,4): exact, as ExactSums.Units in the database
                            count++;
                            if (ApprovedStatuses.Contains(r.Status)) approved++;
                        }
                    if (count > 0) spans[(id, code, y)] = new(units, count, approved);
                }
            }
        return (statuses, BuildFacts(ids, indicators, p,
            (id, period, code) => Counted(id, period) is { } r && r.Values.TryGetValue(code, out var v) ? (v, r.Status >= StatReportStatus.CountyApproved) : null,
            (id, code, y) => spans.GetValueOrDefault((id, code, y))));
    }

    /// <summary>
    /// The <see cref="MonthFacts"/> of every indicator of <paramref name="ids"/> for month <paramref name="p"/> (scoped by the
    /// context), and the statuses of the month's reports. Three reads (issue #16): the statuses; the values of the month, of the
    /// same month last year and (December) of the annual reports; and, summed in the database per e-town, indicator and year,
    /// January…M of the summed monthly indicators — a few thousand rows instead of every value of two years. With
    /// <paramref name="approvedOnly"/> only county-approved reports count, as <see cref="ReadMonthsAsync"/> leaves the others out.
    /// </summary>
    static async Task<(Dictionary<Guid, StatReportStatus> Statuses, Dictionary<(Guid, string), MonthFacts> Facts)> ReadFactsAsync(EtownDbContext ctx,
        IReadOnlyList<Guid> ids, IReadOnlyList<Indicator> indicators, StatPeriod p, bool approvedOnly, CancellationToken ct)
    {
        string key = p.ToString(), lastKey = p.SameMonthLastYear.ToString(), year = $"{p.Year:D4}", lastYear = $"{p.Year - 1:D4}";
        string[] points = p.Month == 12 ? [key, lastKey, year, lastYear] : [key, lastKey];
        var reports = ctx.StatReports.AsNoTracking().Where(r => ids.Contains(r.EtownId));
        var statuses = await reports.Where(r => r.Period == key).Select(r => new { r.EtownId, r.Status }).ToDictionaryAsync(r => r.EtownId, r => r.Status, ct);
        if (approvedOnly) reports = reports.Where(r => ApprovedStatuses.Contains(r.Status));
        var pointValues = (await (from r in reports
                                  where points.Contains(r.Period)
                                  join v in ctx.StatValues.AsNoTracking() on r.Id equals v.ReportId
                                  select new { r.EtownId, r.Period, r.Status, v.IndicatorCode, v.Value }).ToListAsync(ct))
            .ToDictionary(x => (x.EtownId, x.Period, x.IndicatorCode), x => (x.Value, Approved: x.Status >= StatReportStatus.CountyApproved));
        var summed = SummedMonthly(indicators);
        string alo = $"{lastYear}-01", blo = $"{year}-01";
        var spans = (await (from r in reports
                            where (string.Compare(r.Period, alo) >= 0 && string.Compare(r.Period, lastKey) <= 0)
                                  || (string.Compare(r.Period, blo) >= 0 && string.Compare(r.Period, key) <= 0)
                            join v in ctx.StatValues.AsNoTracking() on r.Id equals v.ReportId
                            where summed.Contains(v.IndicatorCode)
                            group new { Units = ExactSums.Units(v.Value), r.Status } by new { r.EtownId, v.IndicatorCode, Year = r.Period.Substring(0, 4) } into g
                            select new
                            {
                                g.Key.EtownId, g.Key.IndicatorCode, g.Key.Year, Units = g.Sum(x => x.Units), Months = g.Count(),
                                Approved = g.Count(x => x.Status == StatReportStatus.CountyApproved || x.Status == StatReportStatus.CityAccepted
                                    || x.Status == StatReportStatus.ProvinceAccepted),
                            }).ToListAsync(ct))
            .ToDictionary(x => (x.EtownId, x.IndicatorCode, x.Year), x => new Span(x.Units, x.Months, x.Approved));
        return (statuses, BuildFacts(ids, indicators, p,
            (id, period, code) => pointValues.TryGetValue((id, period, code), out var v) ? v : null, (id, code, y) => spans.GetValueOrDefault((id, code, y))));
    }

    static List<string> SummedMonthly(IReadOnlyList<Indicator> indicators) =>
        indicators.Where(i => i.PeriodType == StatPeriodType.Monthly && i.Aggregation == StatAggregation.Sum).Select(i => i.Code).ToList();

    /// <summary>January…M of one summed indicator in one year: the sum in ten-thousandths, the months with a value, the approved ones.</summary>
    sealed record Span(long Units, int Months, int Approved);

    /// <summary>The <see cref="MonthFacts"/> from a month's points and the year-to-date spans, however they were read (one arithmetic).</summary>
    static Dictionary<(Guid, string), MonthFacts> BuildFacts(IReadOnlyList<Guid> ids, IReadOnlyList<Indicator> indicators, StatPeriod p,
        Func<Guid, string, string, (decimal Value, bool Approved)?> point, Func<Guid, string, string, Span?> span)
    {
        string key = p.ToString(), lastKey = p.SameMonthLastYear.ToString(), year = $"{p.Year:D4}", lastYear = $"{p.Year - 1:D4}";
        var facts = new Dictionary<(Guid, string), MonthFacts>();
        foreach (var id in ids.Distinct())
            foreach (var i in indicators)
            {
                (decimal Value, bool Approved)? Point(string period) => point(id, period, i.Code);
                if (i.PeriodType == StatPeriodType.Annual)
                {
                    if (p.Month != 12) continue; // annual indicators show in December only
                    // The annual report "YYYY", or, in older data, the December report (as DerivedCalculator.Gather).
                    var (now, before) = (Point(year) ?? Point(key), Point(lastYear) ?? Point(lastKey));
                    facts[(id, i.Code)] = new(now?.Value, now?.Approved == true, before?.Value);
                    continue;
                }
                var month = Point(key);
                var last = Point(lastKey);
                if (i.Aggregation != StatAggregation.Sum) { facts[(id, i.Code)] = new(month?.Value, month?.Approved == true, last?.Value); continue; }
                var ytd = span(id, i.Code, year);
                var ytdLast = span(id, i.Code, lastYear);
                facts[(id, i.Code)] = new(month?.Value, month?.Approved == true, last?.Value,
                    ytd is null ? null : ExactSums.FromUnits(ytd.Units), ytd?.Months ?? 0, ytd?.Approved ?? 0,
                    ytdLast is null ? null : ExactSums.FromUnits(ytdLast.Units), ytdLast?.Months ?? 0);
            }
        return facts;
    }

    /// <summary>Values per e-town per report period for the years <paramref name="fromYear"/>…<paramref name="toYear"/> (scoped by the context).</summary>
    static async Task<Dictionary<Guid, Dictionary<string, MonthValues>>> MonthsAsync(EtownDbContext ctx, IReadOnlyList<Guid> ids, int fromYear, int toYear,
        bool approvedOnly, CancellationToken ct, string[]? onlyIndicators = null) =>
        (await ReadMonthsAsync(ctx, ids, [($"{fromYear:D4}", $"{toYear:D4}-99")], approvedOnly, ct, onlyIndicators)).Months;

    /// <summary>
    /// The reports of <paramref name="ids"/> whose period lies in one of (at most two) spans, and their values per e-town per period
    /// (scoped by the context). Two reads, driven by the (EtownId, Period) index: the reports, then their values by report
    /// (issue #16: the values of one month's figures only, never every year of every e-town). With <paramref name="approvedOnly"/>
    /// the months not county-approved are left out (and their values not read).
    /// </summary>
    static async Task<(List<ReportRef> Reports, Dictionary<Guid, Dictionary<string, MonthValues>> Months)> ReadMonthsAsync(EtownDbContext ctx,
        IReadOnlyList<Guid> ids, IReadOnlyList<(string Lo, string Hi)> spans, bool approvedOnly, CancellationToken ct, string[]? onlyIndicators = null)
    {
        var (a, b) = (spans[0], spans.Count > 1 ? spans[1] : spans[0]);
        string alo = a.Lo, ahi = a.Hi, blo = b.Lo, bhi = b.Hi;
        var rq = ctx.StatReports.AsNoTracking().Where(r => ids.Contains(r.EtownId)
            && ((string.Compare(r.Period, alo) >= 0 && string.Compare(r.Period, ahi) <= 0) || (string.Compare(r.Period, blo) >= 0 && string.Compare(r.Period, bhi) <= 0)));
        var reports = await rq.Select(r => new ReportRef(r.Id, r.EtownId, r.Period, r.Status)).ToListAsync(ct);
        if (approvedOnly) rq = rq.Where(r => ApprovedStatuses.Contains(r.Status));
        var vq = from r in rq join v in ctx.StatValues.AsNoTracking() on r.Id equals v.ReportId select v;
        if (onlyIndicators is not null) vq = vq.Where(v => onlyIndicators.Contains(v.IndicatorCode));
        var values = (await vq.Select(v => new { v.ReportId, v.IndicatorCode, v.Value }).ToListAsync(ct)).ToLookup(v => v.ReportId);
        var months = reports.Where(r => !approvedOnly || r.Status >= StatReportStatus.CountyApproved).GroupBy(r => r.EtownId)
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Period,
                r => new MonthValues(values[r.Id].ToDictionary(v => v.IndicatorCode, v => v.Value), r.Status >= StatReportStatus.CountyApproved)));
        return (reports, months);
    }

    /// <summary>Targets of the approved declarations (DECL-09), read without the declaration scope: whoever sees the e-town sees its targets.</summary>
    static async Task<Dictionary<Guid, Dictionary<string, decimal>>> DeclarationTargetsAsync(EtownDbContext ctx, IReadOnlyList<Town> etowns, int year, CancellationToken ct)
    {
        var byDeclaration = etowns.Where(e => e.DeclarationId is not null).ToDictionary(e => e.DeclarationId!.Value, e => e.Id);
        if (byDeclaration.Count == 0) return [];
        var keys = byDeclaration.Keys.ToList();
        var declarations = await ctx.Declarations.IgnoreQueryFilters().AsNoTracking()
            .Where(d => EF.Parameter(keys).Contains(d.Id) && d.Status == DeclarationStatus.Listed).ToListAsync(ct);
        return declarations.ToDictionary(d => byDeclaration[d.Id], d =>
        {
            var form = d.Form;
            return DerivedCalculator.DeclarationTargets
                .Select(kv => (kv.Key, Value: form.Target(kv.Value, year)))
                .Where(x => x.Value is not null).ToDictionary(x => x.Key, x => x.Value!.Value);
        });
    }

    // ------------------------------------------------------------------ figures for the construction standard (#5)

    /// <summary>
    /// Annual achieved figures from approved statistics, for the compliance engine: a year counts only when all twelve
    /// monthly reports are county-approved or later (a partial year would fail an annual threshold that is not yet due).
    /// Codes are the standard's indicator codes (Standards.Indicators). Summed in the database (issue #16): one count of
    /// approved months per e-town and year, the year's sums of the summed indicators and December's stocks — three reads for
    /// any number of e-towns and years — plus the cities' output growth (<see cref="ApprovedCityGrowthAsync"/>).
    /// </summary>
    public async Task<Dictionary<Guid, List<Standards.FigureValue>>> ApprovedYearFiguresAsync(IReadOnlyList<Guid> etownIds, CancellationToken ct = default)
    {
        var result = new Dictionary<Guid, List<Standards.FigureValue>>();
        if (etownIds.Count == 0) return result;
        await using var ctx = db.Create(caller);
        var ids = etownIds.Distinct().ToList();
        var facts = await ApprovedYearFactsAsync(ctx, ids, ct);
        var complete = facts.SelectMany(kv => kv.Value.Where(y => y.Value.ApprovedMonths == 12).Select(y => (EtownId: kv.Key, Year: y.Key))).ToHashSet();
        if (complete.Count == 0) return result;
        var counties = await ctx.Etowns.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.CountyCode }).ToDictionaryAsync(e => e.Id, e => e.CountyCode, ct);
        var cityOf = counties.ToDictionary(kv => kv.Key, kv => regions.Find(kv.Value)?.ParentCode);
        var cityGrowth = await ApprovedCityGrowthAsync(complete.Select(c => (cityOf.GetValueOrDefault(c.EtownId), c.Year))
            .Where(c => DataScope.IsCityCode(c.Item1)).Select(c => (c.Item1!, c.Year)).ToHashSet(), ct);
        foreach (var (id, year) in complete.OrderBy(c => c.Year))
        {
            var y = facts[id][year];
            decimal? Sum(string code) => y.Sums.TryGetValue(code, out var v) ? ExactSums.FromUnits(v.Units) : null;
            decimal? Dec(string code) => y.December.TryGetValue(code, out var v) ? v : null;
            var list = result.TryGetValue(id, out var l) ? l : result[id] = [];
            void Add(string code, decimal? value) { if (value is { } v) list.Add(new(code, year, v, Standards.FigureSources.Statistics)); }
            Add(Standards.Indicators.TotalOutput, Sum(IndicatorCatalogue.TotalOutput));
            Add(Standards.Indicators.OnlineRetail, Sum(IndicatorCatalogue.OnlineRetail));
            // STD-37 counts legal-person units (003 line 98), not all new market entities (issue #14 item 4).
            Add(Standards.Indicators.NewLegalEntities, Sum(IndicatorCatalogue.NewLegalEntities));
            // 岢岚's KL-2022 item 37 also counts all new market entities up to end-2023 (002 line 6; issue #14 item 13).
            Add(Standards.Indicators.NewMarketEntities, Sum(IndicatorCatalogue.NewMarketEntities));
            // Unrounded: the compliance engine compares it with STD-60's threshold (#9 item 5).
            Add(Standards.Indicators.NewEntitiesEcommercePct, Standards.StandardJudge.Share(Sum(IndicatorCatalogue.NewEcommerceEntities), Sum(IndicatorCatalogue.NewMarketEntities)));
            Add(Standards.Indicators.TotalInvestment, Dec(IndicatorCatalogue.TotalInvestment));
            Add(Standards.Indicators.Employment, Dec(IndicatorCatalogue.Employment));
            if (cityOf.GetValueOrDefault(id) is { } city && DataScope.IsCityCode(city))
                Add(Standards.Indicators.CityOutputGrowth, cityGrowth.GetValueOrDefault((city, year)));
        }
        return result;
    }

    static readonly string[] YearSummed = [IndicatorCatalogue.TotalOutput, IndicatorCatalogue.OnlineRetail, IndicatorCatalogue.NewLegalEntities,
        IndicatorCatalogue.NewMarketEntities, IndicatorCatalogue.NewEcommerceEntities];
    static readonly string[] YearStocks = [IndicatorCatalogue.TotalInvestment, IndicatorCatalogue.Employment];

    /// <summary>
    /// The approved year facts of <paramref name="ids"/> (read through <paramref name="ctx"/>, scoped or system): from the
    /// <see cref="StatFactsCache"/> for every e-town whose stamp has not moved, read for the others (issue #16 target 2: after one
    /// e-town's save the matrix reads that e-town's five years, not a hundred e-towns'). The stamps are read first.
    /// </summary>
    async Task<Dictionary<Guid, IReadOnlyDictionary<int, ApprovedYearFacts>>> ApprovedYearFactsAsync(EtownDbContext ctx, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, IReadOnlyDictionary<int, ApprovedYearFacts>>(ids.Count);
        var stale = ids.Distinct().ToList();
        Dictionary<Guid, long> stamps = [];
        if (factsCache is not null && stale.Count > 0)
        {
            stamps = await ctx.EtownDataStamps.AsNoTracking().Where(x => EF.Parameter(stale).Contains(x.EtownId)).ToDictionaryAsync(x => x.EtownId, x => x.Value, ct);
            stale = stale.Where(id =>
            {
                if (!factsCache.TryGetYears(id, stamps.GetValueOrDefault(id), out var hit)) return true;
                result[id] = hit;
                return false;
            }).ToList();
        }
        if (stale.Count == 0) return result;
        var read = await ReadApprovedYearFactsAsync(ctx, stale, ct);
        foreach (var id in stale)
        {
            var years = read.GetValueOrDefault(id) ?? new Dictionary<int, ApprovedYearFacts>();
            result[id] = years;
            factsCache?.SetYears(id, stamps.GetValueOrDefault(id), years);
        }
        return result;
    }

    /// <summary>
    /// Counted and summed in the database (issue #16): the approved months per e-town and year, the year's sums of the summed
    /// indicators (with how many approved months have a value) and December's stocks — three reads for any number of e-towns.
    /// </summary>
    static async Task<Dictionary<Guid, IReadOnlyDictionary<int, ApprovedYearFacts>>> ReadApprovedYearFactsAsync(EtownDbContext ctx, List<Guid> ids,
        CancellationToken ct)
    {
        static int Year(string y) => int.Parse(y, System.Globalization.CultureInfo.InvariantCulture);
        var approved = ctx.StatReports.AsNoTracking().Where(r => ids.Contains(r.EtownId) && r.Period.Length == 7 && ApprovedStatuses.Contains(r.Status));
        var months = await approved.GroupBy(r => new { r.EtownId, Year = r.Period.Substring(0, 4) })
            .Select(g => new { g.Key.EtownId, g.Key.Year, Months = g.Count() }).ToListAsync(ct);
        string[] summed = YearSummed, stocks = YearStocks;
        var sums = (await (from r in approved
                           join v in ctx.StatValues.AsNoTracking() on r.Id equals v.ReportId
                           where summed.Contains(v.IndicatorCode)
                           group ExactSums.Units(v.Value) by new { r.EtownId, Year = r.Period.Substring(0, 4), v.IndicatorCode } into g
                           select new { g.Key.EtownId, g.Key.Year, g.Key.IndicatorCode, Units = g.Sum(), Months = g.Count() }).ToListAsync(ct))
            .ToLookup(x => (x.EtownId, Year(x.Year)));
        var decembers = (await (from r in approved.Where(r => r.Period.EndsWith("-12"))
                                join v in ctx.StatValues.AsNoTracking() on r.Id equals v.ReportId
                                where stocks.Contains(v.IndicatorCode)
                                select new { r.EtownId, r.Period, v.IndicatorCode, v.Value }).ToListAsync(ct))
            .ToLookup(x => (x.EtownId, Year(x.Period[..4])));
        var result = new Dictionary<Guid, IReadOnlyDictionary<int, ApprovedYearFacts>>();
        foreach (var m in months)
        {
            var year = Year(m.Year);
            var years = (Dictionary<int, ApprovedYearFacts>)(result.TryGetValue(m.EtownId, out var y) ? y : result[m.EtownId] = new Dictionary<int, ApprovedYearFacts>());
            years[year] = new(m.Months, sums[(m.EtownId, year)].ToDictionary(x => x.IndicatorCode, x => (x.Units, x.Months)),
                decembers[(m.EtownId, year)].ToDictionary(x => x.IndicatorCode, x => x.Value));
        }
        return result;
    }

    /// <summary>
    /// STD-33's city average for whole years on approved data (<see cref="CityGrowthAsync"/> for December with approvedOnly), for
    /// many cities and years at once: the official figures in one read, the fallback from each reporting e-town's approved output
    /// per year (<see cref="ApprovedYearFactsAsync"/>, system read: every e-town of the city, kept per e-town stamp, so a save in any
    /// e-town of the city changes the average) — the same arithmetic as <see cref="DerivedCalculator.CityGrowth"/> over
    /// <see cref="DerivedCalculator.Figure"/>.
    /// </summary>
    async Task<Dictionary<(string City, int Year), decimal?>> ApprovedCityGrowthAsync(IReadOnlySet<(string City, int Year)> wanted, CancellationToken ct)
    {
        var result = new Dictionary<(string, int), decimal?>();
        if (wanted.Count == 0) return result;
        await using var sys = db.CreateSystem();
        var decs = wanted.Select(w => $"{w.Year:D4}-12").Distinct().ToList();
        const string output = IndicatorCatalogue.TotalOutput;
        var officials = (await sys.StatCityFigures.AsNoTracking().Where(x => decs.Contains(x.Period) && x.IndicatorCode == output).ToListAsync(ct))
            .ToDictionary(x => (x.CityCode, int.Parse(x.Period[..4], System.Globalization.CultureInfo.InvariantCulture)));
        var open = wanted.Where(w => !officials.ContainsKey(w)).ToList();
        foreach (var w in wanted.Where(officials.ContainsKey)) result[w] = officials[w].GrowthPercent;
        if (open.Count == 0) return result;
        var towns = (await sys.Etowns.AsNoTracking().Where(e => e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared)
                .Select(e => new { e.Id, e.CountyCode }).ToListAsync(ct))
            .GroupBy(e => regions.Find(e.CountyCode)?.ParentCode ?? "").ToDictionary(g => g.Key, g => g.Select(e => e.Id).ToList());
        var averaged = open.Select(w => w.Item1).Distinct().SelectMany(c => towns.GetValueOrDefault(c) is { Count: >= 2 } ids ? ids : []).ToList();
        var facts = await ApprovedYearFactsAsync(sys, averaged, ct);
        (int Months, decimal Sum) Total(Guid id, int year) =>
            facts.TryGetValue(id, out var f) && f.TryGetValue(year, out var y) && y.Sums.TryGetValue(output, out var s) ? (s.Months, ExactSums.FromUnits(s.Units)) : default;
        foreach (var (city, year) in open)
        {
            var ids = towns.GetValueOrDefault(city) ?? [];
            if (ids.Count < 2) { result[(city, year)] = null; continue; } // a single e-town is no city average (issue #14 item 2)
            result[(city, year)] = DerivedCalculator.CityGrowth(ids.Select(id =>
            {
                var (now, last) = (Total(id, year), Total(id, year - 1));
                decimal? ytd = now.Months > 0 ? now.Sum : null, ytdLast = last.Months > 0 ? last.Sum : null;
                var growth = now.Months == 12 && last.Months == 12 ? DerivedCalculator.Growth(ytd, ytdLast) : null;
                return new DerivedFigure(output, "", "", StatAggregation.Sum, null, null, null, ytd, now.Months, ytdLast, growth, null, null, null, true);
            }));
        }
        return result;
    }

    // ------------------------------------------------------------------ export

    /// <summary>The derived table as .xlsx: one row per e-town, the month, YTD, YoY and target completion of each indicator, and the checks.</summary>
    public async Task<byte[]> XlsxAsync(string period, bool approvedOnly, string? cityCode, CancellationToken ct = default)
    {
        var rows = await ScopeAsync(period, approvedOnly, cityCode, ct);
        var indicators = rows.FirstOrDefault()?.Figures ?? [];
        var headers = new List<string> { "e镇", "市", "县(市、区)", "报表状态", "数据是否已审核" };
        foreach (var f in indicators)
            headers.AddRange([$"{f.Name}（{f.Unit}）本月", $"{f.Name} 本年累计", $"{f.Name} 累计同比%", $"{f.Name} 年度目标", $"{f.Name} 目标完成%"]);
        var checkNames = rows.FirstOrDefault()?.Checks.Select(c => c.Rule).ToList() ?? [];
        headers.AddRange(checkNames.Select(c => c + " 是否达标"));
        var data = rows.Select(r =>
        {
            var row = new List<object?> { r.EtownName, r.CityName, r.CountyName, r.StatusLabel, r.Approved ? "已审核" : "未审核" };
            foreach (var f in r.Figures)
                row.AddRange([f.Month, f.YearToDate, f.YtdYoyPercent, f.AnnualTarget, f.TargetCompletionPercent]);
            row.AddRange(r.Checks.Select(c => (object?)(c.Met switch { true => "达标", false => "未达标", null => "待定" })));
            return (IReadOnlyList<object?>)row;
        });
        return XlsxWriter.Write($"{period} 指标分析", headers, data);
    }
}
