using System.Collections.Concurrent;

namespace ETown.Web.Features.Statistics.Analytics;

/// <summary>What a month's figures read of one e-town: its report status and the <see cref="MonthFacts"/> of each indicator.</summary>
public sealed record EtownMonthFacts(StatReportStatus? Status, IReadOnlyDictionary<string, MonthFacts> Facts);

/// <summary>What the compliance matrix reads of one e-town's approved statistics for one year (issue #16 target 2).</summary>
/// <param name="ApprovedMonths">County-approved (or later) monthly reports of the year: twelve make a complete year.</param>
/// <param name="Sums">Per summed indicator: the sum in ten-thousandths (<see cref="Platform.Data.ExactSums"/>) and how many approved months have a value.</param>
/// <param name="December">The December report's stocks (approved).</param>
public sealed record ApprovedYearFacts(int ApprovedMonths, IReadOnlyDictionary<string, (long Units, int Months)> Sums,
    IReadOnlyDictionary<string, decimal> December);

/// <summary>One report of an e-town as a month's figures read it (status and values); kept per e-town stamp (issue #16).</summary>
public sealed record EtownReportRow(StatReportStatus Status, IReadOnlyDictionary<string, decimal> Values);

/// <summary>
/// The month facts of each e-town, kept across reads and users of one app instance (issue #16), valid while the e-town's
/// <see cref="Platform.Caching.EtownDataStamp"/> stays where it was when they were read. Month-end means one liaison's save
/// after another: each bumps one e-town's stamp, so the next province-wide read reads that e-town again and reuses the other
/// ninety-nine. The facts of an e-town are the same for every caller who sees it (the reports follow the e-town's scope);
/// which e-towns a caller gets is decided by the caller's scoped query before this cache is asked.
/// </summary>
public sealed class StatFactsCache
{
    const int MaxEntries = 60_000; // about 100 e-towns × 5 years × 12 months × (all data, approved only); a few MB
    readonly ConcurrentDictionary<(Guid Etown, string Period, bool ApprovedOnly, string Indicators), (long Stamp, EtownMonthFacts Facts)> _entries = new();

    /// <param name="indicators">The indicator list the facts were read with (<see cref="IndicatorsKey"/>): an edited catalogue reads again.</param>
    public bool TryGet(Guid etown, string period, bool approvedOnly, string indicators, long stamp, out EtownMonthFacts facts)
    {
        if (_entries.TryGetValue((etown, period, approvedOnly, indicators), out var hit) && hit.Stamp == stamp) { facts = hit.Facts; return true; }
        facts = null!;
        return false;
    }

    /// <param name="stamp">The stamp read before the facts were read: facts stored under N never predate N.</param>
    public void Set(Guid etown, string period, bool approvedOnly, string indicators, long stamp, EtownMonthFacts facts)
    {
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[(etown, period, approvedOnly, indicators)] = (stamp, facts);
    }

    readonly ConcurrentDictionary<Guid, (long Stamp, IReadOnlyDictionary<int, ApprovedYearFacts> Years)> _years = new();
    readonly ConcurrentDictionary<(Guid Etown, string Period), (long Stamp, EtownReportRow? Row)> _reports = new();

    /// <summary>
    /// An e-town's report of <paramref name="period"/> (null row: none) as read under <paramref name="stamp"/>: a month derived for
    /// the first time reads only the reports not kept yet — its own month — and sums the year to date from the kept ones.
    /// </summary>
    public bool TryGetReport(Guid etown, string period, long stamp, out EtownReportRow? row)
    {
        if (_reports.TryGetValue((etown, period), out var hit) && hit.Stamp == stamp) { row = hit.Row; return true; }
        row = null;
        return false;
    }

    /// <param name="stamp">The stamp read before the report was read.</param>
    public void SetReport(Guid etown, string period, long stamp, EtownReportRow? row)
    {
        if (_reports.Count >= 200_000) _reports.Clear(); // 100 e-towns × 10 years × 13 reports is 13 000
        _reports[(etown, period)] = (stamp, row);
    }

    /// <summary>An e-town's approved year facts (<see cref="StatAnalyticsService.ApprovedYearFiguresAsync"/>), valid while its stamp stays at <paramref name="stamp"/>.</summary>
    public bool TryGetYears(Guid etown, long stamp, out IReadOnlyDictionary<int, ApprovedYearFacts> years)
    {
        if (_years.TryGetValue(etown, out var hit) && hit.Stamp == stamp) { years = hit.Years; return true; }
        years = null!;
        return false;
    }

    /// <param name="stamp">The stamp read before the facts were read.</param>
    public void SetYears(Guid etown, long stamp, IReadOnlyDictionary<int, ApprovedYearFacts> years)
    {
        if (_years.Count >= 10_000) _years.Clear();
        _years[etown] = (stamp, years);
    }

    /// <summary>What of the catalogue the facts depend on: the indicators, their period type and aggregation.</summary>
    public static string IndicatorsKey(IEnumerable<Indicator> indicators) =>
        string.Join(';', indicators.Select(i => $"{i.Code}:{i.PeriodType}:{i.Aggregation}"));
}
