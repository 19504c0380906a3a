using Microsoft.AspNetCore.Identity;

namespace ETown.Web.Platform.Auth;

/// <summary>Identity's messages in Chinese; the password rule is ≥ 8 characters from 3 of 4 classes.</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码长度至少为 {length} 位。" };
    public override IdentityError PasswordRequiresUniqueChars(int n) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少包含 {n} 个不同字符。" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用。" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "用户名只能包含字母、数字和 . _ - @ 字符。" };
    public override IdentityError DuplicateRoleName(string role) => new() { Code = nameof(DuplicateRoleName), Description = $"角色“{role}”已存在。" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "密码错误。" };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"用户已拥有角色“{role}”。" };
}

/// <summary>等保: passwords of at least 8 characters drawn from at least 3 of upper, lower, digit, symbol.</summary>
public sealed class ThreeOfFourClassesPasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= "";
        var classes = new[] { password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) }.Count(x => x);
        if (classes >= 3) return Task.FromResult(IdentityResult.Success);
        return Task.FromResult(IdentityResult.Failed(new IdentityError
        {
            Code = "PasswordClasses",
            Description = "密码须包含大写字母、小写字母、数字、特殊符号中的至少三类。",
        }));
    }

    public static bool Satisfies(string password) =>
        password.Length >= 8 && new[] { password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) }.Count(x => x) >= 3;
}
