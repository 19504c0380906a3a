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

    const string UnapprovedNote = "浅色斜纹、标“未审核”的，所用数据尚未全部经县级审核。";

    /// <summary>"网络零售额（当月）" → "网络零售额": the month qualifier does not fit a year-to-date figure.</summary>
    public static string ShortName(string indicatorName) => indicatorName.Replace("（当月）", "", StringComparison.Ordinal);

    public static ChartData Ranking(RankingView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var rows = v.Rows;
        var series = new List<ChartSeries> { new(v.MeasureLabel, rows.Select(r => r.Value).ToList(), Unit: v.Unit) };
        var after = new List<ChartColumn>();
        switch (v.Measure)
        {
            case RankingMeasure.Ytd:
                series.Add(new ChartSeries("上年同期累计", rows.Select(r => r.YearToDateLastYear).ToList(), Unit: v.IndicatorUnit, InChart: false));
                break;
            case RankingMeasure.Yoy:
                series.Add(new ChartSeries("本年累计", rows.Select(r => r.YearToDate).ToList(), Unit: v.IndicatorUnit, InChart: false));
                series.Add(new ChartSeries("上年同期累计", rows.Select(r => r.YearToDateLastYear).ToList(), Unit: v.IndicatorUnit, InChart: false));
                break;
            case RankingMeasure.Target:
                series.Add(new ChartSeries("本年累计", rows.Select(r => r.YearToDate).ToList(), Unit: v.IndicatorUnit, InChart: false));
                series.Add(new ChartSeries("年度目标", rows.Select(r => r.AnnualTarget).ToList(), Unit: v.IndicatorUnit, InChart: false));
                after.Add(new ChartColumn("目标来源", rows.Select(r => (object?)r.TargetSource).ToList(), AfterSeries: true));
                break;
        }
        after.Add(new ChartColumn("本年计入月数", rows.Select(r => (object?)r.YtdMonths).ToList(), AfterSeries: true));
        after.Add(new ChartColumn("本月报表状态", rows.Select(r => (object?)r.StatusLabel).ToList(), AfterSeries: true));
        var notes = new List<string>
        {
            v.Measure switch
            {
                RankingMeasure.Ytd => "本年累计：流量指标为 1 月至本月已报送各月之和（见“本年计入月数”），存量指标为本月末数。",
                RankingMeasure.Yoy => "累计同比增速 =（本年累计 − 上年同期累计）÷ 上年同期累计 × 100%，保留一位小数；本年或上年同期有月份未报送的不计算。",
                _ => "年度目标完成率 = 本年累计 ÷ 年度目标 × 100%，保留一位小数；目标取自已批准申报书，无申报书的取填报目标。",
            },
            "无数值的e镇列在最后，不参与排名；数值相同的并列。",
            v.ApprovedOnly ? "仅计县级已审核的数据。" : UnapprovedNote,
        };
        return new ChartData($"{v.Period} {ShortName(v.IndicatorName)}{v.MeasureLabel}排名", "e镇", rows.Select(r => r.EtownName).ToList(), series, v.Unit, notes)
        {
            Horizontal = true,
            Approved = rows.Select(r => r.Approved).ToList(),
            Extra =
            [
                new ChartColumn("排名", rows.Select(r => (object?)r.Rank).ToList()),
                new ChartColumn("县（市、区）", rows.Select(r => (object?)r.CountyName).ToList()),
                new ChartColumn("市", rows.Select(r => (object?)r.CityName).ToList()),
                .. after,
            ],
        };
    }

    public static ChartData Trend(EtownTrendView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var sum = v.Aggregation == StatAggregation.Sum;
        List<ChartSeries> series = sum
            ?
            [
                new ChartSeries("当月", v.Points.Select(p => p.Value).ToList()),
                new ChartSeries("本年累计", v.Points.Select(p => p.YearToDate).ToList(), ChartKind.Line, v.Unit, Axis: 1),
            ]
            : [new ChartSeries("月末数", v.Points.Select(p => p.Value).ToList(), ChartKind.Line)];
        return new ChartData($"{v.EtownName} {ShortName(v.IndicatorName)} {v.From} 至 {v.To}", "统计期", v.Points.Select(p => p.Period).ToList(), series, v.Unit,
            [
                sum ? "柱：当月值；线：本年累计（右轴，1 月起已报送各月之和）。" : "存量指标：每月为月末数。",
                v.ApprovedOnly ? "仅计县级已审核的数据，未审核的月份空缺。" : UnapprovedNote,
            ])
        { Approved = v.Points.Select(p => p.Approved).ToList() };
    }

    public static ChartData Standards(StandardsView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var r = v.Rules;
        static object? Names(IReadOnlyList<string> names) => names.Count == 0 ? null : string.Join("、", names);
        return new ChartData($"{v.Period} 建设标准核验达标情况", "标准", r.Select(x => $"{x.Rule} {x.Label}").ToList(),
            [
                new ChartSeries("达标", r.Select(x => (decimal?)x.Met).ToList()),
                new ChartSeries("未达标", r.Select(x => (decimal?)x.NotMet).ToList()),
                new ChartSeries("无法判断", r.Select(x => (decimal?)x.Unknown).ToList()),
            ], "个",
            [
                $"数据范围内 {v.Etowns} 个e镇；无法判断 = 所需数据未报齐或缺少对比基数。",
                v.ApprovedOnly ? "仅计县级已审核的数据。" : "含尚未审核的数据。",
            ])
        {
            Horizontal = true,
            WrapLabels = true,
            WholeNumbers = true,
            Extra =
            [
                new ChartColumn("未达标的e镇", r.Select(x => Names(x.NotMetEtowns)).ToList(), AfterSeries: true),
                new ChartColumn("无法判断的e镇", r.Select(x => Names(x.UnknownEtowns)).ToList(), AfterSeries: true),
                new ChartColumn("达标的e镇", r.Select(x => Names(x.MetEtowns)).ToList(), AfterSeries: true),
            ],
        };
    }
}
