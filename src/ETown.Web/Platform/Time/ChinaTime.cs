using System.Globalization;

namespace ETown.Web.Platform.Time;

/// <summary>
/// China Standard Time (Asia/Shanghai): UTC+8 all year, no daylight saving. The platform stores instants in UTC and
/// reads the clock only through the injected <see cref="TimeProvider"/>; every "today", deadline, year and displayed
/// time is China time and comes from here, so the offset is written in this one place.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The instant on China's wall clock.</summary>
    public static DateTimeOffset ToChina(this DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The China calendar day the instant falls on (2026-01-31T16:00Z is 2026-02-01).</summary>
    public static DateOnly ToChinaDate(this DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static DateTimeOffset ChinaNow(this TimeProvider clock) => clock.GetUtcNow().ToChina();

    public static DateOnly ChinaToday(this TimeProvider clock) => clock.GetUtcNow().ToChinaDate();

    /// <summary>The instant China's day starts, in UTC (PostgreSQL timestamptz accepts only offset 0).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>Display: "yyyy-MM-dd HH:mm" in China time.</summary>
    public static string Format(DateTimeOffset instant) => Text(instant, "yyyy-MM-dd HH:mm");
    public static string? Format(DateTimeOffset? instant) => instant is { } t ? Format(t) : null;

    /// <summary>Display with seconds (logs): "yyyy-MM-dd HH:mm:ss" in China time.</summary>
    public static string FormatSeconds(DateTimeOffset instant) => Text(instant, "yyyy-MM-dd HH:mm:ss");

    /// <summary>Display of the day only: "yyyy-MM-dd" in China time.</summary>
    public static string FormatDate(DateTimeOffset instant) => Text(instant, "yyyy-MM-dd");
    public static string? FormatDate(DateTimeOffset? instant) => instant is { } t ? FormatDate(t) : null;

    static string Text(DateTimeOffset instant, string format) => instant.ToChina().ToString(format, CultureInfo.InvariantCulture);
}
