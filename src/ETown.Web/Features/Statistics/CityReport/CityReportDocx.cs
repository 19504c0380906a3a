using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using static ETown.Web.Platform.Documents.WordKit;

namespace ETown.Web.Features.Statistics.CityReport;

/// <summary>
/// 《XX市乡村e镇建设工作进展情况报告》 (SUP-07) as .docx: 总体情况, 各e镇进展 table, 建设标准监测 (STD-60/36/33),
/// 需要关注的问题, 下一步工作. A4, 宋体; validates with 0 OpenXmlValidator errors. Figures only from approved reports.
/// </summary>
public static class CityReportDocx
{
    public const string ContentType = Platform.Documents.WordKit.ContentType;

    public static string FileName(CityReportData d) => $"{d.Title}-{d.Period}.docx";

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    static string Num(decimal? v) => CityMonthlyReport.Num(v);
    static string Pct(decimal? v) => CityMonthlyReport.Pct(v);

    public static byte[] Render(CityReportData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var months = d.Month == 1 ? "1月" : $"1–{d.Month}月";
        var span = $"{d.Year}年{months}";
        return Create(d.Title, body =>
        {
            body.Append(Para(d.Title, JustificationValues.Center, bold: true, halfPoints: 36, before: 240, after: 120));
            body.Append(Para($"（{d.PeriodLabel}）", JustificationValues.Center, halfPoints: 28, after: 240));
            body.Append(Para($"{d.IssuingBody}　　{d.GeneratedOn.Year}年{d.GeneratedOn.Month}月{d.GeneratedOn.Day}日", JustificationValues.Center, halfPoints: 24, after: 240));

            void Heading(string text) => body.Append(Para(text, bold: true, halfPoints: 28, before: 240, after: 120));
            void Text(string text) => body.Append(Para(text, JustificationValues.Both, halfPoints: 24, firstLineChars: 2));

            // 一、总体情况
            Heading("一、总体情况");
            var counties = d.Etowns.Select(e => e.CountyCode).Distinct().Count();
            var c = d.Completeness;
            Text($"截至{d.PeriodLabel}，全市共有乡村e镇 {d.Etowns.Count} 个，分布在 {counties} 个县（市、区）。{d.PeriodLabel}统计报表应报 {c.Expected} 个，" +
                 $"已报送 {c.Received} 个，其中按时报送 {c.OnTime} 个；经县级审核（含市、省已接收）的 {d.ApprovedCount} 个。" +
                 "本报告数据仅采用经县级审核的报表，未经审核的数据不计入，详见附件。");
            foreach (var s in d.Summary)
            {
                var t = $"{s.Name}：{d.PeriodLabel}全市合计 {Num(s.MonthSum)} {s.Unit}（{s.MonthCount} 个e镇），{span}累计 {Num(s.YtdSum)} {s.Unit}（{s.YtdCount} 个e镇）";
                t += s.YoyPercent is { } y
                    ? $"，同比{(y >= 0 ? "增长" : "下降")} {Pct(Math.Abs(y))}（按两年{months}数据均完整的 {s.YoyCount} 个e镇计算：{Num(s.YoyYtdSum)} ÷ {Num(s.YoyYtdLastSum)}）"
                    : "，上年同期数据不完整，暂不计算同比";
                t += s.CompletionPercent is { } p
                    ? $"，完成年度目标 {Num(s.TargetSum)} {s.Unit} 的 {Pct(p)}（有年度目标的 {s.TargetCount} 个e镇，累计 {Num(s.TargetYtdSum)} {s.Unit}；时间进度 {Pct(d.ElapsedPercent)}）。"
                    : "，暂无年度目标。";
                Text(t);
            }

            // 二、各e镇进展
            Heading("二、各e镇进展");
            Text($"各e镇{d.PeriodLabel}主要指标如下（单位：万元；累计为{span}已审核数据之和）。");
            body.Append(EtownTable(d));

            // 三、建设标准监测
            Heading("三、建设标准监测");
            foreach (var rule in CityMonthlyReport.MonitoredChecks)
            {
                var checks = d.Etowns.Select(e => (e, Check: e.Checks.FirstOrDefault(x => x.Rule == rule))).Where(x => x.Check is not null).ToList();
                var label = checks.FirstOrDefault().Check?.Label ?? rule;
                string Names(bool? met) => checks.Where(x => x.Check!.Met == met).Select(x => x.e.EtownName) is var n && n.Any() ? string.Join("、", n) : "无";
                Text($"{rule}（{label}）：达标 {Names(true)}；未达标 {Names(false)}；数据不足、暂无法判定 {Names(null)}。");
            }

            // 四、需要关注的问题
            Heading("四、需要关注的问题");
            body.Append(Para($"（一）目标进度与建设标准（时间进度 {Pct(d.ElapsedPercent)}，目标完成率低于时间进度 {CityMonthlyReport.LagPoints:0} 个百分点以上视为滞后）",
                bold: true, halfPoints: 24, before: 60));
            if (d.Lagging.Count == 0) Text("无目标进度明显滞后或建设标准未达标的e镇。");
            foreach (var i in d.Lagging) Text($"{i.EtownName}（{i.CountyName}）{i.Kind}：{i.Text}。");
            body.Append(Para("（二）统计报送", bold: true, halfPoints: 24, before: 60));
            if (d.Reporting.Count == 0) Text("各e镇均已按时报送并经县级审核。");
            foreach (var i in d.Reporting) Text($"{i.EtownName}（{i.CountyName}）{i.Kind}：{i.Text}。");
            if (d.Supervision is { } sup)
            {
                body.Append(Para("（三）日常监管与督导", bold: true, halfPoints: 24, before: 60));
                Text($"本月应开展的例行检查已完成 {sup.InspectionsDone} 次、漏检 {sup.InspectionsMissed} 次；未销号问题 {sup.OpenProblems} 个，其中逾期未整改 {sup.OverdueProblems} 个；本月升级处理 {sup.Escalations} 个。"
                    + $"市级督导检查和联席会议 {sup.Visits} 次；决定事项未办结 {sup.OpenDecisions} 项，其中逾期 {sup.OverdueDecisions} 项。");
            }

            // 五、下一步工作
            Heading("五、下一步工作");
            Text("督促各县（市、区）按时报送、及时审核月度统计数据；对目标进度滞后和建设标准未达标的e镇加强调度指导，" +
                 "协调解决建设中的困难和问题，重大问题及时报告市政府。");

            body.Append(Para($"附件：{d.Title}数据表（{d.PeriodLabel}）", JustificationValues.Left, halfPoints: 24, before: 240));
        });
    }

    static Table EtownTable(CityReportData d)
    {
        int[] grid = [500, 1238, 800, 760, 760, 760, 760, 760, 760, 760, 760, 1020];
        var t = Table(grid);
        var h1 = Row(400, header: true);
        Cell(h1, grid, 0, 1, "序号", bold: true, vmerge: VMerge.Restart);
        Cell(h1, grid, 1, 1, "e镇", bold: true, vmerge: VMerge.Restart);
        Cell(h1, grid, 2, 1, "县（市、区）", bold: true, vmerge: VMerge.Restart);
        Cell(h1, grid, 3, 4, "网络零售额", bold: true);
        Cell(h1, grid, 7, 4, "总产值", bold: true);
        Cell(h1, grid, 11, 1, "本月报表", bold: true, vmerge: VMerge.Restart);
        t.Append(h1);
        var h2 = Row(400, header: true);
        Cell(h2, grid, 0, 1, "", vmerge: VMerge.Continue);
        Cell(h2, grid, 1, 1, "", vmerge: VMerge.Continue);
        Cell(h2, grid, 2, 1, "", vmerge: VMerge.Continue);
        for (var g = 0; g < 2; g++)
        {
            Cell(h2, grid, 3 + g * 4, 1, "本月", bold: true);
            Cell(h2, grid, 4 + g * 4, 1, "累计", bold: true);
            Cell(h2, grid, 5 + g * 4, 1, "同比", bold: true);
            Cell(h2, grid, 6 + g * 4, 1, "目标完成", bold: true);
        }
        Cell(h2, grid, 11, 1, "", vmerge: VMerge.Continue);
        t.Append(h2);
        var n = 0;
        foreach (var e in d.Etowns)
        {
            var r = Row(400);
            Cell(r, grid, 0, 1, (++n).ToString(Inv));
            Cell(r, grid, 1, 1, e.EtownName, JustificationValues.Left);
            Cell(r, grid, 2, 1, e.CountyName);
            var col = 3;
            foreach (var code in new[] { IndicatorCatalogue.OnlineRetail, IndicatorCatalogue.TotalOutput })
            {
                var f = e.Figure(code);
                Cell(r, grid, col++, 1, Num(f?.Month));
                Cell(r, grid, col++, 1, Num(f?.YearToDate));
                Cell(r, grid, col++, 1, Pct(f?.YtdYoyPercent));
                Cell(r, grid, col++, 1, Pct(f?.TargetCompletionPercent));
            }
            Cell(r, grid, 11, 1, e.StatusLabel + (e.Approved ? "" : "（未计入）"));
            t.Append(r);
        }
        if (d.Etowns.Count == 0)
        {
            var r = Row(400);
            Cell(r, grid, 0, 12, "（本市暂无培育中的e镇）");
            t.Append(r);
        }
        return t;
    }
}
