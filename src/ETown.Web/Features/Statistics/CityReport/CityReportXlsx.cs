using System.Globalization;
using ETown.Web.Platform.Documents;
using ETown.Web.Platform.Time;

namespace ETown.Web.Features.Statistics.CityReport;

/// <summary>
/// The annex of the city monthly report (SUP-07): sheet 1 every indicator of every e-town (month, YTD, YoY, target,
/// completion; approved data only), sheet 2 reporting completeness (STAT-02), sheet 3 the city sums the .docx quotes
/// with the number of e-towns each covers — every figure in the .docx is a cell here or a sum/ratio of cells.
/// </summary>
public static class CityReportXlsx
{
    public const string ContentType = XlsxWriter.ContentType;

    public static string FileName(CityReportData d) => $"{d.Title}附件-{d.Period}.xlsx";

    public static byte[] Render(CityReportData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return XlsxWriter.Write(d.Supervision is null ? [Etowns(d), Completeness(d), Summary(d)] : [Etowns(d), Completeness(d), Summary(d), Supervision(d.Supervision)]);
    }

    static XlsxWriter.XlsxSheet Etowns(CityReportData d)
    {
        var indicators = d.Etowns.FirstOrDefault()?.Figures ?? [];
        var headers = new List<string> { "e镇", "县(市、区)", "本月报表状态", "本月数据是否计入（已审核）" };
        foreach (var f in indicators)
            headers.AddRange([$"{f.Name}（{f.Unit}）本月", $"{f.Name} 上年同月", $"{f.Name} 本年累计", $"{f.Name} 累计月数（已审核）",
                $"{f.Name} 上年同期累计", $"{f.Name} 累计同比%", $"{f.Name} 年度目标", $"{f.Name} 目标来源", $"{f.Name} 目标完成%"]);
        var checks = d.Etowns.FirstOrDefault()?.Checks ?? [];
        foreach (var c in checks) headers.AddRange([$"{c.Rule} 数值", $"{c.Rule} 标准", $"{c.Rule} 结论", $"{c.Rule} 依据"]);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var e in d.Etowns)
        {
            var row = new List<object?> { e.EtownName, e.CountyName, e.StatusLabel, e.Approved ? "是" : "否" };
            foreach (var f in e.Figures)
                row.AddRange([f.Month, f.MonthLastYear, f.YearToDate, f.YearToDate is null ? null : f.YtdMonths, f.YearToDateLastYear, f.YtdYoyPercent,
                    f.AnnualTarget, f.TargetSource, f.TargetCompletionPercent]);
            foreach (var c in e.Checks) row.AddRange([c.Value, c.Threshold, Verdict(c.Met), c.Basis]);
            rows.Add(row);
        }
        return new($"各e镇指标{d.Period}", headers, rows);
    }

    static XlsxWriter.XlsxSheet Completeness(CityReportData d)
    {
        string[] headers = ["e镇", "县(市、区)", "报表状态", "截止日期", "报送时间（北京时间）", "是否按时", "是否逾期未报", "是否计入本报告"];
        var rows = d.Completeness.Rows.Select(r => (IReadOnlyList<object?>)new List<object?>
        {
            r.EtownName, r.CountyName, r.StatusLabel, r.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ChinaTime.Format(r.SubmittedAt),
            r.OnTime switch { true => "按时", false => "逾期", null => "—" }, r.Overdue ? "是" : "否",
            r.Status >= StatReportStatus.CountyApproved ? "是" : "否",
        }).ToList();
        rows.Add(["合计", null, null, null, null, null, null, null]);
        rows.Add(["应报", d.Completeness.Expected, "已报送", d.Completeness.Received, "按时报送", d.Completeness.OnTime, "已审核（计入）", d.ApprovedCount]);
        return new("报送情况", headers, rows);
    }

    static XlsxWriter.XlsxSheet Summary(CityReportData d)
    {
        string[] headers = ["指标", "单位", "本月合计", "本月有数e镇数", "本年累计合计", "累计有数e镇数",
            "同比口径本年累计合计", "同比口径上年同期累计合计", "同比口径e镇数（两年1–M月均完整）", "累计同比%",
            "有目标e镇本年累计合计", "年度目标合计", "有目标e镇数", "目标完成%", "时间进度%"];
        var rows = d.Summary.Select(s => (IReadOnlyList<object?>)new List<object?>
        {
            s.Name, s.Unit, s.MonthSum, s.MonthCount, s.YtdSum, s.YtdCount, s.YoyYtdSum, s.YoyYtdLastSum, s.YoyCount, s.YoyPercent,
            s.TargetYtdSum, s.TargetSum, s.TargetCount, s.CompletionPercent, d.ElapsedPercent,
        }).ToList();
        return new("全市汇总", headers, rows);
    }

    /// <summary>The supervision figures the .docx states in 四（三）.</summary>
    static XlsxWriter.XlsxSheet Supervision(CitySupervisionMonth s) => new("日常监管",
        ["例行检查已完成", "漏检", "未销号问题", "逾期未整改", "本月升级", "督导检查与联席会议", "决定事项未办结", "决定事项逾期"],
        [[s.InspectionsDone, s.InspectionsMissed, s.OpenProblems, s.OverdueProblems, s.Escalations, s.Visits, s.OpenDecisions, s.OverdueDecisions]]);

    static string Verdict(bool? met) => met switch { true => "达标", false => "未达标", null => "待定" };
}
