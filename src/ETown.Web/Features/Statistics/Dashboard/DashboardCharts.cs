namespace ETown.Web.Features.Statistics.Dashboard;

/// <summary>Maps each dashboard result to its <see cref="ChartData"/>: the page draws it, the table shows it, the export writes it.</summary>
public static class DashboardCharts
{
    public static ChartData Completeness(CompletenessView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var byCity = v.AreaLevel == DashboardService.LevelCity;
        return new ChartData($"{v.Period} 各{(byCity ? "市" : "县（市、区）")}统计报送完整性", byCity ? "市" : "县（市、区）",
            v.Areas.Select(a => a.Name).ToList(),
            [
                new ChartSeries("应报", v.Areas.Select(a => (decimal?)a.Expected).ToList()),
                new ChartSeries("已报", v.Areas.Select(a => (decimal?)a.Received).ToList()),
                new ChartSeries("按时", v.Areas.Select(a => (decimal?)a.OnTime).ToList()),
                new ChartSeries("报送率", v.Areas.Select(a => a.ReceivedPercent).ToList(), ChartKind.Line, "%", Axis: 1),
                new ChartSeries("按时率", v.Areas.Select(a => a.OnTimePercent).ToList(), ChartKind.Line, "%", Axis: 1),
            ], "个",
            [
                $"合计：应报 {v.Expected}，已报 {v.Received}，按时 {v.OnTime}；截止日期 {v.DueOn:yyyy-MM-dd}（次月第 {StatisticsService.DueWorkingDays} 个工作日，STAT-02）。",
                "应报 = 数据范围内已入选（未撤销）的e镇；已报 = 已报送及以后各状态；按时 = 首次报送不晚于截止日期。",
            ]) { WholeNumbers = true };
    }

    public static ChartData CompletenessTrend(CompletenessTrendView v, string? cityName = null)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new ChartData($"{v.From} 至 {v.To} {cityName ?? ""}报送完整性趋势".Replace("  ", " ", StringComparison.Ordinal), "统计期",
            v.Months.Select(m => m.Period).ToList(),
            [
                new ChartSeries("应报", v.Months.Select(m => (decimal?)m.Expected).ToList()),
                new ChartSeries("已报", v.Months.Select(m => (decimal?)m.Received).ToList()),
                new ChartSeries("按时", v.Months.Select(m => (decimal?)m.OnTime).ToList()),
                new ChartSeries("报送率", v.Months.Select(m => m.ReceivedPercent).ToList(), ChartKind.Line, "%", Axis: 1),
                new ChartSeries("按时率", v.Months.Select(m => m.OnTimePercent).ToList(), ChartKind.Line, "%", Axis: 1),
            ], "个",
            ["各月应报按当前e镇名录计；已报、按时口径同上。"]) { WholeNumbers = true };
    }
}
