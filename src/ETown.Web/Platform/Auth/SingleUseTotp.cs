using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace ETown.Web.Platform.Auth;

/// <summary>
/// RFC 6238 authenticator codes that work once (issue #17 finding 6, 等保 2.0 8.1.4.1 身份鉴别 — 防重放): the
/// time step of the last accepted code is kept in the user's tokens, and a code of that step or an earlier one
/// is refused. Two concurrent uses of one code race on the user's concurrency stamp, so only one wins.
/// </summary>
public sealed class SingleUseTotpProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "EtownTotp";
    const string Store = "[EtownTotp]", LastStep = "LastStep";
    /// <summary>Steps of clock drift accepted either way (as the framework's authenticator provider does).</summary>
    const int Drift = 2;

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        var secret = Base32(key);
        long? matched = null;
        for (var step = now - Drift; step <= now + Drift; step++)
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token)))
                matched = step;
        if (matched is not { } used) return false;
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, Store, LastStep), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : long.MinValue;
        if (used <= last) return false; // replay: this code (or an older one) was already used
        var saved = await manager.SetAuthenticationTokenAsync(user, Store, LastStep, used.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }

    public static string Code(byte[] secret, long step)
    {
        Span<byte> msg = stackalloc byte[8];
        for (var i = 7; i >= 0; i--) { msg[i] = (byte)(step & 0xff); step >>= 8; }
        var hash = HMACSHA1.HashData(secret, msg);
        var o = hash[^1] & 0x0f;
        var bin = ((hash[o] & 0x7f) << 24) | (hash[o + 1] << 16) | (hash[o + 2] << 8) | hash[o + 3];
        return (bin % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(text.Length * 5 / 8);
        int acc = 0, bits = 0;
        foreach (var ch in text.ToUpperInvariant())
        {
            if (ch is '=' or ' ' or '-') continue;
            var v = alphabet.IndexOf(ch);
            if (v < 0) return [];
            acc = (acc << 5) | v; bits += 5;
            if (bits >= 8) { output.Add((byte)(acc >> (bits - 8))); bits -= 8; acc &= (1 << bits) - 1; }
        }
        return [.. output];
    }
}
