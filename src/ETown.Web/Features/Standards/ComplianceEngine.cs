using System.Globalization;
using ETown.Web.Features.Regions;
using ETown.Web.Platform.Time;

namespace ETown.Web.Features.Standards;

public enum Verdict { Met, NotMet, EvidencePending, NotApplicable }

public sealed record FigureValue(string Indicator, int Year, decimal Value, string Source);

public sealed record EvidenceSnapshot(Guid Id, int ItemNumber, EvidenceStatus Status, IReadOnlyDictionary<string, decimal> Facts,
    DateTimeOffset SubmittedAt, DateTimeOffset? ReviewedAt, string? RejectReason, int? Year = null);

/// <summary>Everything the engine needs about one e-town; no database, no clock.</summary>
public sealed record ComplianceInput(
    CountyClass? CountyClass,
    IReadOnlyList<StandardItem> Items,
    IReadOnlyList<FigureValue> Figures,
    IReadOnlyList<EvidenceSnapshot> Evidence,
    IReadOnlyList<FigureValue>? Targets = null,
    int? Year = null,
    int? EvidenceYear = null,
    int? AcceptanceYear = null);

/// <summary>A figure or fact that took part in a verdict, with the requirement it was compared to.</summary>
public sealed record VerdictFigure(string Code, string Label, string Unit, int? Year, decimal? Value, string Requirement, decimal? DeclarationTarget, bool? Passed);

public sealed record ItemVerdict(int Number, string Group, string Content, string StandardText, ItemAttribute Attribute, ItemKind Kind,
    Verdict Verdict, string VerdictLabel, string Reason, IReadOnlyList<VerdictFigure> Figures, Guid? DecidingEvidenceId);

public sealed record ComplianceSummary(int BindingMet, int BindingTotal, int ExpectedMet, int ExpectedTotal, int Pending, bool ReadyForAcceptance);

/// <summary>
/// The construction standard applied to one e-town (pure, unit-tested). Measured items compare the
/// entered figures of the evaluated year (the given year, else the latest year with a figure) with the
/// version's thresholds for the e-town's county class; evidenced items look at the latest confirmed
/// evidence. Missing data is <see cref="Verdict.EvidencePending"/>; a class the version sets no
/// threshold for is <see cref="Verdict.NotApplicable"/>. Acceptance readiness = every binding item met.
/// </summary>
public static class ComplianceEngine
{
    enum R { Pass, Fail, Missing, NotApplicable, NotThisYear }

    public static IReadOnlyList<ItemVerdict> Evaluate(ComplianceInput input) =>
        input.Items.OrderBy(i => i.Number).Select(i => i.Kind == ItemKind.Measured ? Measured(i, input) : Evidenced(i, input)).ToList();

    public static ComplianceSummary Summarise(IReadOnlyList<ItemVerdict> verdicts)
    {
        var binding = verdicts.Where(v => v.Attribute == ItemAttribute.Binding && v.Verdict != Verdict.NotApplicable).ToList();
        var expected = verdicts.Where(v => v.Attribute == ItemAttribute.Expected && v.Verdict != Verdict.NotApplicable).ToList();
        var bindingMet = binding.Count(v => v.Verdict == Verdict.Met);
        return new(bindingMet, binding.Count, expected.Count(v => v.Verdict == Verdict.Met), expected.Count,
            verdicts.Count(v => v.Verdict == Verdict.EvidencePending), binding.Count > 0 && bindingMet == binding.Count);
    }

    public static string Label(Verdict v) => v switch
    {
        Verdict.Met => "达标",
        Verdict.NotMet => "未达标",
        Verdict.EvidencePending => "待佐证",
        _ => "不适用",
    };

    // ---------------------------------------------------------------- measured

    static ItemVerdict Measured(StandardItem item, ComplianceInput input)
    {
        var figures = new List<VerdictFigure>();
        var notes = new List<string>();
        var groups = new List<R>();
        foreach (var group in item.Spec.AnyOf)
        {
            var results = new List<R>();
            foreach (var c in group)
            {
                var (r, figure, note) = Condition(c, input);
                results.Add(r);
                if (figure is not null) figures.Add(figure);
                if (note is not null) notes.Add(note);
            }
            // A condition that does not bind in the evaluated year (its years, 验收当年) leaves the group to the others.
            results.RemoveAll(r => r == R.NotThisYear);
            groups.Add(results.Count == 0 || results.Contains(R.NotApplicable) ? R.NotApplicable
                : results.Contains(R.Fail) ? R.Fail
                : results.Contains(R.Missing) ? R.Missing : R.Pass);
        }
        var verdict = groups.Contains(R.Pass) ? Verdict.Met
            : groups.Contains(R.Fail) ? Verdict.NotMet
            : groups.Contains(R.Missing) ? Verdict.EvidencePending
            : Verdict.NotApplicable;
        var prefix = verdict switch
        {
            Verdict.Met => "达标",
            Verdict.NotMet => "未达标",
            Verdict.EvidencePending => "缺少数据",
            _ => "不适用",
        };
        var alternatives = item.Spec.AnyOf.Count > 1 ? "（满足其一即可）" : "";
        return Verdict_(item, verdict, $"{prefix}{alternatives}：" + string.Join("；", notes) + "。", figures, null);
    }

    static (R, VerdictFigure?, string?) Condition(MeasureCondition c, ComplianceInput input)
    {
        var ind = Indicators.Get(c.Indicator);
        var year = input.Year ?? input.Figures.Where(f => f.Indicator == c.Indicator).Select(f => (int?)f.Year).Max();
        var what = StandardJudge.What(c);
        var unit = StandardJudge.Unit(c);
        decimal? target = year is { } ty ? Value(input.Targets, ind.Code, ty) : null;
        decimal? related = c.RelativeTo is { } rel && year is { } ry ? Value(input.Figures, rel, ry) : null;

        // The actual value (growth unrounded: #9 item 5 compares unrounded values, rounds for display only).
        decimal? actual = null;
        string? missing = null;
        if (year is { } wy && NotBinding(c, wy, input.AcceptanceYear) is { } why) return (R.NotThisYear, null, $"{wy} 年{what}：{why}");
        if (year is null) missing = $"{what}：尚未录入{ind.Label}";
        else if (c.CumulativeFromYear is { } from)
        {
            // K line 6: "预计在2023年底…新增…不少于20个" — the sum of the years from the start to the evaluated year.
            var years = Enumerable.Range(from, Math.Max(0, year.Value - from + 1)).Select(y => Value(input.Figures, ind.Code, y)).ToList();
            if (years.Count == 0 || years.Any(v => v is null)) missing = $"{what}：缺少 {from}–{year} 年的数据";
            else actual = years.Sum(v => v!.Value);
        }
        else if (c.Growth)
        {
            actual = StandardJudge.Growth(Value(input.Figures, ind.Code, year.Value), Value(input.Figures, ind.Code, year.Value - 1));
            if (actual is null) missing = $"{what}：缺少 {year - 1} 或 {year} 年的{ind.Label}";
        }
        else
        {
            actual = Value(input.Figures, ind.Code, year.Value);
            if (actual is null) missing = $"{what}：缺少 {year} 年数据";
        }

        // The threshold and the comparison: the one judge the eligibility warnings and the dashboard checks use too.
        var j = StandardJudge.Judge(c, input.CountyClass, actual, related, target);
        if (j.Verdict == Verdict.NotApplicable) return (R.NotApplicable, null, j.Reason);
        if (j.Verdict == Verdict.EvidencePending)
        {
            var classUnknown = c.ByClass is not null && input.CountyClass is null;
            return (R.Missing, new VerdictFigure(ind.Code, what, unit, year, classUnknown ? null : actual, j.Requirement, target, null),
                classUnknown ? j.Reason : missing ?? j.Reason);
        }

        var pass = j.Verdict == Verdict.Met;
        var shown = c.Growth ? Math.Round(actual!.Value, 2) : actual!.Value;
        var yearText = year is { } yy ? $"{yy} 年" : "";
        return (pass ? R.Pass : R.Fail, new VerdictFigure(ind.Code, what, unit, year, shown, j.Requirement, target, pass),
            $"{yearText}{what} {F(shown)} {unit}，标准 {j.Requirement}{(pass ? "" : "，不满足")}");
    }

    /// <summary>
    /// Why a condition does not bind in <paramref name="year"/>, or null when it does. "（验收当年）" (items 33, 36): the
    /// e-town's acceptance year and each later year of "十四五" ("建成后“十四五”期间", 000 附件1 items 33/36); an e-town
    /// not yet accepted is judged as if accepted in the year evaluated (the acceptance it is preparing for).
    /// </summary>
    public static string? NotBinding(MeasureCondition c, int year, int? acceptanceYear)
    {
        if (c.FromYear is { } from && year < from) return $"自 {from} 年起考核";
        if (c.ToYear is { } to && year > to) return $"考核至 {to} 年";
        if (!c.FromAcceptanceYear || acceptanceYear is not { } acc || year == acc) return null;
        if (year < acc) return $"{acc} 年验收，验收当年前不按分类标准考核";
        return year > StandardCatalogue2022.FourteenthPlanLastYear
            ? $"“十四五”期间（至 {StandardCatalogue2022.FourteenthPlanLastYear} 年）已结束，不再按分类标准考核"
            : null;
    }

    static decimal? Value(IReadOnlyList<FigureValue>? list, string indicator, int year) =>
        list?.LastOrDefault(f => f.Indicator == indicator && f.Year == year)?.Value;

    // ---------------------------------------------------------------- evidenced

    static ItemVerdict Evidenced(StandardItem item, ComplianceInput input)
    {
        var mine = input.Evidence.Where(e => e.ItemNumber == item.Number).ToList();
        // A "每年" item (14, 19, 29) is judged per year: only evidence for that year counts (issue #14 item 11).
        string? yearNote = null;
        if (item.Spec.PerYear)
        {
            var y = input.Year ?? input.EvidenceYear;
            if (y is null)
                return Verdict_(item, Verdict.EvidencePending, "每年项：请指定判定年度。", [], null);
            mine = mine.Where(e => e.Year == y).ToList();
            yearNote = $"{y} 年";
        }
        var confirmed = mine.Where(e => e.Status == EvidenceStatus.Confirmed).OrderByDescending(e => e.ReviewedAt).ThenByDescending(e => e.SubmittedAt).FirstOrDefault();
        var pending = mine.Count(e => e.Status == EvidenceStatus.Submitted);
        var pendingNote = pending > 0 ? $"另有 {pending} 份证据待审核" : null;
        if (confirmed is null)
        {
            var requirementsText = item.Spec.Facts.Count == 0 ? "证明材料" : string.Join("、", item.Spec.Facts.Select(f => f.Describe()));
            var figures = item.Spec.Facts.Select(f => new VerdictFigure(f.Key, f.Label, f.Unit, null, null, f.Describe(), null, null)).ToList();
            var lastRejected = mine.Where(e => e.Status == EvidenceStatus.Rejected).OrderByDescending(e => e.ReviewedAt).FirstOrDefault();
            var reason = pending > 0 ? $"{yearNote}证据已提交 {pending} 份，待县级审核确认（需：{requirementsText}）。"
                : lastRejected is not null ? $"{yearNote}证据已被退回：{lastRejected.RejectReason}。请重新提交（需：{requirementsText}）。"
                : $"尚未提交{(yearNote is null ? "" : yearNote + "的")}证据（需：{requirementsText}）。";
            return Verdict_(item, Verdict.EvidencePending, reason, figures, null);
        }

        var results = new List<VerdictFigure>();
        var shortfalls = new List<string>();
        foreach (var f in item.Spec.Facts)
        {
            var has = confirmed.Facts.TryGetValue(f.Key, out var v);
            var ok = has && (f.Min is not { } min || v >= min) && (f.Max is not { } max || v <= max);
            results.Add(new VerdictFigure(f.Key, f.Label, f.Unit, null, has ? v : null, f.Describe(), null, ok));
            if (!ok) shortfalls.Add(has ? $"{f.Label} {F(v)} {f.Unit}，标准 {f.Describe()}" : $"缺少“{f.Label}”");
        }
        var met = shortfalls.Count == 0;
        var confirmedText = $"已确认的{yearNote}证据（{ChinaTime.FormatDate(confirmed.ReviewedAt)}）";
        var text = met
            ? $"达标：{confirmedText}" + (results.Count == 0 ? "证明材料齐全" : "显示 " + string.Join("，", results.Select(r => $"{r.Label} {F(r.Value ?? 0)} {r.Unit}".TrimEnd())))
            : $"未达标：{confirmedText}中 " + string.Join("；", shortfalls);
        if (pendingNote is not null) text += "；" + pendingNote;
        return Verdict_(item, met ? Verdict.Met : Verdict.NotMet, text + "。", results, confirmed.Id);
    }

    static ItemVerdict Verdict_(StandardItem i, Verdict v, string reason, IReadOnlyList<VerdictFigure> figures, Guid? evidence) =>
        new(i.Number, i.Group, i.Content, i.StandardText, i.Attribute, i.Kind, v, Label(v), reason, figures, evidence);

    internal static string F(decimal v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);
}
