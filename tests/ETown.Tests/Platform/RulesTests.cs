using ETown.Web.Features.Etowns;
using ETown.Web.Features.Organisations;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;

namespace ETown.Tests.Platform;

/// <summary>Issue #2 §5: data scope from the organisation's region code (GB/T 2260).</summary>
public class DataScopeTests
{
    static readonly Guid Org = Guid.NewGuid();

    [Fact]
    public void ProvinceCode_SeesAll()
    {
        var s = DataScope.ForRegion("140000", Org);
        Assert.True(s.All);
        Assert.True(s.CoversRegion("140929"));
        Assert.Equal(Org, s.OrganisationId);
    }

    [Fact]
    public void CityCode_SeesItsCountiesByFourDigitPrefix()
    {
        var s = DataScope.ForRegion("140400", Org);
        Assert.False(s.All);
        Assert.Equal("1404", s.RegionPrefix);
        Assert.True(s.CoversRegion("140406"));
        Assert.True(s.CoversRegion("140400"));
        Assert.False(s.CoversRegion("140621"));
        Assert.False(s.CoversRegion("140000"));
    }

    [Fact]
    public void CountyCode_SeesOnlyItself()
    {
        var s = DataScope.ForRegion("140406", Org);
        Assert.Equal("140406", s.RegionPrefix);
        Assert.True(s.CoversRegion("140406"));
        Assert.False(s.CoversRegion("140404")); // sibling county in the same city
        Assert.False(s.CoversRegion("140400")); // its own city
    }

    [Fact]
    public void PublicAndAssignmentScopes_CoverNoRegion()
    {
        Assert.False(DataScope.Public.CoversRegion("140406"));
        Assert.True(DataScope.Public.PublishedOnly);
        Assert.False(new DataScope { EtownIds = [Guid.NewGuid()] }.CoversRegion("140406"));
    }
}

/// <summary>统一社会信用代码 check character (GB 32100-2015).</summary>
public class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    public void KnownValidCode_IsAccepted(string code) => Assert.True(CreditCode.IsValid(code));

    [Theory]
    [InlineData("91350100M000100Y44")] // check character changed
    [InlineData("91350100M000200Y43")] // body changed, check character kept
    [InlineData("91350100M000100Y4")]  // 17 characters
    [InlineData("91350100M000100Y433")]
    [InlineData("91350100I000100Y43")] // I is not in the alphabet
    [InlineData("91350100m000100y43")] // lower case is not accepted as is
    [InlineData("")]
    public void MutatedOrMalformedCode_IsRefused(string code) => Assert.False(CreditCode.IsValid(code));

    [Fact]
    public void WithCheck_ProducesAValidCode() =>
        Assert.Equal("91350100M000100Y43", CreditCode.WithCheck("91350100M000100Y4"));
}

/// <summary>Issue #2 §6 (等保 2.0): passwords of ≥ 8 characters from at least three of four classes.</summary>
public class PasswordRuleTests
{
    [Theory]
    [InlineData("Etown@2026", true)]
    [InlineData("Abcdefg1", true)]      // upper, lower, digit
    [InlineData("abcd1234!", true)]     // lower, digit, symbol
    [InlineData("ABCD-EFG-1", true)]    // upper, symbol, digit
    [InlineData("etown2026", false)]    // two classes
    [InlineData("ABCDEFGH", false)]     // one class
    [InlineData("Ab1@", false)]         // too short
    [InlineData("Ab1@xyz", false)]      // 7 characters
    public void ThreeOfFourClasses(string password, bool ok) =>
        Assert.Equal(ok, ThreeOfFourClassesPasswordValidator.Satisfies(password));
}

/// <summary>三权分立: a role may hold at most one of the audit, security and system duties.</summary>
public class SeparationOfDutiesTests
{
    [Theory]
    [InlineData(Permissions.Audit.LogRead + "," + Permissions.System.SettingManage)]
    [InlineData(Permissions.Audit.LogVerify + "," + Permissions.Security.RoleManage)]
    [InlineData(Permissions.Security.RoleRead + "," + Permissions.System.SettingManage)]
    [InlineData(Permissions.Audit.LogRead + "," + Permissions.Org.UserManage)]          // user management is a system duty
    [InlineData(Permissions.Security.RoleManage + "," + Permissions.Org.OrganisationManage)]
    public void MixedDuties_AreAViolation(string permissions) =>
        Assert.NotNull(RoleService.SeparationViolation(Split(permissions)));

    [Theory]
    [InlineData("")]
    [InlineData(Permissions.Audit.LogRead + "," + Permissions.Audit.LogVerify + "," + Permissions.Audit.LoginLogRead)]
    [InlineData(Permissions.Security.RoleRead + "," + Permissions.Security.RoleManage + "," + Permissions.Org.UserRead + "," + Permissions.Org.UserUnmask)]
    [InlineData(Permissions.Org.UserManage + "," + Permissions.System.SettingManage + "," + Permissions.Registry.EtownRead)]
    [InlineData(Permissions.Registry.EtownRead + "," + Permissions.Registry.EtownCreate)]
    public void SingleDutyOrBusinessOnly_IsAllowed(string permissions) =>
        Assert.Null(RoleService.SeparationViolation(Split(permissions)));

    static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void BuiltInRoles_RespectTheSeparation()
    {
        foreach (var role in ETown.Web.Platform.Modules.ModuleCatalog.BuiltIn.Roles())
            Assert.True(RoleService.SeparationViolation(role.Permissions) is null, role.Name);
    }

    [Fact]
    public void BuiltInAdminRoles_RequireTwoFactor()
    {
        foreach (var role in ETown.Web.Platform.Modules.ModuleCatalog.BuiltIn.Roles().Where(r => r.Permissions.Any(p => Permissions.DutyOf(p) is not null)))
            Assert.True(role.RequiresTwoFactor, role.Name);
    }
}

/// <summary>Issue #2 §8: the e-town life-cycle.</summary>
public class EtownLifecycleTests
{
    static readonly HashSet<(EtownStatus, EtownStatus)> Legal =
    [
        (EtownStatus.Declared, EtownStatus.Listed), (EtownStatus.Declared, EtownStatus.Withdrawn),
        (EtownStatus.Listed, EtownStatus.UnderConstruction), (EtownStatus.Listed, EtownStatus.Withdrawn),
        (EtownStatus.UnderConstruction, EtownStatus.Accepted), (EtownStatus.UnderConstruction, EtownStatus.Withdrawn),
        (EtownStatus.Accepted, EtownStatus.Operating), (EtownStatus.Accepted, EtownStatus.Withdrawn),
        (EtownStatus.Operating, EtownStatus.Withdrawn),
    ];

    public static IEnumerable<object[]> AllPairs() =>
        from f in Enum.GetValues<EtownStatus>() from t in Enum.GetValues<EtownStatus>() select new object[] { f, t };

    static Etown At(EtownStatus s)
    {
        var e = new Etown { Name = "测试e镇", CountyCode = "140406" };
        e.SetStatusForSeed(s);
        return e;
    }

    [Theory, MemberData(nameof(AllPairs))]
    public void Etown_StatusChange_OnlyAlongTheLifecycle(EtownStatus from, EtownStatus to)
    {
        var e = At(from);
        if (Legal.Contains((from, to)))
        {
            e.ChangeStatus(to);
            Assert.Equal(to, e.Status);
        }
        else
        {
            var ex = Assert.Throws<DomainException>(() => e.ChangeStatus(to));
            Assert.Equal("ETOWN-ETOWN-0001", ex.Code);
            Assert.Equal(409, ex.Status);
            Assert.Equal(from, e.Status);
        }
    }

    [Fact]
    public void Etown_StatusChange_OutsideLifecycle_IsRefused()
    {
        var e = new Etown { Name = "测试e镇", CountyCode = "140406" };
        Assert.Equal(EtownStatus.Declared, e.Status);
        Assert.Equal("ETOWN-ETOWN-0001", Assert.Throws<DomainException>(() => e.ChangeStatus(EtownStatus.Operating)).Code);
        e.ChangeStatus(EtownStatus.Listed);
        e.ChangeStatus(EtownStatus.UnderConstruction);
        e.ChangeStatus(EtownStatus.Accepted);
        e.ChangeStatus(EtownStatus.Operating);
        e.ChangeStatus(EtownStatus.Withdrawn);
        Assert.Empty(Etown.NextStatuses(EtownStatus.Withdrawn));
        Assert.Throws<DomainException>(() => e.ChangeStatus(EtownStatus.Declared));
    }
}

/// <summary>DECL-06 / construction standard item 34: 0.5–5 km² or ≥ 50万 m² floor area.</summary>
public class ScaleWarningTests
{
    [Theory]
    [InlineData("0.5", null)]
    [InlineData("5", null)]
    [InlineData("4.96", null)]
    [InlineData(null, "500000")]
    [InlineData("10", "500000")]  // area out of range, floor area rescues it
    [InlineData("0.1", "600000")]
    [Trait("Rule", "DECL-06")]
    [Trait("Rule", "STD-34")]
    public void WithinScale_NoWarning(string? km2, string? m2) => Assert.Null(EtownService.ScaleWarning(Dec(km2), Dec(m2)));

    [Theory]
    [InlineData("0.4999", null)]
    [InlineData("5.0001", null)]
    [InlineData(null, "499999.99")]
    [InlineData("6", "499999")]
    [InlineData(null, null)]
    [Trait("Rule", "DECL-06")]
    [Trait("Rule", "STD-34")]
    public void OutsideScale_Warns(string? km2, string? m2) =>
        Assert.Contains("DECL-06", EtownService.ScaleWarning(Dec(km2), Dec(m2)));

    static decimal? Dec(string? s) => s is null ? null : decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
