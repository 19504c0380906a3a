using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Organisations;

public sealed record ApiKeyRow(Guid Id, string Name, string Prefix, string OrganisationName, string RoleName,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>The plain key is returned exactly once, at creation.</summary>
public sealed record CreatedApiKey(Guid Id, string Key);

/// <summary>
/// Per-organisation API keys for machine clients (issue #2 §6): stored hashed, scoped like their
/// organisation, carrying one role the creator holds, revocable.
/// </summary>
public sealed class ApiKeyService(EtownDb db, Caller caller, TimeProvider clock)
{
    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.ApiKeyManage);
        await using var ctx = db.Create(caller);
        var keys = await ctx.ApiKeys.AsNoTracking().Where(k => k.OrganisationId == caller.OrganisationId)
            .OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        var roleNames = await ctx.Roles.ToDictionaryAsync(r => r.Id, r => r.Name!, ct);
        return keys.Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, caller.OrganisationName ?? "", roleNames.GetValueOrDefault(k.RoleId, "?"),
            k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToList();
    }

    public async Task<CreatedApiKey> CreateAsync(string name, string roleName, CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.ApiKeyManage);
        if (caller.OrganisationId is not { } orgId || caller.UserId is not { } userId) throw new ForbiddenException("接口密钥只能由本单位用户创建。");
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 64)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["Name"] = ["请填写密钥用途（不超过 64 字）。"] });
        // A key can never carry more than its creator: only one of the creator's own, non-privileged roles.
        if (!caller.Roles.Contains(roleName))
            throw new DomainException(OrganisationErrors.ApiKeyRoleNotHeld, "只能为密钥选择您本人持有的角色。", 403);
        await using var ctx = db.Create(caller);
        var role = await ctx.Roles.FirstAsync(r => r.Name == roleName, ct);
        var perms = await ctx.RoleClaims.Where(c => c.RoleId == role.Id && c.ClaimType == Permissions.ClaimType).Select(c => c.ClaimValue!).ToListAsync(ct);
        if (perms.Any(p => Permissions.DutyOf(p) is not null))
            throw new DomainException(OrganisationErrors.ApiKeyAdminRole, "管理员角色不能用于接口密钥。", 403);
        var (plain, prefix, hash) = ApiKeys.Generate();
        var key = new ApiKey { OrganisationId = orgId, Name = name.Trim(), Prefix = prefix, SecretHash = hash, RoleId = role.Id,
            CreatedAt = clock.GetUtcNow(), CreatedBy = userId };
        ctx.ApiKeys.Add(key);
        await ctx.SaveChangesAsync(ct);
        return new(key.Id, plain);
    }

    public async Task RevokeAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.ApiKeyManage);
        await using var ctx = db.Create(caller);
        var key = await ctx.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.OrganisationId == caller.OrganisationId, ct)
                  ?? throw new NotFoundException("接口密钥");
        if (key.RevokedAt is not null) throw new DomainException(OrganisationErrors.ApiKeyRevoked, "该密钥已吊销。", 409);
        key.RevokedAt = clock.GetUtcNow();
        await ctx.SaveChangesAsync(ct);
    }
}
