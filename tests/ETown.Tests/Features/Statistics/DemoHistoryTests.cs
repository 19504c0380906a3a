using System.Globalization;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Declarations;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;
using TI = ETown.Web.Features.Declarations.TargetIndicator;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// Issue #4 §11: the demo's monthly history 2022-06 … 2025-12 (Platform/Data/Seeding/DemoStatistics.cs) on every configured
/// database — complete except the documented gaps, bottom-up statuses with plausible UTC timestamps, the service's due dates,
/// running totals that never decrease, every rule passing (STAT-01), year sums near the declared targets, the lagging towns
/// really lagging (STD-60, STD-36, computed here by hand from the raw values), and the same numbers on every start.
/// </summary>
public class DemoHistoryTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Kelan = "岢岚县乡村e镇", Linyi = "临猗新城涑水e镇", Shanyin = "山阴县古城乡村e镇",
        Yingxian = "应县木塔鲜生乡村e镇", Huairen = "怀仁市陶瓷e镇", Youyu = "右玉县西口e镇";
    static readonly string[] Towns = [Lucheng, Kelan, Linyi, Shanyin, Yingxian, Huairen, Youyu];

    // As documented in README (演示数据 / monthly statistics).
    static readonly Dictionary<string, string[]> Missing = new()
    {
        [Shanyin] = ["2022-08"],
        [Youyu] = ["2023-02", "2024-02", "2025-11", "2025-12"],
    };
    static readonly HashSet<(string, string)> Late =
    [
        (Kelan, "2022-12"), (Linyi, "2023-01"), (Youyu, "2023-07"), (Huairen, "2024-09"), (Youyu, "2025-03"), (Yingxian, "2025-06"),
        (Linyi, "2025-11"),
    ];
    /// <summary>The 2025-10 … 12 situation the other statistics tests rely on (null = not reported).</summary>
    static readonly Dictionary<string, StatReportStatus?[]> Recent = new()
    {
        [Lucheng] = [StatReportStatus.ProvinceAccepted, StatReportStatus.CountyApproved, StatReportStatus.Submitted],
        [Kelan] = [StatReportStatus.ProvinceAccepted, StatReportStatus.CityAccepted, StatReportStatus.Submitted],
        [Linyi] = [StatReportStatus.ProvinceAccepted, StatReportStatus.Submitted, StatReportStatus.Draft],
        [Shanyin] = [StatReportStatus.ProvinceAccepted, StatReportStatus.Submitted, StatReportStatus.CountyApproved],
        [Yingxian] = [StatReportStatus.ProvinceAccepted, StatReportStatus.CountyApproved, StatReportStatus.Submitted],
        [Huairen] = [StatReportStatus.ProvinceAccepted, StatReportStatus.Draft, StatReportStatus.Submitted],
        [Youyu] = [StatReportStatus.CityAccepted, null, null],
    };

    static IEnumerable<string> AllPeriods()
    {
        for (var p = new StatPeriod(2022, 6); p.Year < 2026; p = p.Next) yield return p.ToString();
    }

    sealed record Report(string Town, string Period, StatReportStatus Status, DateOnly DueOn, DateTimeOffset CreatedAt,
        DateTimeOffset? SubmittedAt, DateTimeOffset? ApprovedAt, DateTimeOffset? CityAcceptedAt, DateTimeOffset? ProvinceAcceptedAt,
        bool? OnTime, Dictionary<string, decimal> Values, Dictionary<string, string?> Comments);

    sealed record Demo(Dictionary<(string Town, string Period), Report> Reports, List<Indicator> Indicators, List<StatRule> Rules,
        Dictionary<string, DeclarationForm> Forms)
    {
        public decimal? V(string town, string period, string indicator) =>
            Reports.TryGetValue((town, period), out var r) && r.Values.TryGetValue(indicator, out var v) ? v : null;

        /// <summary>The monthly reports of a town, in order (the annual reports "YYYY" are checked on their own).</summary>
        public IEnumerable<Report> Of(string town) => Reports.Values.Where(r => r.Town == town && r.Period.Length == 7).OrderBy(r => r.Period, StringComparer.Ordinal);

        public bool FullYear(string town, int year) => Enumerable.Range(1, 12).All(m => Reports.ContainsKey((town, P(year, m))));
    }

    static string P(int year, int month) => new StatPeriod(year, month).ToString();

    static async Task<Demo> LoadAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        var towns = await ctx.Etowns.AsNoTracking().ToDictionaryAsync(e => e.Id);
        var values = (await ctx.StatValues.AsNoTracking().ToListAsync()).ToLookup(v => v.ReportId);
        var reports = (await ctx.StatReports.AsNoTracking().ToListAsync()).Select(r => new Report(towns[r.EtownId].Name, r.Period, r.Status, r.DueOn,
            r.CreatedAt, r.SubmittedAt, r.ApprovedAt, r.CityAcceptedAt, r.ProvinceAcceptedAt, r.OnTime,
            values[r.Id].ToDictionary(v => v.IndicatorCode, v => v.Value), values[r.Id].ToDictionary(v => v.IndicatorCode, v => v.Comment)))
            .ToDictionary(r => (r.Town, r.Period));
        var declarationIds = towns.Values.Where(t => t.DeclarationId is not null).ToDictionary(t => t.DeclarationId!.Value, t => t.Name);
        var forms = (await ctx.Declarations.AsNoTracking().Where(d => declarationIds.Keys.Contains(d.Id)).ToListAsync())
            .ToDictionary(d => declarationIds[d.Id], d => d.Form);
        return new Demo(reports, await ctx.StatIndicators.AsNoTracking().ToListAsync(), await ctx.StatRules.AsNoTracking().ToListAsync(), forms);
    }

    [Theory, SqliteData, PostgresData]
    public async Task EveryMonth_2022_06_To_2025_12_IsThere_ExceptTheDocumentedGaps(string provider)
    {
        var demo = await LoadAsync(apps[provider]);
        foreach (var town in Towns)
        {
            var expected = AllPeriods().Except(Missing.GetValueOrDefault(town) ?? []).ToList();
            Assert.Equal(expected, demo.Of(town).Select(r => r.Period).ToList());
            // The annual data set: one report per completed year 2022–2024 (STAT-02).
            Assert.Equal(["2022", "2023", "2024"], demo.Reports.Values.Where(r => r.Town == town && r.Period.Length == 4).Select(r => r.Period).Order().ToList());
        }
        Assert.Equal(7 * 43 - 5 + 7 * 3, demo.Reports.Count);
        // Every report carries the values of the indicators that apply to its period (the tax only in the annual report).
        foreach (var r in demo.Reports.Values)
        {
            var p = StatPeriod.Parse(r.Period);
            Assert.Equal(demo.Indicators.Where(i => i.AppliesTo(p)).Select(i => i.Code).Order(), r.Values.Keys.Order());
        }
        Assert.Contains(C.Tax, demo.Reports[(Lucheng, "2024")].Values.Keys);
        Assert.DoesNotContain(C.Tax, demo.Reports[(Lucheng, "2024-12")].Values.Keys);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task Statuses_History_ProvinceAccepted_RecentMonthsKeepEveryStatus_LateOnesAsDocumented(string provider)
    {
        var app = apps[provider];
        var demo = await LoadAsync(app);
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        foreach (var r in demo.Reports.Values)
        {
            var p = StatPeriod.Parse(r.Period);
            // STAT-02: due on the service's 5th working day after the month, by the holiday calendar.
            Assert.Equal(calendar.DeadlineAfter(p.LastDay, StatisticsService.DueWorkingDays), r.DueOn);
            Assert.Equal(TimeSpan.Zero, r.CreatedAt.Offset);
            if (string.CompareOrdinal(r.Period, "2025-10") < 0)
                Assert.Equal(StatReportStatus.ProvinceAccepted, r.Status);
            else
                Assert.Equal(Recent[r.Town][p.Month - 10], r.Status);

            DateTimeOffset?[] chain = [r.SubmittedAt, r.ApprovedAt, r.CityAcceptedAt, r.ProvinceAcceptedAt];
            var reached = chain.TakeWhile(x => x is not null).ToList();
            Assert.Equal((int)r.Status, reached.Count);        // a timestamp for every step taken, none beyond
            Assert.All(chain.Skip(reached.Count), x => Assert.Null(x));
            Assert.All(reached, x => Assert.Equal(TimeSpan.Zero, x!.Value.Offset)); // stored in UTC
            for (var i = 1; i < reached.Count; i++) Assert.True(reached[i] > reached[i - 1], $"{r.Town} {r.Period}: steps in order");
            if (r.SubmittedAt is { } s)
            {
                var day = DateOnly.FromDateTime(s.ToOffset(TimeSpan.FromHours(8)).DateTime);
                Assert.True(day > p.LastDay && calendar.IsWorkingDay(day), $"{r.Town} {r.Period}: submitted on a working day after the month");
                Assert.True(s > r.CreatedAt);
            }
        }
        // Timeliness: exactly the documented reports were late.
        Assert.Equal(Late.OrderBy(x => x), demo.Reports.Values.Where(r => r.OnTime == false).Select(r => (r.Town, r.Period)).OrderBy(x => x));
        Assert.All(demo.Reports.Values.Where(r => r.SubmittedAt is not null && !Late.Contains((r.Town, r.Period))), r => Assert.True(r.OnTime));

        // Hand-checked due dates across holidays: National Day 2025 (10-01…10-08, Sat 10-11 worked) and 2024 (10-01…10-07,
        // Sat 10-12 worked); 2023-01 ends after the Spring Festival week.
        Assert.Equal(new DateOnly(2025, 10, 14), demo.Reports[(Lucheng, "2025-09")].DueOn);
        Assert.Equal(new DateOnly(2024, 10, 12), demo.Reports[(Lucheng, "2024-09")].DueOn);
        Assert.Equal(new DateOnly(2023, 2, 7), demo.Reports[(Lucheng, "2023-01")].DueOn);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-01")]
    public async Task CumulativeIndicators_NeverDecrease_AndGrow(string provider)
    {
        var demo = await LoadAsync(apps[provider]);
        var cumulative = demo.Indicators.Where(i => i.Cumulative).Select(i => i.Code).ToList();
        Assert.Equal(
            new[] { C.TotalInvestment, C.LeadingIndustryInvestment, C.Brands, C.OnlineProducts, C.TrainingPersonTimes, C.Influencers }.Order(),
            cumulative.Order());
        foreach (var town in Towns)
            foreach (var code in cumulative)
            {
                // Across the gaps too: the running total compares with the last month that was reported.
                var series = demo.Of(town).Select(r => (r.Period, Value: r.Values[code])).ToList();
                for (var i = 1; i < series.Count; i++)
                    Assert.True(series[i].Value >= series[i - 1].Value, $"{town} {code}: {series[i - 1]} → {series[i]}");
                Assert.True(series[^1].Value > series[0].Value, $"{town} {code} grows over the years");
            }
        // The stocks follow the new entities: 市场主体 rises by exactly the month's new entities.
        foreach (var town in Towns)
            foreach (var p in AllPeriods().Skip(1))
            {
                var prev = StatPeriod.Parse(p).Previous.ToString();
                if (demo.V(town, prev, C.MarketEntities) is not { } before || demo.V(town, p, C.MarketEntities) is not { } now) continue;
                Assert.Equal(before + demo.V(town, p, C.NewMarketEntities), now);
                Assert.Equal(demo.V(town, prev, C.EcommerceEnterprises) + demo.V(town, p, C.NewEcommerceEntities), demo.V(town, p, C.EcommerceEnterprises));
            }
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-01")]
    public async Task EverySeededReport_PassesTheRules(string provider)
    {
        var demo = await LoadAsync(apps[provider]);
        var applicable = 0;
        var failures = new List<string>();
        foreach (var r in demo.Reports.Values)
        {
            var p = StatPeriod.Parse(r.Period);
            var codes = demo.Indicators.Where(i => i.AppliesTo(p)).Select(i => i.Code).ToList();
            Dictionary<string, decimal?> Of(StatPeriod q) => codes.ToDictionary(c => c, c => demo.V(r.Town, q.ToString(), c));
            var results = StatRuleEngine.Evaluate(demo.Rules, Of(p), Of(p.Previous), Of(p.SameMonthLastYear),
                codes.ToDictionary(c => c, c => r.Comments.GetValueOrDefault(c)));
            applicable += results.Count(x => x.Applicable);
            failures.AddRange(results.Where(x => x.Blocks).Select(x => $"{r.Town} {r.Period} {x.Code}: {x.LeftValue} vs {x.RightValue}"));
        }
        // The seeded reports could all have been submitted: no blocking rule fails, no warning lacks its comment.
        Assert.Empty(failures);
        // Not vacuous: the cumulative, entity and year-on-year rules had their operands almost everywhere.
        Assert.True(applicable > 7 * 40 * 8, $"only {applicable} rule evaluations were applicable");
    }

    [Theory, SqliteData, PostgresData]
    public async Task YearSums_LandAt85To110PercentOfTheDeclaredTargets_AndGrowYearOverYear(string provider)
    {
        var demo = await LoadAsync(apps[provider]);
        var checkedYears = 0;
        foreach (var town in Towns)
        {
            var f = demo.Forms[town];
            decimal T(TI i, int year) => f.Target(i, year) ?? throw new InvalidOperationException($"{town}: no {i} target for {year}");
            decimal? previousRetail = null, previousOutput = null;
            for (var year = 2023; year <= 2025; year++)
            {
                if (!demo.FullYear(town, year)) { previousRetail = previousOutput = null; continue; }
                checkedYears++;
                decimal Sum(string code) => Enumerable.Range(1, 12).Sum(m => demo.V(town, P(year, m), code)!.Value);
                decimal Dec(string code) => demo.V(town, P(year, 12), code)!.Value;
                void InBand(string what, decimal value, decimal target)
                {
                    var ratio = value / target;
                    Assert.True(ratio is >= 0.85m and <= 1.10m, $"{town} {year} {what}: {value} of target {target} = {ratio:P1}");
                }
                InBand("网络零售额", Sum(C.OnlineRetail), T(TI.OnlineRetail, year));
                InBand("总产值", Sum(C.TotalOutput), T(TI.TotalOutput, year));
                InBand("新增市场主体", Sum(C.NewMarketEntities), T(TI.NewMarketEntities, year));
                // The declaration's investment targets are cumulative (总投资 4.1亿 by 2025): the month flow 新增投资 sums to the year's step.
                InBand("新增投资", Sum(C.NewInvestment), T(TI.NewInvestment, year) - T(TI.NewInvestment, year - 1));
                InBand("累计完成总投资", Dec(C.TotalInvestment), T(TI.TotalInvestment, year));
                InBand("累计主导产业投资", Dec(C.LeadingIndustryInvestment), T(TI.LeadingIndustryInvestment, year));
                InBand("吸纳就业", Dec(C.Employment), T(TI.Employment, year));
                if (demo.V(town, $"{year}", C.Tax) is { } tax) InBand("税收", tax, T(TI.Tax, year));

                // Season: 双11 November is the online-retail peak of the year, February the trough.
                var retail = Enumerable.Range(1, 12).Select(m => demo.V(town, P(year, m), C.OnlineRetail)!.Value).ToList();
                Assert.Equal(retail.Max(), retail[10]);
                Assert.Equal(retail.Min(), retail[1]);
                Assert.True(retail[0] > retail.Where((_, i) => i is not (0 or 10)).Max(), $"{town} {year}: 年货节 January second only to November");

                // Growth year over year.
                if (previousRetail is { } pr) Assert.True(Sum(C.OnlineRetail) > pr, $"{town} {year}: online retail grows");
                if (previousOutput is { } po) Assert.True(Sum(C.TotalOutput) > po, $"{town} {year}: output grows");
                previousRetail = Sum(C.OnlineRetail);
                previousOutput = Sum(C.TotalOutput);
            }
        }
        Assert.Equal(7 * 3 - 3, checkedYears); // 右玉 has a gap in each of 2023, 2024 and 2025
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STD-60")]
    [Trait("Rule", "STD-36")]
    public async Task LaggingTowns_Lag_Std60_ForYingxian_Std36_ForLinyi_OthersMeetBoth(string provider)
    {
        var demo = await LoadAsync(apps[provider]);
        foreach (var year in new[] { 2024, 2025 })
            foreach (var town in Towns)
            {
                // STD-60: of the year's new market entities (months reported), the share doing e-commerce.
                var months = Enumerable.Range(1, 12).Select(m => P(year, m)).Where(p => demo.Reports.ContainsKey((town, p))).ToList();
                var ecommerce = months.Sum(p => demo.V(town, p, C.NewEcommerceEntities)!.Value);
                var entities = months.Sum(p => demo.V(town, p, C.NewMarketEntities)!.Value);
                var share = ecommerce / entities;
                if (town == Yingxian) Assert.True(share < 0.60m, $"{town} {year}: STD-60 share {share:P1} should lag");
                else Assert.True(share >= 0.60m, $"{town} {year}: STD-60 share {ecommerce}/{entities} = {share:P1}");

                // STD-36: online retail over the months reported in both years, against the year before.
                var both = Enumerable.Range(1, 12).Where(m => demo.Reports.ContainsKey((town, P(year, m))) && demo.Reports.ContainsKey((town, P(year - 1, m)))).ToList();
                var now = both.Sum(m => demo.V(town, P(year, m), C.OnlineRetail)!.Value);
                var before = both.Sum(m => demo.V(town, P(year - 1, m), C.OnlineRetail)!.Value);
                var growth = (now - before) / before;
                if (town == Linyi) Assert.True(growth is > 0m and < 0.10m, $"{town} {year}: online retail growth {growth:P1} should lag (but still grow)");
                else Assert.True(growth >= 0.10m, $"{town} {year}: online retail growth {now}/{before} = {growth:P1}");
            }
    }

    /// <summary>Two fresh databases give the same history: another of the same provider for SQLite, SQLite for PostgreSQL.</summary>
    [Theory, SqliteData, PostgresData]
    public async Task History_IsTheSameOnEveryFreshDatabase(string provider)
    {
        var first = Snapshot(await LoadAsync(apps[provider]));
        await using var fresh = new EtownAppFactory(Databases.Sqlite).Start();
        var second = Snapshot(await LoadAsync(fresh));
        Assert.True(first.Count > 4_000, $"{first.Count} values");
        Assert.Equal(first, second);
    }

    static List<string> Snapshot(Demo demo) => demo.Reports.Values
        .SelectMany(r => r.Values.Select(v => string.Join("|", r.Town, r.Period, r.Status, r.DueOn.ToString("O", CultureInfo.InvariantCulture),
            r.SubmittedAt?.UtcTicks, r.ApprovedAt?.UtcTicks, r.CityAcceptedAt?.UtcTicks, r.ProvinceAcceptedAt?.UtcTicks, r.CreatedAt.UtcTicks,
            v.Key, v.Value.ToString("0.####", CultureInfo.InvariantCulture))))
        .Order(StringComparer.Ordinal).ToList();
}
