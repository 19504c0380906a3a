using ETown.Web.Features.Declarations;
using ETown.Web.Features.Organisations;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Platform;

/// <summary>Issue #9 item 3: the level of a data scope, from the organisation's GB/T 2260 region code.</summary>
public class DataScopeLevelTests
{
    static readonly Guid Org = Guid.NewGuid();

    [Fact]
    public void Province_IsProvince_WithNoCityOrCounty()
    {
        var s = DataScope.ForRegion("140000", Org);
        Assert.Equal(ScopeLevel.Province, s.Level);
        Assert.True(s.IsProvince);
        Assert.False(s.IsCity || s.IsCounty);
        Assert.Null(s.CityCode);
        Assert.Null(s.CityPrefix);
        Assert.Null(s.CountyCode);
    }

    [Fact]
    public void City_HasItsCityCodeAndPrefix_ButNoCounty()
    {
        var s = DataScope.ForRegion("140400", Org);
        Assert.Equal(ScopeLevel.City, s.Level);
        Assert.True(s.IsCity);
        Assert.Equal("140400", s.CityCode);
        Assert.Equal("1404", s.CityPrefix);
        Assert.Null(s.CountyCode);
        Assert.True(s.IsInCity("140400"));
        Assert.False(s.IsInCity("140600"));
    }

    [Fact]
    public void County_HasItsCountyAndItsCity()
    {
        var s = DataScope.ForRegion("140406", Org);
        Assert.Equal(ScopeLevel.County, s.Level);
        Assert.True(s.IsCounty);
        Assert.Equal("140406", s.CountyCode);
        Assert.Equal("140400", s.CityCode);
        Assert.Equal("1404", s.CityPrefix);
        Assert.True(s.IsInCity("140400"));
    }

    [Fact]
    public void Assignments_Organisation_Public_AndSystem()
    {
        Assert.Equal(ScopeLevel.Etown, DataScope.ForAssignments([Guid.NewGuid()], Org).Level);
        Assert.Equal(ScopeLevel.Organisation, DataScope.ForAssignments([], Org).Level);
        Assert.Equal(ScopeLevel.Public, DataScope.Public.Level);
        Assert.Equal(ScopeLevel.Province, DataScope.System.Level);
        Assert.True(DataScope.System.IsSystem);
        Assert.Null(DataScope.Public.CityCode);
    }

    [Theory]
    [InlineData("140000", ScopeLevel.Province)]
    [InlineData("140400", ScopeLevel.City)]
    [InlineData("140406", ScopeLevel.County)]
    public void LevelOfCode(string code, ScopeLevel level) => Assert.Equal(level, DataScope.LevelOfCode(code));

    [Fact]
    public void CodeHelpers()
    {
        Assert.True(DataScope.IsCityCode("140400"));
        Assert.False(DataScope.IsCityCode("140406"));
        Assert.False(DataScope.IsCityCode("140000"));
        Assert.False(DataScope.IsCityCode(null));
        Assert.Equal("1404", DataScope.CityFilterPrefix("140400"));
        Assert.Null(DataScope.CityFilterPrefix("14"));
        Assert.Equal("140406", DataScope.PrefixUnder("140406"));
        Assert.Equal("1404", DataScope.PrefixUnder("140400"));
        Assert.Equal("140400", DataScope.CityCodeOf("140406"));
    }
}

/// <summary>Issue #9 item 3: the resource handlers, through the same <see cref="Authorizer"/> the services and pages use.</summary>
public class ResourceHandlerTests
{
    static readonly IServiceProvider Services = new ServiceCollection().AddResourceAuthorization().BuildServiceProvider();

    static Authorizer At(string regionCode, params string[] permissions)
    {
        var org = new Organisation { Name = "测试机构", RegionCode = regionCode, Kind = OrganisationKind.CountyGovernment };
        var caller = new Caller();
        caller.Set(Guid.NewGuid(), "tester", "测试", org, permissions.ToHashSet(), [], DataScope.ForRegion(regionCode, org.Id), isApiKey: false);
        return new Authorizer(caller, Services);
    }

    static Authorizer Operator(Guid etownId, params string[] permissions)
    {
        var org = new Organisation { Name = "承办企业", RegionCode = "140406", Kind = OrganisationKind.Operator };
        var caller = new Caller();
        caller.Set(Guid.NewGuid(), "op", "承办", org, permissions.ToHashSet(), [], DataScope.ForAssignments([etownId], org.Id), isApiKey: false);
        return new Authorizer(caller, Services);
    }

    const string Changzhi = "140400", Luzhou = "140406", Shangdang = "140404", Jinzhong = "140700", Yuci = "140702";

    // ---------------------------------------------------------------- declarations

    [Fact]
    public void Declaration_CountyEditsItsOwn_NotAnotherCounty()
    {
        var county = At(Luzhou, Permissions.Declaration.Edit);
        Assert.True(county.Can(DeclarationOperations.Edit, new DeclarationResource(Luzhou)));
        Assert.False(county.Can(DeclarationOperations.Edit, new DeclarationResource(Shangdang)));
        Assert.True(county.Can(DeclarationOperations.Edit, DeclarationResource.Any));
    }

    [Fact]
    public void Declaration_EditNeedsThePermission_AndTheCountyLevel()
    {
        Assert.False(At(Luzhou).Can(DeclarationOperations.Edit, new DeclarationResource(Luzhou)));
        Assert.False(At(Changzhi, Permissions.Declaration.Edit).Can(DeclarationOperations.Edit, new DeclarationResource(Luzhou)));
        Assert.False(At("140000", Permissions.Declaration.Edit).Can(DeclarationOperations.Edit, new DeclarationResource(Luzhou)));
        var ex = Assert.Throws<ForbiddenException>(() => At(Shangdang, Permissions.Declaration.Edit).Require(DeclarationOperations.Edit, new DeclarationResource(Luzhou)));
        Assert.Contains("本县", ex.Message);
    }

    [Fact]
    public void Declaration_CityRecommendsItsCounties_NotAnotherCitys()
    {
        var city = At(Changzhi, Permissions.Declaration.Recommend);
        Assert.True(city.Can(DeclarationOperations.Recommend, new DeclarationResource(Luzhou)));
        Assert.False(city.Can(DeclarationOperations.Recommend, new DeclarationResource(Yuci)));
        Assert.False(At(Jinzhong, Permissions.Declaration.Recommend).Can(DeclarationOperations.Recommend, new DeclarationResource(Luzhou)));
        Assert.False(At(Luzhou, Permissions.Declaration.Recommend).Can(DeclarationOperations.Recommend, new DeclarationResource(Luzhou)));
    }

    [Fact]
    public void Declaration_OnlyTheProvinceManagesReview()
    {
        Assert.True(At("140000", Permissions.Declaration.ReviewManage).Can(DeclarationOperations.ManageReview, DeclarationResource.Any));
        Assert.False(At(Changzhi, Permissions.Declaration.ReviewManage).Can(DeclarationOperations.ManageReview, DeclarationResource.Any));
        var lacks = Assert.Throws<ForbiddenException>(() => At("140000").Require(DeclarationOperations.ManageReview, DeclarationResource.Any));
        Assert.Contains("权限", lacks.Message);
    }

    [Fact]
    public void Declaration_ApplicantIsTheCountyItself()
    {
        Assert.True(At(Luzhou).Can(DeclarationOperations.ActAsApplicant, new DeclarationResource(Luzhou)));
        Assert.False(At(Shangdang).Can(DeclarationOperations.ActAsApplicant, new DeclarationResource(Luzhou)));
        Assert.False(At(Changzhi).Can(DeclarationOperations.ActAsApplicant, new DeclarationResource(Luzhou)));
    }

    // ---------------------------------------------------------------- statistics reports (STAT-05)

    static StatReportResource Report(string county, StatReportStatus status, Guid? etown = null) => new(etown ?? Guid.NewGuid(), county, status);

    [Fact]
    public void StatReport_CountyApprovesItsOwn_NotAnotherCounty_NorTheCity()
    {
        var county = At(Luzhou, Permissions.Statistics.Approve);
        Assert.True(county.Can(StatReportOperations.Approve, Report(Luzhou, StatReportStatus.Submitted)));
        Assert.False(county.Can(StatReportOperations.Approve, Report(Shangdang, StatReportStatus.Submitted)));
        Assert.False(At(Changzhi, Permissions.Statistics.Approve).Can(StatReportOperations.Approve, Report(Luzhou, StatReportStatus.Submitted)));
        var ex = Assert.Throws<ForbiddenException>(() => At(Changzhi, Permissions.Statistics.Approve).Require(StatReportOperations.Approve, StatReportResource.Any));
        Assert.Equal("县级审核与解锁由县级业务管理员办理。", ex.Message);
    }

    [Fact]
    public void StatReport_CityAcceptsItsCounties_NotAnotherCitys()
    {
        var city = At(Changzhi, Permissions.Statistics.Accept);
        Assert.True(city.Can(StatReportOperations.AcceptByCity, Report(Luzhou, StatReportStatus.CountyApproved)));
        Assert.False(city.Can(StatReportOperations.AcceptByCity, Report(Yuci, StatReportStatus.CountyApproved)));
        Assert.False(city.Can(StatReportOperations.AcceptByProvince, Report(Luzhou, StatReportStatus.CityAccepted)));
        Assert.True(At("140000", Permissions.Statistics.Accept).Can(StatReportOperations.AcceptByProvince, Report(Luzhou, StatReportStatus.CityAccepted)));
        Assert.False(At(Luzhou, Permissions.Statistics.Accept).Can(StatReportOperations.AcceptPeriod, StatReportResource.Any));
        Assert.True(city.Can(StatReportOperations.AcceptPeriod, StatReportResource.Any));
    }

    [Fact]
    public void StatReport_EachLevelUnlocksOnlyItsOwnStep()
    {
        var county = At(Luzhou, Permissions.Statistics.Unlock, Permissions.Statistics.UnlockAccepted);
        var city = At(Changzhi, Permissions.Statistics.Unlock, Permissions.Statistics.UnlockAccepted);
        var province = At("140000", Permissions.Statistics.Unlock, Permissions.Statistics.UnlockAccepted);
        Assert.True(county.Can(StatReportOperations.Unlock, Report(Luzhou, StatReportStatus.CountyApproved)));
        Assert.False(county.Can(StatReportOperations.Unlock, Report(Shangdang, StatReportStatus.CountyApproved)));
        Assert.False(county.Can(StatReportOperations.Unlock, Report(Luzhou, StatReportStatus.CityAccepted)));
        Assert.True(city.Can(StatReportOperations.Unlock, Report(Luzhou, StatReportStatus.CityAccepted)));
        Assert.False(city.Can(StatReportOperations.Unlock, Report(Yuci, StatReportStatus.CityAccepted)));
        Assert.False(city.Can(StatReportOperations.Unlock, Report(Luzhou, StatReportStatus.CountyApproved)));
        Assert.True(province.Can(StatReportOperations.Unlock, Report(Yuci, StatReportStatus.ProvinceAccepted)));
        Assert.False(province.Can(StatReportOperations.Unlock, Report(Yuci, StatReportStatus.CityAccepted)));
        // The city and the province need UnlockAccepted, the county Unlock.
        Assert.False(At(Changzhi, Permissions.Statistics.Unlock).Can(StatReportOperations.Unlock, Report(Luzhou, StatReportStatus.CityAccepted)));
        Assert.False(At(Luzhou, Permissions.Statistics.UnlockAccepted).Can(StatReportOperations.Unlock, Report(Luzhou, StatReportStatus.CountyApproved)));
    }

    [Fact]
    public void StatReport_EnteredByCountyCityAndAssignedOperator_NeverTheProvince()
    {
        var town = Guid.NewGuid();
        Assert.True(At(Luzhou, Permissions.Statistics.Enter).Can(StatReportOperations.Enter, Report(Luzhou, StatReportStatus.Draft, town)));
        Assert.False(At(Shangdang, Permissions.Statistics.Enter).Can(StatReportOperations.Enter, Report(Luzhou, StatReportStatus.Draft, town)));
        Assert.True(At(Changzhi, Permissions.Statistics.Enter).Can(StatReportOperations.Enter, Report(Luzhou, StatReportStatus.Draft, town)));
        Assert.False(At(Jinzhong, Permissions.Statistics.Enter).Can(StatReportOperations.Enter, Report(Luzhou, StatReportStatus.Draft, town)));
        Assert.True(Operator(town, Permissions.Statistics.Enter).Can(StatReportOperations.Enter, Report(Luzhou, StatReportStatus.Draft, town)));
        Assert.False(Operator(town, Permissions.Statistics.Enter).Can(StatReportOperations.Enter, Report(Luzhou, StatReportStatus.Draft)));
        var ex = Assert.Throws<ForbiddenException>(() => At("140000", Permissions.Statistics.Enter).Require(StatReportOperations.Enter, StatReportResource.Any));
        Assert.Equal(StatEntryScope.ProvinceMessage, ex.Message);
    }

    // ---------------------------------------------------------------- e-towns, plans, city work

    [Fact]
    public void Etown_RegionWritesTheRegistry_AnAssignedOperatorOnlySubmitsEvidence()
    {
        var town = Guid.NewGuid();
        var mine = new ETown.Web.Features.Etowns.EtownResource(town, Luzhou);
        Assert.True(At(Luzhou, Permissions.Registry.EtownUpdate).Can(ETown.Web.Features.Etowns.EtownOperations.Update, mine));
        Assert.True(At(Changzhi, Permissions.Registry.EtownUpdate).Can(ETown.Web.Features.Etowns.EtownOperations.Update, mine));
        Assert.False(At(Shangdang, Permissions.Registry.EtownUpdate).Can(ETown.Web.Features.Etowns.EtownOperations.Update, mine));
        Assert.False(At(Jinzhong, Permissions.Registry.EtownUpdate).Can(ETown.Web.Features.Etowns.EtownOperations.Update, mine));
        var op = Operator(town, Permissions.Registry.EtownUpdate, Permissions.Standard.EvidenceSubmit);
        Assert.False(op.Can(ETown.Web.Features.Etowns.EtownOperations.Update, mine));
        Assert.True(op.Can(ETown.Web.Features.Etowns.EtownOperations.SubmitEvidence, mine));
        Assert.False(op.Can(ETown.Web.Features.Etowns.EtownOperations.SubmitEvidence, mine with { Id = Guid.NewGuid() }));
    }

    [Fact]
    public void Plan_OwnCountyWritesAndFiles_TheProvinceReopens()
    {
        var plan = new ETown.Web.Features.Plans.PlanResource(Luzhou);
        Assert.True(At(Luzhou, Permissions.Plan.Edit).Can(ETown.Web.Features.Plans.PlanOperations.Edit, plan));
        Assert.False(At(Shangdang, Permissions.Plan.Edit).Can(ETown.Web.Features.Plans.PlanOperations.Edit, plan));
        Assert.False(At(Changzhi, Permissions.Plan.Edit).Can(ETown.Web.Features.Plans.PlanOperations.Edit, plan));
        Assert.True(At("140000", Permissions.Plan.Reopen).Can(ETown.Web.Features.Plans.PlanOperations.Reopen, plan));
        Assert.False(At(Luzhou, Permissions.Plan.Reopen).Can(ETown.Web.Features.Plans.PlanOperations.Reopen, plan));
    }

    [Fact]
    public void City_SetsItsOwnFigure_NotAnotherCitys_AndTheCountyNone()
    {
        Assert.True(At(Changzhi, Permissions.Statistics.CityFigureSet).Can(CityOperations.SetFigure, new CityResource(Changzhi)));
        Assert.False(At(Changzhi, Permissions.Statistics.CityFigureSet).Can(CityOperations.SetFigure, new CityResource(Jinzhong)));
        Assert.True(At("140000", Permissions.Statistics.CityFigureSet).Can(CityOperations.SetFigure, new CityResource(Jinzhong)));
        Assert.False(At(Luzhou, Permissions.Statistics.CityFigureSet).Can(CityOperations.SetFigure, new CityResource(Changzhi)));
    }

    [Fact]
    public void RuleSetsAndStandardVersions_ProvinceAny_CityItsOwn()
    {
        var city = At(Changzhi, Permissions.Declaration.RuleSetManage, Permissions.Standard.CatalogueManage);
        Assert.True(city.Can(ETown.Web.Features.Declarations.Eligibility.RuleSetOperations.Manage, new ETown.Web.Features.Declarations.Eligibility.RuleSetResource(Changzhi)));
        Assert.False(city.Can(ETown.Web.Features.Declarations.Eligibility.RuleSetOperations.Manage, new ETown.Web.Features.Declarations.Eligibility.RuleSetResource(Jinzhong)));
        Assert.False(city.Can(ETown.Web.Features.Declarations.Eligibility.RuleSetOperations.Manage, new ETown.Web.Features.Declarations.Eligibility.RuleSetResource(null)));
        Assert.True(city.Can(ETown.Web.Features.Standards.StandardVersionOperations.Manage, new ETown.Web.Features.Standards.StandardVersionResource(Luzhou)));
        Assert.False(city.Can(ETown.Web.Features.Standards.StandardVersionOperations.Manage, new ETown.Web.Features.Standards.StandardVersionResource(Yuci)));
        Assert.False(At(Luzhou, Permissions.Standard.CatalogueManage).Can(ETown.Web.Features.Standards.StandardVersionOperations.Manage, new ETown.Web.Features.Standards.StandardVersionResource(Luzhou)));
        Assert.True(At("140000", Permissions.Declaration.RuleSetManage).Can(ETown.Web.Features.Declarations.Eligibility.RuleSetOperations.Manage, new ETown.Web.Features.Declarations.Eligibility.RuleSetResource(null)));
    }

    [Fact]
    public void Require_ForAnAnonymousCaller_Is401()
    {
        var auth = new Authorizer(Caller.Anonymous(), Services);
        var ex = Assert.Throws<DomainException>(() => auth.Require(DeclarationOperations.Edit, new DeclarationResource(Luzhou)));
        Assert.Equal(401, ex.Status);
    }

    [Fact]
    public void EveryHandlerIsRegisteredByTheAssemblyScan()
    {
        Assert.NotNull(Services.GetService<IResourceHandler<DeclarationResource>>());
        Assert.NotNull(Services.GetService<IResourceHandler<StatReportResource>>());
        Assert.NotNull(Services.GetService<IResourceHandler<CityResource>>());
        Assert.NotNull(Services.GetService<IResourceHandler<ETown.Web.Features.Etowns.EtownResource>>());
        Assert.NotNull(Services.GetService<IResourceHandler<ETown.Web.Features.Plans.PlanResource>>());
        Assert.NotNull(Services.GetService<IResourceHandler<ETown.Web.Features.Standards.StandardVersionResource>>());
        Assert.NotNull(Services.GetService<IResourceHandler<ETown.Web.Features.Declarations.Eligibility.RuleSetResource>>());
    }
}

/// <summary>
/// Issue #9 item 3, kept true: region-code lengths are known only to <see cref="DataScope"/>, and pages hold no scope
/// logic (they ask the <see cref="Authorizer"/> or a service).
/// </summary>
public class AuthorizationSourceScanTests
{
    static IEnumerable<(string Path, int Line, string Text)> Lines(string pattern)
    {
        var src = Path.Combine(RepositoryFiles.Root, "src");
        foreach (var file in Directory.EnumerateFiles(src, pattern, SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (rel.Contains("/bin/") || rel.Contains("/obj/") || rel.Contains("/Migrations/")) continue;
            var n = 0;
            foreach (var line in File.ReadLines(file)) { n++; yield return (rel, n, line); }
        }
    }

    [Fact]
    public void NoRegionCodeLengthTests_OutsideDataScope()
    {
        var hits = Lines("*.*")
            .Where(l => (l.Path.EndsWith(".cs", StringComparison.Ordinal) || l.Path.EndsWith(".razor", StringComparison.Ordinal))
                        && !l.Path.EndsWith("Platform/Data/DataScope.cs", StringComparison.Ordinal)
                        && (l.Text.Contains("Length: 6", StringComparison.Ordinal) || l.Text.Contains("Length: 4", StringComparison.Ordinal)))
            .Select(l => $"{l.Path}:{l.Line}: {l.Text.Trim()}").ToList();
        Assert.True(hits.Count == 0, "Code-length scope checks belong in DataScope (ask Level/IsCity/CityCode…):\n" + string.Join("\n", hits));
    }

    [Fact]
    public void RazorPages_HoldNoScopeLogic()
    {
        var hits = Lines("*.razor")
            // The caller's data scope (Caller.Scope.…, DataScope.…), not a domain word such as a contract's scope of work.
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l.Text, @"(?<![A-Za-z.])(Scope|DataScope)\.|[Cc]aller\.Scope\b")
                        || l.Text.Contains("RegionPrefix", StringComparison.Ordinal))
            .Select(l => $"{l.Path}:{l.Line}: {l.Text.Trim()}").ToList();
        Assert.True(hits.Count == 0, "Pages ask the Authorizer or a service instead of reading the data scope:\n" + string.Join("\n", hits));
    }
}
