using System.Security.Claims;
using ETown.Web.Features.Organisations;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Auth;

/// <summary>
/// Turns an authenticated principal (cookie user or API key) into a <see cref="Caller"/>:
/// organisation, permissions from roles, and the data scope. Reads with the system scope
/// because it is what decides the scope.
/// </summary>
public sealed class CallerResolver(EtownDb db, TimeProvider clock)
{
    public const string ApiKeyClaim = "etown:apikey";
    /// <summary>Identity's default claim type for the security stamp (IdentityOptions.ClaimsIdentity.SecurityStampClaimType).</summary>
    public const string SecurityStampClaim = "AspNet.Identity.SecurityStamp";

    public async Task ResolveAsync(Caller caller, ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (principal.Identity?.IsAuthenticated != true) { caller.SetAnonymous(); return; }
        await using var ctx = db.CreateSystem();

        if (principal.FindFirstValue(ApiKeyClaim) is { } keyId && Guid.TryParse(keyId, out var kid))
        {
            var key = await ctx.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == kid && k.RevokedAt == null, ct);
            var keyOrg = key is null ? null : await ctx.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == key.OrganisationId && o.IsActive, ct);
            if (key is null || keyOrg is null) { caller.SetAnonymous(); return; }
            var keyPerms = await PermissionsOfRoles(ctx, [key.RoleId], ct);
            caller.Set(null, $"apikey:{key.Prefix}", $"接口密钥 {key.Name}", keyOrg, keyPerms, [],
                await ScopeOf(ctx, keyOrg, ct), isApiKey: true);
            return;
        }

        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)) { caller.SetAnonymous(); return; }
        var user = await ctx.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.IsActive, ct);
        var org = user is null ? null : await ctx.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == user.OrganisationId && o.IsActive, ct);
        if (user is null || org is null) { caller.SetAnonymous(); return; }
        // Issue #17 finding 5: a cookie from before sign-out, a password or a role change carries an old stamp.
        if (principal.FindFirstValue(SecurityStampClaim) != user.SecurityStamp) { caller.SetAnonymous(); return; }
        var roleIds = await ctx.UserRoles.Where(r => r.UserId == userId).Select(r => r.RoleId).ToListAsync(ct);
        var roleNames = await ctx.Roles.Where(r => roleIds.Contains(r.Id)).Select(r => r.Name!).ToListAsync(ct);
        var perms = await PermissionsOfRoles(ctx, roleIds, ct);
        var scope = await ScopeOf(ctx, org, ct) with { UserId = user.Id };
        caller.Set(user.Id, user.UserName!, user.DisplayName, org, perms, roleNames, scope, isApiKey: false);
    }

    static async Task<IReadOnlySet<string>> PermissionsOfRoles(EtownDbContext ctx, List<Guid> roleIds, CancellationToken ct) =>
        (await ctx.RoleClaims.Where(c => roleIds.Contains(c.RoleId) && c.ClaimType == Permissions.ClaimType)
            .Select(c => c.ClaimValue!).ToListAsync(ct)).ToHashSet();

    async Task<DataScope> ScopeOf(EtownDbContext ctx, Organisation org, CancellationToken ct)
    {
        if (!Organisation.IsAssignmentScoped(org.Kind))
            return DataScope.ForRegion(org.RegionCode, org.Id);
        // Operators, third parties and market entities: only the e-towns they are assigned to, while the assignment runs.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var ids = await ctx.EtownAssignments.AsNoTracking()
            .Where(a => a.OrganisationId == org.Id
                        && (a.ValidFrom == null || a.ValidFrom <= today)
                        && (a.ValidTo == null || a.ValidTo >= today))
            .Select(a => a.EtownId).Distinct().ToArrayAsync(ct);
        return DataScope.ForAssignments(ids, org.Id);
    }
}
