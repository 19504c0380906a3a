using ETown.Web.Platform.Data;
namespace ETown.Web.Platform.Calendar;

public enum CalendarDayKind
{
    /// <summary>法定节假日放假 (off day, even if a weekday).</summary>
    Holiday,
    /// <summary>调休上班 (working day, even if a weekend).</summary>
    Workday,
}

/// <summary>An exception to the Monday–Friday rule, from the 国务院办公厅 notice of that year.</summary>
public class CalendarDay : IProvinceWide
{
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    public required string Name { get; set; }
    public string? Source { get; set; }
}
