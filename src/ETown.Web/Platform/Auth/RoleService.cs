using System.Security.Claims;
using ETown.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Auth;

public sealed record RoleRow(Guid Id, string Name, string? Description, bool RequiresTwoFactor, bool IsBuiltIn,
    IReadOnlyList<string> Permissions, int UserCount);

/// <summary>
/// Roles and their permissions. Only the security administrator edits them (三权分立), and a role
/// may not combine audit, security and system duties.
/// </summary>
public sealed class RoleService(EtownDb db, Caller caller, RoleManager<AppRole> roles, Modules.ModuleCatalog modules)
{
    public async Task<IReadOnlyList<RoleRow>> ListAsync(CancellationToken ct = default)
    {
        if (!caller.Has(Permissions.Security.RoleRead) && !caller.Has(Permissions.Org.UserManage)) throw new ForbiddenException();
        await using var ctx = db.Create(caller);
        var all = await ctx.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var claims = (await ctx.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType).ToListAsync(ct)).ToLookup(c => c.RoleId, c => c.ClaimValue!);
        var counts = await ctx.UserRoles.GroupBy(u => u.RoleId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return all.Select(r => new RoleRow(r.Id, r.Name!, r.Description, r.RequiresTwoFactor, r.IsBuiltIn,
            claims[r.Id].Order().ToList(), counts.GetValueOrDefault(r.Id))).ToList();
    }

    public async Task<RoleRow> GetAsync(Guid id, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(r => r.Id == id) ?? throw new NotFoundException("角色");

    public async Task<Guid> CreateAsync(string name, string? description, CancellationToken ct = default)
    {
        caller.Require(Permissions.Security.RoleManage);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 64)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["Name"] = ["请填写角色名称（不超过 64 字）。"] });
        var role = new AppRole { Name = name.Trim(), Description = description?.Trim() };
        var r = await roles.CreateAsync(role);
        if (!r.Succeeded) throw new DomainException(AuthErrors.RoleUpdateFailed, string.Join("；", r.Errors.Select(e => e.Description)), 409);
        return role.Id;
    }

    /// <summary>Checks that a permission set respects 三权分立: at most one of the audit, security and system duties.</summary>
    public static string? SeparationViolation(IEnumerable<string> permissions)
    {
        var duties = permissions.Select(Permissions.DutyOf).OfType<string>().Distinct().ToList();
        return duties.Count > 1 ? $"同一角色不能同时承担{string.Join("、", duties)}职责（三权分立）。" : null;
    }

    public async Task SetPermissionsAsync(Guid roleId, IReadOnlyCollection<string> permissions, bool requiresTwoFactor, CancellationToken ct = default)
    {
        caller.Require(Permissions.Security.RoleManage);
        var unknown = permissions.Where(p => !modules.PermissionExists(p)).ToList();
        if (unknown.Count > 0) throw new DomainException(AuthErrors.UnknownPermission, $"未知权限：{string.Join("、", unknown)}");
        await using var ctx = db.Create(caller);
        var role = await ctx.Roles.FirstOrDefaultAsync(r => r.Id == roleId, ct) ?? throw new NotFoundException("角色");
        // Issue #17 finding 2: the audit role is fixed; Audit.* only on it; admin roles keep two-factor.
        if (SeparationOfDuties.IsFixedRole(role.Name))
            throw new DomainException(AuthErrors.FixedRole, $"“{role.Name}”的权限由平台固定，任何人不能修改（三权分立）。", 403);
        if (SeparationOfDuties.PermissionSetViolation(role.Name, permissions) is { } violation) throw new DomainException(AuthErrors.SeparationOfDuties, violation);
        // Editing a role one holds would let the security administrator widen his own rights.
        if (caller.UserId is { } me && await ctx.UserRoles.AnyAsync(ur => ur.UserId == me && ur.RoleId == roleId, ct))
            throw new DomainException(AuthErrors.OwnRolePermissions, "不能修改自己所持有角色的权限（三权分立）。", 403);
        // A privileged duty always needs a second factor.
        if (permissions.Any(p => Permissions.DutyOf(p) is not null) || SeparationOfDuties.AlwaysTwoFactor(role.Name)) requiresTwoFactor = true;
        var existing = await ctx.RoleClaims.Where(c => c.RoleId == roleId && c.ClaimType == Permissions.ClaimType).ToListAsync(ct);
        var before = existing.Select(c => c.ClaimValue!).Order().ToArray();
        ctx.RoleClaims.RemoveRange(existing.Where(c => !permissions.Contains(c.ClaimValue!)));
        foreach (var p in permissions.Except(before))
            ctx.RoleClaims.Add(new IdentityRoleClaim<Guid> { RoleId = roleId, ClaimType = Permissions.ClaimType, ClaimValue = p });
        role.RequiresTwoFactor = requiresTwoFactor;
        ctx.AddAuditEvent("RolePermissionsChange", nameof(AppRole), roleId.ToString(), "Success",
            before: new { permissions = before }, after: new { permissions = permissions.Order().ToArray(), requiresTwoFactor });
        await ctx.SaveChangesAsync(ct);
    }

    internal static Claim PermissionClaim(string p) => new(Permissions.ClaimType, p);
}
