using System.Text.Json;
using ETown.Web.Platform.Calendar;

namespace ETown.Tests.Platform;

/// <summary>
/// Working-day conventions (architecture "Conventions of this domain"; FUND-06, DISC-02, ACC-03) on the
/// real 2024–2026 State Council notices in Reference/cn-work-calendar.json (from cn-holidays-2022-2026.csv).
/// </summary>
public class WorkingCalendarTests
{
    static readonly Lazy<IReadOnlyList<CalendarDay>> Days = new(LoadReference);

    static IReadOnlyList<CalendarDay> LoadReference()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Reference", "cn-work-calendar.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("days").EnumerateArray().Select(d => new CalendarDay
        {
            Date = DateOnly.Parse(d[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            Kind = d[1].GetString() == "workday" ? CalendarDayKind.Workday : CalendarDayKind.Holiday,
            Name = d[2].GetString()!,
        }).ToList();
    }

    static WorkingCalendar Calendar()
    {
        var c = new WorkingCalendar();
        c.Load(Days.Value);
        return c;
    }

    static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ReferenceCalendar_Has180Entries_For2022To2026()
    {
        Assert.Equal(180, Days.Value.Count);
        Assert.Equal([2022, 2023, 2024, 2025, 2026], Days.Value.Select(d => d.Date.Year).Distinct().Order());
        Assert.Equal([2022, 2023, 2024, 2025, 2026], Calendar().CoveredYears);
    }

    [Theory]
    // 2025 National Day + Mid-Autumn: 10-01..10-08 off, Sun 09-28 and Sat 10-11 are adjusted workdays (调休).
    [InlineData("2025-09-28", true)]
    [InlineData("2025-10-01", false)]
    [InlineData("2025-10-08", false)]
    [InlineData("2025-10-11", true)]
    [InlineData("2025-10-12", false)]
    // 2026 Spring Festival: 02-15..02-23 off, Sat 02-14 and Sat 02-28 worked.
    [InlineData("2026-02-14", true)]
    [InlineData("2026-02-23", false)]
    [InlineData("2026-02-28", true)]
    // 2024 Spring Festival: Sun 02-04 and Sun 02-18 worked.
    [InlineData("2024-02-04", true)]
    [InlineData("2024-02-12", false)]
    [InlineData("2024-02-18", true)]
    // Ordinary days follow Monday–Friday.
    [InlineData("2025-09-30", true)]
    [InlineData("2025-09-27", false)]
    public void IsWorkingDay_FollowsTheStateCouncilNotice(string date, bool working) =>
        Assert.Equal(working, Calendar().IsWorkingDay(D(date)));

    [Fact]
    public void PeriodOf5WorkingDays_StartingBeforeNationalDay2025_CountsTheStartAndSkipsTheHoliday()
    {
        // 09-30 (1) | 10-01..08 off | 10-09 (2) 10-10 (3) Sat 10-11 调休 (4) | Sun 10-12 | Mon 10-13 (5)
        Assert.Equal(D("2025-10-13"), Calendar().PeriodEnd(D("2025-09-30"), 5));
    }

    [Fact]
    public void Period_StartingOnAnAdjustedWorkingSunday_CountsThatSunday()
    {
        Assert.Equal(D("2025-09-28"), Calendar().PeriodEnd(D("2025-09-28"), 1));
        Assert.Equal(D("2025-09-29"), Calendar().PeriodEnd(D("2025-09-27"), 2)); // Sat not counted, Sun 调休 counted
    }

    [Theory]
    [InlineData("2025-10-01", 1, "2025-10-09")]
    [InlineData("2025-10-01", 5, "2025-10-14")]
    [InlineData("2026-02-15", 1, "2026-02-24")]
    public void Period_StartingOnAHoliday_DoesNotCountTheStart(string start, int n, string end) =>
        Assert.Equal(D(end), Calendar().PeriodEnd(D(start), n));

    [Theory]
    // ACC-03 style "within N working days after E": E is not counted.
    [InlineData("2025-09-30", 1, "2025-10-09")]
    [InlineData("2026-02-13", 1, "2026-02-14")] // Sat 02-14 is a 调休 workday
    [InlineData("2026-02-13", 3, "2026-02-25")]
    [InlineData("2026-02-12", 15, "2026-03-11")] // crosses Spring Festival 2026 and Sat 02-28 调休
    [InlineData("2025-01-24", 5, "2025-02-07")] // Spring Festival 2025 with Sun 01-26 调休
    [InlineData("2024-02-08", 2, "2024-02-18")] // Spring Festival 2024 ends on Sun 02-18 调休
    public void DeadlineAfter_AcrossSpringFestival_SkipsHolidaysAndCountsAdjustedWorkdays(string evt, int n, string end) =>
        Assert.Equal(D(end), Calendar().DeadlineAfter(D(evt), n));

    [Fact]
    public void PeriodEnd_And_DeadlineAfter_DifferByTheStartDay()
    {
        var c = Calendar();
        Assert.Equal(D("2025-09-30"), c.PeriodEnd(D("2025-09-30"), 1));
        Assert.Equal(D("2025-10-09"), c.DeadlineAfter(D("2025-09-30"), 1));
    }

    [Fact]
    public void YearWithoutNotice_FallsBackToWeekends_AndIsReportedAsNotCovered()
    {
        var c = Calendar();
        Assert.False(c.IsCovered(2027));
        Assert.True(c.IsCovered(2025));
        Assert.True(c.IsWorkingDay(D("2027-10-01"))); // a Friday; no 2027 notice loaded
        Assert.Equal(D("2027-01-08"), c.DeadlineAfter(D("2027-01-01"), 5));
    }

    [Fact]
    public void ZeroWorkingDays_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar().PeriodEnd(D("2025-01-02"), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar().DeadlineAfter(D("2025-01-02"), 0));
    }

    [Fact]
    public void CountWorkingDays_OverNationalDayWeek2025()
    {
        // 09-28 (Sun 调休) .. 10-12: 09-28, 09-29, 09-30, 10-09, 10-10, 10-11 = 6
        Assert.Equal(6, Calendar().CountWorkingDays(D("2025-09-28"), D("2025-10-12")));
    }
}
