using ETown.Web.Features.Etowns;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform.Calendar;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;

namespace ETown.Web.Platform.Data.Seeding;

/// <summary>
/// Demo monthly statistics (STAT-05) for 2025-10 … 2025-12: deterministic DEMO VALUES (not real statistics) with every
/// status of the bottom-up chain, one report missing (右玉 2025-11) and one submitted late (临猗 2025-11).
/// </summary>
public static class DemoStatistics
{
    const StatReportStatus D = StatReportStatus.Draft, S = StatReportStatus.Submitted, A = StatReportStatus.CountyApproved,
        Ci = StatReportStatus.CityAccepted, Pr = StatReportStatus.ProvinceAccepted;

    /// <summary>County code → status per period; null = not reported at all.</summary>
    static readonly Dictionary<string, StatReportStatus?[]> Plan = new()
    {
        ["140406"] = [Pr, A, S],     // 潞城
        ["140929"] = [Pr, Ci, S],    // 岢岚
        ["140821"] = [Pr, S, D],     // 临猗: 2025-11 submitted late
        ["140621"] = [Pr, S, A],     // 山阴
        ["140622"] = [Pr, A, S],     // 应县
        ["140681"] = [Pr, D, S],     // 怀仁
        ["140623"] = [Ci, null, null], // 右玉: 2025-11 missing
    };

    static readonly StatPeriod[] Periods = [new(2025, 10), new(2025, 11), new(2025, 12)];
    const string LateCounty = "140821";

    public static void Seed(EtownDbContext ctx, IReadOnlyList<Etown> towns, WorkingCalendar calendar)
    {
        foreach (var (town, n) in towns.Select((t, n) => (t, n)))
        {
            if (!Plan.TryGetValue(town.CountyCode, out var statuses)) continue;
            for (var m = 0; m < Periods.Length; m++)
            {
                if (statuses[m] is not { } status) continue;
                var p = Periods[m];
                var due = calendar.DeadlineAfter(p.LastDay, StatisticsService.DueWorkingDays);
                var report = new StatReport
                {
                    EtownId = town.Id, CountyCode = town.CountyCode, Period = p.ToString(), DueOn = due,
                    CreatedAt = At(p.LastDay.AddDays(1)), UpdatedAt = At(due),
                };
                var submitted = town.CountyCode == LateCounty && m == 1 ? At(due.AddDays(3)) : At(due.AddDays(-1));
                if (status >= S) report.Submit(submitted, "演示");
                if (status >= A) report.Approve(submitted.AddDays(1), "演示");
                if (status >= Ci) report.AcceptByCity(submitted.AddDays(2));
                if (status >= Pr) report.AcceptByProvince(submitted.AddDays(3));
                ctx.StatReports.Add(report);
                foreach (var (code, value) in Values(n, m))
                    ctx.StatValues.Add(new StatValue { ReportId = report.Id, EtownId = town.Id, CountyCode = town.CountyCode, IndicatorCode = code, Value = value });
            }
        }
    }

    // 10:00 Beijing time, stored in UTC (PostgreSQL timestamptz accepts only offset 0).
    static DateTimeOffset At(DateOnly d) => new DateTimeOffset(d.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>Plausible, rule-abiding values: stocks and running totals grow month by month; new e-commerce ≤ new entities.</summary>
    static IEnumerable<(string, decimal)> Values(int town, int month)
    {
        decimal k = 1 + town * 0.35m, g = month;
        return
        [
            (C.MarketEntities, Math.Round(180 * k) + 6 * g),
            (C.NewMarketEntities, 6 + town % 3),
            (C.NewEcommerceEntities, 3 + town % 2),
            (C.EcommerceEnterprises, Math.Round(40 * k) + 3 * g),
            (C.OnlineRetail, Math.Round(260 * k + 25 * g, 1)),
            (C.SocialRetail, Math.Round(900 * k + 40 * g, 1)),
            (C.TotalOutput, Math.Round(1_200 * k + 60 * g, 1)),
            (C.TotalInvestment, Math.Round(9_000 * k + 300 * g)),
            (C.NewInvestment, 300),
            (C.LeadingIndustryInvestment, Math.Round(5_000 * k + 180 * g)),
            (C.Employment, Math.Round(220 * k) + 4 * g),
            (C.Brands, 3 + town % 4 + g),
            (C.OnlineProducts, Math.Round(60 * k) + 5 * g),
            (C.TrainingPersonTimes, Math.Round(800 * k) + 60 * g),
            (C.Influencers, 4 + town % 3 + g),
        ];
    }
}
