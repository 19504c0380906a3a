using System.Net;
using ETown.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ETown.Tests.Integration.AuthorizationMatrixTests;

namespace ETown.Tests.Features.Funds;

/// <summary>
/// The funds rows of the authorization matrix, probed: the central matrix tests walk only their own table, so this
/// class checks every <see cref="FundsMatrix"/> row of kind Get, Write and Page for every demo account and anonymous.
/// </summary>
public class FundsMatrixTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static readonly string[] Counties = ["lucheng", "kelan", "linyi", "shanyin", "yingxian", "huairen", "youyu"];
    static readonly string[] Accounts = ETown.Web.Platform.Data.Seeding.DemoData.Accounts.Select(a => a.UserName).ToArray();

    static HashSet<string> Allowed(string allowed) => allowed.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(t => t switch
    {
        "@counties" => Counties,
        "@cities" => ["changzhi", "shuozhou"],
        _ => [t],
    }).ToHashSet();

    static readonly Dictionary<string, string[]> Visible = new()
    {
        ["province"] = ["长治市潞城区乡村e镇", "岢岚县乡村e镇", "临猗新城涑水e镇", "山阴县古城乡村e镇", "应县木塔鲜生乡村e镇", "怀仁市陶瓷e镇", "右玉县西口e镇"],
        ["changzhi"] = ["长治市潞城区乡村e镇"], ["shuozhou"] = ["山阴县古城乡村e镇", "应县木塔鲜生乡村e镇", "怀仁市陶瓷e镇", "右玉县西口e镇"],
        ["lucheng"] = ["长治市潞城区乡村e镇"], ["kelan"] = ["岢岚县乡村e镇"], ["linyi"] = ["临猗新城涑水e镇"], ["shanyin"] = ["山阴县古城乡村e镇"],
        ["yingxian"] = ["应县木塔鲜生乡村e镇"], ["huairen"] = ["怀仁市陶瓷e镇"], ["youyu"] = ["右玉县西口e镇"],
        ["operator"] = ["长治市潞城区乡村e镇"], ["thirdparty"] = ["应县木塔鲜生乡村e镇"], ["discipline"] = ["长治市潞城区乡村e镇"],
    };

    [Theory, SqliteData, PostgresData]
    public async Task FundsRows_FollowTheMatrix_AndTheScope(string provider)
    {
        var app = apps[provider];
        Dictionary<string, Guid> towns;
        Guid luchengTown;
        await using (var ctx = app.SystemContext())
        {
            towns = await ctx.Etowns.ToDictionaryAsync(e => e.Name, e => e.Id);
            luchengTown = towns["长治市潞城区乡村e镇"];
        }
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = app.Anonymous() };
        foreach (var a in Accounts) clients[a] = await app.SignInAsync(a);
        var failures = new List<string>();
        long auditBefore;
        await using (var ctx = app.SystemContext()) auditBefore = await ctx.AuditRecords.MaxAsync(a => a.Sequence);

        foreach (var (key, row) in new FundsMatrix().Rows)
        {
            var allowed = Allowed(row.Allowed);
            var method = key[..key.IndexOf(' ')];
            var url = (row.Url ?? key[(key.IndexOf(' ') + 1)..]).Replace("{lucheng-etown}", luchengTown.ToString());
            foreach (var (caller, client) in clients)
            {
                var denied = caller == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                switch (row.Probe)
                {
                    case Probe.Get:
                    {
                        var r = await client.GetAsync(url);
                        var ok = allowed.Contains(caller) ? r.StatusCode == HttpStatusCode.OK : r.StatusCode == denied;
                        if (!ok) failures.Add($"{key} as {caller}: {(int)r.StatusCode}");
                        if (ok && allowed.Contains(caller) && key == "GET /api/v1/funds/")
                        {
                            var names = (await r.JsonAsync()).EnumerateArray().Select(e => e.GetProperty("etownName").GetString()!).Order().ToList();
                            if (!names.SequenceEqual(Visible[caller].Order())) failures.Add($"{key} as {caller}: saw [{string.Join("、", names)}]");
                        }
                        break;
                    }
                    case Probe.Write when !allowed.Contains(caller):
                    {
                        var r = await client.SendJsonAsync(new HttpMethod(method), url, row.Body);
                        if (r.StatusCode != denied) failures.Add($"{key} as {caller}: {(int)r.StatusCode}, expected {(int)denied}");
                        break;
                    }
                    case Probe.Page:
                    {
                        var targets = url.Contains("{etown}") ? towns.Select(t => (Url: url.Replace("{etown}", t.Value.ToString()), Town: (string?)t.Key)).ToList() : [(Url: url, Town: (string?)null)];
                        foreach (var (u, town) in targets)
                        {
                            var r = await client.GetAsync(u);
                            var html = await r.Content.ReadAsStringAsync();
                            var location = r.Headers.Location?.ToString() ?? "";
                            var forbidden = html.Contains("data-testid=\"forbidden\"", StringComparison.Ordinal);
                            var what = $"{key} {town} as {caller}";
                            if ((int)r.StatusCode >= 500) { failures.Add($"{what}: {(int)r.StatusCode}"); continue; }
                            var inScope = Visible.GetValueOrDefault(caller, []);
                            if (allowed.Contains(caller))
                            {
                                var show = town is null || inScope.Contains(town);
                                if (show && (r.StatusCode != HttpStatusCode.OK || forbidden)) failures.Add($"{what}: {(int)r.StatusCode} {location}");
                                if (town is not null && show && !html.Contains(town, StringComparison.Ordinal)) failures.Add($"{what}: does not show the e-town");
                                foreach (var t in towns.Keys.Where(t => !inScope.Contains(t) && html.Contains(t, StringComparison.Ordinal)))
                                    failures.Add($"{what}: LEAK {t}");
                            }
                            else if (caller == Anonymous)
                            {
                                if (r.StatusCode != HttpStatusCode.Redirect || !location.Contains("/account/login", StringComparison.Ordinal)) failures.Add($"{what}: {(int)r.StatusCode} {location}");
                            }
                            else
                            {
                                var ok = (r.StatusCode == HttpStatusCode.Redirect && location.Contains("access-denied", StringComparison.Ordinal)) || forbidden || r.StatusCode == HttpStatusCode.Forbidden;
                                if (!ok) failures.Add($"{what}: {(int)r.StatusCode} {location}, expected access denied");
                            }
                        }
                        break;
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} violations on {provider}:\n" + string.Join("\n", failures));
        await using var after = app.SystemContext();
        var added = await after.AuditRecords.Where(a => a.Sequence > auditBefore).Select(a => a.Action).Distinct().ToListAsync();
        Assert.All(added, a => Assert.Contains(a, new[] { "SignIn", "SignInFailure" }));
    }
}
