using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Versioning;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Declarations.Eligibility;

public sealed record RuleSetRow(Guid Id, string Code, string Name, int Version, string? ParentCode, string? CityCode, string? CityName,
    bool IsInUse, DateTimeOffset CreatedAt, EligibilityThresholds Thresholds);

public sealed record DeriveRuleSetInput(string Code, string Name, string? CityCode, EligibilityThresholds? Thresholds);

/// <summary>Rule-set administration (province and cities) and the eligibility check used by pages and the API.</summary>
public sealed class EligibilityService(EtownDb db, Caller caller, RegionDirectory regions, EligibilityContextBuilder contexts, TimeProvider clock,
    Authorizer auth)
{
    /// <summary>Seeds the 2022 provincial set; idempotent (an existing row, adopted or not, is left as it is).</summary>
    public static async Task SeedAsync(EtownDbContext ctx, TimeProvider clock, CancellationToken ct = default)
    {
        if (await ctx.EligibilityRuleSets.AnyAsync(s => s.Code == EligibilityRuleSet.ProvinceCode2022, ct)) return;
        ctx.EligibilityRuleSets.Add(EligibilityRuleSet.Shanxi2022(clock.GetUtcNow()));
        await ctx.SaveChangesAsync(ct);
    }

    static RuleSetLifecycle<EligibilityRuleSet> Lifecycle => EligibilityRuleSet.Lifecycle;

    public async Task<IReadOnlyList<RuleSetRow>> ListAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.EligibilityCheck);
        await using var ctx = db.Create(caller);
        var sets = await ctx.EligibilityRuleSets.AsNoTracking().ToListAsync(ct);
        var parentCode = Lifecycle.ParentCodes(sets);
        return Lifecycle.Ordered(sets).Select(s => ToRow(s, parentCode(s))).ToList();
    }

    public async Task<RuleSetRow> GetAsync(string code, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.EligibilityCheck);
        await using var ctx = db.Create(caller);
        var s = await Find(ctx, code, ct, track: false);
        return ToRow(s, await Lifecycle.ParentCodeAsync(ctx.EligibilityRuleSets, s, ct));
    }

    /// <summary>
    /// A city derives a stricter set for itself (may only tighten); the province derives a set for any
    /// city, or next year's provincial version (no city: any threshold may change).
    /// </summary>
    public async Task<RuleSetRow> DeriveAsync(string parentCode, DeriveRuleSetInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.RuleSetManage);
        var cityCode = string.IsNullOrWhiteSpace(input.CityCode) ? null : input.CityCode.Trim();
        if (cityCode is not null && regions.Find(cityCode) is not { Level: RegionLevel.City })
            throw new DomainException(DeclarationErrors.RuleSetInvalid, $"“{cityCode}”不是本省的设区市代码。");
        RequireCanManage(cityCode);
        await using var ctx = db.Create(caller);
        var parent = await Find(ctx, parentCode, ct);
        await Lifecycle.RequireNewCodeAsync(ctx.EligibilityRuleSets, input.Code, ct);
        var set = parent.Derive(input.Code, input.Name, cityCode, input.Thresholds, clock.GetUtcNow());
        ctx.EligibilityRuleSets.Add(set);
        await ctx.SaveChangesAsync(ct);
        return ToRow(set, parent.Code);
    }

    /// <summary>Replace the thresholds of a set not yet in use (an adopted set is immutable: ETOWN-ELIG-0001).</summary>
    public async Task UpdateThresholdsAsync(string code, EligibilityThresholds thresholds, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.RuleSetManage);
        await using var ctx = db.Create(caller);
        var set = await Find(ctx, code, ct);
        RequireCanManage(set.CityCode);
        var parent = set.ParentId is { } p ? await ctx.EligibilityRuleSets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == p, ct) : null;
        set.ReplaceThresholds(thresholds, parent);
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>Adopt a set: declarations are checked against it from now on and it can no longer change.</summary>
    public async Task AdoptAsync(string code, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.RuleSetManage);
        await using var ctx = db.Create(caller);
        var set = await Find(ctx, code, ct);
        RequireCanManage(set.CityCode);
        if (Lifecycle.Adopt(set)) await ctx.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Evaluates a form. Without <paramref name="ruleSetCode"/> the newest adopted set of the county's
    /// city applies, else the newest adopted provincial set.
    /// </summary>
    public async Task<EligibilityReport> CheckAsync(DeclarationForm form, string? ruleSetCode, decimal? boundaryAreaKm2 = null,
        Guid? excludeDeclarationId = null, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.EligibilityCheck);
        ArgumentNullException.ThrowIfNull(form);
        var set = await ResolveAsync(form.CountyCode, ruleSetCode, ct);
        // DECL-06 on the drawn boundary too: its projected area (CGCS2000 Gauss-Krüger) beside the declared one.
        if (boundaryAreaKm2 is null && !string.IsNullOrWhiteSpace(form.BoundaryGeoJson))
            boundaryAreaKm2 = Platform.Geo.BoundaryArea.Compute(form.BoundaryGeoJson).AreaKm2Rounded;
        var context = await contexts.BuildAsync(form, boundaryAreaKm2, excludeDeclarationId, ct);
        return EligibilityEngine.Evaluate(form, set, context);
    }

    async Task<EligibilityRuleSet> ResolveAsync(string? countyCode, string? ruleSetCode, CancellationToken ct)
    {
        await using var ctx = db.Create(caller);
        if (!string.IsNullOrWhiteSpace(ruleSetCode)) return await Find(ctx, ruleSetCode, ct, track: false);
        var cityCode = regions.Find(countyCode) is { Level: RegionLevel.County } county ? county.ParentCode : null;
        var adopted = await ctx.EligibilityRuleSets.AsNoTracking()
            .Where(s => s.IsInUse && (s.CityCode == null || s.CityCode == cityCode)).ToListAsync(ct);
        return Lifecycle.Resolve(adopted, cityCode) ?? throw new NotFoundException("可用的申报条件规则集");
    }

    static Task<EligibilityRuleSet> Find(EtownDbContext ctx, string code, CancellationToken ct, bool track = true) =>
        Lifecycle.FindAsync(track ? ctx.EligibilityRuleSets : ctx.EligibilityRuleSets.AsNoTracking(), code, ct);

    /// <summary>The province manages every set; a city only its own city's sets.</summary>
    void RequireCanManage(string? cityCode) => auth.Require(RuleSetOperations.Manage, new RuleSetResource(cityCode));

    RuleSetRow ToRow(EligibilityRuleSet s, string? parentCode) => new(s.Id, s.Code, s.Name, s.Version, parentCode, s.CityCode,
        s.CityCode is null ? null : regions.NameOf(s.CityCode), s.IsInUse, s.CreatedAt, s.Thresholds);
}
