using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ETown.Web.Platform.Auth;

/// <summary>
/// Interactive components run in a circuit, not an HTTP request: resolve the circuit's
/// <see cref="Caller"/> from its authentication state before any inbound activity is handled.
/// </summary>
public sealed class CallerCircuitHandler(Caller caller, CallerResolver resolver, AuthenticationStateProvider auth, IHttpContextAccessor http) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct) => await EnsureAsync();

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context => { await EnsureAsync(); await next(context); };

    async Task EnsureAsync()
    {
        if (caller.IsResolved) return;
        caller.Ip ??= http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var state = await auth.GetAuthenticationStateAsync();
        await resolver.ResolveAsync(caller, state.User);
    }
}
