using System.IO.Compression;
using System.Security.Cryptography;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Documents;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Archives;

/// <param name="DocumentId">An uploaded document (deletable after retention); null for auto-filed entries and the signage.</param>
public sealed record ArchiveFileRow(string Source, string Title, DateOnly Date, string FileName, bool Generated, Guid? DocumentId, Guid? SignageId,
    string? RetainUntil, bool CanDelete);

public sealed record ArchiveItemRow(string Key, string Title, string Clause, bool Required, bool IsActive, string Retention, bool Present,
    IReadOnlyList<ArchiveFileRow> Files);

public sealed record ArchiveStageRow(ArchiveStage Stage, string Label, bool Reached, int Present, int Required, IReadOnlyList<string> Missing,
    IReadOnlyList<ArchiveItemRow> Items);

public sealed record SignageRow(Guid Id, string Location, DateOnly InstalledOn, string? Description, string FileName, string? RecordedBy);

public sealed record ArchiveEtownView(Guid EtownId, string EtownName, string CountyCode, string CountyName, EtownStatus Status, int Present, int Required,
    bool CanManage, bool CanDownload, IReadOnlyList<ArchiveStageRow> Stages, IReadOnlyList<SignageRow> Signage);

public sealed record StageCount(ArchiveStage Stage, string Label, bool Reached, int Present, int Required, IReadOnlyList<string> Missing);

public sealed record ArchiveOverviewRow(Guid EtownId, string Name, string CountyCode, string CountyName, int Present, int Required,
    IReadOnlyList<StageCount> Stages);

public sealed record ArchiveOverview(IReadOnlyList<ArchiveOverviewRow> Items);

public sealed record ChecklistRow(string Key, ArchiveStage Stage, string StageLabel, string Title, string Clause, bool Required, int? RetentionYears,
    string Retention, bool IsActive, int Version);

public sealed record ChecklistInput(string? Title, string? Clause, bool Required, int? RetentionYears, bool IsActive, int Version);

public sealed record SignageInput(string? Location, DateOnly? InstalledOn, string? Description);

/// <summary>
/// 档案管理 (ARCH-01): the checklist per stage, the documents filed automatically by the producing modules
/// (<see cref="IArchiveSource"/>) and those uploaded here, completeness per stage, the unified signage, the bundle (.zip with
/// an index .xlsx carrying every file's SHA-256) and the retention periods. Pages and the API call the same methods.
/// </summary>
public sealed class ArchiveService(EtownDb db, Caller caller, Authorizer authorizer, AttachmentStore store, RegionDirectory regions,
    IEnumerable<IArchiveSource> sources, TimeProvider clock)
{
    /// <summary>A filed document: from a producer (stored or generated), uploaded here, or the signage record.</summary>
    sealed record Filed(string ItemKey, string Title, DateOnly Date, string FileName, string Source, IStoredFile? Stored,
        Func<CancellationToken, Task<byte[]>>? Generate, Guid? DocumentId = null, Guid? SignageId = null, DateOnly? RetainUntil = null);

    // ------------------------------------------------------------------ checklist (reference data, province edits)

    public async Task<IReadOnlyList<ChecklistRow>> ChecklistAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Archives.Read);
        await using var ctx = db.Create(caller);
        return (await ctx.ArchiveChecklistItems.AsNoTracking().ToListAsync(ct)).OrderBy(i => i.Stage).ThenBy(i => i.SortOrder).Select(ToRow).ToList();
    }

    static ChecklistRow ToRow(ArchiveChecklistItem i) => new(i.Key, i.Stage, ArchiveChecklist.Label(i.Stage), i.Title, i.Clause, i.Required,
        i.RetentionYears, ArchiveChecklist.RetentionLabel(i.RetentionYears), i.IsActive, i.Version);

    /// <summary>Whether this caller may edit the checklist (the province; pages ask, the service decides).</summary>
    public bool CanEditChecklist => caller.Has(Permissions.Archives.Checklist) && caller.Scope.All;

    /// <summary>The province edits an entry (title, clause, required, retention, active); documents already filed keep their retention.</summary>
    public async Task<ChecklistRow> UpdateChecklistItemAsync(string key, ChecklistInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Archives.Checklist);
        if (!CanEditChecklist) throw new ForbiddenException("档案清单由省级维护。");
        await using var ctx = db.Create(caller);
        var item = await ctx.ArchiveChecklistItems.FirstOrDefaultAsync(i => i.Key == key, ct) ?? throw new NotFoundException("档案清单条目");
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 100) errors.Add("title", "请填写条目名称（不超过 100 字）。");
        if (string.IsNullOrWhiteSpace(input.Clause) || input.Clause.Trim().Length > 200) errors.Add("clause", "请填写依据条款（不超过 200 字）。");
        if (input.RetentionYears is { } y && y is < 1 or > 100) errors.Add("retentionYears", "保管期限应为 1–100 年，永久保管请留空。");
        errors.ThrowIfAny();
        if (input.Version != item.Version)
            throw new DomainException(ArchivesErrors.StaleChecklistItem, $"条目“{item.Title}”已被他人修改（当前第 {item.Version} 版），请刷新后再改。", 409);
        item.Title = input.Title!.Trim();
        item.Clause = input.Clause!.Trim();
        item.Required = input.Required;
        item.RetentionYears = input.RetentionYears;
        item.IsActive = input.IsActive;
        item.UpdatedBy = caller.DisplayName ?? caller.UserName;
        await ctx.SaveChangesAsync(ct);
        return ToRow(item);
    }

    // ------------------------------------------------------------------ views

    async Task<(Etown Town, ArchiveResource Res)> TownAsync(EtownDbContext ctx, Guid etownId, Operation op, CancellationToken ct)
    {
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        var res = new ArchiveResource(town.Id, town.CountyCode);
        authorizer.Require(op, res);
        return (town, res);
    }

    async Task<List<Filed>> CollectAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var all = new List<Filed>();
        foreach (var source in sources)
            all.AddRange((await source.ForEtownAsync(ctx, etownId, ct)).Select(e => new Filed(e.ItemKey, e.Title, e.Date, e.FileName, e.Source, e.Stored, e.Generate)));
        foreach (var d in await ctx.ArchiveDocuments.AsNoTracking().Where(d => d.EtownId == etownId).ToListAsync(ct))
            all.Add(new Filed(d.ItemKey, d.Title, d.DocumentDate, d.FileName, "上传：" + (d.UploadedBy ?? "—"), d, null, DocumentId: d.Id, RetainUntil: d.RetainUntil));
        foreach (var s in await ctx.EtownSignages.AsNoTracking().Where(s => s.EtownId == etownId).ToListAsync(ct))
            all.Add(new Filed(ArchiveKeys.Signage, "统一标识：" + s.Location, s.InstalledOn, s.FileName, "统一标识登记", s, null, SignageId: s.Id));
        return all;
    }

    static List<ArchiveStageRow> Stages(IReadOnlyList<ArchiveChecklistItem> checklist, List<Filed> filed, EtownStatus status, Func<Filed, ArchiveFileRow> row)
    {
        var byKey = filed.ToLookup(f => f.ItemKey);
        return Enum.GetValues<ArchiveStage>().Select(stage =>
        {
            var items = checklist.Where(i => i.Stage == stage && (i.IsActive || byKey[i.Key].Any())).OrderBy(i => i.SortOrder)
                .Select(i => new ArchiveItemRow(i.Key, i.Title, i.Clause, i.Required, i.IsActive, ArchiveChecklist.RetentionLabel(i.RetentionYears),
                    byKey[i.Key].Any(), byKey[i.Key].OrderBy(f => f.Date).Select(row).ToList())).ToList();
            var required = items.Where(i => i.Required && i.IsActive).ToList();
            return new ArchiveStageRow(stage, ArchiveChecklist.Label(stage), ArchiveChecklist.Reached(stage, status) || items.Any(i => i.Present),
                required.Count(i => i.Present), required.Count, required.Where(i => !i.Present).Select(i => i.Title).ToList(), items);
        }).ToList();
    }

    ArchiveFileRow Row(Filed f, bool canManage, DateOnly today) => new(f.Source, f.Title, f.Date, f.FileName, f.Generate is not null, f.DocumentId, f.SignageId,
        f.DocumentId is null ? null : f.RetainUntil is { } u ? u.ToString("yyyy-MM-dd") : "永久",
        canManage && f.DocumentId is not null && RetentionEnded(f.RetainUntil, today));

    /// <summary>ARCH-01: deletable only after the last day of the retention period; a permanent document never.</summary>
    public static bool RetentionEnded(DateOnly? retainUntil, DateOnly today) => retainUntil is { } u && today > u;

    /// <summary>County, city and province view: completeness per stage of every e-town in scope.</summary>
    public async Task<ArchiveOverview> OverviewAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Archives.Read);
        await using var ctx = db.Create(caller);
        var checklist = await ctx.ArchiveChecklistItems.AsNoTracking().ToListAsync(ct);
        var towns = await ctx.Etowns.AsNoTracking().OrderBy(e => e.CountyCode).ThenBy(e => e.Name).ToListAsync(ct);
        var rows = new List<ArchiveOverviewRow>();
        foreach (var t in towns.Where(t => authorizer.Can(ArchiveOperations.Read, new ArchiveResource(t.Id, t.CountyCode))))
        {
            var stages = Stages(checklist, await CollectAsync(ctx, t.Id, ct), t.Status, f => Row(f, false, default));
            rows.Add(new ArchiveOverviewRow(t.Id, t.Name, t.CountyCode, regions.FullName(t.CountyCode), stages.Sum(s => s.Present), stages.Sum(s => s.Required),
                stages.Select(s => new StageCount(s.Stage, s.Label, s.Reached, s.Present, s.Required, s.Missing)).ToList()));
        }
        return new(rows);
    }

    public async Task<ArchiveEtownView> EtownAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Archives.Read);
        await using var ctx = db.Create(caller);
        var (town, res) = await TownAsync(ctx, etownId, ArchiveOperations.Read, ct);
        var canManage = authorizer.Can(ArchiveOperations.Manage, res);
        var today = clock.ChinaToday();
        var checklist = await ctx.ArchiveChecklistItems.AsNoTracking().ToListAsync(ct);
        var stages = Stages(checklist, await CollectAsync(ctx, town.Id, ct), town.Status, f => Row(f, canManage, today));
        var signage = await ctx.EtownSignages.AsNoTracking().Where(s => s.EtownId == town.Id).OrderByDescending(s => s.InstalledOn).ToListAsync(ct);
        return new(town.Id, town.Name, town.CountyCode, regions.FullName(town.CountyCode), town.Status, stages.Sum(s => s.Present), stages.Sum(s => s.Required),
            canManage, authorizer.Can(ArchiveOperations.Download, res), stages,
            signage.Select(s => new SignageRow(s.Id, s.Location, s.InstalledOn, s.Description, s.FileName, s.RecordedBy)).ToList());
    }

    /// <summary>For the work desk: the reached stages' missing required entries of the e-towns this caller manages.</summary>
    internal async Task<IReadOnlyList<(Etown Town, ArchiveStageRow Stage)>> MissingForManagerAsync(CancellationToken ct)
    {
        await using var ctx = db.Create(caller);
        var towns = (await ctx.Etowns.AsNoTracking().ToListAsync(ct))
            .Where(t => authorizer.Can(ArchiveOperations.Manage, new ArchiveResource(t.Id, t.CountyCode))).ToList();
        if (towns.Count == 0) return [];
        var checklist = await ctx.ArchiveChecklistItems.AsNoTracking().ToListAsync(ct);
        var result = new List<(Etown, ArchiveStageRow)>();
        foreach (var t in towns)
            foreach (var s in Stages(checklist, await CollectAsync(ctx, t.Id, ct), t.Status, f => Row(f, false, default)))
                if (s.Reached && s.Missing.Count > 0) result.Add((t, s));
        return result;
    }

    // ------------------------------------------------------------------ uploads, deletion (retention), signage

    /// <summary>Files a document under a checklist entry (type and size checked by the store); its retention is fixed now.</summary>
    public async Task<ArchiveFileRow> UploadAsync(Guid etownId, string? itemKey, string? title, DateOnly? documentDate, string? fileName, string? contentType,
        Stream content, CancellationToken ct = default)
    {
        caller.Require(Permissions.Archives.Manage);
        await using var ctx = db.Create(caller);
        var (town, _) = await TownAsync(ctx, etownId, ArchiveOperations.Manage, ct);
        var item = await ctx.ArchiveChecklistItems.AsNoTracking().FirstOrDefaultAsync(i => i.Key == itemKey && i.IsActive, ct)
                   ?? throw new DomainException(ArchivesErrors.UnknownItem, $"档案清单中没有条目“{itemKey}”（或已停用），请选择清单中的条目。", 400);
        if (item.Key == ArchiveKeys.Signage)
            throw new DomainException(ArchivesErrors.UnknownItem, "统一标识请通过“登记统一标识”录入（照片、位置、设立日期）。", 400);
        var today = clock.ChinaToday();
        var name = string.IsNullOrWhiteSpace(title) ? item.Title : title.Trim();
        if (name.Length > 200) { var e = new FieldErrors(); e.Add("title", "标题不超过 200 字。"); e.ThrowIfAny(); }
        if (documentDate is not { } date) throw new DomainException(ArchivesErrors.BadDate, "请填写文件日期（成文或签署日期）。", 400);
        if (date > today) throw new DomainException(ArchivesErrors.BadDate, $"文件日期 {date:yyyy-MM-dd} 不能晚于今天（{today:yyyy-MM-dd}）。", 400);
        var stored = await store.SaveAsync(content, fileName, contentType, AttachmentPolicy.Materials, ct);
        var d = new ArchiveDocument
        {
            EtownId = town.Id, CountyCode = town.CountyCode, ItemKey = item.Key, Stage = item.Stage, Title = name, DocumentDate = date,
            RetainUntil = item.RetentionYears is { } y ? date.AddYears(y) : null,
            FileName = stored.FileName, ContentType = stored.ContentType, Size = stored.Size, Sha256 = stored.Sha256, StoragePath = stored.StoragePath,
            UploadedBy = caller.DisplayName ?? caller.UserName,
        };
        ctx.ArchiveDocuments.Add(d);
        try { await ctx.SaveChangesAsync(ct); }
        catch { await store.DeleteAsync(stored, ct); throw; }
        return Row(new Filed(d.ItemKey, d.Title, d.DocumentDate, d.FileName, "上传：" + d.UploadedBy, d, null, d.Id, null, d.RetainUntil), true, today);
    }

    /// <summary>ARCH-01: an archived document stays until its retention period has ended (a permanent one always).</summary>
    public async Task DeleteAsync(Guid documentId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Archives.Manage);
        await using var ctx = db.Create(caller);
        var d = await ctx.ArchiveDocuments.FirstOrDefaultAsync(x => x.Id == documentId, ct) ?? throw new NotFoundException("档案材料");
        authorizer.Require(ArchiveOperations.Manage, new ArchiveResource(d.EtownId, d.CountyCode));
        var today = clock.ChinaToday();
        if (!RetentionEnded(d.RetainUntil, today))
            throw new DomainException(ArchivesErrors.RetentionNotEnded, d.RetainUntil is { } u
                ? $"“{d.Title}”已归档，保管期限至 {u:yyyy年M月d日}，期满前不能删除。"
                : $"“{d.Title}”为永久保管档案，不能删除。", 409);
        ctx.ArchiveDocuments.Remove(d);
        await ctx.SaveChangesAsync(ct);
        await store.DeleteAsync(d, ct);
    }

    public async Task<(ArchiveDocument File, Stream Content)> OpenDocumentAsync(Guid documentId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Archives.Read);
        await using var ctx = db.Create(caller);
        var d = await ctx.ArchiveDocuments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == documentId, ct) ?? throw new NotFoundException("档案材料");
        authorizer.Require(ArchiveOperations.Read, new ArchiveResource(d.EtownId, d.CountyCode));
        return (d, await store.OpenAsync(d, ct));
    }

    /// <summary>省方案 四(九): the signage with its photo (JPG/PNG by content, else ETOWN-ARCH-0003), location and date.</summary>
    public async Task<SignageRow> AddSignageAsync(Guid etownId, SignageInput input, string? fileName, string? contentType, Stream photo, CancellationToken ct = default)
    {
        caller.Require(Permissions.Archives.Manage);
        await using var ctx = db.Create(caller);
        var (town, _) = await TownAsync(ctx, etownId, ArchiveOperations.Manage, ct);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Location) || input.Location.Trim().Length > 200) errors.Add("location", "请填写标识设立位置（不超过 200 字）。");
        if (input.Description is { Length: > 500 }) errors.Add("description", "说明不超过 500 字。");
        errors.ThrowIfAny();
        var today = clock.ChinaToday();
        if (input.InstalledOn is not { } on) throw new DomainException(ArchivesErrors.BadDate, "请填写标识设立日期。", 400);
        if (on > today) throw new DomainException(ArchivesErrors.BadDate, $"设立日期 {on:yyyy-MM-dd} 不能晚于今天（{today:yyyy-MM-dd}）。", 400);
        StoredFile stored;
        try { stored = await store.SaveAsync(photo, fileName, contentType, AttachmentPolicy.Images, ct); }
        catch (DomainException ex) { throw new DomainException(ArchivesErrors.NotAnImage, "统一标识照片只接受 JPG、PNG 图片：" + ex.Message, 400); }
        var s = new EtownSignage
        {
            EtownId = town.Id, CountyCode = town.CountyCode, Location = input.Location!.Trim(), InstalledOn = on,
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            FileName = stored.FileName, ContentType = stored.ContentType, Size = stored.Size, Sha256 = stored.Sha256, StoragePath = stored.StoragePath,
            RecordedBy = caller.DisplayName ?? caller.UserName,
        };
        ctx.EtownSignages.Add(s);
        await ctx.SaveChangesAsync(ct);
        return new(s.Id, s.Location, s.InstalledOn, s.Description, s.FileName, s.RecordedBy);
    }

    public async Task<(EtownSignage File, Stream Content)> OpenSignagePhotoAsync(Guid signageId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Archives.Read);
        await using var ctx = db.Create(caller);
        var s = await ctx.EtownSignages.AsNoTracking().FirstOrDefaultAsync(x => x.Id == signageId, ct) ?? throw new NotFoundException("统一标识");
        authorizer.Require(ArchiveOperations.Read, new ArchiveResource(s.EtownId, s.CountyCode));
        return (s, await store.OpenAsync(s, ct));
    }

    // ------------------------------------------------------------------ the bundle

    public const string IndexName = "档案目录.xlsx";

    public static readonly IReadOnlyList<string> IndexHeaders = ["序号", "阶段", "清单条目", "标题", "日期", "来源", "文件", "SHA-256", "保管期限"];

    /// <summary>
    /// ARCH-01 bundle: every filed document (stored files read with their hash checked, generated documents produced now) under
    /// one folder per stage, and 档案目录.xlsx listing each file with stage, title, date and the SHA-256 of the bytes in the zip,
    /// plus the completeness per stage. The download is audited.
    /// </summary>
    public async Task<(string FileName, byte[] Content)> BundleAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Archives.Download);
        await using var ctx = db.Create(caller);
        var (town, _) = await TownAsync(ctx, etownId, ArchiveOperations.Download, ct);
        var checklist = await ctx.ArchiveChecklistItems.AsNoTracking().ToListAsync(ct);
        var items = checklist.ToDictionary(i => i.Key);
        var filed = (await CollectAsync(ctx, town.Id, ct)).Where(f => items.ContainsKey(f.ItemKey))
            .OrderBy(f => items[f.ItemKey].Stage).ThenBy(f => items[f.ItemKey].SortOrder).ThenBy(f => f.Date).ThenBy(f => f.Title, StringComparer.Ordinal).ToList();
        var rows = new List<IReadOnlyList<object?>>();
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            var n = 0;
            foreach (var f in filed)
            {
                var item = items[f.ItemKey];
                byte[] bytes;
                if (f.Stored is { } stored)
                {
                    await using var s = await store.OpenAsync(stored, ct);
                    using var copy = new MemoryStream();
                    await s.CopyToAsync(copy, ct);
                    bytes = copy.ToArray();
                }
                else bytes = await f.Generate!(ct);
                n++;
                var path = $"{(int)item.Stage + 1:00}-{ArchiveChecklist.Label(item.Stage)}/{n:000}-{SafeName(f.FileName)}";
                var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                await using (var w = entry.Open()) await w.WriteAsync(bytes, ct);
                rows.Add([n, ArchiveChecklist.Label(item.Stage), item.Title, f.Title, f.Date.ToString("yyyy-MM-dd"), f.Source, path,
                    Convert.ToHexStringLower(SHA256.HashData(bytes)), ArchiveChecklist.RetentionLabel(item.RetentionYears)]);
            }
            var stages = Stages(checklist, filed, town.Status, f => Row(f, false, default));
            var index = XlsxWriter.Write([
                new XlsxWriter.XlsxSheet("档案目录", IndexHeaders, rows),
                new XlsxWriter.XlsxSheet("完整性", ["阶段", "已归档", "应归档", "缺少"],
                    stages.Select(s => (IReadOnlyList<object?>)[s.Label, s.Present, s.Required, string.Join("；", s.Missing)])),
            ]);
            var indexEntry = zip.CreateEntry(IndexName, CompressionLevel.Optimal);
            await using (var w = indexEntry.Open()) await w.WriteAsync(index, ct);
        }
        ctx.AddAuditEvent("ArchiveBundleDownload", nameof(Etown), town.Id.ToString(), "Success", after: new { files = rows.Count });
        await ctx.SaveChangesAsync(ct);
        return ($"{town.Name}档案-{clock.ChinaToday():yyyyMMdd}.zip", ms.ToArray());
    }

    static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var clean = new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim();
        return clean.Length == 0 ? "file" : clean.Length > 120 ? clean[^120..] : clean;
    }
}
