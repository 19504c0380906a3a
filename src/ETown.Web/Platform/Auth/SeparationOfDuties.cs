using ETown.Web.Features.Organisations;

namespace ETown.Web.Platform.Auth;

/// <summary>
/// 三权分立 rules of 等保 2.0 level 3 (GB/T 22239-2019 8.1.4.2 访问控制, 8.1.5.4 安全管理中心), enforced in the
/// services that grant roles and edit them (issue #17 findings 1–3), not only in pages.
/// </summary>
public static class SeparationOfDuties
{
    /// <summary>The three administrator roles: a user holds at most one of them.</summary>
    public static readonly IReadOnlySet<string> AdminRoles = new HashSet<string>(StringComparer.Ordinal)
        { BuiltInRoles.SystemAdmin, BuiltInRoles.SecurityAdmin, BuiltInRoles.AuditAdmin };

    /// <summary>The audit role's permissions are fixed by the platform: nobody edits them, not even the security administrator.</summary>
    public static bool IsFixedRole(string? roleName) => roleName == BuiltInRoles.AuditAdmin;

    /// <summary>Admin roles always need a second factor, whatever their permissions are set to.</summary>
    public static bool AlwaysTwoFactor(string? roleName) => roleName is not null && AdminRoles.Contains(roleName);

    /// <summary>Which organisation kinds each built-in role fits (a county office cannot hold a province role). Custom roles: any.</summary>
    static readonly Dictionary<string, OrganisationKind[]> Fits = new(StringComparer.Ordinal)
    {
        [BuiltInRoles.ProvinceOfficer] = [OrganisationKind.ProvinceCommerce, OrganisationKind.ProvinceFinance, OrganisationKind.ProvinceRevitalisation],
        [BuiltInRoles.CityOfficer] = [OrganisationKind.CityBureau],
        [BuiltInRoles.CityStatisticsLiaison] = [OrganisationKind.CityBureau],
        [BuiltInRoles.CountyOfficer] = [OrganisationKind.CountyGovernment, OrganisationKind.CountyEtownOffice, OrganisationKind.CountyDepartment],
        [BuiltInRoles.Operator] = [OrganisationKind.Operator],
        [BuiltInRoles.ThirdParty] = [OrganisationKind.ThirdParty],
        [BuiltInRoles.MarketEntity] = [OrganisationKind.MarketEntity],
        [BuiltInRoles.Discipline] = [OrganisationKind.DisciplineAudit],
        [BuiltInRoles.Expert] = [OrganisationKind.ThirdParty],
        [BuiltInRoles.SystemAdmin] = [OrganisationKind.PlatformAdministration, OrganisationKind.ProvinceCommerce],
        [BuiltInRoles.SecurityAdmin] = [OrganisationKind.PlatformAdministration, OrganisationKind.ProvinceCommerce],
        [BuiltInRoles.AuditAdmin] = [OrganisationKind.PlatformAdministration, OrganisationKind.ProvinceCommerce],
    };

    /// <summary>Null when <paramref name="roleName"/> fits an organisation of <paramref name="kind"/>; else the Chinese reason.</summary>
    public static string? LevelMismatch(string roleName, OrganisationKind kind) =>
        Fits.TryGetValue(roleName, out var kinds) && !kinds.Contains(kind)
            ? $"“{roleName}”与用户所属单位的层级不符（{Organisation.KindLabel(kind)}），不能授予。" : null;

    /// <summary>Null when the final role set of a user respects 三权分立; else the Chinese reason.</summary>
    public static string? RoleSetViolation(IEnumerable<string> roleNames, IEnumerable<string> permissionsOfThoseRoles)
    {
        var admins = roleNames.Where(AdminRoles.Contains).Distinct().ToList();
        if (admins.Count > 1) return $"同一用户不能同时担任{string.Join("、", admins)}（三权分立）。";
        var duties = permissionsOfThoseRoles.Select(Permissions.DutyOf).OfType<string>().Distinct().ToList();
        return duties.Count > 1 ? $"同一用户不能同时承担{string.Join("、", duties)}职责（三权分立）。" : null;
    }

    /// <summary>Null when a role named <paramref name="roleName"/> may carry these permissions; else the Chinese reason.</summary>
    public static string? PermissionSetViolation(string? roleName, IEnumerable<string> permissions)
    {
        var list = permissions.ToList();
        if (roleName != BuiltInRoles.AuditAdmin && list.FirstOrDefault(p => p.StartsWith("Audit.", StringComparison.Ordinal)) is { } audit)
            return $"审计权限（{Permissions.Label(audit)}）只属于审计管理员角色（三权分立）。";
        var duties = list.Select(Permissions.DutyOf).OfType<string>().Distinct().ToList();
        return duties.Count > 1 ? $"同一角色不能同时承担{string.Join("、", duties)}职责（三权分立）。" : null;
    }
}
