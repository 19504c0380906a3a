using System.Text.RegularExpressions;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform.Time;

namespace ETown.Tests.Platform;

/// <summary>Issue #9 item 4: one clock (the injected TimeProvider) and one China-time helper.</summary>
public class ClockTests
{
    /// <summary>A clock fixed at one instant.</summary>
    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    static readonly DateTimeOffset ChinaMidnight = new(2026, 1, 31, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ChinaMidnight_IsTheNextDayAlready()
    {
        Assert.Equal(new DateOnly(2026, 2, 1), ChinaMidnight.ToChinaDate());
        Assert.Equal(new DateOnly(2026, 1, 31), ChinaMidnight.AddTicks(-1).ToChinaDate());
        Assert.Equal(new DateOnly(2026, 2, 1), new FixedClock(ChinaMidnight).ChinaToday());
        Assert.Equal(new DateOnly(2026, 1, 31), new FixedClock(ChinaMidnight.AddSeconds(-1)).ChinaToday());
    }

    [Fact]
    public void ChinaNow_IsTheSameInstantAtUtcPlus8()
    {
        var now = new FixedClock(ChinaMidnight).ChinaNow();
        Assert.Equal(ChinaMidnight, now);
        Assert.Equal(TimeSpan.FromHours(8), now.Offset);
        Assert.Equal(new DateTime(2026, 2, 1, 0, 0, 0), now.DateTime);
    }

    [Fact]
    public void StartOfDay_IsChinaMidnightInUtc()
    {
        var start = ChinaTime.StartOfDay(new DateOnly(2026, 2, 1));
        Assert.Equal(ChinaMidnight, start);
        Assert.Equal(TimeSpan.Zero, start.Offset); // PostgreSQL timestamptz accepts only offset 0
    }

    [Fact]
    public void Format_ShowsChinaWallClock()
    {
        Assert.Equal("2026-02-01 00:00", ChinaTime.Format(ChinaMidnight));
        Assert.Equal("2026-02-01 00:00:05", ChinaTime.FormatSeconds(ChinaMidnight.AddSeconds(5)));
        Assert.Equal("2026-02-01", ChinaTime.FormatDate(ChinaMidnight));
        Assert.Null(ChinaTime.Format((DateTimeOffset?)null));
        Assert.Null(ChinaTime.FormatDate((DateTimeOffset?)null));
    }

    [Fact]
    public void CurrentStatisticsMonth_FollowsChinaDate()
    {
        Assert.Equal("2026-02", StatPeriod.Current(new FixedClock(ChinaMidnight)).ToString());
        Assert.Equal("2026-01", StatPeriod.Current(new FixedClock(ChinaMidnight.AddMinutes(-1))).ToString());
    }

    /// <summary>The clock is read only through TimeProvider and UTC+8 is written only in ChinaTime.</summary>
    [Fact]
    public void Source_ReadsNoClockDirectly_AndWritesNoUtcPlus8()
    {
        var src = Path.Combine(RepositoryFiles.Root, "src");
        var forbidden = new Regex(@"\bDateTime(Offset)?\.(Now|UtcNow)\b|FromHours\(8\)|AddHours\(8\)");
        var offenders = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Contains("Migrations")
                        && !f.Split(Path.DirectorySeparatorChar).Contains("obj") && !f.Split(Path.DirectorySeparatorChar).Contains("bin")
                        && Path.GetFileName(f) != "ChinaTime.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => forbidden.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(src, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0,
            "Read the clock through the injected TimeProvider and convert with ChinaTime:\n" + string.Join("\n", offenders));
    }
}
