using ETown.Web.Platform.Documents;

namespace ETown.Web.Features.Plans.Documents;

/// <summary>
/// The 建设标准及预算 table (PLAN-04, K 附件2) as .xlsx: one row per line in 万元, the totals, the allocation and the
/// FUND-03 share of each category with its band.
/// </summary>
public static class BudgetXlsx
{
    public static string FileName(PlanView v) => $"{v.EtownName}建设标准及预算.xlsx";

    public static byte[] Render(PlanView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var b = v.Budget;
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var l in b.Lines)
            rows.Add([l.ItemNo, l.Content, BudgetCheck.CategoryLabel(l.Category), l.ProvincialYuan / 10000m, l.CountyYuan / 10000m]);
        rows.Add([null, "合计", null, b.Check.ProvincialTotalYuan / 10000m, b.Check.CountyTotalYuan / 10000m]);
        rows.Add([null, "省级专项资金下达额度", null, b.AllocationYuan / 10000m, null]);
        rows.Add([]);
        rows.Add([null, "省级资金类别比例核对（" + BudgetCheck.Source + "）", "占比（%）", "下限（%）", "上限（%）", "结论"]);
        foreach (var c in b.Check.Categories)
            rows.Add([null, c.Label + $"（{c.ProvincialYuan / 10000m:0.####} 万元）", c.SharePercent is { } s ? decimal.Round(s, 4) : null, c.MinPercent, c.MaxPercent,
                c.WithinBand ? "符合" : "不符合"]);
        foreach (var i in b.Check.Issues)
            rows.Add([null, $"{i.Message}（{i.Code}）"]);
        if (b.Justification is { Status: not JustificationStatus.None } j)
            rows.Add([null, $"超出资金比例的书面说明（{j.StatusLabel}）：{j.Text}" + (j.Note is null ? "" : $"；市级意见：{j.Note}")]);
        return XlsxWriter.Write("建设标准及预算", ["条目序号", "建设内容", "资金类别", "省级配套资金（万元）", "县级配套资金（万元）", ""], rows);
    }
}
