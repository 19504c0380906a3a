using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Organisations;

public sealed record UserRow(Guid Id, string UserName, string DisplayName, Guid OrganisationId, string OrganisationName,
    string RegionName, string? MaskedPhone, string? Email, bool IsActive, bool TwoFactorEnabled, bool IsLockedOut,
    IReadOnlyList<string> Roles);

public sealed class UserInput
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public Guid OrganisationId { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Password { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>
/// User administration. Users are listed through the caller's visible organisations (the scope);
/// personal data is masked and every unmasking is audited (architecture: personal data).
/// Separation of duties: nobody changes their own roles; roles holding audit, security or system
/// duties are granted only by the security administrator.
/// </summary>
public sealed class UserService(EtownDb db, Caller caller, UserManager<AppUser> users, RegionDirectory regions, TimeProvider clock, SignInThrottle throttle)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(string? search = null, Guid? organisationId = null, CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.UserRead);
        await using var ctx = db.Create(caller);
        var visibleOrgs = ctx.Organisations.Select(o => o.Id); // scoped by the query filter
        var q = ctx.Users.AsNoTracking().Where(u => visibleOrgs.Contains(u.OrganisationId));
        if (organisationId is { } oid) q = q.Where(u => u.OrganisationId == oid);
        if (!string.IsNullOrWhiteSpace(search)) q = q.Where(u => u.UserName!.Contains(search) || u.DisplayName.Contains(search));
        var list = await q.OrderBy(u => u.UserName).Take(500).ToListAsync(ct);
        return await ToRows(ctx, list, ct);
    }

    public async Task<UserRow> GetAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.UserRead);
        await using var ctx = db.Create(caller);
        var u = await FindVisible(ctx, id, ct);
        return (await ToRows(ctx, [u], ct))[0];
    }

    /// <summary>Shows the full phone number and records who looked (issue #2 §7: unmasking is a security event).</summary>
    public async Task<string?> RevealPhoneAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.UserUnmask);
        await using var ctx = db.Create(caller);
        var u = await FindVisible(ctx, id, ct);
        ctx.AddAuditEvent("Unmask", nameof(AppUser), u.Id.ToString(), "Success", after: new { field = "PhoneNumber" });
        await ctx.SaveChangesAsync(ct);
        return u.PhoneNumber;
    }

    public async Task<Guid> CreateAsync(UserInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.UserManage);
        await RequireVisibleOrg(input.OrganisationId, ct);
        Validate(input, creating: true);
        var user = new AppUser
        {
            UserName = input.UserName.Trim(), DisplayName = input.DisplayName.Trim(), OrganisationId = input.OrganisationId,
            Email = Clean(input.Email), PhoneNumber = Clean(input.Phone), IsActive = input.IsActive,
            CreatedAt = clock.GetUtcNow(), LockoutEnabled = true,
        };
        Check(await users.CreateAsync(user, input.Password!));
        return user.Id;
    }

    public async Task UpdateAsync(Guid id, UserInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.UserManage);
        await using (var ctx = db.Create(caller)) await FindVisible(ctx, id, ct);
        await RequireVisibleOrg(input.OrganisationId, ct);
        Validate(input, creating: false);
        if (id == caller.UserId && !input.IsActive) throw new DomainException(OrganisationErrors.DeactivateSelf, "不能停用自己的账户。");
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException("用户");
        user.DisplayName = input.DisplayName.Trim();
        user.OrganisationId = input.OrganisationId;
        user.Email = Clean(input.Email);
        user.PhoneNumber = Clean(input.Phone);
        user.IsActive = input.IsActive;
        Check(await users.UpdateAsync(user));
        if (!string.IsNullOrEmpty(input.Password))
        {
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, input.Password));
        }
    }

    public async Task UnlockAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.UserManage);
        await using (var ctx = db.Create(caller)) await FindVisible(ctx, id, ct);
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException("用户");
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        throttle.Reset(user.UserName!); // issue #17: the sign-in throttle's counters for this name go too
    }

    /// <summary>Replaces the user's roles, enforcing the separation of duties.</summary>
    public async Task SetRolesAsync(Guid id, IReadOnlyCollection<string> roleNames, CancellationToken ct = default)
    {
        if (!caller.Has(Permissions.Org.UserManage) && !caller.Has(Permissions.Security.RoleManage))
            throw new ForbiddenException();
        if (id == caller.UserId) throw new DomainException(OrganisationErrors.OwnRoles, "不能修改自己的角色（三权分立）。", 403);
        await using var ctx = db.Create(caller);
        await FindVisible(ctx, id, ct);
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException("用户");
        var current = await users.GetRolesAsync(user);
        var privileged = await PrivilegedRoleNames(ctx, ct);
        foreach (var changed in current.Except(roleNames).Concat(roleNames.Except(current)))
        {
            if (!await ctx.Roles.AnyAsync(r => r.Name == changed, ct)) throw new DomainException(OrganisationErrors.UnknownRole, $"角色“{changed}”不存在。");
            var need = privileged.Contains(changed) ? Permissions.Security.RoleManage : Permissions.Org.UserManage;
            if (!caller.Has(need))
                throw new ForbiddenException(privileged.Contains(changed)
                    ? $"“{changed}”是管理员角色，只能由安全管理员授予或收回（三权分立）。"
                    : $"授予或收回“{changed}”需要用户管理权限。");
        }
        // Issue #17 findings 1 and 3: at most one admin role / one duty per user; each new role fits the user's organisation level.
        var finalRoleIds = await ctx.Roles.Where(r => roleNames.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
        var finalPermissions = await ctx.RoleClaims.Where(c => finalRoleIds.Contains(c.RoleId) && c.ClaimType == Permissions.ClaimType)
            .Select(c => c.ClaimValue!).ToListAsync(ct);
        if (SeparationOfDuties.RoleSetViolation(roleNames, finalPermissions) is { } sod)
            throw new DomainException(AuthErrors.SeparationOfDuties, sod);
        var orgKind = await ctx.Organisations.IgnoreQueryFilters().Where(o => o.Id == user.OrganisationId).Select(o => (OrganisationKind?)o.Kind).FirstOrDefaultAsync(ct);
        if (orgKind is { } kind)
            foreach (var added in roleNames.Except(current))
                if (SeparationOfDuties.LevelMismatch(added, kind) is { } mismatch) throw new DomainException(AuthErrors.RoleLevelMismatch, mismatch);
        Check(await users.RemoveFromRolesAsync(user, current.Except(roleNames)));
        Check(await users.AddToRolesAsync(user, roleNames.Except(current)));
        Check(await users.UpdateSecurityStampAsync(user)); // finding 5: a role change ends the user's sessions
        ctx.AddAuditEvent("RoleChange", nameof(AppUser), id.ToString(), "Success",
            before: new { roles = current.Order().ToArray() }, after: new { roles = roleNames.Order().ToArray() });
        await ctx.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<string>> AssignableRolesAsync(CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var privileged = await PrivilegedRoleNames(ctx, ct);
        var all = await ctx.Roles.OrderBy(r => r.Name).Select(r => r.Name!).ToListAsync(ct);
        return all.Where(r => caller.Has(privileged.Contains(r) ? Permissions.Security.RoleManage : Permissions.Org.UserManage)).ToList();
    }

    /// <summary>Roles holding any audit/security/system duty permission.</summary>
    static async Task<HashSet<string>> PrivilegedRoleNames(EtownDbContext ctx, CancellationToken ct)
    {
        var claims = await ctx.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType)
            .Select(c => new { c.RoleId, c.ClaimValue }).ToListAsync(ct);
        var ids = claims.Where(c => Permissions.DutyOf(c.ClaimValue!) is not null).Select(c => c.RoleId).ToHashSet();
        return (await ctx.Roles.Where(r => ids.Contains(r.Id)).Select(r => r.Name!).ToListAsync(ct)).ToHashSet();
    }

    async Task<AppUser> FindVisible(EtownDbContext ctx, Guid id, CancellationToken ct)
    {
        var visibleOrgs = ctx.Organisations.Select(o => o.Id);
        return await ctx.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && visibleOrgs.Contains(u.OrganisationId), ct)
               ?? throw new NotFoundException("用户");
    }

    async Task RequireVisibleOrg(Guid orgId, CancellationToken ct)
    {
        await using var ctx = db.Create(caller);
        if (!await ctx.Organisations.AnyAsync(o => o.Id == orgId, ct))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["OrganisationId"] = ["请选择本辖区内的所属单位。"] });
    }

    static void Validate(UserInput i, bool creating)
    {
        var errors = new FieldErrors();
        if (creating && (string.IsNullOrWhiteSpace(i.UserName) || i.UserName.Trim().Length is < 3 or > 64))
            errors.Add(nameof(i.UserName), "用户名长度应为 3–64 个字符。");
        if (string.IsNullOrWhiteSpace(i.DisplayName) || i.DisplayName.Trim().Length > 64) errors.Add(nameof(i.DisplayName), "请填写姓名（不超过 64 字）。");
        if (creating && string.IsNullOrEmpty(i.Password)) errors.Add(nameof(i.Password), "请设置初始密码。");
        if (!string.IsNullOrWhiteSpace(i.Phone) && !System.Text.RegularExpressions.Regex.IsMatch(i.Phone.Trim(), @"^(1\d{10}|0\d{2,3}-?\d{7,8})$"))
            errors.Add(nameof(i.Phone), "电话号码格式不正确（手机 11 位或带区号的固定电话）。");
        if (!string.IsNullOrWhiteSpace(i.Email) && !i.Email.Contains('@')) errors.Add(nameof(i.Email), "电子邮箱格式不正确。");
        errors.ThrowIfAny();
    }

    static void Check(IdentityResult r)
    {
        if (!r.Succeeded)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["Identity"] = r.Errors.Select(e => e.Description).ToArray() });
    }

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>138****5678: personal data is masked unless unmasked on purpose.</summary>
    public static string? Mask(string? phone) => phone is null ? null
        : phone.Length >= 7 ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..] : "****";

    async Task<IReadOnlyList<UserRow>> ToRows(EtownDbContext ctx, List<AppUser> list, CancellationToken ct)
    {
        var ids = list.Select(u => u.Id).ToList();
        var orgIds = list.Select(u => u.OrganisationId).Distinct().ToList();
        var orgs = await ctx.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var roles = (await ctx.UserRoles.Where(ur => ids.Contains(ur.UserId))
                .Join(ctx.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name!);
        var now = clock.GetUtcNow();
        return list.Select(u =>
        {
            var org = orgs.GetValueOrDefault(u.OrganisationId);
            return new UserRow(u.Id, u.UserName!, u.DisplayName, u.OrganisationId, org?.Name ?? "", regions.FullName(org?.RegionCode),
                Mask(u.PhoneNumber), u.Email, u.IsActive, u.TwoFactorEnabled, u.LockoutEnd > now, roles[u.Id].Order().ToList());
        }).ToList();
    }
}
