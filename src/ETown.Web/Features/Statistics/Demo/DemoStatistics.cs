using ETown.Web.Features.Declarations;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;
using TI = ETown.Web.Features.Declarations.TargetIndicator;
using ETown.Web.Platform.Data;
using ETown.Web.Features.Statistics.Analytics;

namespace ETown.Web.Features.Statistics.Demo;

/// <summary>
/// Demo monthly statistics (issue #4 §11, STAT-01…05): a deterministic history 2022-06 … 2025-12 for the seven demo
/// e-towns. DEMO VALUES, not real statistics. A pure formula (no random generator, integer hashing for the small
/// month-to-month variation), so every start on SQLite and PostgreSQL gives the same numbers.
/// <para>
/// The figures follow each e-town's approved declaration (<see cref="DeclarationForm.Targets"/> and its base figures):
/// the year sums of the monthly flows land at about 85–105 % of that year's target (网络零售额, 总产值, 新增市场主体; 新增投资
/// against the year's increment of the declared cumulative 新增投资), with a seasonal pattern (年货节 January and 双11
/// November peaks, a February dip, investment in the building season); the running totals (累计完成总投资, 主导产业投资,
/// 品牌, 网货, 培训人次, 网红) never decrease; 市场主体 and 电商企业 are the declared base plus the new ones.
/// Every seeded report passes every rule of <see cref="StatRuleEngine.Seed"/> (tested in DemoHistoryTests).
/// </para>
/// <para>
/// New market entities include a few individual businesses (about 12 %); the rest, the legal-person units STD-37
/// counts (issue #14 item 4), stay at ≥ 10 a year for every demo e-town (declared 新增市场主体 targets 13–16 a year).
/// Lagging on purpose: 应县 — only ~40 % of new market entities do e-commerce (STD-60 asks ≥ 60 %);
/// 临猗 — online retail grows under 10 % a year (STD-36 asks ≥ 10 %). Missing reports: 山阴 2022-08, 右玉 2023-02 and
/// 2024-02 (Spring Festival) and 右玉 2025-11/2025-12. Late: see <see cref="Profile.Late"/>. Up to 2025-09 every
/// report is accepted by the province; 2025-10 … 12 show every status of the chain.
/// </para>
/// </summary>
public static class DemoStatistics
{
    public static readonly StatPeriod First = new(2022, 6), Last = new(2025, 12);

    const StatReportStatus D = StatReportStatus.Draft, S = StatReportStatus.Submitted, A = StatReportStatus.CountyApproved,
        Ci = StatReportStatus.CityAccepted, Pr = StatReportStatus.ProvinceAccepted;

    /// <summary>
    /// One e-town's character: completion of the online retail and output targets in 2022 and its yearly change,
    /// the share of new market entities doing e-commerce, who enters, the statuses of 2025-10…12 (null = not
    /// reported), the missing months before that and the months reported late.
    /// </summary>
    sealed record Profile(string County, string Enterer, string CountyAccount, decimal Retail, decimal RetailStep,
        decimal Output, decimal OutputStep, decimal EcommerceShare, StatReportStatus?[] Recent, string[] Missing, string[] Late);

    static readonly Profile[] Profiles =
    [
        new("140406", "operator", "lucheng", 0.95m, 0.02m, 0.96m, 0.015m, 0.75m, [Pr, A, S], [], []),                 // 潞城
        new("140929", "kelan", "kelan", 0.93m, 0.025m, 0.94m, 0.02m, 0.70m, [Pr, Ci, S], [], ["2022-12"]),             // 岢岚
        new("140821", "linyi", "linyi", 1.00m, -0.01m, 0.95m, 0.01m, 0.70m, [Pr, S, D], [], ["2023-01", "2025-11"]),   // 临猗: STD-36 lagging
        new("140621", "shanyin", "shanyin", 0.90m, 0.02m, 0.93m, 0.02m, 0.68m, [Pr, S, A], ["2022-08"], []),          // 山阴
        new("140622", "yingxian", "yingxian", 0.92m, 0.02m, 0.92m, 0.025m, 0.45m, [Pr, A, S], [], ["2025-06"]),       // 应县: STD-60 lagging
        new("140681", "huairen", "huairen", 0.86m, 0.04m, 0.95m, 0.015m, 0.66m, [Pr, D, S], [], ["2024-09"]),         // 怀仁
        new("140623", "youyu", "youyu", 0.90m, 0.03m, 0.90m, 0.03m, 0.72m, [Ci, null, null], ["2023-02", "2024-02"], ["2023-07", "2025-03"]), // 右玉
    ];

    // Seasonal weights, January … December.
    static readonly decimal[] RetailSeason = [1.25m, 0.62m, 0.85m, 0.88m, 0.92m, 1.10m, 0.86m, 0.88m, 0.95m, 1.02m, 1.55m, 1.12m];
    static readonly decimal[] OutputSeason = [0.95m, 0.62m, 0.85m, 0.92m, 0.96m, 1.00m, 0.96m, 1.00m, 1.10m, 1.20m, 1.28m, 1.16m];
    static readonly decimal[] SocialSeason = [1.22m, 0.90m, 0.88m, 0.90m, 0.95m, 0.98m, 0.92m, 0.93m, 1.00m, 1.10m, 1.08m, 1.14m];
    static readonly decimal[] BuildSeason = [0.45m, 0.35m, 0.80m, 1.10m, 1.20m, 1.25m, 1.15m, 1.15m, 1.20m, 1.20m, 1.10m, 1.05m];
    static readonly decimal[] EntitySeason = [0.80m, 0.50m, 1.20m, 1.20m, 1.10m, 1.00m, 0.90m, 0.90m, 1.10m, 1.10m, 1.20m, 0.90m];
    static readonly decimal[] TrainingSeason = [1.40m, 1.20m, 1.30m, 1.00m, 0.70m, 0.60m, 0.60m, 0.70m, 0.90m, 1.00m, 1.30m, 1.40m];
    static readonly decimal[] Even = [1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m];

    const int Years = 4; // 2022 … 2025, the declaration's target years; the simulation starts in 2022-01

    public static void Seed(EtownDbContext ctx, IReadOnlyList<Etown> towns, WorkingCalendar calendar)
    {
        // The catalogue as the service sees it: only indicators that apply to a period are seeded (tax: December).
        var indicators = ctx.StatIndicators.AsNoTracking().OrderBy(i => i.SortOrder).ToList();
        var declarations = ctx.Declarations.Local.ToDictionary(d => d.Id);
        SeedCityFigures(ctx);
        foreach (var (town, t) in towns.Select((x, n) => (x, n)))
        {
            var profile = Profiles.FirstOrDefault(p => p.County == town.CountyCode);
            if (profile is null || town.DeclarationId is not { } declarationId) continue;
            var series = Simulate(t, profile, declarations[declarationId].Form);
            for (var index = Index(First); index <= Index(Last); index++)
            {
                var p = new StatPeriod(2022 + index / 12, index % 12 + 1);
                if (StatusOf(profile, p) is not { } status) continue;
                var report = Report(town, profile, p, status, calendar, t);
                ctx.StatReports.Add(report);
                foreach (var i in indicators.Where(i => i.AppliesTo(p)))
                {
                    if (!series.TryGetValue(i.Code, out var values) || values[index] is not { } value) continue;
                    ctx.StatValues.Add(new StatValue
                    {
                        ReportId = report.Id, EtownId = town.Id, CountyCode = town.CountyCode, IndicatorCode = i.Code, Value = value,
                    });
                }
            }
            // The annual reports (data set "annual", STAT-02) of the completed years 2022–2024: tax, province-accepted.
            for (var year = 2022; year <= 2024; year++)
            {
                var p = StatPeriod.ForYear(year);
                var report = Report(town, profile, p, Pr, calendar, t);
                report.DataSetCode = p.DataSetCode;
                ctx.StatReports.Add(report);
                foreach (var i in indicators.Where(i => i.AppliesTo(p)))
                {
                    if (!series.TryGetValue(i.Code, out var values) || values[(year - 2022) * 12 + 11] is not { } value) continue;
                    ctx.StatValues.Add(new StatValue
                    {
                        ReportId = report.Id, EtownId = town.Id, CountyCode = town.CountyCode, IndicatorCode = i.Code, Value = value,
                    });
                }
            }
        }
    }

    /// <summary>
    /// DEMO VALUES: the official year-to-date output growth (STD-33 "所在市平均水平", 000 line 121) of the three cities with a
    /// single demo e-town — 长治, 忻州, 运城 — which a town's own figures may never stand in for (issue #14 item 2). 朔州 (four
    /// demo e-towns) enters none, so its e-towns show the labelled fallback: the average of its own e-towns.
    /// </summary>
    static void SeedCityFigures(EtownDbContext ctx)
    {
        (string City, decimal[] Growth)[] cities = [("140400", [4.8m, 5.1m, 5.3m]), ("140900", [3.9m, 4.2m, 4.4m]), ("140800", [5.6m, 5.2m, 5.0m])];
        foreach (var (city, growth) in cities)
            for (var year = 2023; year <= 2025; year++)
                for (var m = 1; m <= 12; m++)
                    ctx.StatCityFigures.Add(new StatCityFigure
                    {
                        CityCode = city, Period = new StatPeriod(year, m).ToString(), IndicatorCode = C.TotalOutput,
                        GrowthPercent = growth[year - 2023], Source = "演示数据：市统计局公布的全市总产值累计增速", UpdatedBy = "演示数据",
                    });
    }

    static int Index(StatPeriod p) => (p.Year - 2022) * 12 + p.Month - 1;

    /// <summary>null = not reported. Up to 2025-09 province-accepted, except the documented gaps.</summary>
    static StatReportStatus? StatusOf(Profile profile, StatPeriod p)
    {
        if (p.Year == 2025 && p.Month >= 10) return profile.Recent[p.Month - 10];
        return profile.Missing.Contains(p.ToString()) ? null : Pr;
    }

    /// <summary>
    /// The report with its workflow timestamps on working days (UTC): due on the service's 5th working day; submitted on
    /// the 2nd … 5th working day, or 1 … 5 working days after the due date when documented late; the county approves
    /// 1–2, the city accepts 1–3 and the province 2–4 working days later.
    /// </summary>
    static StatReport Report(Etown town, Profile profile, StatPeriod p, StatReportStatus status, WorkingCalendar calendar, int t)
    {
        var due = calendar.DeadlineAfter(p.LastDay, StatisticsService.DueWorkingDays);
        var y = p.Year; var m = p.Month;
        var firstWorkingDay = calendar.DeadlineAfter(p.LastDay, 1);
        var created = At(firstWorkingDay, 9 * 60 + (int)(Hash(t, y, m, 90) % 50));
        var report = new StatReport
        {
            EtownId = town.Id, CountyCode = town.CountyCode, Period = p.ToString(), DueOn = due, CreatedAt = created, UpdatedAt = created,
        };
        if (status == D)
        {
            report.UpdatedAt = At(calendar.DeadlineAfter(firstWorkingDay, 1), 16 * 60); // still being entered
            return report;
        }
        var late = profile.Late.Contains(p.ToString());
        var submittedOn = late
            ? calendar.DeadlineAfter(due, 1 + (int)(Hash(t, y, m, 91) % 5))
            : calendar.DeadlineAfter(p.LastDay, 2 + (int)(Hash(t, y, m, 92) % 4));
        var at = At(submittedOn, 9 * 60 + 30 + (int)(Hash(t, y, m, 93) % 480));
        report.Submit(at, profile.Enterer);
        report.UpdatedAt = at;
        if (status >= A)
        {
            at = At(calendar.DeadlineAfter(submittedOn, 1 + (int)(Hash(t, y, m, 94) % 2)), 9 * 60 + (int)(Hash(t, y, m, 95) % 420));
            report.Approve(at, profile.CountyAccount);
            report.UpdatedAt = at;
        }
        if (status >= Ci)
        {
            at = At(calendar.DeadlineAfter(at.ToChinaDate(), 1 + (int)(Hash(t, y, m, 96) % 3)), 9 * 60 + (int)(Hash(t, y, m, 97) % 420));
            report.AcceptByCity(at);
            report.UpdatedAt = at;
        }
        if (status >= Pr)
        {
            at = At(calendar.DeadlineAfter(at.ToChinaDate(), 2 + (int)(Hash(t, y, m, 98) % 3)), 9 * 60 + (int)(Hash(t, y, m, 99) % 420));
            report.AcceptByProvince(at);
            report.UpdatedAt = at;
        }
        return report;
    }


    /// <summary>A China-time moment, stored in UTC (PostgreSQL timestamptz accepts only offset 0).</summary>
    static DateTimeOffset At(DateOnly d, int minuteOfDay) =>
        ChinaTime.StartOfDay(d).AddMinutes(minuteOfDay);

    // ------------------------------------------------------------------ the figures

    /// <summary>
    /// Month values 2022-01 … 2025-12 (index 0 … 47) per indicator code; null where not reported in that month
    /// (the annual tax outside December). Months before 2022-06 are simulated so stocks and running totals are right.
    /// </summary>
    static Dictionary<string, decimal?[]> Simulate(int t, Profile p, DeclarationForm f)
    {
        decimal Target(TI i, int year) => year < 2022 ? 0m : f.Target(i, year) ?? 0m;
        var s = new Dictionary<string, decimal?[]>();
        decimal?[] Series(string code) => s.TryGetValue(code, out var a) ? a : s[code] = new decimal?[Years * 12];

        // Stocks at the end of 2021 (the declaration's base figures) and running totals before construction.
        decimal entities = f.MarketEntities ?? 0, ecommerce = f.EcommerceEnterprises ?? 0;
        decimal totalInvest = 0, leadingInvest = 0, employment = Math.Round(0.6m * Target(TI.Employment, 2022));
        decimal brands = 1, products = 10 + 4 * t, training = 0, influencers = 1 + t % 3;

        for (var y = 0; y < Years; y++)
        {
            var year = 2022 + y;
            // Flows: the year's amount spread over the months by season.
            Flow(Series(C.OnlineRetail), t, year, Target(TI.OnlineRetail, year) * (p.Retail + p.RetailStep * y), RetailSeason, 1);
            Flow(Series(C.TotalOutput), t, year, Target(TI.TotalOutput, year) * (p.Output + p.OutputStep * y), OutputSeason, 2);
            Flow(Series(C.SocialRetail), t, year, 0.55m * Target(TI.TotalOutput, year) * Completion(t, year, 3), SocialSeason, 3);
            var newInvestment = (Target(TI.NewInvestment, year) - Target(TI.NewInvestment, year - 1)) * Completion(t, year, 4);
            Flow(Series(C.NewInvestment), t, year, newInvestment, BuildSeason, 4);

            // New market entities (integers) and, of them, those doing e-commerce: the lagging town rounds down.
            var newEntities = Allocate((int)Math.Round(Target(TI.NewMarketEntities, year) * Completion(t, year, 5), MidpointRounding.AwayFromZero),
                Weights(t, year, EntitySeason, 5), t, year, 5);
            var ecomYear = p.EcommerceShare >= 0.6m
                ? (int)Math.Min(newEntities.Sum(), Math.Ceiling(p.EcommerceShare * newEntities.Sum()))
                : (int)Math.Floor(p.EcommerceShare * newEntities.Sum());
            var newEcommerce = Allocate(ecomYear, newEntities.Select(n => (decimal)n).ToArray(), t, year, 12);
            // Of them, the legal-person units STD-37 counts (003 line 98): about one in eight new entities is an individual business.
            var newIndividual = Allocate((int)Math.Floor(0.12m * newEntities.Sum()), newEntities.Select(n => (decimal)n).ToArray(), t, year, 13);

            // Running totals and stocks: from last year's end to this year's end along the season.
            var investEnd = Target(TI.TotalInvestment, year) * Completion(t, year, 6);
            var leadingEnd = Target(TI.LeadingIndustryInvestment, year) * Completion(t, year, 7);
            var employmentEnd = Target(TI.Employment, year) * Completion(t, year, 8);
            var brandsEnd = Target(TI.Brands, year) + t % 2;
            var productsEnd = products + 20 + 5 * t + 8 * y;
            var trainingEnd = training + 500 + 60 * t + 150 * y;
            var influencersEnd = influencers + 3 + t % 3 + y;
            var build = Cumulative(Weights(t, year, BuildSeason, 6));
            var even = Cumulative(Weights(t, year, Even, 8));
            var retailShare = Cumulative(Weights(t, year, RetailSeason, 9));
            var trainingShare = Cumulative(Weights(t, year, TrainingSeason, 10));

            decimal investStart = totalInvest, leadingStart = leadingInvest, employmentStart = employment, brandsStart = brands,
                productsStart = products, trainingStart = training, influencersStart = influencers;
            for (var m = 0; m < 12; m++)
            {
                var i = y * 12 + m;
                entities += newEntities[m];
                ecommerce += newEcommerce[m];
                Series(C.NewMarketEntities)[i] = newEntities[m];
                Series(C.NewEcommerceEntities)[i] = newEcommerce[m];
                Series(C.NewLegalEntities)[i] = newEntities[m] - newIndividual[m];
                Series(C.MarketEntities)[i] = entities;
                Series(C.EcommerceEnterprises)[i] = ecommerce;
                Series(C.TotalInvestment)[i] = totalInvest = Whole(investStart + (investEnd - investStart) * build[m]);
                Series(C.LeadingIndustryInvestment)[i] = leadingInvest = Whole(leadingStart + (leadingEnd - leadingStart) * build[m]);
                Series(C.Employment)[i] = employment = Whole(employmentStart + (employmentEnd - employmentStart) * even[m]);
                Series(C.Brands)[i] = brands = Whole(brandsStart + (brandsEnd - brandsStart) * even[m]);
                Series(C.OnlineProducts)[i] = products = Whole(productsStart + (productsEnd - productsStart) * retailShare[m]);
                Series(C.TrainingPersonTimes)[i] = training = Whole(trainingStart + (trainingEnd - trainingStart) * trainingShare[m]);
                Series(C.Influencers)[i] = influencers = Whole(influencersStart + (influencersEnd - influencersStart) * even[m]);
            }
            // The annual tax, kept at December's index and seeded into the annual report "YYYY" (Indicator.AppliesTo).
            Series(C.Tax)[y * 12 + 11] = Math.Round(Target(TI.Tax, year) * Completion(t, year, 11), 1);
        }
        return s;
    }

    /// <summary>Rounding is monotone, so a rising running total stays non-decreasing once rounded.</summary>
    static decimal Whole(decimal x) => Math.Round(x, MidpointRounding.AwayFromZero);

    /// <summary>How much of a target a town reaches in a year: 0.90 … 1.05, fixed by (town, year, indicator).</summary>
    static decimal Completion(int t, int year, int salt) => 0.90m + 0.15m * Unit(t, year, 0, salt);

    /// <summary>Seasonal weights with a ±3 % variation per month.</summary>
    static decimal[] Weights(int t, int year, decimal[] season, int salt) =>
        season.Select((w, m) => w * (1m + 0.03m * (2m * Unit(t, year, m + 1, salt) - 1m))).ToArray();

    static void Flow(decimal?[] series, int t, int year, decimal amount, decimal[] season, int salt)
    {
        var w = Weights(t, year, season, salt);
        var total = w.Sum();
        for (var m = 0; m < 12; m++)
            series[(year - 2022) * 12 + m] = Math.Round(amount * w[m] / total, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>Share of the year reached at the end of each month (ends at exactly 1).</summary>
    static decimal[] Cumulative(decimal[] w)
    {
        var total = w.Sum();
        var run = 0m;
        var result = w.Select(x => (run += x) / total).ToArray();
        result[^1] = 1m;
        return result;
    }

    /// <summary>
    /// Splits a whole number over the months in proportion to the weights (largest remainder; ties broken by a fixed
    /// hash so they do not all fall early in the year). With whole-number weights and a total no larger than their sum
    /// (the e-commerce share of the new entities), no month gets more than its weight.
    /// </summary>
    static int[] Allocate(int total, decimal[] weights, int t, int year, int salt)
    {
        var sum = weights.Sum();
        if (total <= 0 || sum == 0) return new int[weights.Length];
        var exact = weights.Select(w => total * w / sum).ToArray();
        var result = exact.Select(x => (int)Math.Floor(x)).ToArray();
        foreach (var m in Enumerable.Range(0, weights.Length).OrderByDescending(m => exact[m] - result[m]).ThenBy(m => Hash(t, year, m + 1, salt))
                     .Take(total - result.Sum()))
            result[m]++;
        return result;
    }

    /// <summary>A number in [0, 1] fixed by its arguments: SplitMix64 of the packed key (integer arithmetic only).</summary>
    static decimal Unit(int t, int year, int month, int salt) => Hash(t, year, month, salt) % 10_001 / 10_000m;

    static ulong Hash(int t, int year, int month, int salt)
    {
        unchecked
        {
            var x = (ulong)((((long)t * 10_000 + year) * 100 + month) * 1_000 + salt) + 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }
}
