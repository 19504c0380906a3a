using System.Text.Json.Nodes;

namespace ETown.Web.Features.Statistics.Dashboard;

/// <summary>
/// Builds the ECharts option (JSON, no JavaScript functions) for a <see cref="ChartData"/>. Built on the server so the
/// chart, the table and the export come from the same object; <c>wwwroot/js/charts.js</c> only hands it to ECharts.
/// Categories marked unapproved are drawn lighter and hatched (the decal pattern), never in the plain colour.
/// A media query narrows labels and margins below <see cref="NarrowWidth"/> (phones, 390 px).
/// </summary>
public static class ChartOption
{
    /// <summary>Diagonal hatching for values built on unapproved data.</summary>
    static JsonObject UnapprovedStyle() => new()
    {
        ["opacity"] = 0.45,
        ["decal"] = new JsonObject
        {
            ["symbol"] = "rect", ["symbolSize"] = 1, ["color"] = "rgba(0,0,0,0.35)",
            ["dashArrayX"] = new JsonArray(1, 0), ["dashArrayY"] = new JsonArray(2, 5), ["rotation"] = -0.785,
        },
    };

    /// <summary>Below this chart width (px) labels and margins shrink: phones (390 px) and narrow panels.</summary>
    public const int NarrowWidth = 420;

    public static string Json(ChartData data) => Build(data).ToJsonString();

    public static JsonObject Build(ChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var drawn = data.Series.Where(s => s.InChart).ToList();
        var twoAxes = drawn.Any(s => s.Axis == 1);
        var categoryAxis = new JsonObject
        {
            ["type"] = "category",
            ["data"] = new JsonArray(data.Categories.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["axisTick"] = new JsonObject { ["alignWithLabel"] = true },
            ["axisLabel"] = data.Horizontal
                ? new JsonObject { ["interval"] = 0, ["width"] = 150, ["overflow"] = data.WrapLabels ? "break" : "truncate" }
                : new JsonObject { ["hideOverlap"] = true },
        };
        if (data.Horizontal) categoryAxis["inverse"] = true; // first category (rank 1) on top
        var main = ValueAxis(data.Unit, split: true);
        if (data.WholeNumbers) main["minInterval"] = 1;
        var valueAxes = new JsonArray(main);
        if (twoAxes) valueAxes.Add(ValueAxis(drawn.First(s => s.Axis == 1).Unit ?? data.Unit, split: false));

        var series = new JsonArray();
        foreach (var s in drawn)
        {
            var points = new JsonArray();
            for (var i = 0; i < data.Categories.Count; i++)
            {
                var v = s.Values.ElementAtOrDefault(i);
                JsonNode? value = v is { } d ? JsonValue.Create(d) : null;
                if (data.IsUnapproved(i))
                    points.Add(new JsonObject
                    {
                        ["value"] = value,
                        ["itemStyle"] = s.Kind == ChartKind.Bar ? UnapprovedStyle() : new JsonObject { ["opacity"] = 0.5 },
                        ["symbol"] = "emptyCircle",
                    });
                else points.Add(value);
            }
            var o = new JsonObject
            {
                ["name"] = s.Name,
                ["type"] = s.Kind == ChartKind.Bar ? "bar" : "line",
                ["data"] = points,
                [data.Horizontal ? "xAxisIndex" : "yAxisIndex"] = twoAxes ? s.Axis : 0,
            };
            if (s.Kind == ChartKind.Line) { o["connectNulls"] = false; o["symbolSize"] = 7; }
            else o["barMaxWidth"] = 28;
            series.Add(o);
        }

        var legend = drawn.Count > 1;
        var baseOption = new JsonObject
        {
            ["aria"] = new JsonObject { ["enabled"] = true },
            ["animationDuration"] = 300,
            ["tooltip"] = new JsonObject { ["trigger"] = "axis", ["axisPointer"] = new JsonObject { ["type"] = "shadow" }, ["confine"] = true },
            ["legend"] = new JsonObject { ["show"] = legend, ["type"] = "scroll", ["top"] = 0 },
            ["grid"] = new JsonObject { ["left"] = 8, ["right"] = data.Horizontal ? 36 : 24, ["top"] = legend ? 52 : 28, ["bottom"] = 8, ["containLabel"] = true },
            [data.Horizontal ? "yAxis" : "xAxis"] = categoryAxis,
            [data.Horizontal ? "xAxis" : "yAxis"] = valueAxes,
            ["series"] = series,
        };
        var narrow = new JsonObject
        {
            ["grid"] = new JsonObject { ["left"] = 4, ["right"] = 8 },
            ["legend"] = new JsonObject { ["itemWidth"] = 14, ["itemGap"] = 6, ["textStyle"] = new JsonObject { ["fontSize"] = 11 } },
            [data.Horizontal ? "yAxis" : "xAxis"] = new JsonObject
            {
                ["axisLabel"] = data.Horizontal
                    ? new JsonObject { ["width"] = data.WrapLabels ? 110 : 96, ["fontSize"] = 11 }
                    : new JsonObject { ["fontSize"] = 10 },
            },
        };
        return new JsonObject
        {
            ["baseOption"] = baseOption,
            ["media"] = new JsonArray(new JsonObject { ["query"] = new JsonObject { ["maxWidth"] = NarrowWidth }, ["option"] = narrow }),
        };
    }

    static JsonObject ValueAxis(string unit, bool split) => new()
    {
        ["type"] = "value",
        ["name"] = unit,
        ["nameTextStyle"] = new JsonObject { ["align"] = "left" },
        ["splitLine"] = new JsonObject { ["show"] = split },
    };
}
