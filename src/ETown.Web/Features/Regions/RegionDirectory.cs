using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Regions;

/// <summary>In-memory copy of the 129 regions for names and hierarchy; reloaded after edits.</summary>
public sealed class RegionDirectory
{
    volatile IReadOnlyDictionary<string, Region> _byCode = new Dictionary<string, Region>();

    public async Task ReloadAsync(EtownDb db, CancellationToken ct = default)
    {
        await using var ctx = db.CreateSystem();
        _byCode = (await ctx.Regions.AsNoTracking().ToListAsync(ct)).ToDictionary(r => r.Code);
    }

    /// <summary>Replaces the content from a list already at hand (tests, tools, document rendering without a database).</summary>
    public void Load(IEnumerable<Region> regions) => _byCode = regions.ToDictionary(r => r.Code);

    public Region? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var r) ? r : null;
    public string NameOf(string? code) => Find(code)?.Name ?? code ?? "";
    public IEnumerable<Region> Cities => _byCode.Values.Where(r => r.Level == RegionLevel.City).OrderBy(r => r.Code);
    public IEnumerable<Region> CountiesOf(string cityCode) =>
        _byCode.Values.Where(r => r.ParentCode == cityCode).OrderBy(r => r.Code);
    public IEnumerable<Region> AllCounties => _byCode.Values.Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Code);
    public int Count => _byCode.Count;

    /// <summary>"朔州市 山阴县" for a county, the name alone otherwise.</summary>
    public string FullName(string? code)
    {
        var r = Find(code);
        if (r is null) return code ?? "";
        return r.Level == RegionLevel.County ? $"{NameOf(r.ParentCode)} {r.Name}" : r.Name;
    }
}
