using ETown.Web.Features.Declarations.Eligibility;
using ETown.Web.Features.Standards;
using ETown.Web.Platform;
using ETown.Web.Platform.Versioning;

namespace ETown.Tests.Platform;

/// <summary>
/// The one versioned-rule-set life-cycle (issue #9): derive copies a parent (version + 1, not in use),
/// a version may change only while not in use, adopting puts it in force for its region and locks it.
/// The same test runs against both rule-set types, each keeping its own error codes.
/// </summary>
public class RuleSetLifecycleTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    sealed record Codes(string Invalid, int InvalidStatus, string InUse, string Region);

    [Fact]
    public void Eligibility_rule_sets_follow_the_shared_life_cycle() => Run(
        EligibilityRuleSet.Shanxi2022(Now), region: "140600", nested: "140600", outside: "140400",
        edit: s => s.ReplaceThresholds(s.Thresholds with { MinEcommerceEnterprises = 12 }, null),
        isEdited: s => s.Thresholds.MinEcommerceEnterprises == 12,
        new Codes("ETOWN-ELIG-0004", 422, "ETOWN-ELIG-0001", "ETOWN-ELIG-0005"));

    [Fact]
    public void Standard_versions_follow_the_shared_life_cycle() => Run(
        StandardCatalogue2022.Province(Now), region: "140600", nested: "140621", outside: "140400",
        edit: v => v.EditItem(23, null, "不少于800平方米", null, null, null),
        isEdited: v => v.Items.Single(i => i.Number == 23).StandardText == "不少于800平方米",
        new Codes("ETOWN-STD-0002", 400, "ETOWN-STD-0001", "ETOWN-STD-0005"));

    /// <param name="root">A province-wide version in use.</param>
    /// <param name="region">The region a derived version is for; <paramref name="nested"/> may be derived from it, <paramref name="outside"/> not.</param>
    static void Run<T>(T root, string region, string nested, string outside, Action<T> edit, Func<T, bool> isEdited, Codes codes)
        where T : class, IVersionedRuleSet<T>
    {
        var life = T.Lifecycle;
        Assert.True(root.IsInUse);
        Assert.Null(root.RegionCode);

        // In use: immutable, with the type's own code and a message naming the version.
        var locked = Assert.ThrowsAny<DomainException>(() => life.Edit(root, edit));
        Assert.Equal(codes.InUse, locked.Code);
        Assert.Equal(409, locked.Status);
        Assert.Contains(root.Code, locked.Message);
        Assert.Contains("已在使用中", locked.Message);
        Assert.False(isEdited(root));

        // Derive: a trimmed code and name, the parent's version + 1, not in use, for the region.
        var child = life.Derive(root, "  T-1 ", " 测试版本 ", region, Now.AddDays(1));
        Assert.Equal("T-1", child.Code);
        Assert.Equal("测试版本", child.Name);
        Assert.Equal(root.Version + 1, child.Version);
        Assert.Equal(root.Id, child.ParentId);
        Assert.NotEqual(root.Id, child.Id);
        Assert.Equal(region, child.RegionCode);
        Assert.Equal(Now.AddDays(1), child.CreatedAt);
        Assert.False(child.IsInUse);
        foreach (var bad in new[] { "x", "有中文", "a b", new string('A', 33) })
        {
            var e = Assert.ThrowsAny<DomainException>(() => life.Derive(root, bad, "名称", region, Now));
            Assert.Equal(codes.Invalid, e.Code);
            Assert.Equal(codes.InvalidStatus, e.Status);
        }
        Assert.Equal(codes.Invalid, Assert.ThrowsAny<DomainException>(() => life.Derive(root, "T-2", "  ", region, Now)).Code);
        Assert.Equal(codes.Invalid, Assert.ThrowsAny<DomainException>(() => life.Derive(root, "T-2", new string('名', 101), region, Now)).Code);

        // A regional version derives only within its region.
        Assert.Equal(nested, life.Derive(child, "T-1.1", "下级", nested, Now).RegionCode);
        var elsewhere = Assert.ThrowsAny<DomainException>(() => life.Derive(child, "T-1.2", "外地", outside, Now));
        Assert.Equal(codes.Region, elsewhere.Code);
        Assert.Contains(child.Code, elsewhere.Message);

        // Edit while not in use; the parent keeps its content.
        life.Edit(child, edit);
        Assert.True(isEdited(child));
        Assert.False(isEdited(root));

        // Not adopted: the province's version is still the one in force for the region.
        Assert.Same(root, life.Resolve([root, child], region));

        // Adopt: in force for its region only, and locked; adopting twice changes nothing.
        Assert.True(life.Adopt(child));
        Assert.True(child.IsInUse);
        Assert.False(life.Adopt(child));
        Assert.Equal(codes.InUse, Assert.ThrowsAny<DomainException>(() => life.Edit(child, edit)).Code);
        Assert.Same(child, life.Resolve([root, child], region));
        Assert.Same(child, life.Resolve([root, child], nested, region));
        Assert.Same(root, life.Resolve([root, child], outside));
        Assert.Null(life.Resolve([child], outside));

        // Catalogue order and parent codes.
        Assert.Equal([root.Code, child.Code], life.Ordered([child, root]).Select(s => s.Code));
        var parentOf = life.ParentCodes([root, child]);
        Assert.Equal(root.Code, parentOf(child));
        Assert.Null(parentOf(root));
    }
}
