using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.WorkDesk;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Acceptance;

/// <summary>
/// The acceptance to-dos: the county pre-checks and accepts within 15 working days of the application (ACC-02, ACC-03),
/// re-reviews an answered rectification and publishes a passed result (ACC-06, ACC-07); the operator answers the
/// rectification opinions by their deadline; the city and the province acknowledge a filed result (ACC-07, ACC-09).
/// </summary>
public sealed class AcceptanceWorkItems(EtownDb db, Authorizer auth) : IWorkItemSource
{
    public string Module => "验收评价";

    public async Task<IReadOnlyList<WorkItem>> OpenItemsAsync(CancellationToken ct)
    {
        await using var ctx = db.Create(auth.Caller);
        var rows = await ctx.AcceptanceApplications.AsNoTracking()
            .Where(a => a.Status != AcceptanceStatus.PreCheckRefused
                        && (a.Status != AcceptanceStatus.Passed || a.NoticeStartsOn == null
                            || (a.CityFiledAt != null && a.CityAcknowledgedAt == null)
                            || (a.ProvinceFiledAt != null && a.ProvinceAcknowledgedAt == null)
                            || (a.Scope == AcceptanceScope.Whole && a.ProvinceAcknowledgedAt != null && !ctx.ProvincialAcceptances.Any(p => p.ApplicationId == a.Id))))
            .ToListAsync(ct);
        var ids = rows.Select(a => a.Id).ToList();
        var provincialDone = (await ctx.ProvincialAcceptances.AsNoTracking().Where(p => ids.Contains(p.ApplicationId)).Select(p => p.ApplicationId).ToListAsync(ct)).ToHashSet();
        var names = await ctx.Etowns.AsNoTracking().Select(e => new { e.Id, e.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var items = new List<WorkItem>();
        foreach (var a in rows)
        {
            var r = new AcceptanceResource(a.EtownId, a.CountyCode);
            var town = names.GetValueOrDefault(a.EtownId);
            var link = $"/acceptance/applications/{a.Id}";
            void Add(string what, DateOnly? due) => items.Add(new WorkItem(Module, $"{what}：{a.Title}", a.EtownId, town, due, link));
            switch (a.Status)
            {
                case AcceptanceStatus.Submitted when auth.Can(AcceptanceOperations.Review, r):
                    Add("预审验收申请", a.ReviewDeadline); break;
                case AcceptanceStatus.UnderReview when auth.Can(AcceptanceOperations.Review, r):
                    Add("组织验收并作出结论", a.ReviewDeadline); break;
                case AcceptanceStatus.Failed when a.RectificationAnsweredOn is null && auth.Can(AcceptanceOperations.Apply, r):
                    Add("按验收整改意见整改并答复", a.RectificationDeadline); break;
                case AcceptanceStatus.Failed when a.RectificationAnsweredOn is not null && auth.Can(AcceptanceOperations.Review, r):
                    Add("复核整改情况", null); break;
                case AcceptanceStatus.Passed:
                    if (a.NoticeStartsOn is null && auth.Can(AcceptanceOperations.Review, r)) Add("发布验收结果公示", null);
                    if (a.CityFiledAt is not null && a.CityAcknowledgedAt is null && auth.Can(AcceptanceOperations.AcknowledgeCity, r)) Add("确认验收结果备案", null);
                    if (a.ProvinceFiledAt is not null && a.ProvinceAcknowledgedAt is null && auth.Can(AcceptanceOperations.AcknowledgeProvince, r)) Add("确认验收结果备案", null);
                    // ACC-09: the province owes its provincial acceptance once it acknowledged the county's whole-project filing.
                    if (AcceptanceService.ProvincialDue(a) && !provincialDone.Contains(a.Id) && auth.Can(AcceptanceOperations.ProvincialAccept, r)) Add("省级验收", null);
                    break;
            }
        }
        await EvaluationItemsAsync(ctx, names, items, ct);
        return items;
    }

    /// <summary>EVAL-01: an assigned expert owes scores; EVAL-02/ACC-08: the county owes answers to rectification items by their deadline.</summary>
    async Task EvaluationItemsAsync(EtownDbContext ctx, Dictionary<Guid, string> names, List<WorkItem> items, CancellationToken ct)
    {
        if (auth.Caller.Has(Permissions.Acceptance.Score) && auth.Caller.UserId is { } me)
        {
            var owed = await ctx.EvaluationExpertScores.AsNoTracking().Where(s => s.ExpertUserId == me && s.Total == null).Select(s => s.EvaluationId).ToListAsync(ct);
            foreach (var ev in await ctx.EtownEvaluations.AsNoTracking().Where(e => owed.Contains(e.Id) && e.FinalisedAt == null).ToListAsync(ct))
                items.Add(new WorkItem(Module, $"绩效评价评分：{ev.Year} 年{Evaluation.EtownEvaluation.StageLabel(ev.Stage)}", ev.EtownId, ev.EtownName, null,
                    $"/acceptance/evaluations/score/{ev.Id}"));
        }
        if (auth.Caller.Scope.IsCounty && auth.Caller.Has(Permissions.Acceptance.Review))
            foreach (var f in await ctx.EvaluationFindings.AsNoTracking().Where(f => f.ClosedOn == null && f.AnsweredOn == null).ToListAsync(ct))
                items.Add(new WorkItem(Module, $"整改并答复：{(f.Text.Length > 30 ? f.Text[..30] + "…" : f.Text)}", f.EtownId, names.GetValueOrDefault(f.EtownId), f.Deadline,
                    "/acceptance/evaluation-findings"));
    }
}
