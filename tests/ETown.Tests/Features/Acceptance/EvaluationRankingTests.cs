using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Acceptance;
using ETown.Web.Features.Acceptance.Evaluation;
using ETown.Web.Features.Funds;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.Acceptance;

/// <summary>
/// EVAL-01 (000 line 168 "根据绩效考核情况，统筹…资金"; 001 line 177 满意率 ≥ 95 %): versioned indicator sheet, expert scoring with
/// weights, ranking with an explained tie-break, the result funds read. EVAL-02 (001 line 71 中期评估 → 整改). ACC-08 (002 line 125
/// 第三方专业机构; 004 line 79 专家组绩效评价 → 整改): the third party's inspection after the final acceptance.
/// </summary>
public class EvaluationRankingTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    static async Task<Guid> TownAsync(EtownAppFactory app, string nameContains)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.Where(e => e.Name.Contains(nameContains)).Select(e => e.Id).SingleAsync();
    }

    static async Task<List<Guid>> ExpertIdsAsync(EtownAppFactory app, params string[] userNames)
    {
        await using var ctx = app.SystemContext();
        var users = await ctx.Users.Where(u => userNames.Contains(u.UserName!)).ToListAsync();
        return [.. userNames.Select(n => users.Single(u => u.UserName == n).Id)];
    }

    static Dictionary<string, decimal> Full(JsonElement view, decimal factor = 1m)
    {
        var codes = view.GetProperty("expertIndicatorCodes").EnumerateArray().Select(c => c.GetString()!).ToHashSet();
        return view.GetProperty("indicators").EnumerateArray().Where(i => codes.Contains(i.GetProperty("code").GetString()!))
            .ToDictionary(i => i.GetProperty("code").GetString()!, i => Math.Round(i.GetProperty("weight").GetDecimal() * factor, 1));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "EVAL-01")]
    public async Task Sheet_WeightsMustSumTo100_InUseIsImmutable_ADraftIsEditedThenPublished(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var sheets = await (await province.GetAsync("/api/v1/acceptance/evaluation-sheets")).JsonAsync();
        var def = sheets.EnumerateArray().Single(s => s.GetProperty("code").GetString() == EvaluationSheet.DefaultCode);
        Assert.True(def.GetProperty("isInUse").GetBoolean());
        Assert.Equal(100m, def.GetProperty("indicators").EnumerateArray().Sum(i => i.GetProperty("weight").GetDecimal()));
        var indicators = JsonSerializer.Deserialize<List<EvaluationIndicator>>(def.GetProperty("indicators").GetRawText(), Http.Json)!;

        // In use: immutable.
        Assert.Equal(AcceptanceErrors.SheetInUse, await (await province.SendJsonAsync(HttpMethod.Put,
            $"/api/v1/acceptance/evaluation-sheets/{EvaluationSheet.DefaultCode}", new { indicators })).ProblemCodeAsync());
        var code = "T-" + provider + "-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.OK, (await province.SendJsonAsync(HttpMethod.Post, $"/api/v1/acceptance/evaluation-sheets/{EvaluationSheet.DefaultCode}/derive",
            new { code, name = "测试指标表" })).StatusCode);
        // 99.5 and 100.5 are refused, nothing written.
        foreach (var delta in new[] { -0.5m, 0.5m })
        {
            var bad = indicators.Select((i, n) => n == 0 ? i with { Weight = i.Weight + delta } : i).ToList();
            var r = await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/acceptance/evaluation-sheets/{code}", new { indicators = bad });
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal(AcceptanceErrors.SheetWeights, await r.ProblemCodeAsync());
        }
        await using (var ctx = app.SystemContext())
            Assert.Equal(indicators, (await ctx.EvaluationSheets.AsNoTracking().SingleAsync(s => s.Code == code)).Indicators);
        // 100 exactly, with a relabelled indicator: accepted; a county may not edit.
        var good = indicators.Select((i, n) => n == 0 ? i with { Label = i.Label + "（修订）" } : i).ToList();
        Assert.Equal(HttpStatusCode.OK, (await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/acceptance/evaluation-sheets/{code}", new { indicators = good })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("lucheng")).SendJsonAsync(HttpMethod.Put,
            $"/api/v1/acceptance/evaluation-sheets/{code}", new { indicators = good })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsync($"/api/v1/acceptance/evaluation-sheets/{code}/publication", null)).StatusCode);
        Assert.Equal(AcceptanceErrors.SheetInUse, await (await province.SendJsonAsync(HttpMethod.Put,
            $"/api/v1/acceptance/evaluation-sheets/{code}", new { indicators })).ProblemCodeAsync());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "EVAL-01")]
    public async Task Experts_ScoreWithWeights_TotalIsComputedPlusTheirAverage_RankedFinalised_FundsReadIt(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var kelan = await TownAsync(app, "岢岚");
        var linyi = await TownAsync(app, "临猗");
        var experts = await ExpertIdsAsync(app, "expert1", "expert2");

        // A year outside the programme, an unknown expert: refused, nothing written.
        foreach (var year in new[] { 2021, DateTime.UtcNow.Year + 1 })
            Assert.Equal(AcceptanceErrors.YearOutsideProgramme, await (await province.SendJsonAsync(HttpMethod.Post, $"/api/v1/acceptance/evaluations/{year}",
                new { etownId = kelan, stage = "Yearly", expertUserIds = experts })).ProblemCodeAsync());
        Assert.Equal(AcceptanceErrors.ExpertInvalid, await (await province.SendJsonAsync(HttpMethod.Post, "/api/v1/acceptance/evaluations/2023",
            new { etownId = kelan, stage = "Yearly", expertUserIds = new[] { Guid.NewGuid() } })).ProblemCodeAsync());
        await using (var ctx = app.SystemContext())
            Assert.False(await ctx.EtownEvaluations.AnyAsync(e => e.Year == 2023 && e.Stage == EvaluationStage.Yearly && e.EtownId == kelan));

        var kv = await (await province.SendJsonAsync(HttpMethod.Post, "/api/v1/acceptance/evaluations/2023",
            new { etownId = kelan, stage = "Yearly", expertUserIds = experts })).JsonAsync();
        var lv = await (await province.SendJsonAsync(HttpMethod.Post, "/api/v1/acceptance/evaluations/2023",
            new { etownId = linyi, stage = "Yearly", expertUserIds = experts.Take(1).ToArray() })).JsonAsync();
        var kId = kv.GetProperty("id").GetGuid();
        var lId = lv.GetProperty("id").GetGuid();
        // The indicators with a source are computed (satisfaction: no survey for 2023 → 0, not met); the rest are the experts'.
        var sat = kv.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("code").GetString() == "satisfaction");
        Assert.Equal(0m, sat.GetProperty("score").GetDecimal());
        Assert.Contains("target", kv.GetProperty("expertIndicatorCodes").EnumerateArray().Select(c => c.GetString()));

        var e1 = await app.SignInAsync("expert1");
        var e2 = await app.SignInAsync("expert2");
        // A score above the indicator's maximum, a negative one, a missing one: 400, nothing written.
        var over = Full(kv); over["target"] += 0.5m;
        var negative = Full(kv); negative["operation"] = -1m;
        var missing = Full(kv); missing.Remove("funds");
        foreach (var bad in new[] { over, negative, missing })
        {
            var r = await e1.SendJsonAsync(HttpMethod.Put, $"/api/v1/acceptance/evaluation-scores/{kId}", new { scores = bad });
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal(AcceptanceErrors.ScoreOutOfRange, await r.ProblemCodeAsync());
        }
        await using (var ctx = app.SystemContext())
            Assert.All(await ctx.EvaluationExpertScores.Where(s => s.EvaluationId == kId).ToListAsync(), s => Assert.Null(s.Total));
        // expert2 is not assigned to 临猗.
        var notMine = await e2.SendJsonAsync(HttpMethod.Put, $"/api/v1/acceptance/evaluation-scores/{lId}", new { scores = Full(lv) });
        Assert.Equal(AcceptanceErrors.NotAssignedExpert, await notMine.ProblemCodeAsync());

        // Scores at the boundary (0 and the maximum) count; the total is the computed part plus the experts' average.
        var k1 = await (await e1.SendJsonAsync(HttpMethod.Put, $"/api/v1/acceptance/evaluation-scores/{kId}", new { scores = Full(kv) })).JsonAsync();
        Assert.Equal(AcceptanceErrors.ScoresMissing, await (await province.PostAsync($"/api/v1/acceptance/etown-evaluations/{kId}/finalisation", null)).ProblemCodeAsync());
        var k2 = await (await e2.SendJsonAsync(HttpMethod.Put, $"/api/v1/acceptance/evaluation-scores/{kId}", new { scores = Full(kv, 0m) })).JsonAsync();
        var computed = k2.GetProperty("computedPart").GetDecimal();
        var expertMax = Full(kv).Values.Sum();
        Assert.Equal(Math.Round(computed + expertMax / 2, 2), k2.GetProperty("total").GetDecimal());
        await e1.SendJsonAsync(HttpMethod.Put, $"/api/v1/acceptance/evaluation-scores/{lId}", new { scores = Full(lv, 0.5m) });

        var ranking = await (await province.GetAsync("/api/v1/acceptance/evaluations/2023/ranking")).JsonAsync();
        var rows = ranking.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains("满意率", ranking.GetProperty("tieRule").GetString());
        var totals = rows.Select(r => r.GetProperty("total").GetDecimal()).ToList();
        Assert.Equal(totals.OrderByDescending(t => t), totals);
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.GetProperty("rank").GetInt32()));
        var xlsx = await province.GetAsync("/api/v1/acceptance/evaluations/2023/ranking.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync())[..2]));

        // Final; then funds read it for the 2024 allocation (and not for 2023's own).
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsync($"/api/v1/acceptance/etown-evaluations/{kId}/finalisation", null)).StatusCode);
        Assert.Equal(AcceptanceErrors.EvaluationFinalised, await (await e1.SendJsonAsync(HttpMethod.Put, $"/api/v1/acceptance/evaluation-scores/{kId}",
            new { scores = Full(kv) })).ProblemCodeAsync());
        using var scope = app.Services.CreateScope();
        var port = scope.ServiceProvider.GetServices<IEvaluationResults>().Single();
        await using var sys = app.SystemContext();
        var outcome = await port.ForNextAllocationAsync(sys, kelan, 2024, default);
        Assert.NotNull(outcome);
        Assert.Equal(2023, outcome.Year);
        Assert.Equal(k2.GetProperty("total").GetDecimal(), outcome.Total);
        Assert.Null(await port.ForNextAllocationAsync(sys, kelan, 2023, default));
        Assert.Null(await port.ForNextAllocationAsync(sys, linyi, 2024, default)); // not final
        _ = k1;
    }

    [Fact]
    [Trait("Rule", "EVAL-01")]
    public void Ranking_TiesAreBrokenBySatisfaction_ThenComputedPart_ThenName_AndExplained()
    {
        EtownEvaluation E(string name, decimal total, decimal? sat, decimal computed) => new()
        {
            CountyCode = "140000", EtownName = name, SheetCode = "x", Total = total, SatisfactionPercent = sat,
            Values = [new IndicatorValue("a", computed, "")],
        };
        var a = E("乙镇", 80m, 95.5m, 30m);
        var b = E("甲镇", 80m, 96.0m, 30m);
        var c = E("丙镇", 90m, null, 10m);
        var d = E("丁镇", 80m, 96.0m, 35m);
        var ranked = EvaluationService.Rank([a, b, c, d]).ToDictionary(x => x.Evaluation, x => (x.Rank, x.TieNote));
        Assert.Equal(1, ranked[c].Rank);
        Assert.Null(ranked[c].TieNote);
        Assert.Equal(2, ranked[d].Rank); // 96.0 %, larger computed part
        Assert.Equal(3, ranked[b].Rank);
        Assert.Equal(4, ranked[a].Rank); // 95.5 %
        Assert.Contains("并列", ranked[a].TieNote);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "EVAL-01")]
    public async Task Demo_2024Ranking_OfTheSevenEtowns_ScoredByTwoExperts_WithItsTieExplained(string provider)
    {
        var province = await apps[provider].SignInAsync("province");
        var ranking = await (await province.GetAsync("/api/v1/acceptance/evaluations/2024/ranking")).JsonAsync();
        var rows = ranking.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(7, rows.Count);
        Assert.All(rows, r => Assert.Equal(2, r.GetProperty("expertsScored").GetInt32()));
        Assert.Equal("长治市潞城区乡村e镇", rows[0].GetProperty("etownName").GetString());
        var shanyin = rows.FindIndex(r => r.GetProperty("etownName").GetString() == "山阴县古城乡村e镇");
        var youyu = rows.FindIndex(r => r.GetProperty("etownName").GetString() == "右玉县西口e镇");
        Assert.Equal(shanyin + 1, youyu); // equal totals; 96.0 % before 95.5 %
        Assert.Contains("并列", rows[youyu].GetProperty("tieNote").GetString());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "EVAL-02")]
    public async Task MidTerm_FindingsBecomeRectifications_WithAWorkingDayDeadline_TrackedToClosure(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var lucheng = await TownAsync(app, "潞城");
        var ev = await (await province.SendJsonAsync(HttpMethod.Post, "/api/v1/acceptance/evaluations/2023",
            new { etownId = lucheng, stage = "MidTerm", expertUserIds = await ExpertIdsAsync(app, "expert1") })).JsonAsync();
        Assert.Equal("中期评估", ev.GetProperty("stageLabel").GetString());
        var id = ev.GetProperty("id").GetGuid();
        foreach (var bad in new object[] { new { text = "", workingDays = 10 }, new { text = "x", workingDays = 0 }, new { text = "x", workingDays = 61 } })
            Assert.Equal(HttpStatusCode.BadRequest, (await province.SendJsonAsync(HttpMethod.Post, $"/api/v1/acceptance/etown-evaluations/{id}/findings", bad)).StatusCode);
        await using (var ctx = app.SystemContext())
            Assert.False(await ctx.EvaluationFindings.AnyAsync(f => f.EvaluationId == id));

        var f = await (await province.SendJsonAsync(HttpMethod.Post, $"/api/v1/acceptance/etown-evaluations/{id}/findings",
            new { text = "电商公共服务中心运营数据未按月报送", workingDays = 10 })).JsonAsync();
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        var today = app.Services.GetRequiredService<TimeProvider>().ChinaToday();
        Assert.Equal(calendar.DeadlineAfter(today, 10), DateOnly.Parse(f.GetProperty("deadline").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var fid = f.GetProperty("id").GetGuid();
        // The county owes it on its work desk; another county does not see it.
        var luchengUser = await app.SignInAsync("lucheng");
        var desk = await (await luchengUser.GetAsync("/api/v1/workdesk")).Content.ReadAsStringAsync();
        Assert.Contains("电商公共服务中心运营数据", desk);
        Assert.DoesNotContain((await (await (await app.SignInAsync("kelan")).GetAsync("/api/v1/acceptance/evaluation-findings")).JsonAsync()).EnumerateArray(),
            x => x.GetProperty("id").GetGuid() == fid);
        // Closed only after the county's answer.
        Assert.Equal(AcceptanceErrors.FindingState, await (await province.PostAsync($"/api/v1/acceptance/evaluation-findings/{fid}/closure", null)).ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.OK, (await luchengUser.SendJsonAsync(HttpMethod.Post, $"/api/v1/acceptance/evaluation-findings/{fid}/answer",
            new { answer = "已建立月报制度并补报" })).StatusCode);
        var closed = await (await province.PostAsync($"/api/v1/acceptance/evaluation-findings/{fid}/closure", null)).JsonAsync();
        Assert.Equal(today, DateOnly.Parse(closed.GetProperty("closedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(AcceptanceErrors.FindingState, await (await luchengUser.SendJsonAsync(HttpMethod.Post, $"/api/v1/acceptance/evaluation-findings/{fid}/answer",
            new { answer = "再答" })).ProblemCodeAsync());
    }

    static MultipartFormDataContent Report(string conclusion, string findings)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "第三方核查与绩效评价报告.pdf");
        form.Add(new StringContent(conclusion), "conclusion");
        form.Add(new StringContent(findings), "findings");
        return form;
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-08")]
    public async Task ThirdParty_InspectsAfterTheFinalAcceptance_ItsRectificationsCloseBeforeTheYearlyEvaluationIsFinal(string provider)
    {
        var app = apps[provider];
        var yingxian = await TownAsync(app, "应县");
        var lucheng = await TownAsync(app, "潞城");
        var thirdparty = await app.SignInAsync("thirdparty");
        var url = $"/api/v1/acceptance/third-party-inspections?etownId={yingxian}&year=2025";
        // Before the final acceptance: refused, nothing written; not commissioned for 潞城: 403.
        Assert.Equal(AcceptanceErrors.NotFinallyAccepted, await (await thirdparty.PostAsync(url, Report("合格", ""))).ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await thirdparty.PostAsync($"/api/v1/acceptance/third-party-inspections?etownId={lucheng}&year=2025", Report("合格", ""))).StatusCode);
        await using (var ctx = app.SystemContext())
        {
            Assert.False(await ctx.ThirdPartyInspections.AnyAsync(x => x.EtownId == yingxian));
            ctx.AcceptanceApplications.Add(new AcceptanceApplication
            {
                EtownId = yingxian, CountyCode = "140622", Scope = AcceptanceScope.Whole, Title = "应县整体验收（测试）", Status = AcceptanceStatus.Passed,
                ClaimedProgressPercent = 100, SubmittedOn = new DateOnly(2025, 3, 3), ReviewDeadline = new DateOnly(2025, 3, 24),
            });
            await ctx.SaveChangesAsync();
        }

        var province = await app.SignInAsync("province");
        var ev = await (await province.SendJsonAsync(HttpMethod.Post, "/api/v1/acceptance/evaluations/2025",
            new { etownId = yingxian, stage = "Yearly", expertUserIds = await ExpertIdsAsync(app, "expert2") })).JsonAsync();
        var id = ev.GetProperty("id").GetGuid();
        await (await app.SignInAsync("expert2")).SendJsonAsync(HttpMethod.Put, $"/api/v1/acceptance/evaluation-scores/{id}", new { scores = Full(ev, 0.5m) });
        var pending = await province.PostAsync($"/api/v1/acceptance/etown-evaluations/{id}/finalisation", null);
        Assert.Equal(AcceptanceErrors.ThirdPartyPending, await pending.ProblemCodeAsync());

        var inspection = await thirdparty.PostAsync(url, Report("项目基本按合同完成，存在问题需整改", "冷链仓储设备未投入使用\n资产台账与实物不符"));
        Assert.Equal(HttpStatusCode.OK, inspection.StatusCode);
        var findings = (await inspection.JsonAsync()).GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal(AcceptanceErrors.ThirdPartyPending, await (await province.PostAsync($"/api/v1/acceptance/etown-evaluations/{id}/finalisation", null)).ProblemCodeAsync());

        var county = await app.SignInAsync("yingxian");
        foreach (var f in findings)
        {
            Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/acceptance/evaluation-findings/{f}/answer", new { answer = "已整改" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await province.PostAsync($"/api/v1/acceptance/evaluation-findings/{f}/closure", null)).StatusCode);
        }
        var final = await province.PostAsync($"/api/v1/acceptance/etown-evaluations/{id}/finalisation", null);
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        Assert.True((await final.JsonAsync()).GetProperty("final").GetBoolean());
    }
}
