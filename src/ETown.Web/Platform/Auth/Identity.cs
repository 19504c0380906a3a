using ETown.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;

namespace ETown.Web.Platform.Auth;

public class AppUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
    public Guid OrganisationId { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

public class AppRole : IdentityRole<Guid>
{
    public string? Description { get; set; }
    /// <summary>Admin roles (三权分立) must use TOTP two-factor (issue #2 §6).</summary>
    public bool RequiresTwoFactor { get; set; }
    /// <summary>Built-in roles can be edited but not deleted.</summary>
    public bool IsBuiltIn { get; set; }
}

/// <summary>Machine client credential of one organisation; only the SHA-256 of the secret is stored.</summary>
public class ApiKey : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    /// <summary>First characters of the key, shown in lists so a key can be recognised.</summary>
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    /// <summary>Role whose permissions the key carries (at most those of its creator).</summary>
    public Guid RoleId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>Login log (issue #2 §6): every success and failure with time and IP.</summary>
public class LoginEvent : IProvinceWide
{
    public long Id { get; set; }
    public DateTimeOffset TimeUtc { get; set; }
    public required string UserName { get; set; }
    public Guid? UserId { get; set; }
    public bool Succeeded { get; set; }
    public required string Detail { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
}
