using System.Globalization;
using ETown.Web.Features.Etowns;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Documents;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Funds;

/// <summary>A notice line that passed every check (the dry run lists them; a real run writes them).</summary>
public sealed record AllocationImportRow(int Row, int Year, Guid EtownId, string EtownName, decimal ProvincialAmount, string? NoticeReference,
    decimal CountyMatchingCommitted, bool Replaces);

public sealed record AllocationImportResult(string? FileName, bool DryRun, bool Written, int Rows, IReadOnlyList<XlsxIssue> Errors, IReadOnlyList<AllocationImportRow> Lines)
{
    public bool HasErrors => Errors.Count > 0;
}

/// <summary>
/// The province imports the provincial allocation notice (省级专项资金下达通知, issue #10 item 1) as .xlsx on the statistics
/// import's pattern (<see cref="XlsxImport"/>): a template, a dry run that checks every cell and lists every error in Chinese
/// with its row and column, and a real run that writes all lines in one save or none.
/// </summary>
public sealed class AllocationImportService(EtownDb db, Caller caller, Authorizer auth)
{
    public const long MaxFileBytes = 5 * 1024 * 1024;
    public const int MaxRows = 2_000, MaxListedErrors = 200;
    public const string SheetName = "资金下达";
    /// <summary>
    /// The programme's years (P 四(一): 2022 年全面启动，2023 年底全面建成; its cultivation-target table runs to 2025): a notice
    /// line outside them is a typo, not an allocation.
    /// </summary>
    public const int FirstYear = 2022, LastYear = 2025;
    public static readonly string[] Headers = ["年度", "e镇名称", "省级专项资金（万元）", "下达文件", "县级配套承诺（万元）"];

    public async Task<(byte[] Content, string FileName)> TemplateAsync(CancellationToken ct = default)
    {
        auth.Require(FundOperations.EditAllocation, FundResource.Province);
        await using var ctx = db.Create(caller);
        var towns = (await ctx.Etowns.AsNoTracking().OrderBy(e => e.CountyCode).ThenBy(e => e.Name).ToListAsync(ct)).Where(e => IsListed(e.Status)).ToList();
        var example = new List<IReadOnlyList<object?>> { new object?[] { FirstYear, towns.FirstOrDefault()?.Name ?? "某某乡村e镇", 1000m, "晋财建〔2022〕xx号", 200m } };
        var listed = new XlsxWriter.XlsxSheet("已入选e镇", ["e镇名称", "县（市、区）代码", "状态"],
            towns.Select(t => (IReadOnlyList<object?>)[t.Name, t.CountyCode, Etown.StatusLabel(t.Status)]));
        return (XlsxWriter.Write([new XlsxWriter.XlsxSheet(SheetName, Headers, example), listed]), "省级专项资金下达导入模板.xlsx");
    }

    /// <summary>Only selected e-towns (已入选 and later, not withdrawn) receive provincial funds.</summary>
    static bool IsListed(EtownStatus s) => s is EtownStatus.Listed or EtownStatus.UnderConstruction or EtownStatus.Accepted or EtownStatus.Operating;

    public async Task<AllocationImportResult> ImportAsync(Stream file, string? fileName, bool dryRun, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        auth.Require(FundOperations.EditAllocation, FundResource.Province);
        if (fileName is not null && !fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) throw NotXlsx(fileName);
        var bytes = await XlsxImport.ReadLimitedAsync(file, MaxFileBytes, TooLarge, ct);
        var sheet = XlsxImport.ReadSheet(bytes, SheetName, () => NotXlsx(fileName));

        var errors = new List<XlsxIssue>();
        void Error(int row, int col, string message) => errors.Add(new(sheet.Name, row, XlsxReader.ColumnName(Math.Max(col, 1)), message));
        AllocationImportResult Result(bool written, IReadOnlyList<AllocationImportRow> rows) =>
            new(fileName, dryRun, written, rows.Count, XlsxImport.Ordered(errors, MaxListedErrors), rows);

        var cols = XlsxImport.Columns(sheet, Headers, Error);
        if (errors.Count > 0) return Result(false, []);
        var dataRows = XlsxImport.DataRows(sheet, cols);
        if (dataRows.Count == 0) { Error(2, 1, "文件中没有下达行。"); return Result(false, []); }
        if (dataRows.Count > MaxRows) { Error(dataRows[MaxRows], 1, $"行数超过上限 {MaxRows}，请分成多个文件导入。"); return Result(false, []); }

        await using var ctx = db.Create(caller);
        var towns = await ctx.Etowns.AsNoTracking().ToListAsync(ct);
        var lines = new List<(int Row, Etown Town, AllocationInput Input)>();
        foreach (var r in dataRows)
        {
            var before = errors.Count;
            string? T(string h) => sheet.Text(r, cols[h])?.Trim();
            int? year = int.TryParse(T("年度"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : null;
            if (year is null) Error(r, cols["年度"], $"年度“{T("年度")}”应为四位整数年份。");
            else if (year is < FirstYear or > LastYear) Error(r, cols["年度"], $"年度 {year} 不在培育期 {FirstYear}–{LastYear} 年内。");
            var name = T("e镇名称");
            var town = name is null ? null : towns.FirstOrDefault(t => t.Name == name);
            if (name is null) Error(r, cols["e镇名称"], "请填写e镇名称。");
            else if (town is null) Error(r, cols["e镇名称"], $"平台中没有名为“{name}”的e镇，请按模板“已入选e镇”表填写。");
            else if (!IsListed(town.Status)) Error(r, cols["e镇名称"], $"“{name}”当前状态为“{Etown.StatusLabel(town.Status)}”，未入选，不能下达专项资金。");
            decimal amount = 0, matching = 0;
            if (!XlsxImport.TryDecimal(T("省级专项资金（万元）"), out amount)) Error(r, cols["省级专项资金（万元）"], $"金额“{T("省级专项资金（万元）")}”不是数字（以万元为单位，如 1000.00）。");
            var matchingText = T("县级配套承诺（万元）");
            if (matchingText is not null && !XlsxImport.TryDecimal(matchingText, out matching)) Error(r, cols["县级配套承诺（万元）"], $"金额“{matchingText}”不是数字（以万元为单位）。");
            if (errors.Count > before) continue;
            var input = new AllocationInput(year!.Value, amount, T("下达文件"), matching);
            var colOf = new Dictionary<string, string>
            {
                ["provincialAmount"] = "省级专项资金（万元）", ["countyMatchingCommitted"] = "县级配套承诺（万元）", ["noticeReference"] = "下达文件",
            };
            foreach (var (field, messages) in FundsService.CheckAllocation(input))
                foreach (var m in messages) Error(r, cols[colOf[field]], m);
            if (errors.Count > before) continue;
            lines.Add((r, town!, input));
        }
        // One line per e-town and year in a notice.
        foreach (var dup in lines.GroupBy(l => (l.Town.Id, l.Input.Year)).Where(g => g.Count() > 1))
            foreach (var l in dup.Skip(1)) Error(l.Row, cols["e镇名称"], $"“{l.Town.Name}”{l.Input.Year} 年在文件中重复（第 {dup.First().Row} 行已有）。");
        var existing = await ctx.FundAllocations.ToListAsync(ct);
        foreach (var l in lines)
            if (await FundsService.BelowContractedAsync(ctx, l.Town.Id, l.Input.Year, l.Input.ProvincialAmount, ct) is { } below)
                Error(l.Row, cols["省级专项资金（万元）"], $"“{l.Town.Name}”：{below}");

        var rows = lines.Select(l => new AllocationImportRow(l.Row, l.Input.Year, l.Town.Id, l.Town.Name, l.Input.ProvincialAmount, l.Input.NoticeReference,
            l.Input.CountyMatchingCommitted, existing.Any(a => a.EtownId == l.Town.Id && a.Year == l.Input.Year))).ToList();
        if (errors.Count > 0 || dryRun) return Result(false, errors.Count > 0 ? [] : rows);

        foreach (var (_, town, x) in lines)
        {
            var a = existing.FirstOrDefault(e => e.EtownId == town.Id && e.Year == x.Year);
            if (a is null) ctx.FundAllocations.Add(a = new FundAllocation { EtownId = town.Id, CountyCode = town.CountyCode, Year = x.Year });
            else a.Version++;
            a.ProvincialAmount = x.ProvincialAmount;
            a.NoticeReference = string.IsNullOrWhiteSpace(x.NoticeReference) ? null : x.NoticeReference.Trim();
            a.CountyMatchingCommitted = x.CountyMatchingCommitted;
        }
        await FundsService.SaveAsync(ctx, ct); // one save: all lines or none
        return Result(true, rows);
    }

    public static DomainException TooLarge() => new(FundsErrors.ImportTooLarge, $"文件超过 {MaxFileBytes / 1024 / 1024} MB 上限。", 413);

    public static DomainException NotXlsx(string? fileName) =>
        new(FundsErrors.ImportNotXlsx, $"{(fileName is null ? "该文件" : $"“{fileName}”")}不是 .xlsx 格式的 Excel 工作簿（或缺少“{SheetName}”工作表）。请使用平台下载的导入模板。", 400);
}
