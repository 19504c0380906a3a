using System.Globalization;
using System.Security.Cryptography;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Documents;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Statistics.Import;

/// <summary>A finding of the import: where (sheet, 1-based row, column letter) and what, in Chinese.</summary>
public sealed record StatImportIssue(string Sheet, int Row, string Column, string Message)
{
    /// <summary>"E12"</summary>
    public string Cell => Column + Row.ToString(CultureInfo.InvariantCulture);
    public override string ToString() => $"{Sheet}!{Cell}：{Message}";
}

/// <summary>What the import does (or would do) to one e-town's report.</summary>
public sealed record StatImportTown(int Row, Guid EtownId, string EtownName, string CountyName, string StatusLabel, bool NewReport,
    int Created, int Updated, int Unchanged, int Ignored);

/// <summary>
/// The import summary. Counts are of values (one e-town × one indicator): created (no value before), updated (value or
/// comment changed), unchanged (same as stored), ignored (blank cell). <see cref="Written"/> is true only when the
/// import was not a dry run, had no error and changed something.
/// </summary>
public sealed record StatImportResult(string Period, string? FileName, bool DryRun, bool Written, int Rows, int ReportsCreated,
    int Created, int Updated, int Unchanged, int Ignored, IReadOnlyList<StatImportIssue> Errors, IReadOnlyList<StatImportIssue> Warnings,
    IReadOnlyList<StatImportTown> Towns)
{
    public bool HasErrors => Errors.Count > 0;
    public int Changes => Created + Updated;
}

/// <summary>
/// Excel in and out for the monthly statistics (issue #4 item 9; STAT-02 the county liaison reports for many e-towns at
/// once, STAT-05 the operator for its own). The template and the import cover exactly the e-towns the caller may enter;
/// the import validates the whole file first (cells, e-towns, scope, locks, blocking rules with last month and the same
/// month last year from the database) and writes nothing when anything is wrong; otherwise it writes every changed
/// report through <see cref="StatisticsService.LoadForWrite"/> / <c>StatisticsService.WriteValues</c>
/// (the guards, audit and change counting of manual entry, on what <see cref="StatisticsService.PrepareWritesAsync"/> read for
/// the whole file in a few queries) in ONE SaveChanges, i.e. one transaction. Import saves
/// drafts; submission stays a separate step.
/// </summary>
public sealed class StatImportService(EtownDb db, Caller caller, StatisticsService statistics, RegionDirectory regions, SpreadsheetTemplates templates)
{
    public const long MaxFileBytes = 10 * 1024 * 1024;
    public const int MaxRows = 5_000;
    const int MaxListedErrors = 500;
    const int MaxComment = 500;

    // ------------------------------------------------------------------ template and export

    /// <summary>The template for one e-town (<paramref name="etownId"/>) or every e-town the caller may enter, pre-filled.</summary>
    public async Task<(byte[] Content, string FileName)> TemplateAsync(string period, Guid? etownId = null, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Enter);
        var p = StatPeriod.Parse(period);
        if (!StatEntryScope.MayEnterAtLevel(caller))
            throw new ForbiddenException(StatEntryScope.ProvinceMessage + "省级不下载填报模板（可导出统计数据）。");
        await using var ctx = db.Create(caller);
        var query = ctx.Etowns.AsNoTracking();
        query = etownId is { } one
            ? query.Where(e => e.Id == one)
            : query.Where(e => e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared
                               && ctx.StatDataSetAssignments.Any(a => a.EtownId == e.Id && a.DataSetCode == p.DataSetCode)); // only those owing it
        var towns = (await query.OrderBy(e => e.CountyCode).ThenBy(e => e.Name).Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync(ct))
            .Where(e => MayEnter(e.Id, e.CountyCode)).ToList();
        if (etownId is not null && towns.Count == 0) throw new NotFoundException("e镇");

        var indicators = await IndicatorsAsync(ctx, p, ct);
        var ids = towns.Select(t => t.Id).ToList();
        var key = p.ToString();
        var reports = await ctx.StatReports.AsNoTracking().Where(r => r.Period == key && ids.Contains(r.EtownId)).ToDictionaryAsync(r => r.EtownId, ct);
        var values = await ValuesAsync(ctx, ids, [key], ct);
        var rules = await RulesAsync(ctx, ct);
        var rows = towns.Select(t =>
        {
            var r = reports.GetValueOrDefault(t.Id);
            return new TemplateTown(t.Id, t.Name, regions.NameOf(t.CountyCode), r is null ? "未填报" : StatReport.StatusLabel(r.Status), r?.IsLocked ?? false,
                values.Where(v => v.EtownId == t.Id).ToDictionary(v => v.IndicatorCode, v => (v.Value, v.Comment)));
        }).ToList();
        var unit = caller.OrganisationName ?? caller.DisplayName ?? "";
        var name = etownId is not null && towns.Count == 1 ? towns[0].Name : unit;
        return (StatTemplate.Build(templates, p, unit, indicators, rows, rules), StatTemplate.FileName(p, name));
    }

    /// <summary>The values of a period for every e-town in the caller's scope, with the review status (审核状态).</summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(string period, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var p = StatPeriod.Parse(period);
        await using var ctx = db.Create(caller);
        var towns = await ctx.Etowns.AsNoTracking().Where(e => e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared)
            .OrderBy(e => e.CountyCode).ThenBy(e => e.Name).Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync(ct);
        var indicators = await IndicatorsAsync(ctx, p, ct);
        var key = p.ToString();
        var ids = towns.Select(t => t.Id).ToList();
        var reports = await ctx.StatReports.AsNoTracking().Where(r => r.Period == key && ids.Contains(r.EtownId)).ToDictionaryAsync(r => r.EtownId, ct);
        var values = (await ValuesAsync(ctx, ids, [key], ct)).ToLookup(v => v.EtownId);
        List<string> headers = ["统计期", "市", "县（市、区）", "e镇", "审核状态", "报送时间", "是否按时", .. indicators.Select(i => $"{i.Name}（{i.Unit}）"), "备注"];
        var rows = towns.Select(t =>
        {
            var r = reports.GetValueOrDefault(t.Id);
            var mine = values[t.Id].ToDictionary(v => v.IndicatorCode);
            var comments = indicators.Where(i => mine.GetValueOrDefault(i.Code)?.Comment is { Length: > 0 }).Select(i => $"{i.Name}：{mine[i.Code].Comment}");
            return (IReadOnlyList<object?>)[
                key, regions.NameOf(regions.Find(t.CountyCode)?.ParentCode), regions.NameOf(t.CountyCode), t.Name,
                r is null ? "未填报" : StatReport.StatusLabel(r.Status) + (r.IsLocked ? "" : "（未审核）"),
                ChinaTime.Format(r?.SubmittedAt),
                r?.OnTime switch { true => "按时", false => "逾期", null => null },
                .. indicators.Select(i => mine.TryGetValue(i.Code, out var v) ? (object?)StatTemplate.Normalise(v.Value) : null),
                string.Join("；", comments) is { Length: > 0 } c ? c : null,
            ];
        }).ToList();
        var unit = caller.OrganisationName ?? "全省";
        return (XlsxWriter.Write($"{key} 统计数据", headers, rows), $"{key} 乡村e镇统计数据-{unit}.xlsx");
    }

    // ------------------------------------------------------------------ import

    /// <summary>
    /// Validates the whole workbook; with <paramref name="dryRun"/> false and no error, saves the changes as drafts in one
    /// transaction. Never throws for problems inside the file: they come back as <see cref="StatImportResult.Errors"/>.
    /// Throws for a file that is too large (ETOWN-STAT-0110, 413) or not an .xlsx workbook (ETOWN-STAT-0111, 400).
    /// </summary>
    public async Task<StatImportResult> ImportAsync(string period, Stream file, string? fileName, bool dryRun, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Enter);
        ArgumentNullException.ThrowIfNull(file);
        var p = StatPeriod.Parse(period);
        var key = p.ToString();
        var bytes = await ReadLimitedAsync(file, ct);
        if (fileName is not null && !fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            throw NotXlsx(fileName);
        XlsxSheet sheet;
        try { sheet = XlsxReader.Read(new MemoryStream(bytes), StatTemplate.SheetName); }
        catch (InvalidDataException) { throw NotXlsx(fileName); }

        var errors = new List<StatImportIssue>();
        var warnings = new List<StatImportIssue>();
        void Error(int row, int col, string message) => errors.Add(new(sheet.Name, row, XlsxReader.ColumnName(Math.Max(col, 1)), message));
        void Warn(int row, int col, string message) => warnings.Add(new(sheet.Name, row, XlsxReader.ColumnName(Math.Max(col, 1)), message));
        StatImportResult Result(bool written, List<StatImportTown> towns) => new(key, fileName, dryRun, written, towns.Count,
            towns.Count(t => t.NewReport && t.Created + t.Updated > 0), towns.Sum(t => t.Created), towns.Sum(t => t.Updated),
            towns.Sum(t => t.Unchanged), towns.Sum(t => t.Ignored),
            Capped(errors), Capped(warnings), towns);

        var layout = StatTemplate.ReadLayout(sheet);
        if (layout is null)
        {
            Error(1, 1, $"工作表“{sheet.Name}”中找不到指标代码行（以“{StatTemplate.IdCode}”“{StatTemplate.NameCode}”开头的一行）。请使用平台下载的模板填报。");
            return Result(false, []);
        }
        // The file's own period must be the one chosen (a November file is not imported as December).
        var filePeriod = PeriodText(sheet[layout.PeriodRow, layout.PeriodColumn]);
        if (filePeriod is not null && filePeriod != key)
            Error(layout.PeriodRow, layout.PeriodColumn, $"文件中的统计期为 {filePeriod}，与所选统计期 {key} 不一致。");

        await using var ctx = db.Create(caller);
        var all = await ctx.StatIndicators.AsNoTracking().OrderBy(i => i.SortOrder).ToListAsync(ct);
        var byCode = all.ToDictionary(i => i.Code);
        var lastRow = sheet.MaxRow;
        // One pass over the cells below the code row (not one per column and per row: a province file has 100 rows × 40 columns).
        var filled = sheet.Cells.Values.Where(c => c.Row > layout.CodeRow && !string.IsNullOrWhiteSpace(c.Text)).ToList();
        var columnsWithData = filled.Select(c => c.Column).ToHashSet();
        bool ColumnHasData(int col) => columnsWithData.Contains(col);

        // ---- columns
        int? idCol = null, nameCol = null;
        var valueCols = new Dictionary<string, int>();
        var commentCols = new Dictionary<string, int>();
        var seen = new HashSet<string>();
        foreach (var (col, code) in layout.Columns)
        {
            if (!seen.Add(code)) { Error(layout.CodeRow, col, $"指标代码“{code}”重复出现，请删除重复的列。"); continue; }
            if (code == StatTemplate.IdCode) { idCol = col; continue; }
            if (code == StatTemplate.NameCode) { nameCol = col; continue; }
            if (code is StatTemplate.CountyCode or StatTemplate.StatusCode) continue;
            var isComment = code.EndsWith(StatTemplate.CommentSuffix, StringComparison.Ordinal);
            var ind = isComment ? code[..^StatTemplate.CommentSuffix.Length] : code;
            if (!byCode.TryGetValue(ind, out var indicator))
            {
                Error(layout.CodeRow, col, $"未知的指标列“{code}”：指标目录中没有这个指标代码。请使用平台下载的模板，或删除该列。");
                continue;
            }
            if (!indicator.AppliesTo(p))
            {
                if (ColumnHasData(col)) Error(layout.CodeRow, col, $"“{indicator.Name}”是年报指标，只在 12 月的报表中填报，{key} 不能导入。");
                continue;
            }
            (isComment ? commentCols : valueCols)[ind] = col;
        }
        var coded = layout.Columns.Select(c => c.Column).ToHashSet();
        foreach (var col in columnsWithData.Where(c => !coded.Contains(c)).Order())
            Error(layout.CodeRow, col, "该列有数据但没有指标代码（第 " + layout.CodeRow.ToString(CultureInfo.InvariantCulture) + " 行），无法识别是哪个指标；请使用模板中的列或删除该列。");
        if (idCol is null && nameCol is null)
            Error(layout.CodeRow, 1, "找不到e镇编号列（etown_id）或e镇名称列（etown_name）。");
        foreach (var (ind, col) in commentCols.Where(c => !valueCols.ContainsKey(c.Key)))
            if (ColumnHasData(col)) Error(layout.CodeRow, col, $"“{byCode[ind].Name}”只有备注列、没有数值列，备注无法导入。");

        // ---- rows
        var rowsWithData = filled.Where(c => coded.Contains(c.Column)).Select(c => c.Row).ToHashSet();
        var dataRows = Enumerable.Range(layout.CodeRow + 1, Math.Max(0, lastRow - layout.CodeRow)).Where(rowsWithData.Contains).ToList();
        if (dataRows.Count > MaxRows)
        {
            Error(dataRows[MaxRows], 1, $"行数超过上限 {MaxRows}，请分成多个文件导入。");
            return Result(false, []);
        }
        if (errors.Count > 0 && (idCol is null && nameCol is null)) return Result(false, []);

        // e-towns: by id (hidden column A) or, for rows added by hand, by name. Visible = in the caller's scope.
        var visible = await ctx.Etowns.AsNoTracking().Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync(ct);
        var visibleById = visible.ToDictionary(e => e.Id);
        var rowTown = new Dictionary<int, (Guid Id, string Name, string County)>();
        var unresolved = new List<(int Row, int Col, Guid? Id, string? Name)>();
        foreach (var r in dataRows)
        {
            var idText = idCol is { } ic ? sheet.Text(r, ic)?.Trim() : null;
            var name = nameCol is { } nc ? sheet.Text(r, nc)?.Trim() : null;
            if (idText is not null)
            {
                if (!Guid.TryParse(idText, out var id)) { Error(r, idCol!.Value, $"e镇编号“{idText}”无效（请勿修改隐藏的 A 列）。"); continue; }
                if (visibleById.TryGetValue(id, out var t))
                {
                    if (name is not null && name != t.Name) { Error(r, nameCol!.Value, $"e镇名称“{name}”与编号对应的e镇“{t.Name}”不一致，请核对是否串行。"); continue; }
                    rowTown[r] = (t.Id, t.Name, t.CountyCode);
                }
                else unresolved.Add((r, idCol!.Value, id, name));
                continue;
            }
            if (name is null) { Error(r, nameCol ?? idCol ?? 1, "本行有数据但没有e镇编号和名称。"); continue; }
            var matches = visible.Where(e => e.Name == name).ToList();
            if (matches.Count == 1) rowTown[r] = (matches[0].Id, matches[0].Name, matches[0].CountyCode);
            else if (matches.Count > 1) Error(r, nameCol!.Value, $"有多个名为“{name}”的e镇，请使用模板中的e镇编号。");
            else unresolved.Add((r, nameCol!.Value, null, name));
        }
        if (unresolved.Count > 0)
        {
            // Outside the caller's scope, or unknown altogether: only existence is looked up beyond the scope.
            var uIds = unresolved.Where(u => u.Id is not null).Select(u => u.Id!.Value).ToList();
            var uNames = unresolved.Where(u => u.Id is null).Select(u => u.Name!).ToList();
            var exists = await ctx.Etowns.IgnoreQueryFilters().AsNoTracking().Where(e => uIds.Contains(e.Id) || uNames.Contains(e.Name))
                .Select(e => new { e.Id, e.Name }).ToListAsync(ct);
            foreach (var u in unresolved)
            {
                var label = u.Name ?? u.Id.ToString();
                if (exists.Any(e => u.Id is { } id ? e.Id == id : e.Name == u.Name))
                    Error(u.Row, u.Col, $"e镇“{label}”不在您的数据范围内，不能导入其统计数据。");
                else
                    Error(u.Row, u.Col, $"未知的e镇“{label}”：平台中没有这个e镇。");
            }
        }
        foreach (var dup in rowTown.GroupBy(x => x.Value.Id).Where(g => g.Count() > 1))
            foreach (var (r, t) in dup.OrderBy(x => x.Key).Skip(1))
                Error(r, nameCol ?? idCol ?? 1, $"e镇“{t.Name}”重复出现（第 {dup.Min(x => x.Key)} 行已有），每个e镇只能有一行。");
        foreach (var r in rowTown.Keys.ToList())
            if (!MayEnter(rowTown[r].Id, rowTown[r].County))
            {
                Error(r, nameCol ?? idCol ?? 1, $"e镇“{rowTown[r].Name}”不在您的填报范围内。");
                rowTown.Remove(r);
            }

        // ---- what is stored: this month, last month and the same month last year (for the rules).
        var townIds = rowTown.Values.Select(t => t.Id).Distinct().ToList();
        // What the write guards need for every e-town of the file, read once (issue #16 target 3), not per row; its reports
        // (as stored, before this import adds any) and the indicator catalogue read above serve the summary too.
        var batch = await statistics.PrepareWritesAsync(ctx, townIds, p, ct, indicators: all);
        var reports = new Dictionary<Guid, StatReport>(batch.Reports);
        // This month's values as stored (copied: the write below changes the tracked rows the batch read), then last month's
        // and last year's for the rules.
        var storedNow = reports.Values.SelectMany(r => batch.ValuesOf(r.Id).Values.Select(v => new StoredValue(r.EtownId, key, v.IndicatorCode, v.Value, v.Comment)))
            .ToDictionary(v => (v.EtownId, v.IndicatorCode));
        var stored = await ValuesAsync(ctx, townIds, [p.Previous.ToString(), p.SameMonthLastYear.ToString()], ct);
        var storedAt = stored.ToDictionary(v => (v.EtownId, v.Period, v.IndicatorCode), v => v.Value);
        var rules = await ctx.StatRules.AsNoTracking().ToListAsync(ct);
        var applicable = all.Where(i => i.AppliesTo(p)).ToList();

        var towns = new List<StatImportTown>();
        var rowsWithErrors = errors.Select(e => e.Row).ToHashSet(); // e.g. the second of a duplicate pair
        foreach (var r in dataRows)
        {
            if (!rowTown.TryGetValue(r, out var town) || rowsWithErrors.Contains(r)) continue;
            var errorsBefore = errors.Count;
            var changes = new List<StatValueInput>();
            var changeCols = new Dictionary<string, int>();
            int created = 0, updated = 0, unchanged = 0, ignored = 0;
            foreach (var (code, col) in valueCols)
            {
                var ind = byCode[code];
                storedNow.TryGetValue((town.Id, code), out var old);
                var cell = sheet[r, col];
                var commentCol = commentCols.GetValueOrDefault(code);
                string? comment = commentCol > 0 ? Clean(sheet.Text(r, commentCol)) : old?.Comment;
                if (comment is { Length: > MaxComment })
                {
                    Error(r, commentCol, $"“{ind.Name}”的备注超过 {MaxComment} 字。");
                    continue;
                }
                if (cell is null || string.IsNullOrWhiteSpace(cell.Text))
                {
                    if (commentCol > 0 && old is not null && comment != old.Comment)
                    {
                        // Only the comment changed: keep the stored value.
                        changes.Add(new StatValueInput(code, old.Value, comment)); changeCols[code] = commentCol; updated++;
                    }
                    else
                    {
                        if (commentCol > 0 && comment is not null && old is null)
                            Warn(r, commentCol, $"“{ind.Name}”未填数值，备注未导入。");
                        ignored++;
                    }
                    continue;
                }
                if (!TryNumber(cell, out var value))
                {
                    Error(r, col, $"“{ind.Name}”应为数字，实际为“{cell.Text.Trim()}”。");
                    continue;
                }
                if (value < 0) { Error(r, col, $"“{ind.Name}”不能为负数（{value.ToString(CultureInfo.InvariantCulture)}）。"); continue; }
                if (value > StatValue.MaxValue) { Error(r, col, $"“{ind.Name}”数值过大（{cell.Text.Trim()}）。"); continue; }
                if (old is null) { created++; changes.Add(new StatValueInput(code, value, comment)); changeCols[code] = col; }
                else if (old.Value != value || old.Comment != comment) { updated++; changes.Add(new StatValueInput(code, value, comment)); changeCols[code] = col; }
                else unchanged++;
            }

            var report = reports.GetValueOrDefault(town.Id);
            var statusLabel = report is null ? "未填报" : StatReport.StatusLabel(report.Status);
            towns.Add(new StatImportTown(r, town.Id, town.Name, regions.NameOf(town.County), statusLabel, report is null, created, updated, unchanged, ignored));
            if (changes.Count == 0 || errors.Count > errorsBefore) continue;
            var firstCol = changeCols.Values.Min();

            // The same guards as manual entry: scope, the city/province refusal, the lock (ETOWN-STAT-0002), value validation.
            try
            {
                var (_, entity) = statistics.LoadForWrite(batch, town.Id);
                statistics.WriteValues(batch, entity, changes);
            }
            catch (ValidationFailedException v)
            {
                foreach (var m in v.Errors.SelectMany(e => e.Value)) Error(r, firstCol, m);
                continue;
            }
            catch (DomainException d)
            {
                Error(r, firstCol, $"{d.Message}（{d.Code}）");
                continue;
            }

            // Rules on the report as it would be stored: blocking ones stop the import, warnings are listed.
            var current = applicable.ToDictionary(i => i.Code, i => storedNow.TryGetValue((town.Id, i.Code), out var v) ? v.Value : (decimal?)null);
            var comments = applicable.ToDictionary(i => i.Code, i => storedNow.TryGetValue((town.Id, i.Code), out var v) ? v.Comment : null);
            foreach (var c in changes) { current[c.Indicator] = c.Value; comments[c.Indicator] = c.Comment; }
            Dictionary<string, decimal?> Of(StatPeriod q) => applicable.ToDictionary(i => i.Code,
                i => storedAt.TryGetValue((town.Id, q.ToString(), i.Code), out var v) ? v : (decimal?)null);
            foreach (var result in StatRuleEngine.Evaluate(rules, current, Of(p.Previous), Of(p.SameMonthLastYear), comments)
                         .Where(x => x.Applicable && !x.Passed))
            {
                var col = valueCols.GetValueOrDefault(result.Indicator, nameCol ?? idCol ?? 1);
                var detail = $"{result.Message}（{result.Code}：{Fmt(result.LeftValue)} 对比 {Fmt(result.RightValue)}）";
                if (result.Importance == RuleImportance.Blocking) Error(r, col, detail);
                else Warn(r, col, detail + (result.Commented ? "" : "；报送前须在备注中说明原因"));
            }
        }

        var written = false;
        var changed = towns.Sum(t => t.Created + t.Updated);
        if (!dryRun && errors.Count == 0 && changed > 0)
        {
            ctx.AddAuditEvent("StatImport", "StatImport", key, "Success", after: new
            {
                File = fileName, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Rows = towns.Count,
                Created = towns.Sum(t => t.Created), Updated = towns.Sum(t => t.Updated), Unchanged = towns.Sum(t => t.Unchanged),
            });
            await ctx.SaveChangesAsync(ct); // one SaveChanges = one transaction, audit records included
            written = true;
        }
        return Result(written, towns);
    }

    // ------------------------------------------------------------------ helpers

    bool MayEnter(Guid etownId, string countyCode) => StatEntryScope.MayEnter(caller, etownId, countyCode);

    static async Task<List<TemplateIndicator>> IndicatorsAsync(EtownDbContext ctx, StatPeriod p, CancellationToken ct) =>
        (await ctx.StatIndicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct)).Where(i => i.AppliesTo(p))
            .Select(i => new TemplateIndicator(i.Code, i.Name, i.Unit, i.PeriodType, i.Aggregation, i.Cumulative, i.SourceRule)).ToList();

    static async Task<List<StatRuleRow>> RulesAsync(EtownDbContext ctx, CancellationToken ct) =>
        (await ctx.StatRules.AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.SortOrder).ThenBy(r => r.Code).ToListAsync(ct))
            .Select(r => new StatRuleRow(r.Code, r.Left, r.Operator, r.Right, r.Factor, r.Importance, r.Message)).ToList();

    sealed record StoredValue(Guid EtownId, string Period, string IndicatorCode, decimal Value, string? Comment);

    static async Task<List<StoredValue>> ValuesAsync(EtownDbContext ctx, List<Guid> etownIds, string[] periods, CancellationToken ct) =>
        (await ctx.StatValues.AsNoTracking()
            .Join(ctx.StatReports.AsNoTracking(), v => v.ReportId, r => r.Id, (v, r) => new { r.EtownId, r.Period, v.IndicatorCode, v.Value, v.Comment })
            .Where(x => etownIds.Contains(x.EtownId) && periods.Contains(x.Period)).ToListAsync(ct))
        .Select(x => new StoredValue(x.EtownId, x.Period, x.IndicatorCode, x.Value, x.Comment)).ToList();

    static async Task<byte[]> ReadLimitedAsync(Stream file, CancellationToken ct)
    {
        if (file.CanSeek && file.Length - file.Position > MaxFileBytes) throw TooLarge();
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await file.ReadAsync(buffer, ct)) > 0)
        {
            if (ms.Length + n > MaxFileBytes) throw TooLarge();
            ms.Write(buffer, 0, n);
        }
        return ms.ToArray();
    }

    public static DomainException TooLarge() =>
        new(StatisticsErrors.ImportTooLarge, $"文件超过 {MaxFileBytes / 1024 / 1024} MB 上限，请分成多个文件（例如按县）导入。", 413);

    public static DomainException NotXlsx(string? fileName) =>
        new(StatisticsErrors.ImportNotXlsx, $"{(fileName is null ? "该文件" : $"“{fileName}”")}不是 .xlsx 格式的 Excel 工作簿。请使用平台下载的模板；.xls、.csv 或 WPS 格式请先在 Excel 中“另存为”.xlsx 再导入。", 400);

    static List<StatImportIssue> Capped(List<StatImportIssue> issues)
    {
        var sorted = issues.OrderBy(i => i.Row).ThenBy(i => i.Column.Length).ThenBy(i => i.Column, StringComparer.Ordinal).ToList();
        if (sorted.Count <= MaxListedErrors) return sorted;
        var last = sorted[MaxListedErrors - 1];
        return [.. sorted.Take(MaxListedErrors), last with { Message = $"另有 {sorted.Count - MaxListedErrors} 条未列出，请先更正以上问题。" }];
    }

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    static string Fmt(decimal? d) => d is { } v ? StatTemplate.Normalise(v).ToString(CultureInfo.InvariantCulture) : "—";

    /// <summary>A numeric cell, or a text cell holding a plain number ("1,234.5" is accepted; "约100", "12万" are not). Rounded to 4 decimals (the stored precision).</summary>
    static bool TryNumber(XlsxCell cell, out decimal value)
    {
        var text = cell.Text.Trim();
        var ok = cell.IsNumeric
            ? decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
        if (!ok && cell.IsNumeric && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dbl) && Math.Abs(dbl) < 1e15)
        {
            value = (decimal)dbl;
            ok = true;
        }
        if (ok) value = Math.Round(value, StatValue.Decimals, MidpointRounding.AwayFromZero); // a spreadsheet's binary fractions, not typed decimals
        return ok;
    }

    /// <summary>"2025-11" as text, or the date Excel makes of it when retyped (a serial day number).</summary>
    static string? PeriodText(XlsxCell? cell)
    {
        if (cell is null || string.IsNullOrWhiteSpace(cell.Text)) return null;
        if (cell.IsNumeric && double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 2958465)
        {
            if (serial is >= 2000 and <= 2100 && serial == Math.Floor(serial)) return ((int)serial).ToString("D4", CultureInfo.InvariantCulture); // a year typed as a number
            var d = DateTime.FromOADate(serial);
            return $"{d.Year:D4}-{d.Month:D2}";
        }
        var t = cell.Text.Trim().Replace('/', '-').Replace('.', '-');
        if (t.Length == 6 && t[4] == '-') t = t[..5] + "0" + t[5]; // 2025-1
        return t;
    }
}
