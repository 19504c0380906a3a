using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ETown.Web.Platform.Auth;

/// <summary>Policy "perm:Group.Resource.Action" ⇒ the caller's roles must grant that permission.</summary>
public sealed class PermissionRequirement(string permission) : IAuthorizationRequirement
{
    public string Permission { get; } = permission;
}

public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options, Modules.ModuleCatalog modules) : DefaultAuthorizationPolicyProvider(options)
{
    public const string Prefix = "perm:";

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!policyName.StartsWith(Prefix, StringComparison.Ordinal)) return await base.GetPolicyAsync(policyName);
        var permission = policyName[Prefix.Length..];
        if (!modules.PermissionExists(permission)) throw new InvalidOperationException($"Unknown permission {permission}");
        return new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .AddRequirements(new PermissionRequirement(permission)).Build();
    }
}

/// <summary>Checks the permission against the caller resolved for this request or circuit.</summary>
public sealed class PermissionHandler(Caller caller, CallerResolver resolver) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (!caller.IsResolved) await resolver.ResolveAsync(caller, context.User);
        if (caller.IsAuthenticated && caller.Has(requirement.Permission)) context.Succeed(requirement);
    }
}

/// <summary>Marks a page or endpoint as needing one permission.</summary>
public sealed class RequirePermissionAttribute(string permission) : AuthorizeAttribute(PermissionPolicyProvider.Prefix + permission);
