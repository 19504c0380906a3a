using ETown.Web.Features.Organisations;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Etowns;

public sealed record EtownQuery(string? Search = null, string? CityCode = null, string? CountyCode = null,
    EtownStatus? Status = null, int? Page = 1, int? PageSize = 20);

public sealed record EtownRow(Guid Id, string Name, string CountyCode, string CountyName, string CityName,
    string? CountyClass, decimal? PlannedAreaKm2, decimal? FloorAreaM2, EtownStatus Status, string StatusLabel,
    bool IsPublished, string? LeadingIndustries);

public sealed record EtownDetail(Guid Id, string Name, string CountyCode, string CountyName, string CityName,
    string CountyClass, decimal? PlannedAreaKm2, decimal? FloorAreaM2, string? BoundaryText, string? LeadingIndustries,
    string? FeaturedProducts, string? Address, int? BatchYear, EtownStatus Status, string StatusLabel, bool IsPublished,
    IReadOnlyList<EtownStatus> NextStatuses, IReadOnlyList<AssignmentRow> Assignments, string? ScaleWarning,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record AssignmentRow(Guid Id, Guid OrganisationId, string OrganisationName, AssignmentKind Kind,
    DateOnly? ValidFrom, DateOnly? ValidTo);

public sealed class EtownInput
{
    public string Name { get; set; } = "";
    public string CountyCode { get; set; } = "";
    public decimal? PlannedAreaKm2 { get; set; }
    public decimal? FloorAreaM2 { get; set; }
    public string? BoundaryText { get; set; }
    public string? LeadingIndustries { get; set; }
    public string? FeaturedProducts { get; set; }
    public string? Address { get; set; }
    public int? BatchYear { get; set; }
}

public sealed record AssignmentInput(Guid OrganisationId, AssignmentKind Kind, DateOnly? ValidFrom, DateOnly? ValidTo);

/// <summary>
/// The e-town registry (issue #2 §8). Pages and the API both call this service; reads are scoped
/// by the DbContext filters and every write checks permission and region here.
/// </summary>
public sealed class EtownService(EtownDb db, Caller caller, RegionDirectory regions, Authorizer auth)
{
    /// <summary>The cities offered on the e-town form: all for the province, its own for a city or county.</summary>
    public IEnumerable<Region> CitiesInScope() => regions.Cities.Where(c => caller.Scope.IsProvince || caller.Scope.IsInCity(c.Code));

    /// <summary>The counties of a city the caller may register e-towns in.</summary>
    public IEnumerable<Region> CountiesInScope(string cityCode) => regions.CountiesOf(cityCode).Where(c => caller.Scope.CoversRegion(c.Code));

    public async Task<PagedResult<EtownRow>> ListAsync(EtownQuery query, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var q = Filter(ctx.Etowns.AsNoTracking(), query);
        var (page, size) = Paging.Normalise(query.Page, query.PageSize);
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(e => e.CountyCode).ThenBy(e => e.Name)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new(items.Select(ToRow).ToList(), total, page, size);
    }

    /// <summary>Every e-town in the caller's scope, for the list table (it filters, sorts and pages them, #15 item 2).</summary>
    public async Task<IReadOnlyList<EtownRow>> ListAllAsync(CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var items = await ctx.Etowns.AsNoTracking().OrderBy(e => e.CountyCode).ThenBy(e => e.Name).ToListAsync(ct);
        return items.Select(ToRow).ToList();
    }

    /// <summary>
    /// The public column (DISC-01): published e-towns only, whoever is looking — the anonymous scope
    /// is used even for a signed-in official, so the page shows exactly what the public sees.
    /// </summary>
    public async Task<PagedResult<EtownRow>> ListPublishedAsync(EtownQuery query, CancellationToken ct = default)
    {
        await using var ctx = db.Create(Caller.Anonymous());
        var q = Filter(ctx.Etowns.AsNoTracking(), query);
        var (page, size) = Paging.Normalise(query.Page, query.PageSize);
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(e => e.CountyCode).ThenBy(e => e.Name).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new(items.Select(ToRow).ToList(), total, page, size);
    }

    public async Task<EtownDetail> GetPublishedAsync(Guid id, CancellationToken ct = default) =>
        await new EtownService(db, Caller.Anonymous(), regions, auth.For(Caller.Anonymous())).GetAsync(id, ct);

    /// <summary>All rows matching the query, for exports (same scope as the list).</summary>
    public async Task<IReadOnlyList<EtownRow>> ExportAsync(EtownQuery query, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var items = await Filter(ctx.Etowns.AsNoTracking(), query).OrderBy(e => e.CountyCode).ThenBy(e => e.Name).ToListAsync(ct);
        return items.Select(ToRow).ToList();
    }

    static IQueryable<Etown> Filter(IQueryable<Etown> q, EtownQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            q = q.Where(e => e.Name.Contains(s) || (e.LeadingIndustries != null && e.LeadingIndustries.Contains(s))
                             || (e.FeaturedProducts != null && e.FeaturedProducts.Contains(s)));
        }
        if (DataScope.CityFilterPrefix(query.CityCode) is { } prefix) q = q.Where(e => e.CountyCode.StartsWith(prefix));
        if (!string.IsNullOrEmpty(query.CountyCode)) q = q.Where(e => e.CountyCode == query.CountyCode);
        if (query.Status is { } st) q = q.Where(e => e.Status == st);
        return q;
    }

    public async Task<EtownDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var e = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("e镇");
        List<AssignmentRow> assignments = [];
        if (caller.IsAuthenticated)
        {
            var raw = await ctx.EtownAssignments.AsNoTracking().Where(a => a.EtownId == id).ToListAsync(ct);
            var orgIds = raw.Select(a => a.OrganisationId).ToList();
            // Names of assigned organisations are shown to whoever may see the e-town.
            var names = await ctx.Organisations.IgnoreQueryFilters().AsNoTracking()
                .Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
            assignments = raw.Select(a => new AssignmentRow(a.Id, a.OrganisationId, names.GetValueOrDefault(a.OrganisationId, "?"),
                a.Kind, a.ValidFrom, a.ValidTo)).ToList();
        }
        var county = regions.Find(e.CountyCode);
        return new EtownDetail(e.Id, e.Name, e.CountyCode, county?.Name ?? e.CountyCode, regions.NameOf(county?.ParentCode),
            Region.ClassLabel(county?.CountyClass), e.PlannedAreaKm2, e.FloorAreaM2, e.BoundaryText, e.LeadingIndustries,
            e.FeaturedProducts, e.Address, e.BatchYear, e.Status, Etown.StatusLabel(e.Status), e.IsPublished,
            StatusChoices(e.Status), assignments, ScaleWarning(e.PlannedAreaKm2, e.FloorAreaM2), e.CreatedAt, e.UpdatedAt);
    }

    /// <summary>DECL-06 / standard item 34: 0.5–5 km² or ≥ 50万 m² floor area. A warning here; the declaration module decides eligibility.</summary>
    public static string? ScaleWarning(decimal? areaKm2, decimal? floorM2)
    {
        var areaOk = areaKm2 is >= 0.5m and <= 5m;
        var floorOk = floorM2 is >= 500_000m;
        return areaOk || floorOk ? null
            : "规划面积不在 0.5–5 平方公里之间，且建筑面积不足 50 万平方米（DECL-06，建设标准第 34 项）。";
    }

    public async Task<Guid> CreateAsync(EtownInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Registry.EtownCreate);
        Validate(input);
        auth.Require(EtownOperations.Create, new EtownResource(null, input.CountyCode));
        await using var ctx = db.Create(caller);
        var e = new Etown { Name = input.Name.Trim(), CountyCode = input.CountyCode };
        Apply(e, input);
        ctx.Etowns.Add(e);
        await ctx.SaveChangesAsync(ct);
        return e.Id;
    }

    public async Task UpdateAsync(Guid id, EtownInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Registry.EtownUpdate);
        Validate(input);
        await using var ctx = db.Create(caller);
        var e = await ctx.Etowns.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("e镇");
        auth.Require(EtownOperations.Update, EtownResource.Of(e));
        auth.Require(EtownOperations.Update, EtownResource.Of(e) with { CountyCode = input.CountyCode });
        e.Name = input.Name.Trim();
        if (e.CountyCode != input.CountyCode)
            // The data scope of its statistics rows follows the e-town to its new county.
            foreach (var a in await ctx.StatDataSetAssignments.IgnoreQueryFilters().Where(a => a.EtownId == id).ToListAsync(ct)) a.CountyCode = input.CountyCode;
        e.CountyCode = input.CountyCode;
        Apply(e, input);
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The generic status change (issue #17 finding 0). 已入选 comes only from the province finalising a
    /// declaration round (DECL-07, DeclarationService.FinaliseAsync), 已验收/运营中 only from acceptance
    /// (<see cref="Etown.MarkAccepted"/>), so a county may only mark a listed e-town 建设中. The province
    /// may withdraw (the upward approval) or correct any status, always with a reason that is audited.
    /// </summary>
    public async Task ChangeStatusAsync(Guid id, EtownStatus to, string? reason = null, CancellationToken ct = default)
    {
        caller.Require(Permissions.Registry.EtownChangeStatus);
        if (!caller.Scope.IsProvince && to != EtownStatus.UnderConstruction)
            throw new DomainException(EtownErrors.StatusReserved,
                $"“{Etown.StatusLabel(to)}”只能经省级确认入选名单（DECL-07）、验收或省级撤销/更正设置。", 403);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > 500) throw new ValidationFailedException(new Dictionary<string, string[]> { ["Reason"] = ["理由不能超过 500 字。"] });
        await using var ctx = db.Create(caller);
        var e = await ctx.Etowns.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("e镇");
        auth.Require(EtownOperations.ChangeStatus, EtownResource.Of(e));
        var from = e.Status;
        if (!caller.Scope.IsProvince || (to == EtownStatus.UnderConstruction && from == EtownStatus.Listed && reason is null))
            e.ChangeStatus(to); // only 建设中 reaches here for a county, and only from 已入选 (else ETOWN-ETOWN-0001)
        else
        {
            if (reason is null)
                throw new DomainException(EtownErrors.StatusReasonRequired, "撤销或更正e镇状态须填写理由（将记入审计日志）。");
            if (to == EtownStatus.Withdrawn) e.ChangeStatus(to); // withdrawal along the life-cycle, approved by the province
            else e.CorrectStatus(to);
            ctx.AddAuditEvent(to == EtownStatus.Withdrawn ? "EtownWithdrawal" : "EtownStatusCorrection", nameof(Etown), e.Id.ToString(), "Success",
                before: new { status = from.ToString() }, after: new { status = to.ToString(), reason });
        }
        if (to == EtownStatus.Listed) await Statistics.StatDataSets.AssignDefaultsAsync(ctx, e, ct); // a reinstated e-town owes its reports again (STAT-02)
        if (!Etown.IsPublishable(to)) e.IsPublished = false; // a withdrawn or unselected e-town leaves the public column
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>The statuses this caller may pick on the detail page (the rest need a reason: province only).</summary>
    public IReadOnlyList<EtownStatus> StatusChoices(EtownStatus from) =>
        [.. Etown.NextStatuses(from).Where(to => (to == EtownStatus.UnderConstruction && from == EtownStatus.Listed)
                                                 || (to == EtownStatus.Withdrawn && caller.Scope.IsProvince))];

    public async Task SetPublishedAsync(Guid id, bool published, CancellationToken ct = default)
    {
        caller.Require(Permissions.Registry.EtownPublish);
        await using var ctx = db.Create(caller);
        var e = await ctx.Etowns.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("e镇");
        auth.Require(EtownOperations.Publish, EtownResource.Of(e));
        // Only selected e-towns go public (issue #17 finding 0): a self-registered 已申报 one never does.
        if (published && !Etown.IsPublishable(e.Status))
            throw new DomainException(EtownErrors.NotPublishable, $"“{Etown.StatusLabel(e.Status)}”的e镇不能发布，须先经省级确认入选。", 409);
        e.IsPublished = published;
        await ctx.SaveChangesAsync(ct);
    }

    public async Task<Guid> AssignAsync(Guid etownId, AssignmentInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Registry.AssignmentManage);
        await using var ctx = db.Create(caller);
        var e = await ctx.Etowns.FirstOrDefaultAsync(x => x.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        auth.Require(EtownOperations.ManageAssignments, EtownResource.Of(e));
        var org = await ctx.Organisations.IgnoreQueryFilters().FirstOrDefaultAsync(o => o.Id == input.OrganisationId, ct)
                  ?? throw new NotFoundException("组织机构");
        var expected = input.Kind switch
        {
            AssignmentKind.Operator => OrganisationKind.Operator,
            AssignmentKind.Commissioned => OrganisationKind.ThirdParty,
            _ => OrganisationKind.MarketEntity,
        };
        if (org.Kind != expected)
            throw new DomainException(EtownErrors.WrongOrganisationKind, $"“{org.Name}”不是{Organisation.KindLabel(expected)}，不能作此指派。");
        if (input.ValidFrom is { } f && input.ValidTo is { } t && t < f)
            throw new DomainException(EtownErrors.AssignmentDates, "有效期截止日期不能早于开始日期。");
        if (await ctx.EtownAssignments.IgnoreQueryFilters().AnyAsync(a => a.EtownId == etownId && a.OrganisationId == org.Id && a.Kind == input.Kind, ct))
            throw new DomainException(EtownErrors.AlreadyAssigned, "该机构已指派到此e镇。", 409);
        var a = new EtownAssignment { EtownId = etownId, OrganisationId = org.Id, Kind = input.Kind, ValidFrom = input.ValidFrom, ValidTo = input.ValidTo };
        ctx.EtownAssignments.Add(a);
        await ctx.SaveChangesAsync(ct);
        return a.Id;
    }

    public async Task UnassignAsync(Guid etownId, Guid assignmentId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Registry.AssignmentManage);
        await using var ctx = db.Create(caller);
        var e = await ctx.Etowns.FirstOrDefaultAsync(x => x.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        auth.Require(EtownOperations.ManageAssignments, EtownResource.Of(e));
        var a = await ctx.EtownAssignments.FirstOrDefaultAsync(x => x.Id == assignmentId && x.EtownId == etownId, ct)
                ?? throw new NotFoundException("指派关系");
        ctx.EtownAssignments.Remove(a);
        await ctx.SaveChangesAsync(ct);
    }

    void Validate(EtownInput i)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(i.Name)) errors.Add(nameof(i.Name), "请填写e镇名称。");
        else if (i.Name.Trim().Length > 100) errors.Add(nameof(i.Name), "e镇名称不能超过 100 个字。");
        if (regions.Find(i.CountyCode) is not { Level: RegionLevel.County })
            errors.Add(nameof(i.CountyCode), "请选择e镇所在的县（市、区）。");
        if (i.PlannedAreaKm2 is null && i.FloorAreaM2 is null)
            errors.Add(nameof(i.PlannedAreaKm2), "规划面积（平方公里）与建筑面积（平方米）至少填写一项。");
        if (i.PlannedAreaKm2 is <= 0 or > 1000m) errors.Add(nameof(i.PlannedAreaKm2), "规划面积应大于 0 且不超过 1000 平方公里。");
        if (i.FloorAreaM2 is <= 0 or > 100_000_000m) errors.Add(nameof(i.FloorAreaM2), "建筑面积应大于 0 且不超过 1 亿平方米。");
        if (i.BatchYear is < 2022 or > 2100) errors.Add(nameof(i.BatchYear), "批次年份应不早于 2022 年。");
        if (i.BoundaryText?.Length > 1000) errors.Add(nameof(i.BoundaryText), "四至说明不能超过 1000 字。");
        if (i.LeadingIndustries?.Length > 300) errors.Add(nameof(i.LeadingIndustries), "主导产业不能超过 300 字。");
        if (i.FeaturedProducts?.Length > 300) errors.Add(nameof(i.FeaturedProducts), "特色产品不能超过 300 字。");
        if (i.Address?.Length > 200) errors.Add(nameof(i.Address), "地址不能超过 200 字。");
        errors.ThrowIfAny();
    }

    static void Apply(Etown e, EtownInput i)
    {
        e.PlannedAreaKm2 = i.PlannedAreaKm2;
        e.FloorAreaM2 = i.FloorAreaM2;
        e.BoundaryText = Clean(i.BoundaryText);
        e.LeadingIndustries = Clean(i.LeadingIndustries);
        e.FeaturedProducts = Clean(i.FeaturedProducts);
        e.Address = Clean(i.Address);
        e.BatchYear = i.BatchYear;
    }

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    EtownRow ToRow(Etown e)
    {
        var county = regions.Find(e.CountyCode);
        return new EtownRow(e.Id, e.Name, e.CountyCode, county?.Name ?? e.CountyCode, regions.NameOf(county?.ParentCode),
            county?.CountyClass is null ? null : Region.ClassLabel(county.CountyClass), e.PlannedAreaKm2, e.FloorAreaM2,
            e.Status, Etown.StatusLabel(e.Status), e.IsPublished, e.LeadingIndustries);
    }
}
