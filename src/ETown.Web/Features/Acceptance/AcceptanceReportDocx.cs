using DocumentFormat.OpenXml.Wordprocessing;
using static ETown.Web.Platform.Documents.WordKit;

namespace ETown.Web.Features.Acceptance;

/// <summary>
/// ACC-07: the acceptance report (.docx) with a clear conclusion — basis and scope, team, methods (ACC-04), the checklist of
/// the latest round with each finding, the conclusion (合格 with the accepted cumulative progress, or 不合格 with the
/// rectification opinions and deadline), the notice and a signatures block.
/// </summary>
public static class AcceptanceReportDocx
{
    public const string ContentType = Platform.Documents.WordKit.ContentType;

    public static string FileName(AcceptanceDetail d) => $"{d.Row.EtownName}{d.Row.Title}验收报告.docx";

    public static string ConclusionText(AcceptanceDetail d) => d.Row.Status switch
    {
        AcceptanceStatus.Passed => $"验收结论：合格。确认累计完成合同进度 {d.Row.AcceptedProgressPercent:0.##}%。",
        AcceptanceStatus.Failed => $"验收结论：不合格。整改期限至 {d.RectificationDeadline:yyyy-MM-dd}，整改后申请复验。",
        _ => $"验收结论：尚未作出（{d.Row.StatusLabel}）。",
    };

    public static byte[] Render(AcceptanceDetail d)
    {
        var r = d.Row;
        var title = $"{r.EtownName}{r.Title}验收报告";
        return Create(title, body =>
        {
            body.Append(Para(title, JustificationValues.Center, bold: true, halfPoints: 36, before: 240, after: 240));
            body.Append(Para("一、基本情况", bold: true, halfPoints: 28, before: 240, after: 120));
            body.Append(Para($"验收范围：{r.ScopeLabel}；申请日期：{r.SubmittedOn:yyyy-MM-dd}；申请单位：{d.ApplicantOrganisation ?? "—"}；" +
                $"合同：{(r.ContractNumber is null ? "—" : r.ContractNumber + " " + d.ContractTitle)}；申请累计进度：{r.ClaimedProgressPercent:0.##}%。",
                JustificationValues.Both, halfPoints: 24));
            body.Append(Para($"验收组：{(d.TeamKind == AcceptanceTeamKind.ThirdParty ? "委托第三方" : "部门联合")}　{d.TeamMembers ?? "—"}；地点：{d.ReviewPlace ?? "—"}；" +
                $"验收日期：{d.ReviewedOn:yyyy-MM-dd}（应于 {r.ReviewDeadline:yyyy-MM-dd} 前完成{(d.ConcludedLate ? "，已超期" : "")}）；验收方式：{string.Join("、", d.Methods)}。",
                JustificationValues.Both, halfPoints: 24));
            body.Append(Para("二、验收清单", bold: true, halfPoints: 28, before: 240, after: 120));
            int[] grid = [700, 4938, 1200, 2800];
            var t = Table(grid);
            var h = Row(400, header: true);
            Cell(h, grid, 0, 1, "序号", bold: true);
            Cell(h, grid, 1, 1, "验收内容（依据）", bold: true);
            Cell(h, grid, 2, 1, "结果", bold: true);
            Cell(h, grid, 3, 1, "说明", bold: true);
            t.Append(h);
            var n = 0;
            foreach (var l in d.Lines.Where(l => l.Round == d.Round))
            {
                var row = Row(400);
                Cell(row, grid, 0, 1, (++n).ToString(System.Globalization.CultureInfo.InvariantCulture));
                Cell(row, grid, 1, 1, l.Description, JustificationValues.Left);
                Cell(row, grid, 2, 1, l.ResultLabel);
                Cell(row, grid, 3, 1, l.Note ?? "", JustificationValues.Left);
                t.Append(row);
            }
            body.Append(t);
            body.Append(Para("三、验收结论", bold: true, halfPoints: 28, before: 240, after: 120));
            body.Append(Para(ConclusionText(d), bold: true, halfPoints: 24));
            if (!string.IsNullOrWhiteSpace(d.Opinion)) body.Append(Para("验收意见：" + d.Opinion, JustificationValues.Both, halfPoints: 24));
            if (r.Status == AcceptanceStatus.Failed) body.Append(Para("整改意见：" + d.RectificationOpinions, JustificationValues.Both, halfPoints: 24));
            if (r.NoticeStartsOn is { } s)
                body.Append(Para($"公示：{s:yyyy-MM-dd} 至 {r.NoticeEndsOn:yyyy-MM-dd}（{d.NoticeWorkingDays} 个工作日）。", halfPoints: 24));
            body.Append(Para("四、签字", bold: true, halfPoints: 28, before: 240, after: 120));
            body.Append(Para("验收组组长（签字）：　　　　　　　　成员（签字）：", halfPoints: 24, before: 240));
            body.Append(Para("县（市、区）e镇办（盖章）：　　　　　　年　　月　　日", halfPoints: 24, before: 480));
        });
    }
}
