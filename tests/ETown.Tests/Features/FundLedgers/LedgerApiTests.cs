using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Acceptance;
using ETown.Web.Features.FundLedgers;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.FundLedgers;

/// <summary>The ledgers through the API on every configured database: FUND-01 at entry, FUND-12 fields, scope and idempotency, FUND-03 on actual spending, FUND-08 assets, import.</summary>
public class LedgerApiTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Kelan = "岢岚县乡村e镇";

    static async Task<Guid> TownAsync(EtownAppFactory app, string name)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    static async Task<int> LinesAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.LedgerExpenses.CountAsync();
    }

    static string Invoice() => "T" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A line body; county-matching money by default so these tests leave the FUND-03 shares of 潞城's provincial money alone.</summary>
    static object Body(Guid town, string? invoice = null, decimal amount = 12.5m, string purpose = "EQUIP", string description = "分拣设备一套",
        string source = "CountyMatching", string category = "SupportingServices", string? date = null) => new
    {
        etownId = town, date = date ?? "2024-05-06", category, fundSource = source, itemNo = 20, amountWan = amount,
        invoiceNumber = invoice ?? Invoice(), payee = "山西某设备有限公司", description, purposeCode = purpose,
    };

    static Task<HttpResponseMessage> PostAsync(HttpClient c, object body) => c.PostAsJsonAsync("/api/v1/ledgers/expenses", body, Http.Json);

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-01")]
    public async Task Fund01_ProhibitedUse_IsRefusedAtEntry_WithUseAndClause_AndNothingIsWritten(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var op = await app.SignInAsync("operator");
        var before = await LinesAsync(app);

        // Chosen from the list: the prohibited purpose itself.
        var r = await PostAsync(op, Body(town, purpose: "P-TRAFFIC", description: "直播间推广", source: "Provincial"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        Assert.Equal(LedgerErrors.ProhibitedUse, await r.ProblemCodeAsync());
        var text = await r.Content.ReadAsStringAsync();
        Assert.Contains("购买流量", text);
        Assert.Contains("晋商建〔2022〕58号", text);

        // Hidden behind an innocent purpose: the description gives it away.
        r = await PostAsync(op, Body(town, purpose: "OTHER", description: "缴纳环保罚款", source: "Provincial"));
        Assert.Equal(LedgerErrors.ProhibitedUse, await r.ProblemCodeAsync());
        Assert.Contains("罚款", await r.Content.ReadAsStringAsync());

        // 潞城's own document adds 网络交易平台 (L 第五条（二）).
        r = await PostAsync(op, Body(town, purpose: "OTHER", description: "农产品网络交易平台二期", source: "Provincial"));
        Assert.Equal(LedgerErrors.ProhibitedUse, await r.ProblemCodeAsync());
        Assert.Contains("潞城区专项资金管理办法", await r.Content.ReadAsStringAsync());
        Assert.Equal(before, await LinesAsync(app));

        // Just inside: the same description paid from the county's matching money is not bound by P 五(一).
        r = await PostAsync(op, Body(town, purpose: "OTHER", description: "农产品网络交易平台二期", source: "CountyMatching"));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        // 岢岚's 平台建设 ban does not reach 潞城.
        r = await PostAsync(op, Body(town, purpose: "WORKS", description: "寄递物流公共信息服务平台建设", source: "Provincial", category: "SupportingServices", amount: 0.01m));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        Assert.Equal(before + 2, await LinesAsync(app));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-12")]
    public async Task Fund12_Amounts_Invoices_AndDates_AtTheirBoundaries(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var op = await app.SignInAsync("operator");
        var before = await LinesAsync(app);

        foreach (var bad in new[] { 0m, -5m, 10000.01m, 1.005m })
        {
            var r = await PostAsync(op, Body(town, amount: bad));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("金额", await r.Content.ReadAsStringAsync());
        }
        var future = await PostAsync(op, Body(town, date: "2099-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal(before, await LinesAsync(app));

        var invoice = Invoice();
        var ok = await PostAsync(op, Body(town, invoice: invoice, amount: 0.01m));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(0.01m, (await ok.JsonAsync()).GetProperty("amountWan").GetDecimal());
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(op, Body(town, amount: 10000m))).StatusCode);

        // FUND-12: one invoice is booked once per operator.
        var dup = await PostAsync(op, Body(town, invoice: invoice, amount: 3m));
        Assert.Equal(HttpStatusCode.Conflict, dup.StatusCode);
        Assert.Equal(LedgerErrors.DuplicateInvoice, await dup.ProblemCodeAsync());
        Assert.Equal(before + 2, await LinesAsync(app));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-12")]
    public async Task Fund12_OperatorWritesItsOwnLedger_CountyAndCityRead_OthersSeeNothing(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var kelan = await TownAsync(app, Kelan);
        var op = await app.SignInAsync("operator");

        // The operator cannot book into another e-town's ledger.
        var r = await PostAsync(op, Body(kelan));
        Assert.True(r.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, ((int)r.StatusCode).ToString());
        // The county reads but does not write (临猗 第十五条: the operator keeps the account).
        r = await PostAsync(await app.SignInAsync("lucheng"), Body(lucheng));
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);

        async Task<List<string>> TownsSeen(string user) =>
            [.. (await (await app.SignInAsync(user)).GetFromJsonAsync<List<ExpenseRow>>("/api/v1/ledgers/expenses", Http.Json))!.Select(x => x.EtownName).Distinct()];
        Assert.Equal([Lucheng], await TownsSeen("operator"));
        Assert.Equal([Lucheng], await TownsSeen("lucheng"));
        Assert.Equal([Lucheng], await TownsSeen("changzhi"));
        Assert.Contains(Lucheng, await TownsSeen("province"));
        Assert.Empty(await TownsSeen("kelan"));
        Assert.Empty(await TownsSeen("shuozhou"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("kelan")).GetAsync($"/api/v1/ledgers/etowns/{lucheng}/bands")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-12")]
    public async Task MachineClient_IdempotencyKey_SameBodyReplays_DifferentBodyConflicts(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var created = await (await app.SignInAsync("operator")).PostAsJsonAsync("/api/v1/api-keys", new { name = "财务系统" + Guid.NewGuid().ToString("N")[..6], role = BuiltInRoles.Operator });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var machine = app.Anonymous();
        machine.DefaultRequestHeaders.Add("X-Api-Key", (await created.JsonAsync()).GetProperty("key").GetString()!);
        var before = await LinesAsync(app);
        var key = Guid.NewGuid().ToString();
        var body = Body(town);

        async Task<HttpResponseMessage> Send(object b, string k)
        {
            var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ledgers/expenses") { Content = JsonContent.Create(b, options: Http.Json) };
            req.Headers.Add("Idempotency-Key", k);
            return await machine.SendAsync(req);
        }
        var first = await Send(body, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal("Api", (await first.JsonAsync()).GetProperty("source").GetString());

        var again = await Send(body, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await again.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(before + 1, await LinesAsync(app));

        var other = await Send(Body(town, amount: 99m), key);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(LedgerErrors.IdempotencyConflict, await other.ProblemCodeAsync());
        Assert.Equal(before + 1, await LinesAsync(app));

        var badKey = await Send(Body(town), new string('k', LedgerService.MaxIdempotencyKeyLength + 1));
        Assert.Equal(LedgerErrors.IdempotencyKeyInvalid, await badKey.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.Created, (await Send(Body(town), new string('k', LedgerService.MaxIdempotencyKeyLength))).StatusCode);

        // A refused (prohibited) request stays refused on retry, and writes nothing either time.
        var refusedKey = Guid.NewGuid().ToString();
        var prohibited = Body(town, purpose: "P-FINE", source: "Provincial");
        Assert.Equal(LedgerErrors.ProhibitedUse, await (await Send(prohibited, refusedKey)).ProblemCodeAsync());
        Assert.Equal(LedgerErrors.ProhibitedUse, await (await Send(prohibited, refusedKey)).ProblemCodeAsync());
        Assert.Equal(before + 2, await LinesAsync(app));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-03")]
    public async Task Fund03_ActualSpending_OutOfBand_IsAFinding_NotABlock_AndTheCountyMayJustifyIt(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var op = await app.SignInAsync("operator");
        var county = await app.SignInAsync("lucheng");

        // The demo ledger: 44% / 34% / 22% — inside every band.
        var bands = await (await county.GetAsync($"/api/v1/ledgers/etowns/{town}/bands")).JsonAsync();
        Assert.True(bands.GetProperty("categories").EnumerateArray().All(c => c.GetProperty("withinBand").GetBoolean()));
        Assert.Equal(0, bands.GetProperty("findings").GetArrayLength());

        // A large provincial line on supporting services is still booked (原则上: not a block) …
        var r = await PostAsync(op, Body(town, amount: 1000m, source: "Provincial", category: "SupportingServices", purpose: "WORKS", description: "物流仓储分拣中心改建"));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        bands = await (await county.GetAsync($"/api/v1/ledgers/etowns/{town}/bands")).JsonAsync();
        var findings = bands.GetProperty("findings").EnumerateArray().ToList();
        var supporting = Assert.Single(findings, f => f.GetProperty("category").GetString() == "SupportingServices");
        Assert.Contains("高于 30% 的上限", supporting.GetProperty("message").GetString());
        Assert.True(bands.GetProperty("openFindings").GetInt32() >= 1);
        // The open finding is on the county's work desk (not the operator's), until it is justified.
        var label = ETown.Web.Features.Plans.BudgetCheck.CategoryLabel(ETown.Web.Features.Plans.FundCategory.SupportingServices);
        async Task<bool> OnDesk(HttpClient c) => (await (await c.GetAsync("/api/v1/workdesk?module=" + Uri.EscapeDataString("资金管理"))).JsonAsync())
            .GetProperty("items").EnumerateArray().Any(i => i.GetProperty("link").GetString() == $"/ledgers/{town}"
                && i.GetProperty("what").GetString()!.StartsWith("说明实际支出超出比例区间", StringComparison.Ordinal)
                && i.GetProperty("what").GetString()!.EndsWith(label, StringComparison.Ordinal));
        Assert.True(await OnDesk(county));
        Assert.False(await OnDesk(op));

        // … and the county records a justified exception; the operator may not.
        var reason = new { category = "SupportingServices", reason = "冷链物流中心按区领导小组决定提前实施，配套比例阶段性偏高" };
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync($"/api/v1/ledgers/etowns/{town}/band-exceptions", reason, Http.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsJsonAsync($"/api/v1/ledgers/etowns/{town}/band-exceptions", new { category = "SupportingServices", reason = "太短" }, Http.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync($"/api/v1/ledgers/etowns/{town}/band-exceptions", reason, Http.Json)).StatusCode);
        Assert.False(await OnDesk(county));
        bands = await (await county.GetAsync($"/api/v1/ledgers/etowns/{town}/bands")).JsonAsync();
        supporting = bands.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("category").GetString() == "SupportingServices");
        Assert.Contains("潞城区e镇办", supporting.GetProperty("exception").GetProperty("approvedBy").GetString());
        // The page shows the shares and the exception.
        var html = await (await county.GetAsync($"/ledgers/{town}")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"bands\"", html);
        Assert.Contains("配套比例阶段性偏高", html);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-08")]
    public async Task Fund08_AssetLedger_StateAssetForProvincialMoney_AndAcceptanceSeesTheLedgers(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var op = await app.SignInAsync("operator");
        var paid = await (await PostAsync(op, Body(town, source: "Provincial", category: "LeadingIndustry", amount: 0.5m, description: "称重设备"))).JsonAsync();
        var expenseId = paid.GetProperty("id").GetGuid();
        object Asset(string ownership, decimal value = 0.5m) => new
        {
            etownId = town, name = "电子称重设备", location = "网货供应中心", quantity = 2, valueWan = value, acquiredOn = "2024-05-08",
            ownership, openShared = true, serviceNote = "向合作社开放", expenseId,
        };
        // K §四: bought with provincial special funds → state asset, never the operator's own.
        var r = await op.PostAsJsonAsync("/api/v1/ledgers/assets", Asset("Operator"), Http.Json);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("国有资产", await r.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsJsonAsync("/api/v1/ledgers/assets", Asset("State", 0m), Http.Json)).StatusCode);
        r = await op.PostAsJsonAsync("/api/v1/ledgers/assets", Asset("State"), Http.Json);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        Assert.True((await r.JsonAsync()).GetProperty("openShared").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("lucheng")).PostAsJsonAsync("/api/v1/ledgers/assets", Asset("State"), Http.Json)).StatusCode);

        // 临猗 第八条: acceptance asks whether the ledgers exist (潞城 has both, 岢岚 none).
        using var scope = app.Services.CreateScope();
        var port = scope.ServiceProvider.GetServices<IProjectLedgers>().Single();
        await using var ctx = app.SystemContext();
        Assert.True((await port.ForEtownAsync(ctx, town, default)).Complete);
        Assert.False((await port.ForEtownAsync(ctx, await TownAsync(app, Kelan), default)).Complete);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-01")]
    public async Task Fund01_TheListIsData_TheProvinceAddsAProhibition_AndEntryObeysIt(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var op = await app.SignInAsync("operator");
        var word = "禁" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(op, Body(town, source: "Provincial", category: "LeadingIndustry", amount: 0.01m, description: "购置" + word + "设备"))).StatusCode);

        var purpose = new { code = "T-" + word[1..], name = "测试禁止用途" + word, isProhibited = true, clause = "测试条款 第一条", keywords = word, countyCode = "140406", sortOrder = 999 };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("lucheng")).PutAsJsonAsync("/api/v1/ledgers/purposes", purpose, Http.Json)).StatusCode);
        var noClause = new { purpose.code, purpose.name, isProhibited = true, clause = "", keywords = word, countyCode = "140406", sortOrder = 999 };
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.SignInAsync("province")).PutAsJsonAsync("/api/v1/ledgers/purposes", noClause, Http.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("province")).PutAsJsonAsync("/api/v1/ledgers/purposes", purpose, Http.Json)).StatusCode);

        var r = await PostAsync(op, Body(town, source: "Provincial", category: "LeadingIndustry", amount: 0.01m, description: "再购置" + word + "设备"));
        Assert.Equal(LedgerErrors.ProhibitedUse, await r.ProblemCodeAsync());
        Assert.Contains("测试条款 第一条", await r.Content.ReadAsStringAsync());
        var listed = await (await app.SignInAsync("kelan")).GetFromJsonAsync<List<PurposeRow>>("/api/v1/ledgers/purposes?countyCode=140929", Http.Json);
        Assert.DoesNotContain(listed!, p => p.Code == purpose.code);
    }

    /// <summary>Two simultaneous posts with one key (a finance system retrying on a timeout): one line, both answers name it.</summary>
    [Theory, PostgresData]
    [Trait("Rule", "FUND-12")]
    public async Task MachineClient_ConcurrentRetries_WithOneKey_BookOneLine(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var created = await (await app.SignInAsync("operator")).PostAsJsonAsync("/api/v1/api-keys", new { name = "财务系统并发" + Guid.NewGuid().ToString("N")[..6], role = BuiltInRoles.Operator });
        var secret = (await created.JsonAsync()).GetProperty("key").GetString()!;
        var before = await LinesAsync(app);
        var key = Guid.NewGuid().ToString();
        var body = Body(town);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            var c = app.Anonymous();
            c.DefaultRequestHeaders.Add("X-Api-Key", secret);
            var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ledgers/expenses") { Content = JsonContent.Create(body, options: Http.Json) };
            req.Headers.Add("Idempotency-Key", key);
            var r = await c.SendAsync(req);
            return (r.StatusCode, Id: r.IsSuccessStatusCode ? (await r.JsonAsync()).GetProperty("id").GetGuid() : Guid.Empty);
        }));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, a.StatusCode.ToString()));
        Assert.Single(answers.Select(a => a.Id).Distinct());
        Assert.Equal(before + 1, await LinesAsync(app));
    }

    static MultipartFormDataContent Xlsx(params object?[][] rows)
    {
        var bytes = XlsxWriter.Write(LedgerXlsxService.SheetName, LedgerXlsxService.Headers, rows.Select(r => (IReadOnlyList<object?>)r));
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(XlsxWriter.ContentType);
        content.Add(file, "file", "专账.xlsx");
        return content;
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-01")]
    public async Task Import_DryRunNamesRowAndColumn_AnyErrorWritesNothing_ThenWritesAll(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var op = await app.SignInAsync("operator");
        var before = await LinesAsync(app);
        var (a, b) = (Invoice(), Invoice());
        object?[] Good(string inv) => ["2024-06-01", "县级配套资金", "配套基础设施和服务", 22, 3.5m, inv, "某物流公司", "分拣线维护", "设备购置"];

        var bad = await op.PostAsync($"/api/v1/ledgers/import?etownId={town}&dryRun=false", Xlsx(
            Good(a),
            ["2024-06-02", "省级专项资金", "电商要素", 9, 2m, b, "某传媒公司", "直播间购买流量", "其他合规支出"],
            ["2024-06-03", "县级配套资金", "电商要素", 9, 1.234m, Invoice(), "某公司", "培训", "TRAINING"],
            Good(a)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt32(), Col: e.GetProperty("column").GetString(), Msg: e.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(errors, e => e.Row == 3 && e.Col == "I" && e.Msg.Contains("购买流量"));
        Assert.Contains(errors, e => e.Row == 4 && e.Col == "E" && e.Msg.Contains("两位小数"));
        Assert.Contains(errors, e => e.Row == 5 && e.Col == "F" && e.Msg.Contains("重复"));
        Assert.Equal(before, await LinesAsync(app));

        var dry = await op.PostAsync($"/api/v1/ledgers/import?etownId={town}", Xlsx(Good(a), Good(b)));
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.False((await dry.JsonAsync()).GetProperty("written").GetBoolean());
        Assert.Equal(before, await LinesAsync(app));

        var real = await op.PostAsync($"/api/v1/ledgers/import?etownId={town}&dryRun=false", Xlsx(Good(a), Good(b)));
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal(before + 2, await LinesAsync(app));
        // The same file again: both invoices are already booked.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await op.PostAsync($"/api/v1/ledgers/import?etownId={town}", Xlsx(Good(a), Good(b)))).StatusCode);

        // A file that is not what its name says.
        var fake = new MultipartFormDataContent { { new ByteArrayContent("not a workbook"u8.ToArray()), "file", "专账.xlsx" } };
        Assert.Equal(LedgerErrors.ImportNotXlsx, await (await op.PostAsync($"/api/v1/ledgers/import?etownId={town}", fake)).ProblemCodeAsync());

        // Export: both ledgers, as .xlsx.
        var export = await op.GetAsync($"/api/v1/ledgers/export?etownId={town}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, export.Content.Headers.ContentType?.MediaType);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-12")]
    public async Task Invoice_Attachment_IsSniffed_AndServedToReaders(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var op = await app.SignInAsync("operator");
        var id = (await (await PostAsync(op, Body(town))).JsonAsync()).GetProperty("id").GetGuid();
        var png = new MultipartFormDataContent { { new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]), "file", "发票.pdf" } };
        Assert.NotEqual(HttpStatusCode.OK, (await op.PostAsync($"/api/v1/ledgers/expenses/{id}/invoice", png)).StatusCode);
        var pdf = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "发票.pdf" } };
        var r = await op.PostAsync($"/api/v1/ledgers/expenses/{id}/invoice", pdf);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True((await r.JsonAsync()).GetProperty("hasInvoiceFile").GetBoolean());
        var get = await (await app.SignInAsync("lucheng")).GetAsync($"/api/v1/ledgers/expenses/{id}/invoice");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("kelan")).GetAsync($"/api/v1/ledgers/expenses/{id}/invoice")).StatusCode);
    }
}
