using System.Globalization;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using ETown.Web.Platform;
using Microsoft.AspNetCore.DataProtection;

namespace ETown.Web.Features.Disclosure;

/// <summary>A human check: an arithmetic question and its server-signed, time-limited token.</summary>
public sealed record HumanChallenge(string Question, string Token);

/// <summary>
/// Abuse guards of the anonymous forms (issue #13 "Bad input and abuse"): per-address rate limits from
/// System.Threading.RateLimiting (the limiter ASP.NET Core's rate-limiting middleware is built on) — one for form
/// submissions, a stricter one for wrong tracking codes — and an arithmetic question whose answer travels only inside a
/// Data Protection token (signed, encrypted, 20 minutes), so no server state is needed. In memory per instance, like
/// the sign-in throttle.
/// </summary>
public sealed class DisclosureGuard : IDisposable
{
    const string ChallengePurpose = "ETown.Disclosure.HumanCheck.v1";
    readonly ITimeLimitedDataProtector _challenge;
    readonly PartitionedRateLimiter<string> _forms;
    readonly PartitionedRateLimiter<string> _wrongCodes;

    public DisclosureGuard(IDataProtectionProvider protection, IConfiguration config)
    {
        _challenge = protection.CreateProtector(ChallengePurpose).ToTimeLimitedDataProtector();
        var window = TimeSpan.FromMinutes(config.GetValue("Disclosure:WindowMinutes", 10));
        var forms = config.GetValue("Disclosure:FormsPerWindow", 10);
        var codes = config.GetValue("Disclosure:WrongCodesPerWindow", 5);
        _forms = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = forms, Window = window, QueueLimit = 0, AutoReplenishment = true }));
        _wrongCodes = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = codes, Window = window, QueueLimit = 0, AutoReplenishment = true }));
    }

    static string Key(string? ip) => string.IsNullOrEmpty(ip) ? "-" : ip;

    public HumanChallenge NewChallenge()
    {
        var a = RandomNumberGenerator.GetInt32(2, 20);
        var b = RandomNumberGenerator.GetInt32(1, 10);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var token = _challenge.Protect((a + b).ToString(CultureInfo.InvariantCulture) + "|" + nonce, TimeSpan.FromMinutes(20));
        return new HumanChallenge($"{a} + {b} = ?", token);
    }

    /// <summary>Counts one anonymous form submission for the address and checks the human answer; throws 429 / 400.</summary>
    public void CheckForm(string? ip, string? token, string? answer)
    {
        using (var lease = _forms.AttemptAcquire(Key(ip)))
            if (!lease.IsAcquired)
                throw new DomainException(DisclosureErrors.TooMany, "提交过于频繁，请稍后再试。", 429);
        string expected;
        try { expected = _challenge.Unprotect(token ?? "").Split('|')[0]; }
        catch (CryptographicException) { throw new DomainException(DisclosureErrors.HumanCheck, "验证问题已过期或无效，请刷新页面重新作答。", 400); }
        if (!string.Equals(expected, answer?.Trim(), StringComparison.Ordinal))
            throw new DomainException(DisclosureErrors.HumanCheck, "验证问题回答不正确。", 400);
    }

    /// <summary>True while the address may still try codes (a blocked address gets no answer, right or wrong).</summary>
    public void EnsureMayTryCode(string? ip)
    {
        using var lease = _wrongCodes.AttemptAcquire(Key(ip), 0);
        if (!lease.IsAcquired) throw new DomainException(DisclosureErrors.TooMany, "查询码错误次数过多，请稍后再试。", 429);
    }

    public void WrongCode(string? ip) => _wrongCodes.AttemptAcquire(Key(ip)).Dispose();

    public void Dispose()
    {
        _forms.Dispose();
        _wrongCodes.Dispose();
    }
}
