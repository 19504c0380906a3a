using System.Net;
using System.Net.Http.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Integration;

/// <summary>Issue #2 §6 (sign-in, lock-out, two-factor, API keys) and §7 (login log and audit), 三权分立.</summary>
public class SecurityTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static object Login(string user, string password, string? code = null) => new { userName = user, password, code };

    [Theory, SqliteData, PostgresData]
    public async Task SignIn_Success_WritesLoginEventAndAuditRecord(string provider)
    {
        var app = apps[provider];
        var r = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", Login("lucheng", DemoData.Password));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        await using var ctx = app.SystemContext();
        Assert.True(await ctx.LoginEvents.AnyAsync(e => e.UserName == "lucheng" && e.Succeeded));
        Assert.True(await ctx.AuditRecords.AnyAsync(a => a.Action == "SignIn" && a.UserName == "lucheng" && a.Outcome == "Success"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task SignIn_WrongPassword_Is401_AndIsLogged(string provider)
    {
        var app = apps[provider];
        var r = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", Login("kelan", "Wrong@2026"));
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        await using var ctx = app.SystemContext();
        Assert.True(await ctx.LoginEvents.AnyAsync(e => e.UserName == "kelan" && !e.Succeeded));
        Assert.True(await ctx.AuditRecords.AnyAsync(a => a.Action == "SignInFailure" && a.UserName == "kelan"));
        var unknown = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", Login("nobody", "Wrong@2026"));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.True(await ctx.LoginEvents.AnyAsync(e => e.UserName == "nobody" && !e.Succeeded));
    }

    [Theory, SqliteData, PostgresData]
    public async Task SignIn_FiveFailures_LockTheAccount_EvenForTheRightPassword(string provider)
    {
        var app = apps[provider];
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/login", Login("youyu", "Wrong@2026"))).StatusCode);
        var r = await client.PostAsJsonAsync("/api/v1/auth/login", Login("youyu", DemoData.Password));
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        var body = await r.JsonAsync();
        Assert.Equal("LockedOut", body.GetProperty("outcome").GetString());
        Assert.Contains("锁定", body.GetProperty("message").GetString());
        await using var ctx = app.SystemContext();
        Assert.True(await ctx.LoginEvents.AnyAsync(e => e.UserName == "youyu" && e.Detail == "账户锁定"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task AdminSignIn_RequiresTotp(string provider)
    {
        var app = apps[provider];
        var without = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", Login("auditadmin", DemoData.Password));
        Assert.Equal(HttpStatusCode.Accepted, without.StatusCode);
        Assert.Equal("RequiresTwoFactor", (await without.JsonAsync()).GetProperty("outcome").GetString());

        var wrong = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", Login("auditadmin", DemoData.Password, "000000" == TotpCode.Compute(DemoData.AuditAdminKey) ? "111111" : "000000"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var client = app.Anonymous();
        var with = await client.PostAsJsonAsync("/api/v1/auth/login", Login("auditadmin", DemoData.Password, await app.NextCodeAsync("auditadmin")));
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        var me = await (await client.GetAsync("/api/v1/me")).JsonAsync();
        Assert.True(me.GetProperty("isAuthenticated").GetBoolean());
        Assert.Equal("auditadmin", me.GetProperty("userName").GetString());
    }

    [Theory, SqliteData, PostgresData]
    public async Task SystemAdmin_CannotReadAuditLog_NorChangeOwnRoles_NorEditRolePermissions(string provider)
    {
        var app = apps[provider];
        var sys = await app.SignInAsync("sysadmin");
        Assert.Equal(HttpStatusCode.Forbidden, (await sys.GetAsync("/api/v1/audit-records")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sys.PostAsync("/api/v1/audit-records/verification", null)).StatusCode);

        var users = await (await sys.GetAsync("/api/v1/users?search=sysadmin")).JsonAsync();
        var myId = users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "sysadmin").GetProperty("id").GetGuid();
        var own = await sys.PutAsJsonAsync($"/api/v1/users/{myId}/roles", new { roles = new[] { BuiltInRoles.SystemAdmin, BuiltInRoles.AuditAdmin } });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("ETOWN-USER-0001", await own.ProblemCodeAsync());

        // Granting an admin role to someone else is the security administrator's job, too.
        var lucheng = (await (await sys.GetAsync("/api/v1/users?search=lucheng")).JsonAsync()).EnumerateArray().First().GetProperty("id").GetGuid();
        var grant = await sys.PutAsJsonAsync($"/api/v1/users/{lucheng}/roles", new { roles = new[] { BuiltInRoles.CountyOfficer, BuiltInRoles.AuditAdmin } });
        Assert.Equal(HttpStatusCode.Forbidden, grant.StatusCode);

        var roleId = await RoleIdAsync(app, BuiltInRoles.CityOfficer);
        var edit = await sys.PutAsJsonAsync($"/api/v1/roles/{roleId}/permissions",
            new { permissions = new[] { Permissions.Registry.EtownRead, Permissions.Audit.LogRead }, requiresTwoFactor = false });
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        await using var ctx = app.SystemContext();
        Assert.False(await ctx.RoleClaims.AnyAsync(c => c.RoleId == roleId && c.ClaimValue == Permissions.Audit.LogRead));
    }

    [Theory, SqliteData, PostgresData]
    public async Task SecurityAdmin_EditsRolePermissions_ButNotMixedDuties_NorHisOwnRole(string provider)
    {
        var app = apps[provider];
        var sec = await app.SignInAsync("secadmin");
        var created = await sec.PostAsJsonAsync("/api/v1/roles", new { name = "测试角色-" + provider, description = "测试" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();

        var ok = await sec.PutAsJsonAsync($"/api/v1/roles/{id}/permissions",
            new { permissions = new[] { Permissions.Registry.EtownRead, Permissions.Org.OrganisationRead }, requiresTwoFactor = false });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);

        var mixed = await sec.PutAsJsonAsync($"/api/v1/roles/{id}/permissions",
            new { permissions = new[] { Permissions.Audit.LogRead, Permissions.System.SettingManage }, requiresTwoFactor = true });
        Assert.Equal(422, (int)mixed.StatusCode);
        Assert.Equal("ETOWN-ROLE-0002", await mixed.ProblemCodeAsync());

        var unknown = await sec.PutAsJsonAsync($"/api/v1/roles/{id}/permissions", new { permissions = new[] { "Nope.Nope.Nope" }, requiresTwoFactor = false });
        Assert.Equal("ETOWN-ROLE-0001", await unknown.ProblemCodeAsync());

        var ownRole = await RoleIdAsync(app, BuiltInRoles.SecurityAdmin);
        var self = await sec.PutAsJsonAsync($"/api/v1/roles/{ownRole}/permissions",
            new { permissions = new[] { Permissions.Security.RoleRead, Permissions.Security.RoleManage, Permissions.Org.UserRead, Permissions.Org.UserUnmask, Permissions.Org.OrganisationRead }, requiresTwoFactor = true });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Equal("ETOWN-ROLE-0004", await self.ProblemCodeAsync());

        await using var ctx = app.SystemContext();
        var perms = await ctx.RoleClaims.Where(c => c.RoleId == id).Select(c => c.ClaimValue).ToListAsync();
        Assert.Equal([Permissions.Org.OrganisationRead, Permissions.Registry.EtownRead], perms.Order());
        Assert.Contains(await ctx.AuditRecords.Where(a => a.Action == "RolePermissionsChange").Select(a => a.EntityId).ToListAsync(), e => e == id.ToString());
    }

    [Theory, SqliteData, PostgresData]
    public async Task OnlyTheAuditAdmin_ReadsTheAuditLog(string provider)
    {
        var app = apps[provider];
        foreach (var user in new[] { "province", "secadmin", "sysadmin", "discipline", "lucheng" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync(user)).GetAsync("/api/v1/audit-records")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/audit-records")).StatusCode);
        var audit = await app.SignInAsync("auditadmin");
        var page = await (await audit.GetAsync("/api/v1/audit-records?action=SignIn")).JsonAsync();
        Assert.True(page.GetProperty("total").GetInt32() > 0);
        var logins = await audit.GetAsync("/api/v1/login-events");
        Assert.Equal(HttpStatusCode.OK, logins.StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ApiKey_CarriesItsCountyScope_IsStoredHashed_AndStopsWorkingWhenRevoked(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var created = await lucheng.PostAsJsonAsync("/api/v1/api-keys", new { name = "数据对接", role = BuiltInRoles.CountyOfficer });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = await created.JsonAsync();
        var keyId = body.GetProperty("id").GetGuid();
        var key = body.GetProperty("key").GetString()!;

        var machine = app.Anonymous();
        machine.DefaultRequestHeaders.Add("X-Api-Key", key);
        var list = await (await machine.GetAsync("/api/v1/etowns?pageSize=100")).JsonAsync();
        var counties = list.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("countyCode").GetString()).ToList();
        Assert.NotEmpty(counties);
        Assert.All(counties, c => Assert.Equal("140406", c));
        var orgs = await machine.GetAsync("/api/v1/organisations");
        Assert.Equal(HttpStatusCode.OK, orgs.StatusCode);
        Assert.All((await orgs.JsonAsync()).EnumerateArray(), o => Assert.Equal("140406", o.GetProperty("regionCode").GetString()));
        var me = await (await machine.GetAsync("/api/v1/me")).JsonAsync();
        Assert.True(me.GetProperty("isAuthenticated").GetBoolean());

        await using (var ctx = app.SystemContext())
        {
            var stored = await ctx.ApiKeys.SingleAsync(k => k.Id == keyId);
            Assert.NotEqual(key, stored.SecretHash);
            Assert.DoesNotContain(key.Split('_')[2], stored.SecretHash);
            Assert.Equal(ApiKeys.Hash(key), stored.SecretHash);
        }

        // A key cannot be given a role its creator does not hold.
        var foreign = await lucheng.PostAsJsonAsync("/api/v1/api-keys", new { name = "越权", role = BuiltInRoles.ProvinceOfficer });
        Assert.Equal("ETOWN-APIKEY-0001", await foreign.ProblemCodeAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await lucheng.DeleteAsync($"/api/v1/api-keys/{keyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/v1/organisations")).StatusCode);
        var wrong = app.Anonymous();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", key[..^2] + "xx");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/organisations")).StatusCode);
    }

    static async Task<Guid> RoleIdAsync(EtownAppFactory app, string name)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Roles.Where(r => r.Name == name).Select(r => r.Id).SingleAsync();
    }
}
