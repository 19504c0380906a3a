using ETown.Web.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Auth;

public enum SignInOutcome { Succeeded, Failed, LockedOut, RequiresTwoFactor, MustEnrolTwoFactor, Inactive }

public sealed record SignInAttempt(SignInOutcome Outcome, string Message, string? EnrolmentTicket = null);

/// <summary>
/// Password and TOTP sign-in (issue #2 §6) with the login log and audit for every attempt.
/// Admin roles (<see cref="AppRole.RequiresTwoFactor"/>) cannot sign in until TOTP is enrolled.
/// </summary>
public sealed class SignInService(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, EtownDb db,
    IDataProtectionProvider protection, TimeProvider clock, IHttpContextAccessor http, SignInThrottle throttle)
{
    const string WrongCredentials = "用户名或密码错误。";

    /// <summary>A hash of a random password: unknown names cost the same hashing as known ones (finding 7).</summary>
    static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser { DisplayName = "-" }, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    readonly ITimeLimitedDataProtector _tickets = protection.CreateProtector("etown.2fa-enrolment").ToTimeLimitedDataProtector();

    /// <summary>
    /// Issue #17 finding 7: one answer and one cost for every failure — unknown name, wrong password,
    /// inactive account — and a lock-out counted per (name, address) and per address, so a lock-out says
    /// nothing about whether the name exists and nobody locks a colleague out from elsewhere.
    /// </summary>
    public async Task<SignInAttempt> PasswordAsync(string userName, string password)
    {
        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        if (userName.Length > 256) userName = userName[..256];
        var user = await users.FindByNameAsync(userName.Trim());
        if (throttle.BlockedMinutes(userName, ip) is { } blocked)
            return await Log(userName, user?.Id, SignInOutcome.LockedOut, "账户锁定", LockedMessage(blocked));
        if (user is null)
        {
            new PasswordHasher<AppUser>().VerifyHashedPassword(new AppUser { DisplayName = "-" }, DummyHash.Value, password);
            return await Failed(userName, null, ip, "用户不存在");
        }

        if (await MustEnrolAsync(user))
        {
            var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
            if (check.IsLockedOut) return await LockedOut(user);
            if (!check.Succeeded) return await Failed(userName, user.Id, ip, "密码错误");
            if (!user.IsActive) return await Log(userName, user.Id, SignInOutcome.Inactive, "账户已停用", "该账户已停用，请联系系统管理员。");
            throttle.Succeeded(userName, ip);
            var ticket = _tickets.Protect(user.Id.ToString(), TimeSpan.FromMinutes(10));
            return await Log(userName, user.Id, SignInOutcome.MustEnrolTwoFactor, "密码正确，须先绑定动态口令",
                "您的角色要求双因素认证，请先绑定身份验证器。", ticket);
        }

        if (!user.IsActive)
        {
            // The inactive notice only for the right password: otherwise it would confirm the name.
            var ok = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
            return ok.Succeeded ? await Log(userName, user.Id, SignInOutcome.Inactive, "账户已停用", "该账户已停用，请联系系统管理员。")
                : await Failed(userName, user.Id, ip, "密码错误");
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded) { throttle.Succeeded(userName, ip); return await Log(userName, user.Id, SignInOutcome.Succeeded, "登录成功", "登录成功。"); }
        if (result.RequiresTwoFactor) { throttle.Succeeded(userName, ip); return await Log(userName, user.Id, SignInOutcome.RequiresTwoFactor, "密码正确，等待动态口令", "请输入身份验证器中的 6 位动态口令。"); }
        if (result.IsLockedOut) return await LockedOut(user);
        return await Failed(userName, user.Id, ip, "密码错误");
    }

    async Task<SignInAttempt> Failed(string userName, Guid? userId, string? ip, string detail)
    {
        throttle.Failed(userName, ip);
        // The attempt that reaches the limit already answers "locked", for known and unknown names alike.
        return throttle.BlockedMinutes(userName, ip) is { } m
            ? await Log(userName, userId, SignInOutcome.LockedOut, "账户锁定", LockedMessage(m))
            : await Log(userName, userId, SignInOutcome.Failed, detail, WrongCredentials);
    }

    static string LockedMessage(int minutes) => $"连续登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试。";

    public async Task<SignInAttempt> TwoFactorAsync(string code)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return new(SignInOutcome.Failed, "登录已过期，请重新输入用户名和密码。");
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Normalise(code), isPersistent: false, rememberClient: false);
        if (result.Succeeded) return await Log(user.UserName!, user.Id, SignInOutcome.Succeeded, "动态口令验证成功，登录成功", "登录成功。");
        if (result.IsLockedOut) return await LockedOut(user);
        return await Log(user.UserName!, user.Id, SignInOutcome.Failed, "动态口令错误", "动态口令错误，请重试。");
    }

    /// <summary>The user behind a still-valid enrolment ticket, or null.</summary>
    public async Task<AppUser?> UserOfTicketAsync(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket)) return null;
        try { return await users.FindByIdAsync(_tickets.Unprotect(ticket)); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }

    /// <summary>Returns the shared key to show (creating one when absent).</summary>
    public async Task<string> AuthenticatorKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        return key!;
    }

    /// <summary>Checks the first code and turns TOTP on; signs in when <paramref name="signInAfter"/>.</summary>
    public async Task<bool> EnableTwoFactorAsync(AppUser user, string code, bool signInAfter)
    {
        var ok = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalise(code));
        await using (var ctx = db.CreateSystem())
        {
            ctx.Caller.Ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
            ctx.AddAuditEvent("EnableTwoFactor", nameof(AppUser), user.Id.ToString(), ok ? "Success" : "Failure",
                actorId: user.Id, actorName: user.UserName);
            await ctx.SaveChangesAsync();
        }
        if (!ok) return false;
        await users.SetTwoFactorEnabledAsync(user, true);
        if (signInAfter)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            await Log(user.UserName!, user.Id, SignInOutcome.Succeeded, "绑定动态口令并登录", "登录成功。");
        }
        return true;
    }

    public async Task SignOutAsync(Caller caller, string reason)
    {
        await signIn.SignOutAsync();
        if (caller.UserId is null) return;
        // Issue #17 finding 5: a new security stamp makes every cookie issued before it worthless (CallerResolver checks it).
        if (await users.FindByIdAsync(caller.UserId.Value.ToString()) is { } me) await users.UpdateSecurityStampAsync(me);
        await using var ctx = db.Create(caller);
        ctx.AddAuditEvent("SignOut", nameof(AppUser), caller.UserId.ToString(), "Success", after: new { reason });
        await ctx.SaveChangesAsync();
    }

    async Task<bool> MustEnrolAsync(AppUser user)
    {
        if (user.TwoFactorEnabled) return false;
        await using var ctx = db.CreateSystem();
        return await ctx.UserRoles.Where(ur => ur.UserId == user.Id)
            .Join(ctx.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r)
            .AnyAsync(r => r.RequiresTwoFactor);
    }

    async Task<SignInAttempt> LockedOut(AppUser user)
    {
        var end = await users.GetLockoutEndDateAsync(user);
        var minutes = end is null ? 5 : Math.Max(1, (int)Math.Ceiling((end.Value - clock.GetUtcNow()).TotalMinutes));
        return await Log(user.UserName!, user.Id, SignInOutcome.LockedOut, "账户锁定", LockedMessage(minutes));
    }

    static string Normalise(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    /// <summary>Login log row and audit record for one attempt.</summary>
    async Task<SignInAttempt> Log(string userName, Guid? userId, SignInOutcome outcome, string detail, string message, string? ticket = null)
    {
        var ctxHttp = http.HttpContext;
        var ip = ctxHttp?.Connection.RemoteIpAddress?.ToString();
        await using var ctx = db.CreateSystem();
        ctx.Caller.Ip = ip;
        var ok = outcome is SignInOutcome.Succeeded;
        ctx.LoginEvents.Add(new LoginEvent
        {
            TimeUtc = clock.GetUtcNow(), UserName = userName.Length > 256 ? userName[..256] : userName, UserId = userId,
            Succeeded = ok, Detail = detail, Ip = ip,
            UserAgent = ctxHttp?.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 300)] : null,
        });
        ctx.AddAuditEvent(ok ? "SignIn" : "SignInFailure", nameof(AppUser), userId?.ToString(),
            ok ? "Success" : outcome.ToString(), after: new { userName, detail }, actorId: userId, actorName: userName);
        await ctx.SaveChangesAsync();
        return new(outcome, message, ticket);
    }
}
