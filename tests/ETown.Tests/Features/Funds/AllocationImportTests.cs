using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Funds;
using ETown.Web.Platform.Documents;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Funds;

/// <summary>
/// The province imports the allocation notice (.xlsx): template, dry run listing every error with row and column in
/// Chinese, all or nothing; years within the programme, amounts in 万元 with two places, the e-town existing and listed.
/// </summary>
public class AllocationImportTests(FundsApps apps) : IClassFixture<FundsApps>
{
    static byte[] Workbook(params object?[][] rows) =>
        XlsxWriter.Write(AllocationImportService.SheetName, AllocationImportService.Headers, rows.Select(r => (IReadOnlyList<object?>)r));

    static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] content, bool dryRun, string name = "下达通知.xlsx")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", name);
        return await client.PostAsync($"/api/v1/funds/allocations/import?dryRun={dryRun.ToString().ToLowerInvariant()}", form);
    }

    static async Task<List<(string Cell, string Message)>> ErrorsAsync(HttpResponseMessage r) =>
        (await r.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("cell").GetString()!, e.GetProperty("message").GetString()!)).ToList();

    [Theory, SqliteData, PostgresData]
    public async Task Template_IsForTheProvince_AndListsTheListedEtowns(string provider)
    {
        var app = apps[provider];
        var r = await (await app.SignInAsync("province")).GetAsync("/api/v1/funds/allocations/template");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var listed = XlsxReader.Read(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), "已入选e镇");
        Assert.Contains(Enumerable.Range(2, listed.MaxRow - 1), row => listed.Text(row, 1) == FundsKit.Lucheng);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("lucheng")).GetAsync("/api/v1/funds/allocations/template")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task DryRun_ListsEveryError_WithRowAndColumn_AndWritesNothing(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var unlisted = "未入选测试e镇-" + Guid.NewGuid().ToString("N")[..6];
        await using (var ctx = app.SystemContext())
        {
            ctx.Etowns.Add(new Etown { Name = unlisted, CountyCode = "140406" });
            await ctx.SaveChangesAsync();
        }
        var before = await CountAsync(app);
        var bytes = Workbook(
            [2021, FundsKit.Lucheng, 100m, "文号", 0m],          // row 2: year below the programme
            [2026, FundsKit.Lucheng, 100m, "文号", 0m],          // row 3: year above
            [2025, "不存在的e镇", 100m, "文号", 0m],              // row 4: unknown e-town
            [2025, unlisted, 100m, "文号", 0m],                  // row 5: not listed
            [2025, "岢岚县乡村e镇", 0m, "文号", 0m],              // row 6: zero
            [2025, "临猗新城涑水e镇", 1.234m, "文号", 0m],         // row 7: three places
            [2025, "山阴县古城乡村e镇", "一百", "文号", -1m],      // row 8: not a number; negative matching
            [2025, "应县木塔鲜生乡村e镇", 0.01m, "文号", 0m],       // row 9: fine (lowest amount)
            [2025, "应县木塔鲜生乡村e镇", 5m, "文号", 0m]);         // row 10: duplicate of row 9
        var r = await PostAsync(province, bytes, dryRun: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var errors = await ErrorsAsync(r);
        Assert.Contains(errors, e => e.Cell == "A2" && e.Message.Contains("2022–2025", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Cell == "A3" && e.Message.Contains("2026", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Cell == "B4" && e.Message.Contains("没有名为", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Cell == "B5" && e.Message.Contains("未入选", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Cell == "C6" && e.Message.Contains("大于 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Cell == "C7" && e.Message.Contains("两位小数", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Cell == "C8");
        Assert.Contains(errors, e => e.Cell == "B10" && e.Message.Contains("重复", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Cell.EndsWith('9'));
        // Even a real run with these errors writes nothing.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(province, bytes, dryRun: false)).StatusCode);
        Assert.Equal(before, await CountAsync(app));
        // Not a workbook: refused by content.
        var fake = await PostAsync(province, "PK not really"u8.ToArray(), dryRun: true);
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        Assert.Equal(FundsErrors.ImportNotXlsx, await fake.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(await app.SignInAsync("lucheng"), bytes, dryRun: true)).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task CleanNotice_DryRunWritesNothing_ThenImportWritesAll(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var bytes = Workbook(
            [2022, "怀仁市陶瓷e镇", 800.5m, "晋财建〔2022〕99号", 100m],     // boundary: first year
            [2025, "右玉县西口e镇", 0.01m, "晋财建〔2025〕1号", null]);     // boundary: last year, smallest amount
        var dry = await PostAsync(province, bytes, dryRun: true);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.Equal(2, (await dry.JsonAsync()).GetProperty("rows").GetInt32());
        Assert.False((await dry.JsonAsync()).GetProperty("written").GetBoolean());
        await using (var ctx = app.SystemContext())
            Assert.False(await ctx.FundAllocations.AnyAsync(a => a.NoticeReference == "晋财建〔2022〕99号"));
        var real = await PostAsync(province, bytes, dryRun: false);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        await using (var ctx = app.SystemContext())
        {
            var a = await ctx.FundAllocations.SingleAsync(x => x.NoticeReference == "晋财建〔2022〕99号");
            Assert.Equal(800.5m, a.ProvincialAmount);
            Assert.Equal(100m, a.CountyMatchingCommitted);
            Assert.Equal(2022, a.Year);
            Assert.Equal(0.01m, (await ctx.FundAllocations.SingleAsync(x => x.NoticeReference == "晋财建〔2025〕1号")).ProvincialAmount);
        }
    }

    static async Task<int> CountAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.FundAllocations.CountAsync();
    }
}
