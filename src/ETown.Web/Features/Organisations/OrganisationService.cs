using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Organisations;

public sealed record OrganisationRow(Guid Id, string Name, OrganisationKind Kind, string KindLabel, string RegionCode,
    string RegionName, string? CreditCode, bool IsActive, int UserCount);

public sealed class OrganisationInput
{
    public string Name { get; set; } = "";
    public OrganisationKind Kind { get; set; } = OrganisationKind.CountyEtownOffice;
    public string RegionCode { get; set; } = "";
    public string? CreditCode { get; set; }
    public bool IsActive { get; set; } = true;
}

public sealed class OrganisationService(EtownDb db, Caller caller, RegionDirectory regions)
{
    /// <summary>The regions the caller may set up organisations in: the province, cities and counties its scope covers.</summary>
    public IEnumerable<Region> RegionsInScope() =>
        new[] { regions.Find("140000")! }.Concat(regions.Cities.SelectMany(c => new[] { c }.Concat(regions.CountiesOf(c.Code))))
            .Where(r => r is not null && caller.Scope.CoversRegion(r.Code));

    public async Task<IReadOnlyList<OrganisationRow>> ListAsync(string? search = null, CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.OrganisationRead);
        await using var ctx = db.Create(caller);
        var q = ctx.Organisations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search)) q = q.Where(o => o.Name.Contains(search.Trim()));
        var orgs = await q.OrderBy(o => o.RegionCode).ThenBy(o => o.Name).ToListAsync(ct);
        var ids = orgs.Select(o => o.Id).ToList();
        var counts = await ctx.Users.Where(u => ids.Contains(u.OrganisationId)).GroupBy(u => u.OrganisationId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return orgs.Select(o => ToRow(o, counts.GetValueOrDefault(o.Id))).ToList();
    }

    public async Task<OrganisationRow> GetAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.OrganisationRead);
        await using var ctx = db.Create(caller);
        var o = await ctx.Organisations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("组织机构");
        return ToRow(o, await ctx.Users.CountAsync(u => u.OrganisationId == id, ct));
    }

    /// <summary>Organisations of the given kind visible to the caller (for assignment pickers).</summary>
    public async Task<IReadOnlyList<OrganisationRow>> OfKindAsync(OrganisationKind kind, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var orgs = await ctx.Organisations.AsNoTracking().Where(o => o.Kind == kind && o.IsActive).OrderBy(o => o.Name).ToListAsync(ct);
        return orgs.Select(o => ToRow(o, 0)).ToList();
    }

    public async Task<Guid> CreateAsync(OrganisationInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.OrganisationManage);
        Validate(input);
        await using var ctx = db.Create(caller);
        var o = new Organisation { Name = input.Name.Trim(), Kind = input.Kind, RegionCode = input.RegionCode,
            CreditCode = Clean(input.CreditCode), IsActive = input.IsActive };
        ctx.Organisations.Add(o);
        await ctx.SaveChangesAsync(ct);
        return o.Id;
    }

    public async Task UpdateAsync(Guid id, OrganisationInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Org.OrganisationManage);
        Validate(input);
        await using var ctx = db.Create(caller);
        var o = await ctx.Organisations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("组织机构");
        if (!caller.Scope.CoversRegion(o.RegionCode)) throw new ForbiddenException("只能维护本辖区的组织机构。");
        if (o.Id == caller.OrganisationId && !input.IsActive) throw new DomainException(OrganisationErrors.DeactivateOwnOrganisation, "不能停用自己所在的单位。");
        o.Name = input.Name.Trim(); o.Kind = input.Kind; o.RegionCode = input.RegionCode;
        o.CreditCode = Clean(input.CreditCode); o.IsActive = input.IsActive;
        await ctx.SaveChangesAsync(ct);
    }

    void Validate(OrganisationInput i)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(i.Name) || i.Name.Trim().Length > 100) errors.Add(nameof(i.Name), "请填写单位名称（不超过 100 字）。");
        if (regions.Find(i.RegionCode) is null) errors.Add(nameof(i.RegionCode), "请选择所属行政区划。");
        else if (!caller.Scope.CoversRegion(i.RegionCode)) errors.Add(nameof(i.RegionCode), "只能在本辖区内设立组织机构。");
        if (!string.IsNullOrWhiteSpace(i.CreditCode) && !CreditCode.IsValid(i.CreditCode.Trim()))
            errors.Add(nameof(i.CreditCode), "统一社会信用代码格式或校验位不正确（GB 32100-2015）。");
        errors.ThrowIfAny();
    }

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().ToUpperInvariant();

    OrganisationRow ToRow(Organisation o, int users) => new(o.Id, o.Name, o.Kind, Organisation.KindLabel(o.Kind), o.RegionCode,
        regions.FullName(o.RegionCode), o.CreditCode, o.IsActive, users);
}

/// <summary>统一社会信用代码 check character (GB 32100-2015).</summary>
public static class CreditCode
{
    const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string code)
    {
        if (code.Length != 18) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(code[i]);
            if (v < 0) return false;
            sum += v * Weights[i];
        }
        var check = (31 - sum % 31) % 31;
        return Alphabet[check] == code[17];
    }

    /// <summary>Completes 17 characters with their check character (used for demo data).</summary>
    public static string WithCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        return first17 + Alphabet[(31 - sum % 31) % 31];
    }
}
