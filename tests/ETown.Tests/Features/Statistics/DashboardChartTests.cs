using System.Text.Json.Nodes;
using ETown.Web.Features.Statistics.Dashboard;
using ETown.Web.Platform.Documents;

namespace ETown.Tests.Features.Statistics;

/// <summary>Issue #4 item 7: one <see cref="ChartData"/> drives the ECharts option, the table view and the .xlsx export.</summary>
public class DashboardChartTests
{
    static ChartData Sample() => new("2031-03 网络零售额排名", "e镇", ["甲e镇", "乙e镇", "丙e镇"],
        [
            new ChartSeries("本年累计", [1234.5m, 800m, null]), new ChartSeries("同比", [12.3m, -4m, null], ChartKind.Line, "%", Axis: 1),
            new ChartSeries("年度目标", [2000m, null, null], InChart: false),
        ],
        "万元", ["未审核数据以浅色斜纹标出。"])
    {
        Approved = [true, false, true],
        Horizontal = true,
        Extra = [new ChartColumn("排名", [1, 2, null]), new ChartColumn("县（市、区）", ["甲县", "乙县", null]), new ChartColumn("目标来源", ["申报书", null, null], AfterSeries: true)],
    };

    [Fact]
    public void Table_HasHeaderPerSeries_WithUnits_AndTheApprovalMark()
    {
        var d = Sample();
        Assert.Equal(["e镇", "排名", "县（市、区）", "本年累计（万元）", "同比（%）", "年度目标（万元）", "目标来源", "审核状态"], d.Headers());
        var rows = d.Rows();
        Assert.Equal(3, rows.Count);
        Assert.Equal(new object?[] { "甲e镇", 1, "甲县", 1234.5m, 12.3m, 2000m, "申报书", "已审核" }, rows[0]);
        Assert.Equal(new object?[] { "乙e镇", 2, "乙县", 800m, -4m, null, null, "未审核" }, rows[1]);
        Assert.Equal(new object?[] { "丙e镇", null, null, null, null, null, null, "已审核" }, rows[2]);
        Assert.Equal("1,234.5", ChartData.FormatCell(1234.5m));
        Assert.Equal("—", ChartData.FormatCell(null));
        Assert.Equal("50", ChartData.FormatCell(50.0m));
    }

    [Fact]
    [Trait("Rule", "SVC-STAT")]
    public void Option_MarksUnapprovedBars_HatchedAndLighter_AndPutsTheSecondUnitOnItsOwnAxis()
    {
        var o = ChartOption.Build(Sample());
        var b = o["baseOption"]!;
        // Horizontal: categories down the y axis, first (rank 1) on top.
        Assert.Equal("category", (string?)b["yAxis"]!["type"]);
        Assert.True((bool)b["yAxis"]!["inverse"]!);
        Assert.Equal(["甲e镇", "乙e镇", "丙e镇"], b["yAxis"]!["data"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(2, b["xAxis"]!.AsArray().Count);
        Assert.Equal("%", (string?)b["xAxis"]![1]!["name"]);

        var bars = b["series"]![0]!;
        Assert.Equal("bar", (string?)bars["type"]);
        Assert.Equal(1234.5m, (decimal)bars["data"]![0]!);
        var unapproved = bars["data"]![1]!;
        Assert.Equal(800m, (decimal)unapproved["value"]!);
        Assert.NotNull(unapproved["itemStyle"]!["decal"]);
        Assert.True((double)unapproved["itemStyle"]!["opacity"]! < 1);
        Assert.Null(bars["data"]![2]); // no value: a gap, not a zero
        Assert.Equal(1, (int)b["series"]![1]!["xAxisIndex"]!);
        // A table-only series is not drawn.
        Assert.Equal(2, b["series"]!.AsArray().Count);
        // Phones (≤ 420 px chart width): narrower labels.
        Assert.Equal(ChartOption.NarrowWidth, (int)o["media"]![0]!["query"]!["maxWidth"]!);
        // Plain JSON: nothing ECharts would have to evaluate as code.
        Assert.DoesNotContain("function", ChartOption.Json(Sample()), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "SVC-STAT")]
    public void Xlsx_HoldsExactlyTheTableRows_ThenTheNotes()
    {
        var d = Sample();
        var sheet = XlsxReader.Read(new MemoryStream(ChartXlsx.Write(d)));
        Assert.Equal(ChartXlsx.SheetName(d.Title), sheet.Name);
        var headers = d.Headers();
        for (var c = 0; c < headers.Count; c++) Assert.Equal(headers[c], sheet.Text(1, c + 1));
        var rows = d.Rows();
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < rows[r].Count; c++)
            {
                var cell = sheet[r + 2, c + 1];
                Assert.Equal(ChartData.FormatCell(rows[r][c]), cell is null || cell.Text.Length == 0 ? "—"
                    : cell.IsNumeric ? ChartData.FormatCell(decimal.Parse(cell.Text, System.Globalization.CultureInfo.InvariantCulture)) : cell.Text);
                Assert.Equal(rows[r][c] is decimal or int, cell?.IsNumeric ?? false); // numbers stay numbers in Excel
            }
        Assert.Null(sheet.Text(rows.Count + 2, 1));
        Assert.Equal("注：未审核数据以浅色斜纹标出。", sheet.Text(rows.Count + 3, 1));
    }

    [Theory]
    [InlineData("2031-03 网络零售额:排名/同比*", "2031-03 网络零售额_排名_同比_")]
    [InlineData("一个非常非常非常非常非常非常非常非常非常非常非常非常非常非常长的标题", "一个非常非常非常非常非常非常非常非常非常非常非常非常非常非常长")]
    public void SheetName_IsValidForExcel(string title, string expected)
    {
        var name = ChartXlsx.SheetName(title);
        Assert.Equal(expected, name);
        Assert.True(name.Length <= 31);
    }

    [Fact]
    public void Option_IsValidJson_ForVerticalCharts_WithoutApprovalInfo()
    {
        var d = new ChartData("趋势", "统计期", ["2031-01", "2031-02"], [new ChartSeries("当月", [1m, 2m], ChartKind.Line)], "万元", []);
        var o = JsonNode.Parse(ChartOption.Json(d))!;
        Assert.Equal("category", (string?)o["baseOption"]!["xAxis"]!["type"]);
        Assert.Null(o["baseOption"]!["xAxis"]!["inverse"]);
        Assert.False((bool)o["baseOption"]!["legend"]!["show"]!);
        Assert.Equal(2m, (decimal)o["baseOption"]!["series"]![0]!["data"]![1]!);
        Assert.DoesNotContain("审核状态", d.Headers());
    }
}
