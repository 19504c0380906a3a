using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ETown.Web.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ETown.Web.Platform.Auth;

/// <summary>
/// Machine clients send <c>X-Api-Key: etk_{prefix}_{secret}</c>. Only the SHA-256 of the full key is
/// stored; a revoked key or an inactive organisation authenticates nobody (issue #2 §6).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, EtownDb db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return AuthenticateResult.NoResult();
        var presented = values.ToString();
        var prefix = ApiKeys.PrefixOf(presented);
        if (prefix is null) return AuthenticateResult.Fail("malformed api key");
        await using var ctx = db.CreateSystem();
        var key = await ctx.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null);
        if (key is null || !ApiKeys.Matches(presented, key.SecretHash)) return AuthenticateResult.Fail("invalid api key");
        // TimeProvider: the handler's clock, the registered one (AuthenticationSchemeOptions.TimeProvider).
        var now = TimeProvider.GetUtcNow();
        await ctx.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now));
        var identity = new ClaimsIdentity([new Claim(CallerResolver.ApiKeyClaim, key.Id.ToString()), new Claim(ClaimTypes.Name, "apikey:" + key.Prefix)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

public static class ApiKeys
{
    public static (string Plain, string Prefix, string Hash) Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(24));
        var plain = $"etk_{prefix}_{secret}";
        return (plain, prefix, Hash(plain));
    }

    public static string? PrefixOf(string presented)
    {
        var parts = presented.Split('_');
        return parts.Length == 3 && parts[0] == "etk" && parts[1].Length == 8 ? parts[1] : null;
    }

    public static string Hash(string plain) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plain)));

    public static bool Matches(string presented, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));

    static string Base64Url(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '-');
}
