using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Platform.Audit;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Data.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Platform;

/// <summary>
/// Issue #16 "two instances, one database": a province deployment runs two or more instances behind a proxy on one
/// PostgreSQL. The data-protection key ring lives in the database, so a cookie issued by one instance signs the user in
/// on the other; both append to one audit chain (locked in the database, keyed with the shared audit key); a write on
/// one is read on the other. (Scheduled work running once across instances: SchedulingTests.TwoInstances_….)
/// </summary>
public class TwoInstancesTests
{
    [Theory, PostgresData]
    public async Task ACookieFromOneInstance_WorksOnTheOther_AndBothWriteOneAuditChain(string provider)
    {
        var configValue = Databases.CreateDatabase(provider, out var cleanup);
        // What the instances share besides the database (docs/operations.md): the audit key and checkpoints, the files.
        var shared = Path.Combine(Path.GetTempPath(), "etown-tests", "shared-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Audit:Path"] = Path.Combine(shared, "audit"), ["Storage:Path"] = Path.Combine(shared, "files") };
        try
        {
            await using var a = EtownAppFactory.OnExisting(provider, configValue, cleanup, demo: true, settings).Start();
            await using var b = EtownAppFactory.OnExisting(provider, configValue, "etown_test_none_" + Guid.NewGuid().ToString("N"), demo: true, settings).Start();

            // Sign in through instance A; take the cookie as a browser behind a round-robin proxy would.
            using var onA = a.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false, AllowAutoRedirect = false });
            using var login = await onA.PostAsJsonAsync("/api/v1/auth/login", new { userName = "lucheng", password = DemoData.Password });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

            using var onB = b.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false, AllowAutoRedirect = false });
            onB.DefaultRequestHeaders.Add("Cookie", cookie);
            var me = await onB.GetFromJsonAsync<JsonElement>("/api/v1/me");
            Assert.True(me.GetProperty("isAuthenticated").GetBoolean());
            Assert.Equal("lucheng", me.GetProperty("userName").GetString());

            // A write through B is read through A at once (no instance keeps a stale copy).
            onA.DefaultRequestHeaders.Add("Cookie", cookie);
            var etowns = await onA.GetFromJsonAsync<JsonElement>("/api/v1/etowns/?page=1&pageSize=10");
            var etownId = etowns.GetProperty("items")[0].GetProperty("id").GetGuid();
            using var save = await onB.PutAsJsonAsync("/api/v1/statistics/values", new
            {
                etownId, period = "2026-11", values = new[] { new { indicator = "online_retail", value = 123.45m, comment = (string?)null } },
            });
            Assert.True(save.IsSuccessStatusCode, await save.Content.ReadAsStringAsync());
            var report = await onA.GetFromJsonAsync<JsonElement>($"/api/v1/statistics/etowns/{etownId}/2026-11");
            Assert.Contains(report.GetProperty("values").EnumerateArray(),
                v => v.GetProperty("indicator").GetString() == "online_retail" && v.GetProperty("value").GetDecimal() == 123.45m);

            // Sign-out through A ends the session on B too (the stamp is in the database, issue #17 finding 5).
            using (var logout = await onA.PostAsync("/api/v1/auth/logout", null)) Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            Assert.False((await onB.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("isAuthenticated").GetBoolean());

            // Both appended to one chain, verified from either side.
            foreach (var app in new[] { a, b })
            {
                var v = await AuditService.VerifyChainAsync(app.Services.GetRequiredService<EtownDb>(), app.Services.GetRequiredService<AuditCheckpoints>());
                Assert.True(v.IsIntact, v.Message);
            }
        }
        finally
        {
            if (Directory.Exists(shared)) Directory.Delete(shared, recursive: true);
        }
    }
}
