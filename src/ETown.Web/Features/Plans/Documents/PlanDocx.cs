using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using ETown.Web.Features.Declarations;
using ETown.Web.Platform.Time;
using static ETown.Web.Platform.Documents.WordKit;

namespace ETown.Web.Features.Plans.Documents;

/// <summary>
/// The cultivation plan as .docx (P §四(五) order): basic data, the PLAN-01 sections, key projects, targets 2022–2025,
/// the 建设标准及预算 table (K 附件2 layout: item, content, category, 省级配套资金, 县级配套资金 in 万元) and the FUND-03
/// band check summary. A4, 宋体; validates with 0 OpenXmlValidator errors.
/// </summary>
public static class PlanDocx
{
    public const string ContentType = Platform.Documents.WordKit.ContentType;

    public static string FileName(PlanView v) => $"{v.EtownName}培育方案.docx";

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static byte[] Render(PlanView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var title = $"{v.EtownName}培育方案";
        var c = v.Content;
        return Create(title, body =>
        {
            body.Append(Para(title, JustificationValues.Center, bold: true, halfPoints: 36, before: 240, after: 240));
            body.Append(Para($"（{v.CityName}{v.CountyName}　状态：{v.StatusLabel}{(v.FiledAt is { } f ? "，备案时间 " + ChinaTime.FormatDate(f) : "")}　适用建设标准：{v.StandardVersion}）",
                JustificationValues.Center, halfPoints: 21, after: 240));

            var n = 0;
            string Next() => ChineseNumber(++n) + "、";
            void Section(string heading, string? text)
            {
                body.Append(Para(Next() + heading, bold: true, halfPoints: 28, before: 240, after: 120));
                body.Append(Para(string.IsNullOrWhiteSpace(text) ? "（未填写）" : text.Trim(), JustificationValues.Both, halfPoints: 24, firstLineChars: 2));
            }
            Section("指导思想", c.GuidingIdeology);
            Section("基本原则", c.Principles);
            Section("规划范围", c.PlannedScope);
            Section("功能分区", c.FunctionalZones);
            Section("投资运营主体", c.InvestmentOperatingEntity);
            Section("建设方式", c.ConstructionMethod);
            Section("投融资模式", c.FinancingModel);
            Section("盈利模式", c.ProfitModel);
            Section("主要目标", c.MainTargets);
            body.Append(TargetsTable(c, v.TargetsFromDeclaration));
            Section("重点任务", c.KeyTasks);

            body.Append(Para(Next() + "重点项目", bold: true, halfPoints: 28, before: 240, after: 120));
            body.Append(ProjectsTable(c.KeyProjects));

            Section("预期效果", c.ExpectedEffects);
            Section("实施步骤", c.ImplementationSteps);
            Section("建设规模", c.ConstructionScale);
            Section("运营模式", c.OperationModel);
            Section("保障措施", c.Guarantees);

            body.Append(Para(Next() + "建设标准及预算", bold: true, halfPoints: 28, before: 240, after: 120));
            body.Append(BudgetTable(v.Budget));
            body.Append(Para(Next() + "省级资金类别比例核对（" + BudgetCheck.Source + "）", bold: true, halfPoints: 28, before: 240, after: 120));
            body.Append(CheckTable(v.Budget.Check));
            if (v.Budget.Check.Issues.Count == 0)
                body.Append(Para("核对结论：各类别比例均在规定区间内，省级配套资金合计与下达额度一致。", JustificationValues.Both, halfPoints: 24, before: 120));
            else
                foreach (var i in v.Budget.Check.Issues)
                    body.Append(Para($"· {i.Message}（{i.Code}）", JustificationValues.Both, halfPoints: 22, before: 60));
            // FUND-03 "原则上" (issue #14 item 12): the justification is shown wherever the budget is.
            if (v.Budget.Justification is { Status: not JustificationStatus.None } j)
                body.Append(Para($"超出资金比例的书面说明（{j.StatusLabel}）：{j.Text}" + (j.Note is null ? "" : $"；市级意见：{j.Note}"), JustificationValues.Both, halfPoints: 22, before: 60));
        });
    }

    static Table TargetsTable(PlanContent c, bool fromDeclaration)
    {
        int[] grid = [2838, 1000, 1450, 1450, 1450, 1450];
        var t = Table(grid);
        var h = Row(400, header: true);
        Cell(h, grid, 0, 1, "指标", bold: true);
        Cell(h, grid, 1, 1, "单位", bold: true);
        for (var y = 0; y < TargetIndicators.Years.Length; y++) Cell(h, grid, 2 + y, 1, TargetIndicators.Years[y] + "年", bold: true);
        t.Append(h);
        foreach (var i in Enum.GetValues<TargetIndicator>())
        {
            var (label, unit) = TargetIndicators.Describe(i);
            var r = Row(400);
            Cell(r, grid, 0, 1, label, JustificationValues.Left);
            Cell(r, grid, 1, 1, unit);
            for (var y = 0; y < TargetIndicators.Years.Length; y++)
                Cell(r, grid, 2 + y, 1, c.Target(i, TargetIndicators.Years[y]) is { } val ? val.ToString("#,0.##", Inv) : "—");
            t.Append(r);
        }
        var note = Row(400);
        Cell(note, grid, 0, 6, fromDeclaration ? "注：目标取自已入选的申报表（PLAN-03），作为验收和绩效评价依据。" : "注：目标由县级在方案中填报。", JustificationValues.Left);
        t.Append(note);
        return t;
    }

    static Table ProjectsTable(IReadOnlyList<KeyProject> projects)
    {
        int[] grid = [600, 1900, 3138, 1500, 1300, 1200];
        var t = Table(grid);
        var h = Row(400, header: true);
        string[] heads = ["序号", "项目名称", "建设内容及节点", "起止时间", "对应标准条目", "投资（万元）"];
        for (var i = 0; i < heads.Length; i++) Cell(h, grid, i, 1, heads[i], bold: true);
        t.Append(h);
        for (var n = 0; n < projects.Count; n++)
        {
            var p = projects[n];
            var r = Row(400);
            Cell(r, grid, 0, 1, (n + 1).ToString(Inv));
            Cell(r, grid, 1, 1, p.Name, JustificationValues.Left);
            var text = string.Join("\n", new[] { p.Content, string.IsNullOrWhiteSpace(p.Milestones) ? null : "节点：" + p.Milestones }.Where(x => !string.IsNullOrWhiteSpace(x)));
            Cell(r, grid, 2, 1, text, JustificationValues.Left);
            Cell(r, grid, 3, 1, $"{p.StartOn?.ToString("yyyy-MM-dd", Inv) ?? "—"}\n至 {p.EndOn?.ToString("yyyy-MM-dd", Inv) ?? "—"}");
            Cell(r, grid, 4, 1, string.Join("、", p.StandardItems));
            Cell(r, grid, 5, 1, p.InvestmentYuan is { } y ? BudgetCheck.Wan(y) : "—");
            t.Append(r);
        }
        if (projects.Count == 0)
        {
            var r = Row(400);
            Cell(r, grid, 0, 6, "（无）");
            t.Append(r);
        }
        return t;
    }

    static Table BudgetTable(BudgetView b)
    {
        int[] grid = [700, 4638, 1700, 1300, 1300];
        var t = Table(grid);
        var h = Row(400, header: true);
        string[] heads = ["条目", "建设内容", "资金类别", "省级配套资金（万元）", "县级配套资金（万元）"];
        for (var i = 0; i < heads.Length; i++) Cell(h, grid, i, 1, heads[i], bold: true);
        t.Append(h);
        foreach (var l in b.Lines)
        {
            var r = Row(400);
            Cell(r, grid, 0, 1, l.ItemNo.ToString(Inv));
            Cell(r, grid, 1, 1, l.Content, JustificationValues.Left);
            Cell(r, grid, 2, 1, BudgetCheck.CategoryLabel(l.Category));
            Cell(r, grid, 3, 1, BudgetCheck.Wan(l.ProvincialYuan));
            Cell(r, grid, 4, 1, BudgetCheck.Wan(l.CountyYuan));
            t.Append(r);
        }
        var total = Row(400);
        Cell(total, grid, 0, 3, "合计", bold: true);
        Cell(total, grid, 3, 1, BudgetCheck.Wan(b.Check.ProvincialTotalYuan), bold: true);
        Cell(total, grid, 4, 1, BudgetCheck.Wan(b.Check.CountyTotalYuan), bold: true);
        t.Append(total);
        var alloc = Row(400);
        Cell(alloc, grid, 0, 3, "省级专项资金下达额度");
        Cell(alloc, grid, 3, 2, BudgetCheck.Wan(b.AllocationYuan) + " 万元");
        t.Append(alloc);
        return t;
    }

    static Table CheckTable(BudgetCheckResult check)
    {
        int[] grid = [2638, 1900, 1700, 1700, 1700];
        var t = Table(grid);
        var h = Row(400, header: true);
        string[] heads = ["资金类别", "省级资金（万元）", "占比", "规定区间", "结论"];
        for (var i = 0; i < heads.Length; i++) Cell(h, grid, i, 1, heads[i], bold: true);
        t.Append(h);
        foreach (var c in check.Categories)
        {
            var r = Row(400);
            Cell(r, grid, 0, 1, c.Label, JustificationValues.Left);
            Cell(r, grid, 1, 1, BudgetCheck.Wan(c.ProvincialYuan));
            Cell(r, grid, 2, 1, c.SharePercent is { } s ? BudgetCheck.Pct(s) : "—");
            Cell(r, grid, 3, 1, $"{c.MinPercent:0}%–{c.MaxPercent:0}%");
            Cell(r, grid, 4, 1, c.WithinBand ? "符合" : "不符合");
            t.Append(r);
        }
        return t;
    }

    static string ChineseNumber(int n)
    {
        string[] d = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
        return n <= 10 ? d[n] : n < 20 ? "十" + d[n - 10] : d[n / 10] + "十" + (n % 10 == 0 ? "" : d[n % 10]);
    }
}
