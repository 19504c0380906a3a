using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.WorkDesk;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Supervision;

/// <summary>
/// The supervision to-dos: inspections due by the county's frequency rules (SUP-02), problems to notify (SUP-04),
/// rectification notices the operator has to answer by their working-day deadline and answers the county has to
/// verify (SUP-05).
/// </summary>
public sealed class SupervisionWorkItems(EtownDb db, Authorizer auth, OperatorReportService operators, TimeProvider clock) : IWorkItemSource
{
    public string Module => "监督检查";

    static string KindLabel(InspectionKind k) => k switch
    {
        InspectionKind.Construction => "建设进度",
        InspectionKind.FundUse => "资金使用",
        InspectionKind.Operation => "运营情况",
        _ => "专项",
    };

    public async Task<IReadOnlyList<WorkItem>> OpenItemsAsync(CancellationToken ct)
    {
        await using var ctx = db.Create(auth.Caller);
        var names = await ctx.Etowns.AsNoTracking().Select(e => new { e.Id, e.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var items = new List<WorkItem>();

        var dues = await ctx.InspectionDues.AsNoTracking().Where(d => d.DoneOn == null && d.MissedAt == null).ToListAsync(ct);
        foreach (var d in dues.Where(d => auth.Can(SupervisionOperations.Record, new SupervisionResource(d.EtownId, d.CountyCode))))
            items.Add(new WorkItem(Module, $"开展{KindLabel(d.Kind)}检查（{d.PeriodKey}）", d.EtownId, names.GetValueOrDefault(d.EtownId), d.DueOn,
                $"/supervision/etowns/{d.EtownId}"));

        var problems = await ctx.Problems.AsNoTracking()
            .Where(p => p.Status != ProblemStatus.Closed && p.Status != ProblemStatus.Escalated).ToListAsync(ct);
        foreach (var p in problems)
        {
            var r = new SupervisionResource(p.EtownId, p.CountyCode);
            var (op, what, due) = p.Status switch
            {
                ProblemStatus.Open => (SupervisionOperations.Rectify, "下发整改通知", (DateOnly?)null),
                ProblemStatus.Noticed or ProblemStatus.SecondNotice => (SupervisionOperations.Respond,
                    p.Status == ProblemStatus.SecondNotice ? "按再次整改通知整改并答复" : "按整改通知整改并答复", p.Deadline),
                _ => (SupervisionOperations.Rectify, "核查整改答复", null),
            };
            if (!auth.Can(op, r)) continue;
            var text = p.Description.Length > 30 ? p.Description[..30] + "…" : p.Description;
            items.Add(new WorkItem(Module, $"{what}：{text}", p.EtownId, names.GetValueOrDefault(p.EtownId), due, $"/supervision/etowns/{p.EtownId}"));
        }
        // SUP-06: the operator owes the oldest unreported month; the county acknowledges what came in. SUP-08: the county follows up.
        foreach (var o in await operators.SummariesAsync(ctx, Platform.Time.ChinaTime.ChinaToday(clock).AddMonths(-12), ct))
        {
            var r = new SupervisionResource(o.EtownId, o.CountyCode);
            var link = $"/supervision/etowns/{o.EtownId}/operator";
            if (o.Owed is { } owed && auth.Can(SupervisionOperations.Report, r))
                items.Add(new WorkItem(Module, $"报送 {owed.Month} 月度进展报告", o.EtownId, names.GetValueOrDefault(o.EtownId), owed.DueOn, link));
            if (!auth.Can(SupervisionOperations.Acknowledge, r)) continue;
            if (o.Unacknowledged.Count > 0)
                items.Add(new WorkItem(Module, $"查阅确认承办企业月报（{o.Unacknowledged.Count} 份）", o.EtownId, names.GetValueOrDefault(o.EtownId), null, link));
            foreach (var c in o.FailedChecks)
                items.Add(new WorkItem(Module, $"督促承办企业：{c.Label}（{c.Detail}）", o.EtownId, names.GetValueOrDefault(o.EtownId), null, link));
        }
        // 督导决定事项: the owner county (and the city) closes it by its working-day deadline.
        var decisions = await ctx.VisitDecisions.AsNoTracking().Where(d => d.ClosedAt == null).ToListAsync(ct);
        foreach (var d in decisions.Where(d => auth.Can(VisitOperations.Close, new VisitResource(d.CountyCode))))
        {
            var text = d.Text.Length > 30 ? d.Text[..30] + "…" : d.Text;
            items.Add(new WorkItem(Module, $"办理督导决定事项：{text}", d.EtownId, d.EtownId is { } e ? names.GetValueOrDefault(e) : null, d.DueOn, "/supervision/visits"));
        }
        return items;
    }
}
