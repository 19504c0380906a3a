using ETown.Web.Features.Acceptance.Evaluation;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Acceptance.Demo;

/// <summary>
/// Issue #12 item 9: the 2024 province evaluation ranking of the seven demo e-towns (EVAL-01) under the default sheet, scored by
/// expert1 and expert2 and finalised. The computed indicator values are demo figures (marked 演示数据); 山阴 and 右玉 tie on the
/// total so the ranking shows its tie-break.
/// </summary>
public static class DemoEvaluation
{
    public const int Year = 2024;

    // name, standard (0–25), supervision (0–10), satisfaction %, self report, expert1 (target, funds, operation), expert2 (…)
    static readonly (string Name, decimal Standard, decimal Supervision, decimal Satisfaction, bool Self, decimal[] E1, decimal[] E2)[] Rows =
    [
        ("长治市潞城区乡村e镇", 23.5m, 10m, 97.2m, true, [18m, 14m, 13m], [17m, 13.5m, 14m]),
        ("岢岚县乡村e镇", 21m, 10m, 95.6m, true, [16m, 13m, 12m], [17m, 12m, 12.5m]),
        ("临猗新城涑水e镇", 19.5m, 5m, 94.1m, true, [15m, 12m, 11m], [14m, 12.5m, 11m]),
        ("山阴县古城乡村e镇", 15m, 10m, 96.0m, false, [12m, 11m, 9m], [13m, 10m, 10m]),
        ("应县木塔鲜生乡村e镇", 16m, 5m, 93.0m, true, [13m, 11m, 10m], [12m, 11m, 9m]),
        ("怀仁市陶瓷e镇", 18m, 10m, 95.0m, true, [14m, 12m, 11m], [15m, 12m, 11m]),
        ("右玉县西口e镇", 15m, 10m, 95.5m, false, [12m, 11m, 10m], [12m, 10m, 10m]),
    ];

    public static async Task SeedAsync(EtownDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.EtownEvaluations.AnyAsync(e => e.Year == Year, ct)) return;
        var experts = await db.Users.Where(u => u.UserName == "expert1" || u.UserName == "expert2").OrderBy(u => u.UserName).ToListAsync(ct);
        var sheet = await db.EvaluationSheets.FirstOrDefaultAsync(s => s.Code == EvaluationSheet.DefaultCode, ct);
        var names = Rows.Select(r => r.Name).ToList();
        var towns = await db.Etowns.Where(e => names.Contains(e.Name)).ToListAsync(ct);
        if (experts.Count != 2 || sheet is null || towns.Count != Rows.Length) return; // not the demo data set
        var now = clock.GetUtcNow();
        var evaluations = new List<EtownEvaluation>();
        foreach (var r in Rows)
        {
            var town = towns.Single(t => t.Name == r.Name);
            var sat = sheet.Indicators.Single(i => i.Source == IndicatorSource.Satisfaction);
            var ev = new EtownEvaluation
            {
                EtownId = town.Id, CountyCode = town.CountyCode, EtownName = town.Name, Year = Year, Stage = EvaluationStage.Yearly, SheetCode = sheet.Code,
                Indicators = [.. sheet.Indicators], SatisfactionPercent = r.Satisfaction, FinalisedAt = now, FinalisedByName = "省商务厅（演示）", CreatedAt = now,
                Values = [.. sheet.Indicators.Select(i => i.Source switch
                {
                    IndicatorSource.StandardItems => new IndicatorValue(i.Code, r.Standard, "演示数据：约束性指标达标情况"),
                    IndicatorSource.Supervision => new IndicatorValue(i.Code, r.Supervision, "演示数据：整改情况"),
                    IndicatorSource.Satisfaction => new IndicatorValue(i.Code, SatisfactionCheck.Meets(r.Satisfaction) ? sat.Weight : 0m, $"演示数据：满意率 {r.Satisfaction:0.0}%"),
                    IndicatorSource.SelfEvaluation => new IndicatorValue(i.Code, r.Self ? i.Weight : 0m, r.Self ? "演示数据：自评报告已提交" : "演示数据：自评报告未提交"),
                    _ => new IndicatorValue(i.Code, null, "由专家评分"),
                })],
            };
            var expertCodes = ev.ExpertIndicators.Select(i => i.Code).ToList(); // target, funds, operation
            var totals = new List<decimal>();
            foreach (var (user, marks) in new[] { (experts[0], r.E1), (experts[1], r.E2) })
            {
                var scores = expertCodes.Zip(marks).ToDictionary(x => x.First, x => x.Second);
                totals.Add(scores.Values.Sum());
                db.EvaluationExpertScores.Add(new EvaluationExpertScore
                {
                    EvaluationId = ev.Id, CountyCode = ev.CountyCode, ExpertUserId = user.Id, ExpertName = user.DisplayName, Scores = scores,
                    Total = scores.Values.Sum(), AssignedAt = now, ScoredAt = now,
                });
            }
            ev.Total = Math.Round(ev.ComputedPart + totals.Average(), 2);
            evaluations.Add(ev);
        }
        foreach (var (e, rank, note) in EvaluationService.Rank(evaluations)) { e.Rank = rank; e.TieNote = note; }
        db.EtownEvaluations.AddRange(evaluations);
        await db.SaveChangesAsync(ct);
    }
}
