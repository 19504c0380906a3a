using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Regions;

public sealed record RegionRow(string Code, string Name, string Level, string? ParentCode, string? ParentName,
    CountyClass? CountyClass, string CountyClassLabel, bool IsNationalDemoCounty);

public sealed record CountyFlagsInput(CountyClass? CountyClass, bool IsNationalDemoCounty);

/// <summary>Reference regions are public facts; only the province edits county class and demo flag.</summary>
public sealed class RegionService(EtownDb db, Caller caller, RegionDirectory directory)
{
    /// <summary>County class and demo-county flag are the province's to set (pages show the editor by this).</summary>
    public bool CanEditCounties => caller.Has(Permissions.Reference.RegionUpdate) && caller.Scope.IsProvince;

    public async Task<IReadOnlyList<RegionRow>> ListAsync(string? cityCode = null, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var q = ctx.Regions.AsNoTracking();
        if (!string.IsNullOrEmpty(cityCode)) q = q.Where(r => r.ParentCode == cityCode || r.Code == cityCode);
        var rows = await q.OrderBy(r => r.Code).ToListAsync(ct);
        return rows.Select(r => new RegionRow(r.Code, r.Name, Region.LevelLabel(r.Level), r.ParentCode,
            r.ParentCode is null ? null : directory.NameOf(r.ParentCode), r.CountyClass,
            r.Level == RegionLevel.County ? Region.ClassLabel(r.CountyClass) : "", r.IsNationalDemoCounty)).ToList();
    }

    public async Task UpdateCountyAsync(string code, CountyFlagsInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Reference.RegionUpdate);
        // Only a province-wide body may re-tier counties: the class sets the targets it is judged by (STD-33, STD-35, STD-36).
        if (!caller.Scope.IsProvince) throw new ForbiddenException("县域类别与示范县标志只能由省级维护。");
        await using var ctx = db.Create(caller);
        var region = await ctx.Regions.FirstOrDefaultAsync(r => r.Code == code, ct) ?? throw new NotFoundException("行政区划");
        if (region.Level != RegionLevel.County)
            throw new DomainException(RegionErrors.NotACounty, "只有县级单位有县域类别和示范县标志。");
        region.CountyClass = input.CountyClass;
        region.IsNationalDemoCounty = input.IsNationalDemoCounty;
        await ctx.SaveChangesAsync(ct);
        await directory.ReloadAsync(db, ct);
    }
}
