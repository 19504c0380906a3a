using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Statistics.CityReport;

/// <summary>
/// The supervision figures of a city for one month (SUP-07 report, issue #11 item 6). Owned by the city report,
/// produced by the supervision module; the report never reads supervision tables itself.
/// </summary>
public interface ICitySupervisionFigures
{
    /// <param name="ctx">The caller's scoped context (the report already checked the caller may see the city).</param>
    Task<CitySupervisionMonth> ForMonthAsync(EtownDbContext ctx, string cityCode, int year, int month, CancellationToken ct);
}

/// <param name="InspectionsDone">Routine inspections due in the month and done.</param>
/// <param name="InspectionsMissed">Routine inspections due in the month and missed (period ended without one).</param>
/// <param name="OpenProblems">Problems not closed at the end of the month (or today, for the running month).</param>
/// <param name="OverdueProblems">Of those, the ones past their rectification deadline while the operator owed the answer.</param>
/// <param name="Escalations">Problems escalated in the month (SUP-05).</param>
/// <param name="Visits">City supervision visits and joint meetings held in the month.</param>
/// <param name="OpenDecisions">Decisions of visits/meetings not closed; <paramref name="OverdueDecisions"/> of them past their deadline.</param>
public sealed record CitySupervisionMonth(int InspectionsDone, int InspectionsMissed, int OpenProblems, int OverdueProblems, int Escalations,
    int Visits, int OpenDecisions, int OverdueDecisions);
