using System.Net;
using ETown.Tests.Infrastructure;
using Row = ETown.Tests.Integration.AuthorizationMatrixTests.Row;
using Probe = ETown.Tests.Integration.AuthorizationMatrixTests.Probe;
using static ETown.Tests.Features.Declarations.DeclarationFlow;

namespace ETown.Tests.Features.Declarations;

/// <summary>
/// Issue #14 item 9, DECL-07 (000 四(四) line 131: "各市商务局…于 2022 年 5 月 10 日前将…申报材料报省商务厅，逾期未申报的视为自动放弃"):
/// the province's deadline binds the city's submission; the county's deadline is the city's to set. Own app: it moves the round's dates.
/// </summary>
public class DeclarationDeadlineTests(DemoApps apps) : IClassFixture<DemoApps>
{
    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-07")]
    public async Task Decl07_TheCitySetsTheCountysDeadline_AndTheProvincesDeadlineBindsTheCity(string provider)
    {
        var app = apps[provider];
        var year = Today.Year;
        var province = await app.SignInAsync("province");
        var lucheng = await app.SignInAsync("lucheng");
        var changzhi = await app.SignInAsync("changzhi");
        var shuozhou = await app.SignInAsync("shuozhou");
        object Round(DateOnly closes, DateOnly? reopened = null) => new { opensOn = Today.AddDays(-30), closesOn = closes, reopenedUntil = reopened, noticeWorkingDays = 5 };
        await ExpectAsync(await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/declaration-rounds/{year}", Round(Today.AddDays(20))), HttpStatusCode.NoContent);

        // Only the county's own city sets it, inside the round and not after the province's date.
        var url = $"/api/v1/declaration-rounds/{year}/city-deadlines/140400";
        await ExpectAsync(await lucheng.SendJsonAsync(HttpMethod.Put, url, new { closesOn = Today }), HttpStatusCode.Forbidden);
        await ExpectAsync(await shuozhou.SendJsonAsync(HttpMethod.Put, url, new { closesOn = Today }), HttpStatusCode.Forbidden);
        await ExpectAsync(await changzhi.SendJsonAsync(HttpMethod.Put, url, new { closesOn = Today.AddDays(21) }), (HttpStatusCode)422, "ETOWN-DECL-0023");

        // 长治 closed its counties' window yesterday, though the province's runs for another 20 days: 潞城 is late.
        await ExpectAsync(await changzhi.SendJsonAsync(HttpMethod.Put, url, new { closesOn = Today.AddDays(-1) }), HttpStatusCode.OK);
        var id = await CreateAsync(lucheng, EligibleForm("潞城区市级截止测试"));
        await UploadCountyMaterialsAsync(lucheng, id);
        var late = await lucheng.PostAsync($"/api/v1/declarations/{id}/submit", null);
        Assert.Equal("ETOWN-DECL-0004", await late.ProblemCodeAsync());
        Assert.Contains("长治市", (await late.JsonAsync()).GetProperty("detail").GetString());

        // 长治 gives its counties until tomorrow: 潞城 submits.
        await ExpectAsync(await changzhi.SendJsonAsync(HttpMethod.Put, url, new { closesOn = Today.AddDays(1) }), HttpStatusCode.OK);
        await ExpectAsync(await lucheng.PostAsync($"/api/v1/declarations/{id}/submit", null), HttpStatusCode.NoContent);

        // The province's date passed before 长治 forwarded it: the city's submission is late ("视为自动放弃") …
        await ExpectAsync(await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/declaration-rounds/{year}", Round(Today.AddDays(-1))), HttpStatusCode.NoContent);
        await ExpectAsync(await changzhi.SendJsonAsync(HttpMethod.Post, $"/api/v1/declarations/{id}/recommend", new { opinion = "同意推荐" }), (HttpStatusCode)422, "ETOWN-DECL-0022");
        Assert.Equal("Submitted", (await DetailAsync(lucheng, id)).GetProperty("status").GetString());
        // … until the province reopens the window.
        await ExpectAsync(await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/declaration-rounds/{year}", Round(Today.AddDays(-1), Today)), HttpStatusCode.NoContent);
        await ExpectAsync(await changzhi.SendJsonAsync(HttpMethod.Post, $"/api/v1/declarations/{id}/recommend", new { opinion = "同意推荐" }), HttpStatusCode.NoContent);
    }
}

/// <summary>Matrix row of the city-deadline endpoint (issue #14 item 9).</summary>
public sealed class DeclarationDeadlineMatrix : Integration.IModuleMatrix
{
    public Type Module => typeof(ETown.Web.Features.Declarations.DeclarationsModule);

    public IReadOnlyDictionary<string, Row> Rows => new Dictionary<string, Row>
    {
        ["PUT /api/v1/declaration-rounds/{year:int}/city-deadlines/{cityCode}"] = new("@cities", Probe.Write, "/api/v1/declaration-rounds/2031/city-deadlines/140400", new { closesOn = (DateOnly?)null }),
    };
}
