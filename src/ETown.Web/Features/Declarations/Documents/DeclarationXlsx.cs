using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ETown.Web.Features.Regions;
using ETown.Web.Platform.Documents;

namespace ETown.Web.Features.Declarations.Documents;

/// <summary>An error found while importing a sheet: where (sheet, 1-based row, column letter) and what, in Chinese.</summary>
public sealed record ImportError(string Sheet, int Row, string Column, string Message)
{
    /// <summary>"B12"</summary>
    public string Cell => Column + Row.ToString(CultureInfo.InvariantCulture);
    public override string ToString() => $"{Sheet}!{Cell}：{Message}";
}

/// <summary>
/// The 申报表 as a single-sheet .xlsx template a county fills in Excel, and its importer (issue 3 item 6).
/// Layout: labels in columns A and C with their values in B and D (header rows and 目前基础条件), then the
/// 培育规划目标 block — one row per indicator, label in A, unit in B, 2022–2025 values in C–F and computed
/// 同比增长率 formulas in G–I — then 县(市、区)政府意见 and the 填表说明. Strings are inline strings, numbers
/// numeric cells. The importer finds each field by its label (at the template position, or anywhere on the
/// sheet if rows were moved), so a sheet saved by Excel (shared strings) reads back the same.
/// Round trip: <c>Import(Template(form))</c> gives a form equal to <c>form</c> in every field, targets as all 48
/// indicator × year entries in enum/year order (null where empty); "\r\n" in text becomes "\n".
/// </summary>
public static class DeclarationXlsx
{
    public const string ContentType = XlsxWriter.ContentType;
    public const string SheetName = "申报表";
    public const string Title = "山西省乡村e镇申报表";

    /// <summary>Excel's limit per cell; longer boundary text is split over the following cells of its row.</summary>
    const int MaxCellChars = 32_000;
    const decimal MaxAmount = 1_000_000_000m;
    const int MaxCount = 100_000_000;

    enum Kind { Text, Decimal, Int, Bool, CountyClass, CountyName, CountyCode, Boundary }

    sealed record Field(string Label, int Row, int Col, Kind Kind, Func<DeclarationForm, object?> Get, Action<DeclarationForm, object?> Set);

    static readonly Field[] Fields =
    [
        new("申报县（市、区）", 3, 1, Kind.CountyName, _ => null, (_, _) => { }),
        new("区划代码", 3, 3, Kind.CountyCode, f => NullIfEmpty(f.CountyCode), (f, v) => f.CountyCode = (string?)v ?? ""),
        new("是否为电子商务进农村综合示范县", 4, 1, Kind.Bool, f => f.IsNationalDemoCounty ? "是" : "否", (f, v) => f.IsNationalDemoCounty = v is true),
        new("三类县分类", 4, 3, Kind.CountyClass, f => f.CountyClass is null ? null : Region.ClassLabel(f.CountyClass), (f, v) => f.CountyClass = (CountyClass?)v),
        new("乡村e镇项目名称", 5, 1, Kind.Text, f => NullIfEmpty(f.ProjectName), (f, v) => f.ProjectName = (string?)v ?? ""),
        new("地址", 5, 3, Kind.Text, f => f.Address, (f, v) => f.Address = (string?)v),
        new("负责人", 6, 1, Kind.Text, f => f.PersonInCharge, (f, v) => f.PersonInCharge = (string?)v),
        new("负责人联系电话", 6, 3, Kind.Text, f => f.PersonInChargePhone, (f, v) => f.PersonInChargePhone = (string?)v),
        new("联系人", 7, 1, Kind.Text, f => f.Contact, (f, v) => f.Contact = (string?)v),
        new("联系人联系电话", 7, 3, Kind.Text, f => f.ContactPhone, (f, v) => f.ContactPhone = (string?)v),
        new("电子邮箱", 8, 1, Kind.Text, f => f.Email, (f, v) => f.Email = (string?)v),
        // 目前基础条件 (section header in row 9)
        new("规划面积（平方公里）", 10, 1, Kind.Decimal, f => f.PlannedAreaKm2, (f, v) => f.PlannedAreaKm2 = (decimal?)v),
        new("建筑面积（平方米）", 10, 3, Kind.Decimal, f => f.FloorAreaM2, (f, v) => f.FloorAreaM2 = (decimal?)v),
        new("市场主体（个）", 11, 1, Kind.Int, f => f.MarketEntities, (f, v) => f.MarketEntities = (int?)v),
        new("电商企业（个）", 11, 3, Kind.Int, f => f.EcommerceEnterprises, (f, v) => f.EcommerceEnterprises = (int?)v),
        new("网络零售额（万元）", 12, 1, Kind.Decimal, f => f.OnlineRetailWan, (f, v) => f.OnlineRetailWan = (decimal?)v),
        new("网络零售额超过100万元企业数（个）", 12, 3, Kind.Int, f => f.EnterprisesOver100Wan, (f, v) => f.EnterprisesOver100Wan = (int?)v),
        new("产值（万元）", 13, 1, Kind.Decimal, f => f.OutputWan, (f, v) => f.OutputWan = (decimal?)v),
        new("基础设施情况", 13, 3, Kind.Text, f => f.Infrastructure, (f, v) => f.Infrastructure = (string?)v),
        new("主导产业（具体名称）", 14, 1, Kind.Text, f => f.LeadingIndustries, (f, v) => f.LeadingIndustries = (string?)v),
        new("特色产品（具体名称）", 14, 3, Kind.Text, f => f.FeaturedProducts, (f, v) => f.FeaturedProducts = (string?)v),
        new("拥有品牌（具体名称）", 15, 1, Kind.Text, f => f.Brands, (f, v) => f.Brands = (string?)v),
        new("四至范围", 15, 3, Kind.Text, f => f.BoundaryText, (f, v) => f.BoundaryText = (string?)v),
        new("边界坐标（GeoJSON，或“经度,纬度;经度,纬度;…”）", 16, 1, Kind.Boundary, f => f.BoundaryGeoJson, (f, v) => f.BoundaryGeoJson = (string?)v),
    ];

    const int BaseSectionRow = 9;
    const int TargetsHeaderRow = 18;
    const int FirstTargetRow = 19;
    const string TargetsLabel = "培育规划目标";
    const string OpinionLabel = "县(市、区)政府意见";
    static readonly int OpinionRow = FirstTargetRow + Enum.GetValues<TargetIndicator>().Length + 1; // 32
    const int YearCol = 3; // C..F
    const int GrowthCol = 7; // G..I (2023..2025)

    // style indexes (see Styles())
    const uint STitle = 1, SLabel = 2, SText = 3, SNumber = 4, SSection = 5, SNote = 6, SGrowth = 7, SHint = 8;

    /// <summary>Suggested download name.</summary>
    public static string FileName(DeclarationForm? form, RegionDirectory? regions = null) =>
        form is null ? $"{Title}（模板）.xlsx"
        : DeclarationDocx.Safe($"{Title}-{regions?.NameOf(form.CountyCode) ?? form.CountyCode}-{form.ProjectName}") + ".xlsx";

    /// <summary>
    /// The template, blank (<paramref name="form"/> null) or filled with <paramref name="form"/>. With
    /// <paramref name="regions"/> the county's name is written beside its code.
    /// </summary>
    public static byte[] Template(DeclarationForm? form = null, RegionDirectory? regions = null)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            doc.PackageProperties.Title = Title;
            doc.PackageProperties.Creator = "乡村e镇培育管理平台";
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var ws = wb.AddNewPart<WorksheetPart>();
            var cells = new SortedDictionary<(int Row, int Col), Cell>();
            void Put(int row, int col, object? value, uint style)
            {
                var reference = XlsxReader.ColumnName(col) + row.ToString(CultureInfo.InvariantCulture);
                cells[(row, col)] = value switch
                {
                    null => new Cell { CellReference = reference, StyleIndex = style },
                    decimal or int => new Cell
                    {
                        CellReference = reference, StyleIndex = style, DataType = CellValues.Number,
                        CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
                    },
                    _ => new Cell
                    {
                        CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(Clean(value.ToString()!)) { Space = SpaceProcessingModeValues.Preserve }),
                    },
                };
            }

            Put(1, 1, Title, STitle);
            Put(2, 1, "请在浅黄色单元格中填写；数据均为乡村e镇规划区域内的数据，金额以万元计；请勿改动灰色标签文字。导入时按标签识别各项。", SHint);
            foreach (var field in Fields)
            {
                Put(field.Row, field.Col, field.Label, SLabel);
                var value = field.Kind == Kind.CountyName
                    ? (form is not null && regions is not null && regions.Find(form.CountyCode) is not null ? regions.FullName(form.CountyCode) : null)
                    : form is null ? null : field.Get(form);
                var style = field.Kind is Kind.Decimal or Kind.Int ? SNumber : SText;
                if (field.Kind == Kind.Boundary && value is string s && s.Length > MaxCellChars)
                {
                    var col = field.Col + 1;
                    for (var i = 0; i < s.Length; i += MaxCellChars) Put(field.Row, col++, s.Substring(i, Math.Min(MaxCellChars, s.Length - i)), style);
                }
                else Put(field.Row, field.Col + 1, value, style);
            }
            Put(BaseSectionRow, 1, "目前基础条件", SSection);

            // 培育规划目标
            var years = TargetIndicators.Years;
            Put(TargetsHeaderRow, 1, TargetsLabel, SLabel);
            Put(TargetsHeaderRow, 2, "单位", SLabel);
            for (var y = 0; y < years.Length; y++)
                Put(TargetsHeaderRow, YearCol + y, years[y].ToString(CultureInfo.InvariantCulture) + "年", SLabel);
            for (var y = 1; y < years.Length; y++)
                Put(TargetsHeaderRow, GrowthCol + y - 1, $"{years[y]}年同比增长率（%）", SLabel);
            var indicators = Enum.GetValues<TargetIndicator>();
            for (var i = 0; i < indicators.Length; i++)
            {
                var row = FirstTargetRow + i;
                var (label, unit) = TargetIndicators.Describe(indicators[i]);
                Put(row, 1, label, SLabel);
                Put(row, 2, unit, SLabel);
                for (var y = 0; y < years.Length; y++) Put(row, YearCol + y, form?.Target(indicators[i], years[y]), SNumber);
                for (var y = 1; y < years.Length; y++)
                {
                    string prev = XlsxReader.ColumnName(YearCol + y - 1) + row, cur = XlsxReader.ColumnName(YearCol + y) + row;
                    var growth = form?.Growth(indicators[i], years[y]);
                    var reference = XlsxReader.ColumnName(GrowthCol + y - 1) + row.ToString(CultureInfo.InvariantCulture);
                    cells[(row, GrowthCol + y - 1)] = new Cell
                    {
                        CellReference = reference, StyleIndex = SGrowth,
                        DataType = growth is null ? CellValues.String : CellValues.Number,
                        CellFormula = new CellFormula($"IF(AND(ISNUMBER({prev}),ISNUMBER({cur}),{prev}<>0),ROUND(({cur}-{prev})/{prev}*100,1),\"\")"),
                        CellValue = new CellValue(growth?.ToString(CultureInfo.InvariantCulture) ?? ""),
                    };
                }
            }
            Put(OpinionRow, 1, OpinionLabel, SLabel);
            Put(OpinionRow, 2, form?.CountyOpinion, SText);
            Put(OpinionRow + 2, 1, "填表说明：", SSection);
            for (var i = 0; i < DeclarationDocx.Notes.Count; i++)
                Put(OpinionRow + 3 + i, 1, $"{i + 1}．{DeclarationDocx.Notes[i]}", SNote);

            var sheetData = new SheetData();
            foreach (var group in cells.GroupBy(c => c.Key.Row))
            {
                var row = new Row { RowIndex = (uint)group.Key };
                if (group.Key == OpinionRow) { row.Height = 90; row.CustomHeight = true; }
                foreach (var c in group) row.Append(c.Value);
                sheetData.Append(row);
            }

            var numericRefs = Fields.Where(f => f.Kind is Kind.Decimal).Select(f => Ref(f.Row, f.Col + 1))
                .Append($"{Ref(FirstTargetRow, YearCol)}:{Ref(FirstTargetRow + indicators.Length - 1, YearCol + years.Length - 1)}");
            var intRefs = Fields.Where(f => f.Kind is Kind.Int).Select(f => Ref(f.Row, f.Col + 1));
            var boolField = Fields.Single(f => f.Kind == Kind.Bool);
            var classField = Fields.Single(f => f.Kind == Kind.CountyClass);
            ws.Worksheet = new Worksheet(
                new SheetProperties(new PageSetupProperties { FitToPage = true }),
                new SheetViews(new SheetView { WorkbookViewId = 0, TabSelected = true }),
                new SheetFormatProperties { DefaultRowHeight = 18 },
                new Columns(
                    Column(1, 1, 34), Column(2, 2, 26), Column(3, 3, 30), Column(4, 4, 26),
                    Column(5, 6, 14), Column(7, 9, 16)),
                sheetData,
                new MergeCells(new MergeCell { Reference = "A1:I1" }, new MergeCell { Reference = "A2:I2" }, new MergeCell { Reference = $"B{OpinionRow}:I{OpinionRow}" }),
                new DataValidations(
                    ListValidation(Ref(boolField.Row, boolField.Col + 1), "\"是,否\""),
                    ListValidation(Ref(classField.Row, classField.Col + 1), "\"先行示范县,整体推进县,重点帮扶县\""),
                    NumberValidation(DataValidationValues.Decimal, string.Join(' ', numericRefs), "请填写不小于 0 的数字。"),
                    NumberValidation(DataValidationValues.Whole, string.Join(' ', intRefs), "请填写不小于 0 的整数。"))
                { Count = 4 },
                new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
            wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = SheetName }));
            wb.Workbook.AppendChild(new CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    /// <summary>
    /// Reads a sheet made from <see cref="Template"/> (and filled in Excel). Cells with errors leave their field null
    /// and add an <see cref="ImportError"/>. The county is taken from 区划代码 when present, otherwise resolved from the
    /// county name through <paramref name="regions"/> ("山阴县" or "朔州市 山阴县").
    /// </summary>
    public static (DeclarationForm Form, IReadOnlyList<ImportError> Errors) Import(Stream xlsx, RegionDirectory? regions = null)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        var form = new DeclarationForm();
        var errors = new List<ImportError>();
        XlsxSheet sheet;
        try { sheet = XlsxReader.Read(xlsx, SheetName); }
        catch (InvalidDataException)
        {
            errors.Add(new ImportError("", 0, "", "文件不是有效的 .xlsx 工作簿，请使用平台导出的申报表模板。"));
            return (form, errors);
        }
        void Error(int row, int col, string message) => errors.Add(new ImportError(sheet.Name, row, XlsxReader.ColumnName(col), message));

        var targetsAt = Locate(sheet, TargetsLabel, TargetsHeaderRow, 1, _ => true);
        var opinionAt = Locate(sheet, OpinionLabel, OpinionRow, 1, _ => true);
        var baseEnd = targetsAt?.Row ?? int.MaxValue;

        string? countyName = null;
        (int Row, int Col) countyNameAt = (0, 0), countyCodeAt = (0, 0);
        foreach (var field in Fields)
        {
            var at = Locate(sheet, field.Label, field.Row, field.Col, row => row < baseEnd);
            if (at is null)
            {
                Error(field.Row, field.Col, $"未找到标签「{field.Label}」，请使用平台导出的申报表模板，不要改动标签文字。");
                continue;
            }
            var (row, col) = (at.Value.Row, at.Value.Col + 1);
            var cell = sheet[row, col];
            var text = cell is null || string.IsNullOrWhiteSpace(cell.Text) ? null : cell.Text;
            switch (field.Kind)
            {
                case Kind.CountyName:
                    countyName = text?.Trim();
                    countyNameAt = (row, col);
                    break;
                case Kind.CountyCode:
                    if (text is not null && !Regex.IsMatch(Normalize(text), @"^14\d{4}$"))
                        Error(row, col, $"「{field.Label}」应为山西省县级行政区划的 6 位代码（如 140621），实际为“{text}”。");
                    else field.Set(form, text is null ? null : Normalize(text));
                    countyCodeAt = (row, col);
                    break;
                case Kind.Text:
                    field.Set(form, text);
                    break;
                case Kind.Boundary:
                    var parts = sheet.Cells.Values.Where(c => c.Row == row && c.Column >= col).OrderBy(c => c.Column).Select(c => c.Text);
                    var joined = string.Concat(parts);
                    field.Set(form, string.IsNullOrWhiteSpace(joined) ? null : joined);
                    break;
                case Kind.Bool:
                    var b = text is null ? "否" : Normalize(text);
                    if (b is "是" or "否") field.Set(form, b == "是");
                    else Error(row, col, $"「{field.Label}」应填写“是”或“否”，实际为“{text}”。");
                    break;
                case Kind.CountyClass:
                    if (text is null) break;
                    var match = Enum.GetValues<CountyClass>().Where(c => Region.ClassLabel(c) == Normalize(text)).Select(c => (CountyClass?)c).FirstOrDefault();
                    if (match is null) Error(row, col, $"「{field.Label}」应为“先行示范县”“整体推进县”或“重点帮扶县”，实际为“{text}”。");
                    else field.Set(form, match);
                    break;
                case Kind.Decimal:
                    if (ParseNumber(cell, field.Label, integer: false, out var d, out var msg)) field.Set(form, d);
                    else if (msg is not null) Error(row, col, msg);
                    break;
                case Kind.Int:
                    if (ParseNumber(cell, field.Label, integer: true, out var n, out var msg2)) field.Set(form, n is null ? null : (int?)(int)n.Value);
                    else if (msg2 is not null) Error(row, col, msg2);
                    break;
            }
        }
        ResolveCounty(form, countyName, countyNameAt, countyCodeAt, regions, Error);

        // 培育规划目标
        var years = TargetIndicators.Years;
        var indicators = Enum.GetValues<TargetIndicator>();
        var yearCols = new Dictionary<int, int>();
        if (targetsAt is { } th)
        {
            foreach (var c in sheet.Cells.Values.Where(c => c.Row == th.Row))
            {
                var m = Regex.Match(Normalize(c.Text), @"^(\d{4})年?$");
                if (m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && years.Contains(y))
                    yearCols.TryAdd(y, c.Column);
            }
            foreach (var y in years.Where(y => !yearCols.ContainsKey(y)))
                Error(th.Row, YearCol + Array.IndexOf(years, y), $"未找到「{y}年」列，请使用平台导出的申报表模板。");
        }
        else Error(TargetsHeaderRow, 1, $"未找到标签「{TargetsLabel}」，请使用平台导出的申报表模板。");

        var end = opinionAt?.Row ?? int.MaxValue;
        for (var i = 0; i < indicators.Length; i++)
        {
            var (label, unit) = TargetIndicators.Describe(indicators[i]);
            int? row = null;
            if (targetsAt is { } h)
            {
                var names = new[] { Normalize(label), Normalize($"{label}（{unit}）") };
                row = sheet.Cells.Values
                    .Where(c => c.Column == h.Col && c.Row > h.Row && c.Row < end && names.Contains(Normalize(c.Text)))
                    .OrderBy(c => c.Row).Select(c => (int?)c.Row).FirstOrDefault();
                if (row is null) Error(FirstTargetRow + i, 1, $"未找到指标行「{label}」，请使用平台导出的申报表模板。");
            }
            foreach (var y in years)
            {
                decimal? value = null;
                if (row is { } r && yearCols.TryGetValue(y, out var col))
                {
                    var name = $"{label}（{y}年）";
                    var integer = unit is "个" or "人";
                    if (ParseNumber(sheet[r, col], name, integer, out var v, out var msg)) value = v;
                    else if (msg is not null) Error(r, col, msg);
                }
                form.Targets.Add(new TargetValue { Indicator = indicators[i], Year = y, Value = value });
            }
        }

        if (opinionAt is { } o)
        {
            var t = sheet.Text(o.Row, o.Col + 1);
            form.CountyOpinion = t;
        }
        else Error(OpinionRow, 1, $"未找到标签「{OpinionLabel}」，请使用平台导出的申报表模板。");

        return (form, errors);
    }

    static void ResolveCounty(DeclarationForm form, string? name, (int Row, int Col) nameAt, (int Row, int Col) codeAt,
        RegionDirectory? regions, Action<int, int, string> error)
    {
        var code = NullIfEmpty(form.CountyCode);
        if (regions is null || regions.Count == 0)
        {
            if (code is null && name is not null)
                error(codeAt.Row, codeAt.Col, $"无法识别申报县「{name}」：请同时填写 6 位区划代码。");
            return;
        }
        if (code is not null)
        {
            var region = regions.Find(code);
            if (region is null || region.Level != RegionLevel.County)
            {
                error(codeAt.Row, codeAt.Col, $"未知的区划代码“{code}”：不是山西省的县（市、区）。");
                form.CountyCode = "";
            }
            else if (name is not null && !NameMatches(regions, region, name))
                error(nameAt.Row, nameAt.Col, $"申报县「{name}」与区划代码 {code}（{regions.FullName(code)}）不一致。");
            return;
        }
        if (name is null) return;
        var candidates = regions.AllCounties.Where(r => NameMatches(regions, r, name)).ToList();
        if (candidates.Count == 1) form.CountyCode = candidates[0].Code;
        else if (candidates.Count == 0)
            error(nameAt.Row, nameAt.Col, $"未知的申报县「{name}」：请填写山西省的县（市、区）名称，如“朔州市 山阴县”。");
        else
            error(nameAt.Row, nameAt.Col, $"申报县「{name}」有重名（{string.Join("、", candidates.Select(c => regions.FullName(c.Code)))}），请写明所属市，如“{regions.FullName(candidates[0].Code)}”。");
    }

    static bool NameMatches(RegionDirectory regions, Region county, string name)
    {
        var n = Normalize(name);
        return n == Normalize(county.Name) || n == Normalize(regions.FullName(county.Code));
    }

    /// <summary>Finds a label: first at its template position, then anywhere in the rows <paramref name="rowFilter"/> accepts.</summary>
    static (int Row, int Col)? Locate(XlsxSheet sheet, string label, int row, int col, Func<int, bool> rowFilter)
    {
        var want = Normalize(label);
        if (sheet[row, col] is { } c && Normalize(c.Text) == want) return (row, col);
        var found = sheet.Cells.Values.Where(x => rowFilter(x.Row) && Normalize(x.Text) == want)
            .OrderBy(x => x.Row).ThenBy(x => x.Column).FirstOrDefault();
        return found is null ? null : (found.Row, found.Column);
    }

    /// <summary>Reads a non-negative number. True with null for an empty cell; false with a Chinese message for a bad one.</summary>
    static bool ParseNumber(XlsxCell? cell, string label, bool integer, out decimal? value, out string? message)
    {
        value = null;
        message = null;
        if (cell is null || string.IsNullOrWhiteSpace(cell.Text)) return true;
        var raw = cell.Text.Trim();
        decimal v;
        if (cell.IsNumeric)
        {
            if (!TryDecimal(raw, out v)) { message = $"「{label}」应填写数字，实际为“{raw}”。"; return false; }
        }
        else
        {
            var t = Normalize(raw).Replace(",", "", StringComparison.Ordinal);
            if (!Regex.IsMatch(t, @"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$") || !TryDecimal(t, out v))
            {
                message = $"「{label}」应填写数字，实际为“{raw}”。";
                return false;
            }
        }
        if (v < 0) { message = $"「{label}」不能为负数（{raw}）。"; return false; }
        if (integer && v != decimal.Truncate(v)) { message = $"「{label}」应为整数（{raw}）。"; return false; }
        if (integer ? v > MaxCount : v > MaxAmount)
        {
            message = $"「{label}」数值过大（{raw}），请检查单位（金额以万元计）。";
            return false;
        }
        value = v;
        return true;
    }

    static bool TryDecimal(string s, out decimal v)
    {
        v = 0;
        if (!decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v)) return false;
        // A double written with 16–17 significant digits (e.g. 1530.4999999999998) is brought back to 15.
        var digits = s.TakeWhile(ch => ch is not ('e' or 'E')).Count(char.IsAsciiDigit);
        if (digits > 15 && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) v = (decimal)d;
        return true;
    }

    /// <summary>Full-width to half-width (NFKC), no whitespace, no trailing colon: for comparing labels and values.</summary>
    static string Normalize(string s)
    {
        var n = s.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(n.Length);
        foreach (var ch in n) if (!char.IsWhiteSpace(ch)) sb.Append(ch);
        return sb.ToString().TrimEnd(':');
    }

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>Control characters XML cannot carry are dropped; CRLF becomes LF.</summary>
    static string Clean(string s) =>
        new(s.Replace("\r\n", "\n", StringComparison.Ordinal).Where(c => c >= 0x20 || c is '\t' or '\n').ToArray());

    static string Ref(int row, int col) => XlsxReader.ColumnName(col) + row.ToString(CultureInfo.InvariantCulture);

    static Column Column(uint min, uint max, double width) => new() { Min = min, Max = max, Width = width, CustomWidth = true };

    static DataValidation ListValidation(string sqref, string list) => new(new Formula1(list))
    {
        Type = DataValidationValues.List, AllowBlank = true, ShowErrorMessage = true,
        SequenceOfReferences = new ListValue<StringValue> { InnerText = sqref },
    };

    static DataValidation NumberValidation(DataValidationValues type, string sqref, string error) => new(new Formula1("0"))
    {
        Type = type, Operator = DataValidationOperatorValues.GreaterThanOrEqual, AllowBlank = true,
        ShowErrorMessage = true, ErrorTitle = "数值不正确", Error = error,
        SequenceOfReferences = new ListValue<StringValue> { InnerText = sqref },
    };

    static Stylesheet Styles()
    {
        Font F(bool bold, double size) => bold
            ? new Font(new Bold(), new FontSize { Val = size }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 })
            : new Font(new FontSize { Val = size }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 });
        Fill Solid(string rgb) => new(new PatternFill(new ForegroundColor { Rgb = rgb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });
        Border Thin() => new(
            new LeftBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        CellFormat X(uint font, uint fill, uint border, bool wrap, VerticalAlignmentValues v, HorizontalAlignmentValues? h = null, uint numFmt = 0) =>
            new(new Alignment { WrapText = wrap, Vertical = v, Horizontal = h })
            {
                FontId = font, FillId = fill, BorderId = border, NumberFormatId = numFmt, FormatId = 0,
                ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true, ApplyNumberFormat = numFmt != 0,
            };
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0" }) { Count = 1 },
            new Fonts(F(false, 11), F(true, 16), F(true, 11), F(true, 12), F(false, 10)) { Count = 5 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFD9D9D9"), Solid("FFFFF2CC"), Solid("FFF2F2F2")) { Count = 5 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), Thin()) { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },       // 0 default
                X(1, 0, 0, false, VerticalAlignmentValues.Center, HorizontalAlignmentValues.Center),            // 1 title
                X(2, 2, 1, true, VerticalAlignmentValues.Center),                                                // 2 label
                X(0, 3, 1, true, VerticalAlignmentValues.Top),                                                   // 3 text input
                X(0, 3, 1, false, VerticalAlignmentValues.Center),                                               // 4 number input
                X(3, 0, 0, false, VerticalAlignmentValues.Center),                                               // 5 section
                X(4, 0, 0, false, VerticalAlignmentValues.Center),                                               // 6 note
                X(0, 4, 1, false, VerticalAlignmentValues.Center, HorizontalAlignmentValues.Right, 164),         // 7 growth (computed)
                X(4, 0, 0, true, VerticalAlignmentValues.Center))                                                // 8 hint
            { Count = 9 },
            new CellStyles(new CellStyle { Name = "常规", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
