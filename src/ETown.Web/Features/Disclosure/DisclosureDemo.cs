using ETown.Web.Platform.Time;
using ETown.Web.Features.Organisations;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Disclosure;

/// <summary>
/// Demo: opinions (one approved with a reply, one waiting for 潞城's moderation), survey answers, and a whistle-blowing
/// report on 潞城 handled to the end by 长治市纪委监委 (account "discipline"); after seeding, the counties' published items
/// (every candidate of the published demo e-towns — what a county that publishes everything would show).
/// </summary>
public static class DisclosureDemo
{
    public const string PendingOpinion = "建议在公开专栏增加直播基地的开放时间，方便群众参观学习。";
    /// <summary>The tracking code of the demo report (demo only; real codes are random, 128 bits).</summary>
    public const string DemoTrackingCode = "DE30-CA5E-0000-0000-0000-0000-0000-0001";
    public const string DemoReportSubject = "反映潞城e镇仓储物流项目验收前材料不全";

    public static void Seed(DemoSeed demo)
    {
        var lucheng = demo.Etowns[0];
        var now = demo.Clock.GetUtcNow();
        demo.Db.PublicOpinions.AddRange(
            new PublicOpinion
            {
                EtownId = lucheng.Id, CountyCode = lucheng.CountyCode, Nickname = "店上镇村民", Text = "希望e镇培训多开几期短视频直播课，农闲时间参加的人多。",
                Status = OpinionStatus.Approved, Reply = "已纳入下季度培训计划，届时在公开专栏公布时间。", ModeratedBy = "潞城区e镇办（演示）", ModeratedAt = now.AddDays(-3), CreatedAt = now.AddDays(-5),
            },
            new PublicOpinion { EtownId = lucheng.Id, CountyCode = lucheng.CountyCode, Text = PendingOpinion, Status = OpinionStatus.Pending, CreatedAt = now.AddDays(-1) });
        var year = demo.Clock.ChinaToday().Year;
        var answers = new[] { Satisfaction.Satisfied, Satisfaction.Satisfied, Satisfaction.Basic, Satisfaction.Satisfied, Satisfaction.Dissatisfied };
        for (var i = 0; i < answers.Length; i++)
            demo.Db.SurveyAnswers.Add(new SurveyAnswer
            {
                EtownId = lucheng.Id, CountyCode = lucheng.CountyCode, Year = year, RespondentHash = DisclosureService.RespondentHash(lucheng.Id, year, $"1380000000{i}"),
                Kind = i % 2 == 0 ? RespondentKind.Resident : RespondentKind.MarketEntity, Answer = answers[i],
            });
    }

    public static async Task PublishAsync(EtownDbContext db, IServiceProvider services, CancellationToken ct)
    {
        // Only a demo database has the pending demo opinion; publish once.
        if (!await db.PublicOpinions.AnyAsync(o => o.Text == PendingOpinion, ct) || await db.PublishedItems.AnyAsync(ct)) return;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var towns = await db.Etowns.AsNoTracking().Where(e => e.IsPublished).ToListAsync(ct);
        foreach (var t in towns)
        {
            void Add(PublishedKind kind, Guid id, string title) => db.PublishedItems.Add(new PublishedItem
            {
                EtownId = t.Id, CountyCode = t.CountyCode, Kind = kind, SourceId = id, Title = title, PublishedBy = "县e镇办（演示）", PublishedAt = now,
            });
            foreach (var p in sp.GetServices<IPublicPlanFacts>()) foreach (var x in await p.ForEtownAsync(db, t.Id, ct)) Add(PublishedKind.Plan, x.Id, x.Title);
            foreach (var p in sp.GetServices<IPublicFundFacts>())
            {
                var f = await p.ForEtownAsync(db, t.Id, ct);
                foreach (var x in f.Allocations) Add(PublishedKind.Allocation, x.Id, $"{x.Year} 年省级专项资金");
                foreach (var x in f.Contracts) Add(PublishedKind.Contract, x.Id, x.Number);
                foreach (var x in f.Payments) Add(PublishedKind.Payment, x.Id, $"{x.ContractNumber} {x.KindLabel}");
            }
            foreach (var p in sp.GetServices<IPublicProgressFacts>()) foreach (var x in (await p.ForEtownAsync(db, t.Id, ct)).Take(3)) Add(PublishedKind.Progress, x.Id, x.Period);
            foreach (var p in sp.GetServices<IPublicAcceptanceFacts>()) foreach (var x in await p.ForEtownAsync(db, t.Id, ct)) Add(PublishedKind.Acceptance, x.Id, x.Title);
            foreach (var p in sp.GetServices<IPublicSupervisionFacts>())
            {
                var s = await p.ForEtownAsync(db, t.Id, ct);
                foreach (var x in s.Inspections) Add(PublishedKind.Inspection, x.Id, x.KindLabel);
                foreach (var x in s.Rectifications) Add(PublishedKind.Rectification, x.Id, x.Description);
            }
        }

        // A report on 潞城, handled by 长治市纪委监委 to the end; the reporter reads the answer with the demo code.
        var lucheng = towns.FirstOrDefault(t => t.CountyCode == "140406");
        var handler = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.DisciplineAudit && o.RegionCode == "140400").Select(o => o.Id).FirstOrDefaultAsync(ct);
        if (lucheng is not null && handler != Guid.Empty)
        {
            var c = new ReportCase
            {
                EtownId = lucheng.Id, CountyCode = lucheng.CountyCode, HandlerOrganisationId = handler, CodeHash = WhistleService.HashCode(DemoTrackingCode),
                Subject = DemoReportSubject, Text = "仓储物流项目申请验收时，部分入库台账为事后补录，建议核查。（演示数据）", Anonymous = true,
                Status = ReportStatus.Closed, Answer = "经核查，台账补录情况属实，已责成运营企业规范台账管理，并在验收中作为整改事项跟踪。感谢您的监督。",
                AnsweredAt = now.AddDays(-2), CreatedAt = now.AddDays(-20),
            };
            db.ReportCases.Add(c);
            db.ReportSteps.AddRange(
                new ReportStep { CaseId = c.Id, HandlerOrganisationId = handler, Action = "收到举报", To = ReportStatus.Received, ByName = "举报人", CreatedAt = now.AddDays(-20) },
                new ReportStep { CaseId = c.Id, HandlerOrganisationId = handler, Action = "已受理", To = ReportStatus.Accepted, ByName = "长治市纪委监委 冯干部", CreatedAt = now.AddDays(-18) },
                new ReportStep { CaseId = c.Id, HandlerOrganisationId = handler, Action = "调查中", To = ReportStatus.Investigating, Note = "调阅入库台账与验收材料", ByName = "长治市纪委监委 冯干部", CreatedAt = now.AddDays(-15) },
                new ReportStep { CaseId = c.Id, HandlerOrganisationId = handler, Action = "已办结", To = ReportStatus.Closed, ByName = "长治市纪委监委 冯干部", CreatedAt = now.AddDays(-2) });
        }
        await db.SaveChangesAsync(ct);
    }
}
