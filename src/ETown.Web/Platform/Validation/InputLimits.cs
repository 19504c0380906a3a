using System.Reflection;

namespace ETown.Web.Platform.Validation;

/// <summary>
/// Domain bounds every form shares (issue #17 findings 10–12, 等保 2.0 8.1.4.? 数据有效性检验): programme
/// years, 万元 amounts, and a length limit on every text field of a form object.
/// </summary>
public static class InputLimits
{
    /// <summary>The programme runs 2022–2025 (晋商建〔2022〕58号) with follow-up years: 2020–2035 is the accepted window.</summary>
    public const int FirstYear = 2020, LastYear = 2035;
    /// <summary>Largest 万元 amount accepted anywhere (1 000 亿元).</summary>
    public const decimal MaxWan = 1_000_000_000m;
    /// <summary>Default length of a free-text field.</summary>
    public const int DefaultTextLength = 2000;

    public static bool IsProgrammeYear(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>Throws a 400 with a Chinese message when <paramref name="year"/> is outside the programme.</summary>
    public static void RequireProgrammeYear(int year, string field = "year")
    {
        if (!IsProgrammeYear(year))
            throw new ValidationFailedException(new Dictionary<string, string[]> { [field] = [$"年度应在 {FirstYear}–{LastYear} 之间。"] });
    }

    /// <summary>Adds an error for each public string property of <paramref name="form"/> longer than its limit.</summary>
    public static void CheckTextLengths(object form, FieldErrors errors, IReadOnlyDictionary<string, int>? limits = null, int defaultLength = DefaultTextLength)
    {
        foreach (var p in form.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string) && p.CanRead && p.GetIndexParameters().Length == 0))
        {
            var max = limits?.GetValueOrDefault(p.Name, defaultLength) ?? defaultLength;
            if (p.GetValue(form) is string s && s.Length > max) errors.Add(p.Name, $"内容过长：不能超过 {max} 字（当前 {s.Length} 字）。");
        }
    }
}
