using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.WorkDesk;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Funds;

/// <summary>
/// The funds to-dos along the payment procedure (FUND-07, 潞城 第六条: request → review with 拨付意见 → finance approval →
/// payment) and contract changes waiting for the level above (FUND-09). The finance approver is never the reviewer.
/// </summary>
public sealed class FundsWorkItems(EtownDb db, Authorizer auth) : IWorkItemSource
{
    public string Module => "资金管理";

    public async Task<IReadOnlyList<WorkItem>> OpenItemsAsync(CancellationToken ct)
    {
        var caller = auth.Caller;
        await using var ctx = db.Create(caller);
        var names = await ctx.Etowns.AsNoTracking().Select(e => new { e.Id, e.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var contracts = await ctx.FundContracts.AsNoTracking().Select(c => new { c.Id, c.Number, c.OperatorOrganisationId })
            .ToDictionaryAsync(c => c.Id, ct);
        var items = new List<WorkItem>();

        var open = new[] { PaymentStatus.Submitted, PaymentStatus.Reviewed, PaymentStatus.Approved };
        foreach (var p in await ctx.PaymentRequests.AsNoTracking().Where(p => open.Contains(p.Status)).ToListAsync(ct))
        {
            var c = contracts.GetValueOrDefault(p.ContractId);
            var r = new FundResource(p.CountyCode, p.EtownId, c?.OperatorOrganisationId);
            var (op, what) = p.Status switch
            {
                PaymentStatus.Submitted => (FundOperations.ReviewPayment, "审核拨付申请并出具拨付意见"),
                PaymentStatus.Reviewed => (FundOperations.ApprovePayment, "财政审批拨付申请"),
                _ => (FundOperations.RecordPayment, "登记拨付凭证"),
            };
            if (!auth.Can(op, r)) continue;
            if (p.Status == PaymentStatus.Reviewed && p.ReviewerId == caller.UserId) continue; // separation of duties
            items.Add(new WorkItem(Module, $"{what}：合同 {c?.Number} 第 {p.Sequence} 笔 {p.Amount:0.00} 万元", p.EtownId,
                names.GetValueOrDefault(p.EtownId), null, $"/funds/etowns/{p.EtownId}"));
        }

        foreach (var ch in await ctx.ContractChangeRequests.AsNoTracking().Where(x => x.Status == ChangeStatus.Pending).ToListAsync(ct))
        {
            var c = contracts.GetValueOrDefault(ch.ContractId);
            if (!auth.Can(FundOperations.ApproveChange, new FundResource(ch.CountyCode, ch.EtownId, c?.OperatorOrganisationId))) continue;
            items.Add(new WorkItem(Module, $"审批合同变更申请：合同 {c?.Number}", ch.EtownId, names.GetValueOrDefault(ch.EtownId), null,
                $"/funds/etowns/{ch.EtownId}/changes"));
        }
        // FUND-14: a contract whose latest performance assessment is 不合格 — the county follows up (re-assesses after
        // rectification), the operator rectifies; the item goes when a later assessment is 合格 or 基本合格.
        var latest = (await ctx.PerformanceAssessments.AsNoTracking().ToListAsync(ct))
            .GroupBy(a => a.ContractId).Select(g => g.OrderBy(a => a.PeriodTo).ThenBy(a => a.CreatedAt).Last())
            .Where(a => a.Conclusion == PerformanceConclusion.Unqualified);
        foreach (var a in latest)
        {
            var c = contracts.GetValueOrDefault(a.ContractId);
            var r = new FundResource(a.CountyCode, a.EtownId, c?.OperatorOrganisationId);
            var what = auth.Can(FundOperations.AssessContract, r) ? "跟进履约能力考核不合格的合同并复核"
                : c is not null && caller.OrganisationId == c.OperatorOrganisationId ? "整改履约能力考核不合格问题" : null;
            if (what is null) continue;
            items.Add(new WorkItem(Module, $"{what}：合同 {c?.Number}（{a.PeriodFrom:yyyy-MM-dd}—{a.PeriodTo:yyyy-MM-dd}：{a.Reason}）", a.EtownId,
                names.GetValueOrDefault(a.EtownId), null, $"/funds/etowns/{a.EtownId}"));
        }
        return items;
    }
}
