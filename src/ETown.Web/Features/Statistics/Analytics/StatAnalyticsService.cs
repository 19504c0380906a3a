using ETown.Web.Features.Declarations;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
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
public sealed class StatAnalyticsService(EtownDb db, Caller caller, RegionDirectory regions, TimeProvider clock, Authorizer auth,
    IEnumerable<IOwnGrowthTargets> ownGrowthTargets)
{
    /// <summary>The indicators derived and shown (monthly and annual); admins' new indicators are included automatically.</summary>
    static async Task<List<Indicator>> IndicatorsAsync(EtownDbContext ctx, CancellationToken ct) =>
        await ctx.StatIndicators.AsNoTracking().OrderBy(i => i.SortOrder).ToListAsync(ct);

    public async Task<EtownDerived> EtownAsync(Guid etownId, string period, bool approvedOnly = false, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var p = ParseMonth(period);
        await using var ctx = db.Create(caller);
        var etown = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        return (await DeriveAsync(ctx, [etown], p, approvedOnly, ct)).Single();
    }

    public async Task<IReadOnlyList<EtownDerived>> ScopeAsync(string period, bool approvedOnly = false, string? cityCode = null, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var p = ParseMonth(period);
        await using var ctx = db.Create(caller);
        var q = ctx.Etowns.AsNoTracking().Where(e => e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared);
        if (!string.IsNullOrEmpty(cityCode))
        {
            if (cityCode.Length != 6) throw new DomainException(StatisticsErrors.BadCityCode, "市级行政区划代码应为 6 位，例如 140900。", 400);
            var prefix = cityCode[..4];
            q = q.Where(e => e.CountyCode.StartsWith(prefix));
        }
        var etowns = await q.OrderBy(e => e.CountyCode).ThenBy(e => e.Name).ToListAsync(ct);
        return await DeriveAsync(ctx, etowns, p, approvedOnly, ct);
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
        var months = await MonthsAsync(ctx, [etown.Id], f.Year - 1, t.Year, false, ct);
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
        var etown = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
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
        var etown = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
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

    async Task<IReadOnlyList<EtownDerived>> DeriveAsync(EtownDbContext ctx, IReadOnlyList<Etown> etowns, StatPeriod p, bool approvedOnly, CancellationToken ct)
    {
        var indicators = await IndicatorsAsync(ctx, ct);
        var ids = etowns.Select(e => e.Id).ToList();
        var months = await MonthsAsync(ctx, ids, p.Year - 1, p.Year, approvedOnly, ct);
        var key = p.ToString();
        var statuses = await ctx.StatReports.AsNoTracking().Where(r => ids.Contains(r.EtownId) && r.Period == key)
            .ToDictionaryAsync(r => r.EtownId, r => r.Status, ct);
        var declared = await DeclarationTargetsAsync(ctx, etowns, p.Year, ct);
        var entered = (await ctx.StatTargets.AsNoTracking().Where(x => ids.Contains(x.EtownId) && x.Year == p.Year).ToListAsync(ct))
            .ToLookup(x => x.EtownId);
        var cityGrowth = new Dictionary<string, (decimal? Growth, string Basis)>();
        // A province-wide caller has usually loaded every e-town of a city already: the city's growth comes from those
        // values instead of a second read per city (docs/benchmarks.md). Same e-towns, same figures as the system read.
        var loaded = ids.ToHashSet();
        var output = indicators.FirstOrDefault(i => i.Code == IndicatorCatalogue.TotalOutput);
        var townsByCity = caller.Scope.IsProvince && output is not null ? await ReportingTownsByCityAsync(ctx, ct) : null;
        // The checks judge by the standard version in force for each e-town, resolved as the compliance view resolves it (#9 item 5).
        var standards = await Standards.StandardsInForce.LoadAsync(ctx, regions, ids, ct);
        var own = new Dictionary<Guid, List<OwnGrowthTarget>>();
        foreach (var port in ownGrowthTargets)
            foreach (var (id, list) in await port.ForEtownsAsync(ctx, ids, ct))
                (own.TryGetValue(id, out var l) ? l : own[id] = []).AddRange(list);
        var cityGrowthOf = new Dictionary<(string, string), (decimal? Growth, string Basis)>();
        var result = new List<EtownDerived>();
        foreach (var e in etowns)
        {
            var mine = months.GetValueOrDefault(e.Id) ?? new Dictionary<string, MonthValues>();
            var dt = declared.GetValueOrDefault(e.Id);
            var figures = indicators.Where(i => i.PeriodType == StatPeriodType.Monthly || p.Month == 12).Select(i =>
            {
                if (dt is not null && dt.TryGetValue(i.Code, out var d)) return DerivedCalculator.Figure(i, p, mine, d, DerivedCalculator.FromDeclaration);
                var t = entered[e.Id].FirstOrDefault(x => x.IndicatorCode == i.Code);
                return DerivedCalculator.Figure(i, p, mine, t?.Value, t is null ? null : DerivedCalculator.FromEntry);
            }).ToList();
            var county = regions.Find(e.CountyCode);
            var cityCode = county?.ParentCode ?? "";
            if (!cityGrowth.TryGetValue(cityCode, out var cg))
            {
                Func<(decimal?, int)>? fromLoaded = townsByCity is not null && townsByCity.TryGetValue(cityCode, out var cityTowns) && cityTowns.All(loaded.Contains)
                    ? () => (DerivedCalculator.CityGrowth(cityTowns.Select(id =>
                        DerivedCalculator.Figure(output!, p, months.GetValueOrDefault(id) ?? new Dictionary<string, MonthValues>(), null, null))), cityTowns.Count)
                    : null;
                cityGrowth[cityCode] = cg = await CityGrowthAsync(ctx, cityCode, p, approvedOnly, ct, fromLoaded);
            }
            var checks = DerivedCalculator.Checks(p, figures.ToDictionary(f => f.Indicator), cg.Growth, cg.Basis,
                standards.For(e.CountyCode, e.Id)?.Items, county?.CountyClass).ToList();
            // The e-town's own growth targets against the city's growth of the same indicator (潞城 001 line 173; issue #14 item 13).
            foreach (var t in own.GetValueOrDefault(e.Id) ?? [])
            {
                if (t.FromYear is { } from && p.Year < from) continue;
                if (!cityGrowthOf.TryGetValue((cityCode, t.Indicator), out var tg))
                    cityGrowthOf[(cityCode, t.Indicator)] = tg = t.Indicator == IndicatorCatalogue.TotalOutput ? cg
                        : await CityGrowthAsync(ctx, cityCode, p, approvedOnly, ct, null, t.Indicator);
                checks.Add(OwnGrowthTargets.Check(p, t, figures.FirstOrDefault(f => f.Indicator == t.Indicator), tg.Growth, tg.Basis));
            }
            var status = statuses.TryGetValue(e.Id, out var s) ? s : (StatReportStatus?)null;
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

    async Task<(decimal? Growth, string Basis)> CityGrowthAsync(EtownDbContext ctx, string cityCode, StatPeriod p, bool approvedOnly, CancellationToken ct,
        Func<(decimal?, int)>? fromLoaded = null, string indicator = IndicatorCatalogue.TotalOutput)
    {
        if (cityCode.Length != 6) return (null, "");
        var key = p.ToString();
        // The official figure is published by the city: whoever may see an e-town of the city may see it.
        var official = await ctx.StatCityFigures.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(x => x.CityCode == cityCode && x.Period == key && x.IndicatorCode == indicator, ct);
        if (official is not null) return (official.GrowthPercent, "市统计部门数据" + (official.Source is null ? "" : "：" + official.Source));
        var (computed, towns) = fromLoaded is not null ? fromLoaded() : await ComputedCityGrowthAsync(cityCode, p, approvedOnly, ct, indicator);
        if (towns < 2) return (null, SingleTownNoAverage);
        return (computed, indicator == IndicatorCatalogue.TotalOutput ? "替代值：市统计部门数据未录入，按本市各e镇总产值合计计算"
            : "替代值：市统计部门数据未录入，按本市各e镇合计计算");
    }

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
        var months = await MonthsAsync(sys, ids, p.Year - 1, p.Year, approvedOnly, ct, [indicator]);
        return (DerivedCalculator.CityGrowth(ids.Select(id => DerivedCalculator.Figure(ind, p, months.GetValueOrDefault(id) ?? new Dictionary<string, MonthValues>(), null, null))), ids.Count);
    }

    /// <summary>Values per e-town per report period for the years <paramref name="fromYear"/>…<paramref name="toYear"/> (scoped by the context).</summary>
    static async Task<Dictionary<Guid, Dictionary<string, MonthValues>>> MonthsAsync(EtownDbContext ctx, IReadOnlyList<Guid> ids, int fromYear, int toYear,
        bool approvedOnly, CancellationToken ct, string[]? onlyIndicators = null)
    {
        var lo = $"{fromYear:D4}"; var hi = $"{toYear:D4}-99";
        var reports = await ctx.StatReports.AsNoTracking()
            .Where(r => ids.Contains(r.EtownId) && string.Compare(r.Period, lo) >= 0 && string.Compare(r.Period, hi) <= 0)
            .Select(r => new { r.Id, r.EtownId, r.Period, r.Status }).ToListAsync(ct);
        if (approvedOnly) reports = reports.Where(r => r.Status >= StatReportStatus.CountyApproved).ToList();
        var reportIds = reports.Select(r => r.Id).ToList();
        var vq = ctx.StatValues.AsNoTracking().Where(v => ids.Contains(v.EtownId));
        if (onlyIndicators is not null) vq = vq.Where(v => onlyIndicators.Contains(v.IndicatorCode));
        var values = (await vq.Join(ctx.StatReports.AsNoTracking().Where(r => ids.Contains(r.EtownId) && string.Compare(r.Period, lo) >= 0 && string.Compare(r.Period, hi) <= 0),
                v => v.ReportId, r => r.Id, (v, r) => new { v.ReportId, v.IndicatorCode, v.Value }).ToListAsync(ct))
            .ToLookup(v => v.ReportId);
        return reports.GroupBy(r => r.EtownId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Period,
            r => new MonthValues(values[r.Id].ToDictionary(v => v.IndicatorCode, v => v.Value), r.Status >= StatReportStatus.CountyApproved)));
    }

    /// <summary>Targets of the approved declarations (DECL-09), read without the declaration scope: whoever sees the e-town sees its targets.</summary>
    static async Task<Dictionary<Guid, Dictionary<string, decimal>>> DeclarationTargetsAsync(EtownDbContext ctx, IReadOnlyList<Etown> etowns, int year, CancellationToken ct)
    {
        var byDeclaration = etowns.Where(e => e.DeclarationId is not null).ToDictionary(e => e.DeclarationId!.Value, e => e.Id);
        if (byDeclaration.Count == 0) return [];
        var keys = byDeclaration.Keys.ToList();
        var declarations = await ctx.Declarations.IgnoreQueryFilters().AsNoTracking()
            .Where(d => keys.Contains(d.Id) && d.Status == DeclarationStatus.Listed).ToListAsync(ct);
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
    /// Codes are the standard's indicator codes (Standards.Indicators).
    /// </summary>
    public async Task<Dictionary<Guid, List<Standards.FigureValue>>> ApprovedYearFiguresAsync(IReadOnlyList<Guid> etownIds, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var result = new Dictionary<Guid, List<Standards.FigureValue>>();
        if (etownIds.Count == 0) return result;
        var years = await ctx.StatReports.AsNoTracking().Where(r => etownIds.Contains(r.EtownId) && r.Period.Length == 7 && r.Period.EndsWith("-12")
                && StatReportStatuses.CountyApprovedOrLater.Contains(r.Status))
            .Select(r => r.Period.Substring(0, 4)).Distinct().ToListAsync(ct);
        var cityGrowth = new Dictionary<(string, int), decimal?>();
        foreach (var year in years.Select(y => int.Parse(y, System.Globalization.CultureInfo.InvariantCulture)).Order())
        {
            var months = await MonthsAsync(ctx, etownIds, year, year, approvedOnly: true, ct);
            foreach (var id in etownIds)
            {
                var mine = months.GetValueOrDefault(id);
                if (mine is null || Enumerable.Range(1, 12).Any(m => !mine.ContainsKey($"{year:D4}-{m:D2}"))) continue;
                decimal? Sum(string code)
                {
                    var present = Enumerable.Range(1, 12).Select(m => mine[$"{year:D4}-{m:D2}"].Values.TryGetValue(code, out var v) ? v : (decimal?)null).ToList();
                    return present.All(v => v is null) ? null : present.Sum(v => v ?? 0m);
                }
                decimal? Dec(string code) => mine[$"{year:D4}-12"].Values.TryGetValue(code, out var v) ? v : null;
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
                var etown = await ctx.Etowns.AsNoTracking().Where(e => e.Id == id).Select(e => e.CountyCode).FirstAsync(ct);
                var city = regions.Find(etown)?.ParentCode;
                if (DataScope.IsCityCode(city))
                {
                    if (!cityGrowth.TryGetValue((city, year), out var g))
                        cityGrowth[(city, year)] = g = (await CityGrowthAsync(ctx, city, new StatPeriod(year, 12), true, ct)).Growth;
                    Add(Standards.Indicators.CityOutputGrowth, g);
                }
            }
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
