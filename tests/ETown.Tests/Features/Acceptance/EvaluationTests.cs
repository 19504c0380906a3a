using System.Net;
using System.Net.Http.Headers;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Acceptance;

namespace ETown.Tests.Features.Acceptance;

/// <summary>EVAL-01: the county's self-evaluation report, the satisfaction target of 95 %, the province's evaluation.</summary>
public class EvaluationTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    static MultipartFormDataContent Form(byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", name);
        return form;
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "EVAL-01")]
    public async Task County_UploadsItsSelfEvaluation_SatisfactionBelow95IsFlagged_TheProvinceEvaluates_ThenItIsClosed(string provider)
    {
        var app = apps[provider];
        var kelan = await app.SignInAsync("kelan");
        var r = await kelan.PostAsync("/api/v1/acceptance/evaluations/self?year=2024&satisfactionPercent=94.99", Form(Pdf, "绩效自评价报告.pdf"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var row = await r.JsonAsync();
        Assert.True(row.GetProperty("satisfactionBelowTarget").GetBoolean());
        var id = row.GetProperty("id").GetGuid();
        var again = await (await kelan.PostAsync("/api/v1/acceptance/evaluations/self?year=2024&satisfactionPercent=95", Form(Pdf, "绩效自评价报告.pdf"))).JsonAsync();
        Assert.Equal(id, again.GetProperty("id").GetGuid());
        Assert.False(again.GetProperty("satisfactionBelowTarget").GetBoolean());
        // Not a report: a renamed executable; a year out of range.
        Assert.Equal(HttpStatusCode.BadRequest, (await kelan.PostAsync("/api/v1/acceptance/evaluations/self?year=2024", Form("MZ\u0090\0"u8.ToArray(), "报告.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await kelan.PostAsync("/api/v1/acceptance/evaluations/self?year=2021", Form(Pdf, "报告.pdf"))).StatusCode);

        // Other counties do not see it; the province does and evaluates.
        var lucheng = await (await (await app.SignInAsync("lucheng")).GetAsync("/api/v1/acceptance/evaluations")).JsonAsync();
        Assert.DoesNotContain(lucheng.EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        var province = await app.SignInAsync("province");
        Assert.Equal(HttpStatusCode.BadRequest, (await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/acceptance/evaluations/{id}/province", new { score = 100.01, result = "优秀" })).StatusCode);
        var ev = await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/acceptance/evaluations/{id}/province", new { score = 92.5, result = "优秀" });
        Assert.Equal(HttpStatusCode.OK, ev.StatusCode);
        Assert.Equal(92.5m, (await ev.JsonAsync()).GetProperty("provinceScore").GetDecimal());
        Assert.Equal(AcceptanceErrors.EvaluationClosed, await (await kelan.PostAsync("/api/v1/acceptance/evaluations/self?year=2024", Form(Pdf, "报告.pdf"))).ProblemCodeAsync());
    }

    [Fact]
    [Trait("Rule", "EVAL-01")]
    public void Satisfaction_95IsMet_9499IsNot_NoAnswersIsNoData()
    {
        // 潞城 六(五) "95% 以上": 95 itself is met.
        Assert.True(SatisfactionCheck.Meets(95.00m));
        Assert.False(SatisfactionCheck.Meets(94.99m));
        Assert.False(SatisfactionCheck.Meets(null));
        var met = SatisfactionCheck.Of(2000, 1900); // 95.00 %
        Assert.True(met.Met);
        Assert.Equal(95.00m, met.Percent);
        var below = SatisfactionCheck.Of(10000, 9499); // 94.99 %
        Assert.False(below.Met);
        Assert.Equal(94.99m, below.Percent);
        var almost = SatisfactionCheck.Of(20000, 18999); // 94.995 %: not rounded up into the target
        Assert.False(almost.Met);
        Assert.Equal(94.99m, almost.Percent);
        var none = SatisfactionCheck.Of(0, 0);
        Assert.False(none.Met);
        Assert.Null(none.Percent);
        Assert.Contains("无调查数据", none.Label);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "EVAL-01")]
    public async Task EvaluationView_ShowsTheSurveyRate_FromTheDisclosurePort(string provider)
    {
        var app = apps[provider];
        var kelan = await app.SignInAsync("kelan");
        Assert.Equal(HttpStatusCode.OK, (await kelan.PostAsync("/api/v1/acceptance/evaluations/self?year=2023&satisfactionPercent=96", Form(Pdf, "绩效自评价报告.pdf"))).StatusCode);
        var rows = await (await kelan.GetAsync("/api/v1/acceptance/evaluations")).JsonAsync();
        var row = rows.EnumerateArray().Single(e => e.GetProperty("year").GetInt32() == 2023);
        var survey = row.GetProperty("survey");
        // No survey answers for 岢岚 in 2023: no data, not met — the county's own 96 % does not replace the survey.
        Assert.Equal(0, survey.GetProperty("answers").GetInt32());
        Assert.False(survey.GetProperty("met").GetBoolean());
        Assert.Contains("无调查数据", survey.GetProperty("label").GetString());
        Assert.Equal(95m, survey.GetProperty("targetPercent").GetDecimal());
    }
}
