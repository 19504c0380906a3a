using Microsoft.AspNetCore.Mvc;

namespace ETown.Web.Platform.Auth;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token (a GET could be triggered by any link).</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async ([FromForm] string? reason, SignInService s, Caller c) =>
        {
            await s.SignOutAsync(c, reason == "idle" ? "idle" : "user");
            return TypedResults.LocalRedirect(reason == "idle" ? "/account/login?idle=1" : "/account/login");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
