using ETown.Web.Platform.Time;
using ETown.Web.Features.Declarations;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Documents;
using ETown.Web.Platform.Versioning;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Standards;

public sealed record StandardVersionRow(Guid Id, string Code, string Name, int Version, string? ParentCode, string? RegionCode, string RegionName,
    bool IsInUse, DateTimeOffset CreatedAt, int BindingItems, int ExpectedItems);

public sealed record StandardItemRow(int Number, string Group, string Content, string StandardText, ItemAttribute Attribute, string AttributeLabel,
    ItemKind Kind, string KindLabel, ItemSpec Spec);

public sealed record StandardVersionDetail(StandardVersionRow Version, IReadOnlyList<StandardItemRow> Items);

public sealed record DeriveStandardInput(string Code, string Name, string? RegionCode);

public sealed record StandardItemInput(string? Content, string? StandardText, ItemAttribute? Attribute, ItemKind? Kind, ItemSpec? Spec);

public sealed record FigureRow(string Indicator, string Label, string Unit, int Year, decimal? Value, string? Source, string? Note, decimal? DeclarationTarget);

public sealed record FigureInput(int Year, string Indicator, decimal? Value, string? Note);

public sealed record FiguresBody(IReadOnlyList<FigureInput> Figures);

public sealed record EvidenceFileRow(Guid Id, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);

public sealed record EvidenceRow(Guid Id, int ItemNumber, IReadOnlyDictionary<string, decimal> Facts, string? Note, EvidenceStatus Status, string StatusLabel,
    DateTimeOffset SubmittedAt, string? SubmittedBy, DateTimeOffset? ReviewedAt, string? ReviewedBy, string? RejectReason, IReadOnlyList<EvidenceFileRow> Files,
    int? Year = null);

public sealed record EvidenceInput(int ItemNumber, Dictionary<string, decimal>? Facts, string? Note, int? Year = null);

public sealed record EtownCompliance(Guid EtownId, string EtownName, string CountyCode, string CountyName, string CityName, CountyClass? CountyClass,
    string CountyClassLabel, string VersionCode, string VersionName, int? Year, IReadOnlyList<ItemVerdict> Items, ComplianceSummary Summary,
    DemoContentVerdict? DemoContent = null);

public sealed record MatrixQuery(string? CityCode = null, CountyClass? CountyClass = null, ItemAttribute? Attribute = null, int? Year = null);

public sealed record MatrixCell(int Number, Verdict Verdict);

public sealed record MatrixRow(Guid Id, string Name, string CountyCode, string CountyName, string CityName, string CountyClassLabel, string VersionCode,
    IReadOnlyList<MatrixCell> Cells, ComplianceSummary Summary);

public sealed record MatrixColumn(int Number, string Content, ItemAttribute Attribute);

/// <summary>Province-wide matrix: <see cref="Items"/> are the e-towns (rows), <see cref="Columns"/> the standard items.</summary>
public sealed record ComplianceMatrix(IReadOnlyList<MatrixColumn> Columns, IReadOnlyList<MatrixRow> Items);

/// <summary>
/// The construction standard (issue #5): the catalogue as versioned data, figures, evidence and live
/// compliance. Pages and the API both call this service; reads are scoped by the DbContext filters
/// (figures and evidence carry the e-town's county code), writes check permission and region here.
/// </summary>
public sealed class StandardService(EtownDb db, Caller caller, RegionDirectory regions, AttachmentStore store, TimeProvider clock,
    Statistics.Analytics.StatAnalyticsService statistics, Authorizer auth, IEnumerable<IAcceptanceYears> acceptanceYears,
    Platform.Caching.ReadCache? cache = null)
{
    /// <summary>Seeds SX-2022 with its two published variants; idempotent (existing versions are left as they are).</summary>
    public static async Task SeedAsync(EtownDbContext ctx, TimeProvider clock, CancellationToken ct = default)
    {
        if (await ctx.StandardVersions.AnyAsync(v => v.Code == StandardCatalogue2022.ProvinceCode, ct)) return;
        ctx.StandardVersions.AddRange(StandardCatalogue2022.All(clock.GetUtcNow()));
        await ctx.SaveChangesAsync(ct);
    }

    // ---------------------------------------------------------------- catalogue

    static RuleSetLifecycle<StandardVersion> Lifecycle => StandardVersion.Lifecycle;

    public async Task<IReadOnlyList<StandardVersionRow>> ListVersionsAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.CatalogueRead);
        await using var ctx = db.Create(caller);
        var versions = await ctx.StandardVersions.AsNoTracking().Include(v => v.Items).ToListAsync(ct);
        var parentCode = Lifecycle.ParentCodes(versions);
        return Lifecycle.Ordered(versions).Select(v => ToRow(v, parentCode(v))).ToList();
    }

    public async Task<StandardVersionDetail> GetVersionAsync(string code, CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.CatalogueRead);
        await using var ctx = db.Create(caller);
        var v = await FindVersion(ctx, code, ct, track: false);
        var parent = await Lifecycle.ParentCodeAsync(ctx.StandardVersions, v, ct);
        return new(ToRow(v, parent), v.Items.OrderBy(i => i.Number).Select(ToItemRow).ToList());
    }

    /// <summary>Copy-and-edit: the province derives any version; a city derives for itself or one of its counties.</summary>
    public async Task<StandardVersionDetail> DeriveAsync(string parentCode, DeriveStandardInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.CatalogueManage);
        var region = string.IsNullOrWhiteSpace(input.RegionCode) ? null : input.RegionCode.Trim();
        if (region is not null && regions.Find(region) is not { Level: RegionLevel.City or RegionLevel.County })
            throw new DomainException(StandardErrors.InvalidCodeOrRegion, $"“{region}”不是本省的市或县(市、区)代码。", 400);
        RequireCanManage(region);
        await using var ctx = db.Create(caller);
        var parent = await FindVersion(ctx, parentCode, ct, track: false);
        await Lifecycle.RequireNewCodeAsync(ctx.StandardVersions, input.Code, ct);
        var v = parent.Derive(input.Code ?? "", input.Name ?? "", region, clock.GetUtcNow());
        ctx.StandardVersions.Add(v);
        await ctx.SaveChangesAsync(ct);
        return new(ToRow(v, parent.Code), v.Items.OrderBy(i => i.Number).Select(ToItemRow).ToList());
    }

    /// <summary>Edit one item of a version not yet in use (ETOWN-STD-0001 otherwise).</summary>
    public async Task UpdateItemAsync(string code, int number, StandardItemInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.CatalogueManage);
        await using var ctx = db.Create(caller);
        var v = await FindVersion(ctx, code, ct);
        RequireCanManage(v.RegionCode);
        v.EditItem(number, input.Content, input.StandardText, input.Attribute, input.Kind, input.Spec);
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>Put a version in use: from now on its e-towns are judged by it and it is locked.</summary>
    public async Task AdoptAsync(string code, CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.CatalogueManage);
        await using var ctx = db.Create(caller);
        var v = await FindVersion(ctx, code, ct);
        RequireCanManage(v.RegionCode);
        if (Lifecycle.Adopt(v)) await ctx.SaveChangesAsync(ct);
    }

    /// <summary>The most specific version in use for a county: county → city → province (newest first on each level).</summary>
    public static StandardVersion? Resolve(IEnumerable<StandardVersion> inUse, string countyCode, string? cityCode) =>
        Lifecycle.Resolve(inUse, countyCode, cityCode);

    static async Task<StandardVersion> FindVersion(EtownDbContext ctx, string code, CancellationToken ct, bool track = true)
    {
        var q = ctx.StandardVersions.Include(v => v.Items).AsQueryable();
        if (!track) q = q.AsNoTracking();
        return await Lifecycle.FindAsync(q, code, ct);
    }

    void RequireCanManage(string? regionCode) => auth.Require(StandardVersionOperations.Manage, new StandardVersionResource(regionCode));

    StandardVersionRow ToRow(StandardVersion v, string? parentCode) => new(v.Id, v.Code, v.Name, v.Version, parentCode, v.RegionCode,
        v.RegionCode is null ? "全省" : regions.FullName(v.RegionCode), v.IsInUse, v.CreatedAt,
        v.Items.Count(i => i.Attribute == ItemAttribute.Binding), v.Items.Count(i => i.Attribute == ItemAttribute.Expected));

    static StandardItemRow ToItemRow(StandardItem i) => new(i.Number, i.Group, i.Content, i.StandardText, i.Attribute,
        StandardItem.AttributeLabel(i.Attribute), i.Kind, StandardItem.KindLabel(i.Kind), i.Spec);

    // ---------------------------------------------------------------- e-town access

    static async Task<Etown> VisibleEtown(EtownDbContext ctx, Guid id, CancellationToken ct) =>
        await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("e镇");

    /// <summary>The county (or province/city) that covers the e-town; an operator only for its assigned e-towns.</summary>
    void RequireWritable(Etown e, bool operatorMay)
    {
        if (caller.Scope.CoversRegion(e.CountyCode)) return;
        if (operatorMay && caller.Scope.EtownIds.Contains(e.Id)) return;
        throw new NotFoundException("e镇");
    }

    // ---------------------------------------------------------------- figures

    public async Task<IReadOnlyList<FigureRow>> GetFiguresAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.ComplianceRead);
        await using var ctx = db.Create(caller);
        var e = await VisibleEtown(ctx, etownId, ct);
        var figures = await ctx.EtownFigures.AsNoTracking().Where(f => f.EtownId == etownId).ToListAsync(ct);
        var fromStatistics = (await statistics.ApprovedYearFiguresAsync([etownId], ct)).GetValueOrDefault(etownId) ?? [];
        var targets = await TargetsAsync(ctx, e, ct);
        var years = TargetIndicators.Years.Concat(figures.Select(f => f.Year)).Concat(fromStatistics.Select(f => f.Year)).Distinct().Order().ToList();
        var rows = new List<FigureRow>();
        foreach (var ind in Indicators.All)
        foreach (var y in years)
        {
            var f = figures.FirstOrDefault(x => x.Indicator == ind.Code && x.Year == y);
            var st = fromStatistics.FirstOrDefault(x => x.Indicator == ind.Code && x.Year == y);
            var t = targets.FirstOrDefault(x => x.Indicator == ind.Code && x.Year == y)?.Value;
            if (f is null && st is null && t is null) continue;
            // A complete approved statistics year decides; the entered figure is kept as a note beside it.
            if (st is not null)
                // The share is kept unrounded for the comparison (#9 item 5); shown with two decimals.
                rows.Add(new(ind.Code, ind.Label, ind.Unit, y, ind.Code == Indicators.NewEntitiesEcommercePct ? Math.Round(st.Value, 2) : st.Value, st.Source,
                    f is null ? "由已审核的 12 个月统计数据计算" : $"由已审核的 12 个月统计数据计算（县填报值 {f.Value:0.##}）", t));
            else
                rows.Add(new(ind.Code, ind.Label, ind.Unit, y, f?.Value, f?.Source, f?.Note, t));
        }
        return rows;
    }

    /// <summary>The county enters achieved figures for its e-towns; a null value removes the figure.</summary>
    public async Task SetFiguresAsync(Guid etownId, IReadOnlyList<FigureInput> input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.FigureEnter);
        ArgumentNullException.ThrowIfNull(input);
        await using var ctx = db.Create(caller);
        var e = await VisibleEtown(ctx, etownId, ct);
        RequireWritable(e, operatorMay: false);
        var errors = new FieldErrors();
        for (var i = 0; i < input.Count; i++)
        {
            var f = input[i];
            if (!Indicators.Exists(f.Indicator)) errors.Add($"figures[{i}].indicator", $"未知指标“{f.Indicator}”。");
            if (f.Year is < 2020 or > 2035) errors.Add($"figures[{i}].year", "年份应在 2020–2035 之间。");
            if (f.Value is < 0 && f.Indicator != Indicators.CityOutputGrowth) errors.Add($"figures[{i}].value", "数值不能为负。");
            if (f.Note is { Length: > 200 }) errors.Add($"figures[{i}].note", "备注不超过 200 字。");
        }
        errors.ThrowIfAny();
        var existing = await ctx.EtownFigures.Where(f => f.EtownId == etownId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var f in input)
        {
            var row = existing.FirstOrDefault(x => x.Indicator == f.Indicator && x.Year == f.Year);
            if (f.Value is null) { if (row is not null) ctx.EtownFigures.Remove(row); continue; }
            if (row is null)
            {
                row = new EtownFigure { EtownId = etownId, CountyCode = e.CountyCode, Year = f.Year, Indicator = f.Indicator };
                ctx.EtownFigures.Add(row);
                existing.Add(row);
            }
            row.Value = f.Value.Value; row.Note = f.Note?.Trim(); row.Source = FigureSources.Entered; row.UpdatedAt = now; row.UpdatedBy = caller.UserId;
        }
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The approved declaration's targets, shown beside the figures (never used as achievements). The
    /// declaration is read without its scope filter: whoever may see the e-town may see the targets it
    /// was listed with (an operator cannot read declarations otherwise).
    /// </summary>
    static async Task<IReadOnlyList<FigureValue>> TargetsAsync(EtownDbContext ctx, Etown e, CancellationToken ct) =>
        (await TargetsAsync(ctx, [e], ct)).GetValueOrDefault(e.Id) ?? [];

    /// <summary>The targets of many e-towns in one read of their declarations (the matrix; issue #16).</summary>
    static async Task<Dictionary<Guid, IReadOnlyList<FigureValue>>> TargetsAsync(EtownDbContext ctx, IReadOnlyList<Etown> etowns, CancellationToken ct)
    {
        var byDeclaration = etowns.Where(e => e.DeclarationId is not null).GroupBy(e => e.DeclarationId!.Value).ToDictionary(g => g.Key, g => g.Select(e => e.Id).ToList());
        var result = new Dictionary<Guid, IReadOnlyList<FigureValue>>();
        if (byDeclaration.Count == 0) return result;
        var keys = byDeclaration.Keys.ToList();
        foreach (var declaration in await ctx.Declarations.IgnoreQueryFilters().AsNoTracking().Where(d => keys.Contains(d.Id)).ToListAsync(ct))
        {
            var form = declaration.Form;
            if (form is null) continue;
            var targets = Indicators.All.Where(i => i.Target is not null)
                .SelectMany(i => form.Targets.Where(t => t.Indicator == i.Target && t.Value is not null)
                    .Select(t => new FigureValue(i.Code, t.Year, t.Value!.Value, FigureSources.Declaration)))
                .ToList();
            foreach (var id in byDeclaration[declaration.Id]) result[id] = targets;
        }
        return result;
    }

    // ---------------------------------------------------------------- evidence

    public async Task<IReadOnlyList<EvidenceRow>> ListEvidenceAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.ComplianceRead);
        await using var ctx = db.Create(caller);
        await VisibleEtown(ctx, etownId, ct);
        var evidence = await ctx.EtownEvidence.AsNoTracking().Where(x => x.EtownId == etownId).ToListAsync(ct);
        var files = await ctx.EvidenceFiles.AsNoTracking().Where(f => f.EtownId == etownId).ToListAsync(ct);
        return evidence.OrderBy(x => x.ItemNumber).ThenByDescending(x => x.SubmittedAt).Select(x => ToEvidenceRow(x, files)).ToList();
    }

    public async Task<EvidenceRow> SubmitEvidenceAsync(Guid etownId, EvidenceInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.EvidenceSubmit);
        ArgumentNullException.ThrowIfNull(input);
        await using var ctx = db.Create(caller);
        var e = await VisibleEtown(ctx, etownId, ct);
        RequireWritable(e, operatorMay: true);
        var errors = new FieldErrors();
        if (input.ItemNumber is < 1 or > 39) errors.Add("itemNumber", "建设标准项号应为 1–39。");
        var facts = input.Facts ?? [];
        if (facts.Count > 30) errors.Add("facts", "事实项不超过 30 个。");
        foreach (var (k, v) in facts)
        {
            if (string.IsNullOrWhiteSpace(k) || k.Length > 64) errors.Add("facts", "事实项代码不能为空且不超过 64 个字符。");
            if (v < 0) errors.Add($"facts.{k}", "数值不能为负。");
        }
        if (input.Note is { Length: > 1000 }) errors.Add("note", "说明不超过 1000 字。");
        if (input.Year is < 2020 or > 2035) errors.Add("year", "证据所属年度应在 2020–2035 之间（“每年”项按年度判定）。");
        errors.ThrowIfAny();
        var ev = new EtownEvidence
        {
            EtownId = etownId, CountyCode = e.CountyCode, ItemNumber = input.ItemNumber, Year = input.Year,
            Facts = facts.ToDictionary(f => f.Key.Trim(), f => f.Value), Note = input.Note?.Trim(),
            SubmittedAt = clock.GetUtcNow(), SubmittedBy = caller.UserId, SubmittedByName = caller.DisplayName ?? caller.UserName,
        };
        ctx.EtownEvidence.Add(ev);
        await ctx.SaveChangesAsync(ct);
        return ToEvidenceRow(ev, []);
    }

    public async Task<EvidenceFileRow> AddEvidenceFileAsync(Guid etownId, Guid evidenceId, string fileName, string contentType, Stream content, CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.EvidenceSubmit);
        await using var ctx = db.Create(caller);
        var e = await VisibleEtown(ctx, etownId, ct);
        RequireWritable(e, operatorMay: true);
        var ev = await ctx.EtownEvidence.FirstOrDefaultAsync(x => x.Id == evidenceId && x.EtownId == etownId, ct) ?? throw new NotFoundException("证据");
        if (ev.Status != EvidenceStatus.Submitted)
            throw new DomainException(StandardErrors.EvidenceReviewed, "已审核的证据不能再添加文件，请提交新的证据。", 409);
        var stored = await store.SaveAsync(content, fileName, contentType, AttachmentPolicy.Materials, ct);
        var f = new EvidenceFile
        {
            EvidenceId = evidenceId, EtownId = etownId, CountyCode = e.CountyCode, FileName = stored.FileName, ContentType = stored.ContentType,
            Size = stored.Size, Sha256 = stored.Sha256, StoragePath = stored.StoragePath, UploadedAt = clock.GetUtcNow(), UploadedBy = caller.UserId,
        };
        ctx.EvidenceFiles.Add(f);
        await ctx.SaveChangesAsync(ct);
        return new(f.Id, f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedAt);
    }

    public async Task<(EvidenceFileRow File, Stream Content)> OpenEvidenceFileAsync(Guid etownId, Guid evidenceId, Guid fileId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.ComplianceRead);
        await using var ctx = db.Create(caller);
        await VisibleEtown(ctx, etownId, ct);
        var f = await ctx.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == fileId && x.EvidenceId == evidenceId && x.EtownId == etownId, ct)
            ?? throw new NotFoundException("文件");
        return (new(f.Id, f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedAt), await store.OpenAsync(f, ct));
    }

    public Task ConfirmEvidenceAsync(Guid etownId, Guid evidenceId, CancellationToken ct = default) =>
        ReviewAsync(etownId, evidenceId, ev => ev.Confirm(caller.UserId, caller.DisplayName ?? caller.UserName, clock.GetUtcNow()), ct);

    public Task RejectEvidenceAsync(Guid etownId, Guid evidenceId, string reason, CancellationToken ct = default) =>
        ReviewAsync(etownId, evidenceId, ev => ev.Reject(reason, caller.UserId, caller.DisplayName ?? caller.UserName, clock.GetUtcNow()), ct);

    async Task ReviewAsync(Guid etownId, Guid evidenceId, Action<EtownEvidence> review, CancellationToken ct)
    {
        caller.Require(Permissions.Standard.EvidenceReview);
        await using var ctx = db.Create(caller);
        var e = await VisibleEtown(ctx, etownId, ct);
        RequireWritable(e, operatorMay: false);
        var ev = await ctx.EtownEvidence.FirstOrDefaultAsync(x => x.Id == evidenceId && x.EtownId == etownId, ct) ?? throw new NotFoundException("证据");
        review(ev);
        await ctx.SaveChangesAsync(ct);
    }

    static EvidenceRow ToEvidenceRow(EtownEvidence x, IReadOnlyList<EvidenceFile> files) => new(x.Id, x.ItemNumber, x.Facts, x.Note, x.Status,
        EtownEvidence.StatusLabel(x.Status), x.SubmittedAt, x.SubmittedByName, x.ReviewedAt, x.ReviewedByName, x.RejectReason,
        files.Where(f => f.EvidenceId == x.Id).OrderBy(f => f.UploadedAt).Select(f => new EvidenceFileRow(f.Id, f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedAt)).ToList(),
        x.Year);

    // ---------------------------------------------------------------- compliance

    public async Task<EtownCompliance> ComplianceAsync(Guid etownId, int? year = null, CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.ComplianceRead);
        await using var ctx = db.Create(caller);
        var e = await VisibleEtown(ctx, etownId, ct);
        var inForce = await StandardsInForce.LoadAsync(ctx, regions, [etownId], ct);
        var figures = await ctx.EtownFigures.AsNoTracking().Where(f => f.EtownId == etownId).ToListAsync(ct);
        var evidence = await ctx.EtownEvidence.AsNoTracking().Where(x => x.EtownId == etownId).ToListAsync(ct);
        var targets = await TargetsAsync(ctx, e, ct);
        var fromStatistics = await statistics.ApprovedYearFiguresAsync([etownId], ct);
        return Evaluate(e, inForce, figures, fromStatistics, evidence, targets, year, await AcceptanceYearsAsync(ctx, [etownId], ct));
    }

    /// <summary>Entered figures first, then figures from approved statistics: the engine takes the last value per indicator and year,
    /// so a complete approved statistics year wins over an entered figure (issue #4 → #5).</summary>
    /// <remarks>PLAN-01: a filed cultivation plan's version wins over the regional default when it is in use (<see cref="StandardsInForce"/>).</remarks>
    EtownCompliance Evaluate(Etown e, StandardsInForce inForce, IEnumerable<EtownFigure> figures,
        IReadOnlyDictionary<Guid, List<FigureValue>> fromStatistics, IEnumerable<EtownEvidence> evidence,
        IReadOnlyList<FigureValue> targets, int? year, IReadOnlyDictionary<Guid, int> accepted)
    {
        var county = regions.Find(e.CountyCode);
        var version = inForce.For(e.CountyCode, e.Id) ?? throw new NotFoundException("适用的建设标准版本");
        var input = new ComplianceInput(county?.CountyClass, version.Items,
            figures.Where(f => f.EtownId == e.Id).Select(f => new FigureValue(f.Indicator, f.Year, f.Value, f.Source))
                .Concat(fromStatistics.GetValueOrDefault(e.Id) ?? []).ToList(),
            evidence.Where(x => x.EtownId == e.Id).Select(x => new EvidenceSnapshot(x.Id, x.ItemNumber, x.Status, x.Facts, x.SubmittedAt, x.ReviewedAt, x.RejectReason, x.Year)).ToList(),
            targets, year, EvidenceYear: clock.ChinaToday().Year, // "每年" items without a year asked: this year (issue #14 item 11)
            AcceptanceYear: accepted.TryGetValue(e.Id, out var acc) ? acc : null); // "验收当年" is the e-town's own (issue #14 item 6)
        var items = ComplianceEngine.Evaluate(input);
        return new(e.Id, e.Name, e.CountyCode, county?.Name ?? e.CountyCode, regions.NameOf(county?.ParentCode), county?.CountyClass,
            Region.ClassLabel(county?.CountyClass), version.Code, version.Name, year, items, ComplianceEngine.Summarise(items),
            DemoContentCheck.Evaluate(county?.IsNationalDemoCounty == true, items)); // DECL-10 (000 line 91, 003 line 84)
    }

    async Task<IReadOnlyDictionary<Guid, int>> AcceptanceYearsAsync(EtownDbContext ctx, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var all = new Dictionary<Guid, int>();
        foreach (var port in acceptanceYears)
            foreach (var (id, y) in await port.ForEtownsAsync(ctx, ids, ct)) all[id] = y;
        return all;
    }

    /// <summary>E-towns in the caller's scope × standard items, with filters (city, class, attribute).</summary>
    /// <remarks>Kept in the <see cref="Platform.Caching.ReadCache"/> per data scope, query, evidence year and data generation (issue #16).</remarks>
    public async Task<ComplianceMatrix> MatrixAsync(MatrixQuery query, CancellationToken ct = default)
    {
        caller.Require(Permissions.Standard.ComplianceRead);
        ArgumentNullException.ThrowIfNull(query);
        return cache is null ? await ComputeMatrixAsync(query, ct)
            : await cache.GetOrComputeAsync($"matrix:{Platform.Caching.ReadCache.ScopeKey(caller.Scope)}:{clock.ChinaToday().Year}:" +
                $"{query.CityCode}:{query.CountyClass}:{query.Attribute}:{query.Year}", () => ComputeMatrixAsync(query, ct), ct);
    }

    async Task<ComplianceMatrix> ComputeMatrixAsync(MatrixQuery query, CancellationToken ct)
    {
        await using var ctx = db.Create(caller);
        var q = ctx.Etowns.AsNoTracking().Where(e => e.Status != EtownStatus.Withdrawn);
        if (DataScope.CityFilterPrefix(query.CityCode) is { } prefix) q = q.Where(e => e.CountyCode.StartsWith(prefix));
        var etowns = (await q.OrderBy(e => e.CountyCode).ThenBy(e => e.Name).ToListAsync(ct))
            .Where(e => query.CountyClass is null || regions.Find(e.CountyCode)?.CountyClass == query.CountyClass).ToList();
        var ids = etowns.Select(e => e.Id).ToList();
        var inForce = await StandardsInForce.LoadAsync(ctx, regions, ids, ct);
        var versions = inForce.Versions;
        var figures = await ctx.EtownFigures.AsNoTracking().Where(f => ids.Contains(f.EtownId)).ToListAsync(ct);
        var evidence = await ctx.EtownEvidence.AsNoTracking().Where(x => ids.Contains(x.EtownId)).ToListAsync(ct);
        var rows = new List<MatrixRow>();
        var fromStatistics = await statistics.ApprovedYearFiguresAsync(ids, ct);
        var accepted = await AcceptanceYearsAsync(ctx, ids, ct);
        var targets = await TargetsAsync(ctx, etowns, ct);
        var figuresOf = figures.ToLookup(f => f.EtownId);
        var evidenceOf = evidence.ToLookup(x => x.EtownId);
        foreach (var e in etowns)
        {
            var c = Evaluate(e, inForce, figuresOf[e.Id], fromStatistics, evidenceOf[e.Id], targets.GetValueOrDefault(e.Id) ?? [], query.Year, accepted);
            var cells = c.Items.Where(i => query.Attribute is null || i.Attribute == query.Attribute).Select(i => new MatrixCell(i.Number, i.Verdict)).ToList();
            rows.Add(new(e.Id, e.Name, e.CountyCode, c.CountyName, c.CityName, c.CountyClassLabel, c.VersionCode, cells, c.Summary));
        }
        var province = versions.FirstOrDefault(v => v.Code == StandardCatalogue2022.ProvinceCode) ?? versions.FirstOrDefault(v => v.RegionCode is null);
        var columns = (province?.Items ?? []).OrderBy(i => i.Number).Where(i => query.Attribute is null || i.Attribute == query.Attribute)
            .Select(i => new MatrixColumn(i.Number, i.Content, i.Attribute)).ToList();
        return new(columns, rows);
    }

    public async Task<byte[]> MatrixXlsxAsync(MatrixQuery query, CancellationToken ct = default)
    {
        var m = await MatrixAsync(query, ct);
        var headers = new List<string> { "e镇", "市", "县(市、区)", "县域类别", "标准版本", "约束性达标", "期望性达标", "可申请验收" };
        headers.AddRange(m.Columns.Select(c => $"{c.Number}（{StandardItem.AttributeLabel(c.Attribute)}）"));
        var rows = m.Items.Select(r =>
        {
            var row = new List<object?> { r.Name, r.CityName, r.CountyName, r.CountyClassLabel, r.VersionCode,
                $"{r.Summary.BindingMet}/{r.Summary.BindingTotal}", $"{r.Summary.ExpectedMet}/{r.Summary.ExpectedTotal}", r.Summary.ReadyForAcceptance ? "是" : "否" };
            row.AddRange(m.Columns.Select(c => (object?)(r.Cells.FirstOrDefault(x => x.Number == c.Number) is { } cell ? ComplianceEngine.Label(cell.Verdict) : "")));
            return (IReadOnlyList<object?>)row;
        });
        return XlsxWriter.Write("建设标准达标情况", headers, rows);
    }
}
