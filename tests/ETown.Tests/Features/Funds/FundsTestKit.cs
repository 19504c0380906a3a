using System.Collections.Concurrent;
using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Funds;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Modules;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.Funds;

/// <summary>
/// Stand-ins for the acceptance and supervision modules (the producers of the ports): a test sets the accepted
/// results and open rectifications of a contract, and the funds module sees them through the same ports it uses
/// in production. Registered as an extra module (Modules:Extra), like the toy module.
/// </summary>
public sealed class FundsPortsTestModule : IEtownModule
{
    public string Name => "funds-test-ports";

    public static readonly ConcurrentDictionary<Guid, List<AcceptanceResult>> Acceptances = new();
    public static readonly ConcurrentDictionary<Guid, List<OpenRectification>> Rectifications = new();

    public void AddServices(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration config)
    {
        services.AddSingleton<IAcceptanceResults, Results>();
        services.AddSingleton<IOpenRectifications, Open>();
    }

    sealed class Results : IAcceptanceResults
    {
        public Task<IReadOnlyList<AcceptanceResult>> ForContractAsync(EtownDbContext ctx, Guid contractId, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<AcceptanceResult>>(Acceptances.TryGetValue(contractId, out var l) ? l.ToList() : []);
    }

    sealed class Open : IOpenRectifications
    {
        public Task<IReadOnlyList<OpenRectification>> ForAsync(EtownDbContext ctx, Guid etownId, Guid? contractId, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<OpenRectification>>(contractId is { } c && Rectifications.TryGetValue(c, out var l) ? l.ToList() : []);
    }
}

/// <summary>One app per provider with the test ports, shared by a test class; helpers to set up a fresh contract.</summary>
public sealed class FundsApps : IAsyncLifetime
{
    readonly ConcurrentDictionary<string, Lazy<EtownAppFactory>> _apps = new();

    public EtownAppFactory this[string provider] => _apps.GetOrAdd(provider, p => new Lazy<EtownAppFactory>(() =>
        new EtownAppFactory(p, settings: new Dictionary<string, string?> { ["Modules:Extra"] = typeof(FundsPortsTestModule).AssemblyQualifiedName }).Start())).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var lazy in _apps.Values)
            if (lazy.IsValueCreated) await lazy.Value.DisposeAsync();
    }
}

public static class FundsKit
{
    public const string Lucheng = "长治市潞城区乡村e镇";
    static int _n;

    public static async Task<Guid> EtownIdAsync(EtownAppFactory app, string name = Lucheng)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    /// <summary>A new contract of 潞城 with the demo operator, with room in a large test allocation (year 2030).</summary>
    public static async Task<Guid> NewContractAsync(EtownAppFactory app, decimal amount)
    {
        var r = await ContractResponseAsync(app, amount);
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return (await r.JsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>Posts a contract of 潞城 on one standard item (default 20), optionally with a FUND-15 justification; answers the response.</summary>
    public static async Task<HttpResponseMessage> ContractResponseAsync(EtownAppFactory app, decimal amount, int itemNo = 20, string? duplicateJustification = null)
    {
        var town = await EtownIdAsync(app);
        var province = await app.SignInAsync("province");
        var a = await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/funds/etowns/{town}/allocations",
            new { year = 2030, provincialAmount = 900000m, noticeReference = "测试", countyMatchingCommitted = 0m });
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Guid op;
        await using (var ctx = app.SystemContext())
            op = await ctx.FundOperators.Where(o => o.EtownId == town && o.OrganisationName == ETown.Web.Features.Funds.Demo.DemoFunds.LuchengOperator).Select(o => o.Id).SingleAsync();
        var county = await app.SignInAsync("lucheng");
        var number = $"T-{Interlocked.Increment(ref _n)}-{Guid.NewGuid():N}"[..30];
        return await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/etowns/{town}/contracts", new
        {
            number, title = "测试合同", operatorId = op, amount, supportMode = "ProjectSubsidy", lawyerReviewed = true, signedOn = "2024-01-10", startsOn = "2024-01-15", endsOn = "2024-12-31",
            assetOwnership = "国有资产", scope = new[] { new { itemNo, content = "公共服务中心", amount } }, milestones = Array.Empty<object>(), duplicateJustification,
        });
    }

    /// <summary>A small real PDF (the store sniffs "%PDF").</summary>
    public static byte[] Pdf(string text) => System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% " + text + "\n%%EOF\n");

    /// <summary>Uploads one material file on a contract (FUND-07) and answers the response.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid contract, PaymentMaterial kind, byte[] content, string fileName, string type = "application/pdf")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/v1/funds/contracts/{contract}/materials?kind={kind}", form);
    }

    /// <summary>Uploads the materials and answers the request body's "materials" (kind + document id).</summary>
    public static async Task<object> MaterialsAsync(HttpClient client, Guid contract, params PaymentMaterial[] kinds)
    {
        var list = new List<object>();
        foreach (var k in kinds)
        {
            var r = await UploadAsync(client, contract, k, Pdf(k.ToString()), k + ".pdf");
            Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
            list.Add(new { kind = k.ToString(), fileName = k + ".pdf", documentId = (await r.JsonAsync()).GetProperty("id").GetGuid() });
        }
        return list;
    }

    public static readonly PaymentMaterial[] All = Enum.GetValues<PaymentMaterial>();

    public static async Task<HttpResponseMessage> RequestAsync(HttpClient operatorClient, Guid contract, PaymentKind kind, decimal amount) =>
        await operatorClient.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/contracts/{contract}/payments",
            new { kind = kind.ToString(), amount, materials = await MaterialsAsync(operatorClient, contract, All), note = "测试" });

    /// <summary>A second county-finance user of 潞城 (the reviewer and the approver must differ).</summary>
    public static async Task<HttpClient> LuchengFinanceAsync(EtownAppFactory app)
    {
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync("luchengcz") is null)
            {
                await using var ctx = app.SystemContext();
                var org = await ctx.Users.Where(u => u.UserName == "lucheng").Select(u => u.OrganisationId).SingleAsync();
                var user = new AppUser { UserName = "luchengcz", DisplayName = "潞城区财政局 审批人", OrganisationId = org, CreatedAt = DateTimeOffset.UtcNow, LockoutEnabled = true, EmailConfirmed = true };
                var created = await users.CreateAsync(user, ETown.Web.Platform.Data.Seeding.DemoData.Password);
                Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
                Assert.True((await users.AddToRoleAsync(user, BuiltInRoles.CountyOfficer)).Succeeded);
            }
        }
        return await app.SignInAsync("luchengcz");
    }

    /// <summary>Payment rows of a contract, straight from the database.</summary>
    public static async Task<List<PaymentRequest>> PaymentsAsync(EtownAppFactory app, Guid contract)
    {
        await using var ctx = app.SystemContext();
        return await ctx.PaymentRequests.AsNoTracking().Where(p => p.ContractId == contract).OrderBy(p => p.Sequence).ToListAsync();
    }
}
