using System.Reflection;
using ETown.Web.Platform.Data;

namespace ETown.Web.Platform.Auth;

/// <summary>
/// One operation on one kind of resource ("edit" a declaration, "approve" a statistics report) — the operation half of
/// ASP.NET Core's resource-based authorization (<c>OperationAuthorizationRequirement</c>), named per feature in an
/// <c>XxxOperations</c> class next to its handler.
/// </summary>
public sealed record Operation(string Name, string Label)
{
    public override string ToString() => Name;
}

/// <summary>The answer of a handler: allowed, or denied with the Chinese reason shown to the user.</summary>
public readonly record struct Decision(bool IsAllowed, string? Reason)
{
    public static readonly Decision Allow = new(true, null);
    public static Decision Deny(string reason) => new(false, reason);
    /// <summary>Denied for a missing permission, worded like <see cref="Caller.Require"/>.</summary>
    public static Decision Lacks(string permission) => new(false, $"您没有“{Permissions.Label(permission)}”权限。");
    public static Decision When(bool allowed, string reason) => allowed ? Allow : Deny(reason);
}

/// <summary>
/// "May this caller do this operation on this resource?" for one resource type (issue #9 item 3). A handler combines
/// the permission (<see cref="Caller.Has"/>) with the caller's <see cref="ScopeLevel"/> and the object's region; it is
/// stateless (a singleton) and reads nothing but its arguments, so the same rule serves services, pages and endpoints.
/// Handlers are registered by one assembly scan (<see cref="AuthorizationRegistration.AddResourceAuthorization"/>).
/// </summary>
public interface IResourceHandler<in TResource>
{
    Decision Decide(Operation operation, TResource resource, Caller caller);
}

/// <summary>
/// The one entry point for resource-based authorization: services call <see cref="Require{T}"/> before they act,
/// pages and view models <see cref="Can{T}"/> to show or hide an action. Scoped, so it sees the request's (or the Blazor
/// circuit's) <see cref="Caller"/>. We use our own synchronous handler interface rather than
/// <c>IAuthorizationService</c> because pages decide while rendering and Blazor circuits have no convenient
/// <c>ClaimsPrincipal</c>; the shape (operation + resource + handler per resource type) is the same.
/// </summary>
public sealed class Authorizer(Caller caller, IServiceProvider services)
{
    public Caller Caller => caller;

    /// <summary>The same handlers for another caller (e.g. the anonymous public view).</summary>
    public Authorizer For(Caller other) => new(other, services);

    public Decision Decide<TResource>(Operation operation, TResource resource)
    {
        var handler = services.GetService<IResourceHandler<TResource>>()
                      ?? throw new InvalidOperationException($"No IResourceHandler<{typeof(TResource).Name}> is registered.");
        return handler.Decide(operation, resource, caller);
    }

    public bool Can<TResource>(Operation operation, TResource resource) => Decide(operation, resource).IsAllowed;

    /// <summary>Throws 401 for an anonymous caller, otherwise <see cref="ForbiddenException"/> with the handler's reason.</summary>
    public void Require<TResource>(Operation operation, TResource resource)
    {
        if (!caller.IsAuthenticated) throw new DomainException(AuthErrors.SignInRequired, "请先登录。", 401);
        var d = Decide(operation, resource);
        if (!d.IsAllowed) throw new ForbiddenException(d.Reason ?? $"您无权{operation.Label}。");
    }
}

public static class AuthorizationRegistration
{
    /// <summary>The <see cref="Authorizer"/> plus every <see cref="IResourceHandler{TResource}"/> of the assembly.</summary>
    public static IServiceCollection AddResourceAuthorization(this IServiceCollection services, Assembly? assembly = null)
    {
        services.AddScoped<Authorizer>();
        foreach (var type in (assembly ?? typeof(Authorizer).Assembly).GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IResourceHandler<>)))
                services.AddSingleton(contract, type);
        return services;
    }
}
