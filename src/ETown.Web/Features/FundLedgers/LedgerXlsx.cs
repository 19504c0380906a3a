using System.Globalization;
using ETown.Web.Features.Plans;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Documents;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.FundLedgers;

/// <summary>One problem in an imported workbook: sheet, row, column letter and a Chinese message.</summary>
public sealed record LedgerImportIssue(string Sheet, int Row, string Column, string Message)
{
    public string Cell => Column + Row.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A row that passed every check (the dry run shows them; a real run writes them).</summary>
public sealed record LedgerImportRow(int Row, DateOnly Date, string FundSource, string Category, int ItemNo, decimal AmountWan, string InvoiceNumber,
    string Payee, string Description, string Purpose);

public sealed record LedgerImportResult(string? FileName, bool DryRun, bool Written, int Rows, IReadOnlyList<LedgerImportIssue> Errors, IReadOnlyList<LedgerImportRow> Lines)
{
    public bool HasErrors => Errors.Count > 0;
}

/// <summary>
/// Excel in and out for the ledgers (issue #10 items 4–5), on the statistics import's pattern: a fixed template, a dry run
/// that checks every cell (the same checks as the entry form, FUND-01 included), and all-or-nothing writing.
/// </summary>
public sealed class LedgerXlsxService(EtownDb db, Caller caller, Authorizer authorizer, TimeProvider clock, LedgerService ledgers)
{
    public const long MaxFileBytes = 10 * 1024 * 1024;
    public const int MaxRows = 5_000, MaxListedErrors = 200;
    public const string SheetName = "专账";
    public static readonly string[] Headers = ["日期", "资金性质", "资金类别", "建设标准条目", "金额（万元）", "发票号码", "收款方", "摘要", "支出用途"];

    public async Task<(byte[] Content, string FileName)> ExportAsync(Guid? etownId, CancellationToken ct = default)
    {
        var lines = await ledgers.ExpensesAsync(new ExpenseFilter(EtownId: etownId), ct);
        var assets = await ledgers.AssetsAsync(etownId, ct);
        var expenseSheet = new XlsxWriter.XlsxSheet(SheetName, ["e镇", .. Headers, "用途代码", "来源"],
            lines.OrderBy(l => l.EtownName).ThenBy(l => l.Date).Select(l => (IReadOnlyList<object?>)
            [
                l.EtownName, l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.FundSourceLabel, l.CategoryLabel, l.ItemNo, l.AmountWan,
                l.InvoiceNumber, l.Payee, l.Description, l.PurposeName, l.PurposeCode, l.Source.ToString(),
            ]));
        var assetSheet = new XlsxWriter.XlsxSheet("资产台账", ["e镇", "资产名称", "存放地点", "数量", "价值（万元）", "购置日期", "权属", "开放共享", "服务说明", "关联发票号"],
            assets.Select(a => (IReadOnlyList<object?>)
            [
                a.EtownName, a.Name, a.Location, a.Quantity, a.ValueWan, a.AcquiredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.OwnershipLabel,
                a.OpenShared ? "是" : "否", a.ServiceNote, a.ExpenseInvoice,
            ]));
        var today = clock.ChinaToday().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return (XlsxWriter.Write([expenseSheet, assetSheet]), $"专账与资产台账-{today}.xlsx");
    }

    /// <summary>An empty import template with the purposes that apply in the e-town's county listed on a second sheet.</summary>
    public async Task<(byte[] Content, string FileName)> TemplateAsync(Guid etownId, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(t => t.Id == etownId, ct) ?? throw new NotFoundException("该e镇");
        var purposes = await ledgers.PurposesAsync(town.CountyCode, ct);
        var example = new List<IReadOnlyList<object?>>
        {
            new object?[] { clock.ChinaToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "省级专项资金", "主导产业", 1, 12.5m, "示例-删除本行", "某某设备有限公司", "分拣设备一套", "设备购置" },
        };
        var purposeSheet = new XlsxWriter.XlsxSheet("支出用途", ["用途代码", "用途", "省级专项资金禁止", "依据"],
            purposes.Select(p => (IReadOnlyList<object?>)[p.Code, p.Name, p.IsProhibited ? "禁止" : "", p.Clause]));
        return (XlsxWriter.Write([new XlsxWriter.XlsxSheet(SheetName, Headers, example), purposeSheet]), $"专账导入模板-{town.Name}.xlsx");
    }

    /// <summary>
    /// Checks the whole workbook for one e-town; with <paramref name="dryRun"/> false and no error, writes every line in one
    /// save. Problems inside the file come back as errors (sheet, row, column); any error writes nothing.
    /// </summary>
    public async Task<LedgerImportResult> ImportAsync(Guid etownId, Stream file, string? fileName, bool dryRun, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        authorizer.Require(LedgerOperations.WriteExpense, LedgerResource.Any);
        await using var ctx = db.Create(caller);
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(t => t.Id == etownId, ct) ?? throw new NotFoundException("该e镇");
        authorizer.Require(LedgerOperations.WriteExpense, new LedgerResource(town.Id, town.CountyCode));
        if (fileName is not null && !fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) throw NotXlsx(fileName);
        var bytes = await ReadLimitedAsync(file, ct);
        XlsxSheet sheet;
        try { sheet = XlsxReader.Read(new MemoryStream(bytes), SheetName); }
        catch (InvalidDataException) { throw NotXlsx(fileName); }

        var errors = new List<LedgerImportIssue>();
        void Error(int row, int col, string message) => errors.Add(new(sheet.Name, row, XlsxReader.ColumnName(Math.Max(col, 1)), message));
        LedgerImportResult Result(bool written, IReadOnlyList<LedgerImportRow> rows) =>
            new(fileName, dryRun, written, rows.Count, [.. errors.OrderBy(e => e.Row).ThenBy(e => e.Column.Length).ThenBy(e => e.Column, StringComparer.Ordinal).Take(MaxListedErrors)], rows);

        // Header row: find each column by its title, wherever it is.
        var cols = new Dictionary<string, int>();
        for (var c = 1; c <= 40; c++)
            if (sheet.Text(1, c)?.Trim() is { } h && Headers.Contains(h)) cols.TryAdd(h, c);
        foreach (var h in Headers.Where(h => !cols.ContainsKey(h)))
            Error(1, 1, $"第 1 行缺少“{h}”列，请使用平台下载的导入模板。");
        if (errors.Count > 0) return Result(false, []);

        var purposes = await ctx.LedgerPurposes.AsNoTracking().ToListAsync(ct);
        var applicable = purposes.Where(p => p.IsActive && p.AppliesIn(town.CountyCode)).ToList();
        var today = clock.ChinaToday();
        var org = caller.OrganisationId!.Value;
        var dataRows = Enumerable.Range(2, Math.Max(0, sheet.MaxRow - 1))
            .Where(r => Headers.Any(h => sheet.Text(r, cols[h]) is not null)).ToList();
        if (dataRows.Count == 0) { Error(2, 1, "文件中没有支出行。"); return Result(false, []); }
        if (dataRows.Count > MaxRows) { Error(dataRows[MaxRows], 1, $"行数超过上限 {MaxRows}，请分成多个文件导入。"); return Result(false, []); }

        var inputs = new List<(int Row, ExpenseInput Input)>();
        foreach (var r in dataRows)
        {
            var before = errors.Count;
            string? T(string h) => sheet.Text(r, cols[h])?.Trim();
            var date = ParseDate(sheet[r, cols["日期"]]);
            if (date is null) Error(r, cols["日期"], $"日期“{T("日期")}”无效，应为 YYYY-MM-DD。");
            var source = Enum.GetValues<FundSource>().Cast<FundSource?>().FirstOrDefault(s => LedgerService.SourceLabel(s!.Value) == T("资金性质") || s.ToString() == T("资金性质"));
            if (source is null) Error(r, cols["资金性质"], $"资金性质“{T("资金性质")}”无效，应为：{string.Join("、", Enum.GetValues<FundSource>().Select(LedgerService.SourceLabel))}。");
            var category = Enum.GetValues<FundCategory>().Cast<FundCategory?>().FirstOrDefault(c => BudgetCheck.CategoryLabel(c!.Value) == T("资金类别") || c.ToString() == T("资金类别"));
            if (category is null) Error(r, cols["资金类别"], $"资金类别“{T("资金类别")}”无效，应为：{string.Join("、", Enum.GetValues<FundCategory>().Select(BudgetCheck.CategoryLabel))}（FUND-03）。");
            int? item = int.TryParse(T("建设标准条目"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
            if (item is null) Error(r, cols["建设标准条目"], $"建设标准条目“{T("建设标准条目")}”应为 1–39 的整数。");
            decimal? amount = decimal.TryParse(T("金额（万元）")?.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : null;
            if (amount is null) Error(r, cols["金额（万元）"], $"金额“{T("金额（万元）")}”不是数字（以万元为单位，如 12.50）。");
            var purposeText = T("支出用途");
            var purpose = applicable.FirstOrDefault(p => p.Code == purposeText) ?? applicable.FirstOrDefault(p => p.Name == purposeText);
            if (purposeText is not null && purpose is null) Error(r, cols["支出用途"], $"未知的支出用途“{purposeText}”，请填写模板“支出用途”表中的用途或代码。");
            if (errors.Count > before) continue;
            var input = new ExpenseInput(etownId, date!.Value, category!.Value, source!.Value, item!.Value, amount!.Value,
                T("发票号码"), T("收款方"), T("摘要"), purpose?.Code);
            var colOf = new Dictionary<string, string>
            {
                ["amountWan"] = "金额（万元）", ["date"] = "日期", ["itemNo"] = "建设标准条目", ["category"] = "资金类别", ["fundSource"] = "资金性质",
                ["invoiceNumber"] = "发票号码", ["payee"] = "收款方", ["description"] = "摘要", ["purposeCode"] = "支出用途",
            };
            foreach (var (f, m) in LedgerService.Check(input, today, purposes, town.CountyCode)) Error(r, cols[colOf[f]], m);
            if (errors.Count > before) continue;
            // FUND-01: the same screening as the entry form.
            if (LedgerService.ProhibitedReason(input, town.CountyCode, purposes) is { } reason) { Error(r, cols["支出用途"], reason); continue; }
            inputs.Add((r, input));
        }
        // FUND-12: an invoice once — within the file and against the operator's ledger.
        foreach (var dup in inputs.GroupBy(x => x.Input.InvoiceNumber!.Trim()).Where(g => g.Count() > 1))
            foreach (var (r, _) in dup.Skip(1)) Error(r, cols["发票号码"], $"发票号码“{dup.Key}”在文件中重复（第 {dup.First().Row} 行已有）。");
        var numbers = inputs.Select(x => x.Input.InvoiceNumber!.Trim()).Distinct().ToList();
        var taken = await ctx.LedgerExpenses.IgnoreQueryFilters().Where(x => x.OperatorOrganisationId == org && numbers.Contains(x.InvoiceNumber))
            .Select(x => x.InvoiceNumber).ToListAsync(ct);
        foreach (var (r, x) in inputs.Where(x => taken.Contains(x.Input.InvoiceNumber!.Trim())))
            Error(r, cols["发票号码"], $"发票号码“{x.InvoiceNumber!.Trim()}”已在本单位专账中登记，同一张发票不能重复入账。");

        var rows = inputs.Select(x => new LedgerImportRow(x.Row, x.Input.Date, LedgerService.SourceLabel(x.Input.FundSource), BudgetCheck.CategoryLabel(x.Input.Category),
            x.Input.ItemNo, x.Input.AmountWan, x.Input.InvoiceNumber!.Trim(), x.Input.Payee!.Trim(), x.Input.Description!.Trim(),
            purposes.First(p => p.Code == x.Input.PurposeCode).Name)).ToList();
        if (errors.Count > 0 || dryRun) return Result(false, errors.Count > 0 ? [] : rows);

        var by = caller.DisplayName ?? caller.UserName;
        foreach (var (_, x) in inputs)
            ctx.LedgerExpenses.Add(new LedgerExpense
            {
                EtownId = town.Id, CountyCode = town.CountyCode, OperatorOrganisationId = org, Date = x.Date, Category = x.Category, FundSource = x.FundSource,
                ItemNo = x.ItemNo, AmountWan = x.AmountWan, InvoiceNumber = x.InvoiceNumber!.Trim(), Payee = x.Payee!.Trim(), Description = x.Description!.Trim(),
                PurposeCode = x.PurposeCode!, Source = LedgerEntrySource.Import, EnteredBy = by,
            });
        await ctx.SaveChangesAsync(ct); // one save: all lines or none
        return Result(true, rows);
    }

    static DateOnly? ParseDate(XlsxCell? cell)
    {
        if (cell is null || string.IsNullOrWhiteSpace(cell.Text)) return null;
        var t = cell.Text.Trim();
        if (cell.IsNumeric && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        foreach (var f in (string[])["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日"])
            if (DateOnly.TryParseExact(t, f, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        return null;
    }

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

    public static DomainException TooLarge() => new(LedgerErrors.ImportTooLarge, $"文件超过 {MaxFileBytes / 1024 / 1024} MB 上限，请分成多个文件导入。", 413);

    public static DomainException NotXlsx(string? fileName) =>
        new(LedgerErrors.ImportNotXlsx, $"{(fileName is null ? "该文件" : $"“{fileName}”")}不是 .xlsx 格式的 Excel 工作簿。请使用平台下载的导入模板。", 400);
}
