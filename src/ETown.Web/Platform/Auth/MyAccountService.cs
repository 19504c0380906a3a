using ETown.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Auth;

public sealed record MySecurity(string UserName, bool TwoFactorEnabled, bool TwoFactorRequired);

/// <summary>The signed-in user's own password and TOTP two-factor (available to every user, issue #2 §6).</summary>
public sealed class MyAccountService(UserManager<AppUser> users, EtownDb db, Caller caller, SignInService signIn)
{
    async Task<AppUser> Me() => caller.UserId is { } id && await users.FindByIdAsync(id.ToString()) is { } u
        ? u : throw new DomainException(AuthErrors.SignInRequired, "请先登录。", 401);

    public async Task<MySecurity> GetAsync()
    {
        var me = await Me();
        await using var ctx = db.CreateSystem();
        var required = await ctx.UserRoles.Where(ur => ur.UserId == me.Id).Join(ctx.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r).AnyAsync(r => r.RequiresTwoFactor);
        return new(me.UserName!, me.TwoFactorEnabled, required);
    }

    public async Task ChangePasswordAsync(string current, string next)
    {
        var me = await Me();
        var r = await users.ChangePasswordAsync(me, current ?? "", next ?? "");
        if (!r.Succeeded)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["Password"] = r.Errors.Select(e => e.Description).ToArray() });
    }

    /// <summary>A fresh key to scan; TOTP stays off until <see cref="ConfirmTwoFactorAsync"/> verifies a code.</summary>
    public async Task<(string Key, string QrSvg)> StartTwoFactorAsync()
    {
        var me = await Me();
        if (!me.TwoFactorEnabled) await users.ResetAuthenticatorKeyAsync(me);
        var key = await signIn.AuthenticatorKeyAsync(me);
        return (key, Totp.QrSvg(Totp.Uri(me.UserName!, key)));
    }

    public async Task ConfirmTwoFactorAsync(string code)
    {
        var me = await Me();
        if (!await signIn.EnableTwoFactorAsync(me, code, signInAfter: false))
            throw new DomainException(AuthErrors.WrongTotp, "动态口令错误，请确认手机时间准确后重试。");
    }

    public async Task DisableTwoFactorAsync()
    {
        var me = await Me();
        if ((await GetAsync()).TwoFactorRequired)
            throw new DomainException(AuthErrors.TwoFactorRequired, "您的角色要求双因素认证，不能关闭。", 403);
        await users.SetTwoFactorEnabledAsync(me, false);
        await using var ctx = db.Create(caller);
        ctx.AddAuditEvent("DisableTwoFactor", nameof(AppUser), me.Id.ToString(), "Success");
        await ctx.SaveChangesAsync();
    }
}
