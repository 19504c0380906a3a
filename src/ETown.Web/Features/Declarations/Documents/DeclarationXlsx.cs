using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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
/// The 申报表 as a single-sheet .xlsx a county fills in Excel, and its importer (issue 3 item 6). The workbook is the
/// template file <see cref="TemplateFile"/> (src/ETown.Web/Templates/xlsx/, restyled copies in
/// <c>Spreadsheets:TemplateDirectory</c>; issue #15 item 3) filled through <see cref="SpreadsheetTemplates"/>.
/// Layout: labels in columns A and C with their values in B and D (header rows and 目前基础条件), then the
/// 培育规划目标 block — one row per indicator, label in A, unit in B, 2022–2025 values in C–F and 同比增长率
/// formulas in G–I (computed by Excel/WPS on opening) — then 县(市、区)政府意见 and the 填表说明. The importer finds each
/// field by its label (at the template position, or anywhere on the sheet if rows were moved), so a sheet saved by
/// Excel (shared strings) reads back the same; a restyled template must keep those labels (<see cref="RequiredTexts"/>).
/// Round trip: <c>Import(Template(form))</c> gives a form equal to <c>form</c> in every field, targets as all 48
/// indicator × year entries in enum/year order (null where empty); "\r\n" in text becomes "\n".
/// </summary>
public static class DeclarationXlsx
{
    public const string ContentType = Spreadsheets.ContentType;

    /// <summary>The template file (src/ETown.Web/Templates/xlsx/, overridable in Spreadsheets:TemplateDirectory).</summary>
    public const string TemplateFile = "declaration-form.xlsx";
    public const string SheetName = "申报表";
    public const string Title = "山西省乡村e镇申报表";

    /// <summary>Excel's limit per cell; longer boundary text is split over the following cells of its row.</summary>
    const int MaxCellChars = 32_000;
    /// <summary>Boundary cells in the template ({{Boundary1}}…{{Boundary8}}, B–I): 256 000 characters, above the form's 200 000.</summary>
    const int BoundaryPieces = 8;
    const decimal MaxAmount = 1_000_000_000m;
    const int MaxCount = 100_000_000;

    enum Kind { Text, Decimal, Int, Bool, CountyClass, CountyName, CountyCode, Boundary }

    sealed record Field(string Key, string Label, int Row, int Col, Kind Kind, Func<DeclarationForm, object?> Get, Action<DeclarationForm, object?> Set);

    static readonly Field[] Fields =
    [
        new("CountyName", "申报县（市、区）", 3, 1, Kind.CountyName, _ => null, (_, _) => { }),
        new("CountyCode", "区划代码", 3, 3, Kind.CountyCode, f => NullIfEmpty(f.CountyCode), (f, v) => f.CountyCode = (string?)v ?? ""),
        new("IsNationalDemoCounty", "是否为电子商务进农村综合示范县", 4, 1, Kind.Bool, f => f.IsNationalDemoCounty ? "是" : "否", (f, v) => f.IsNationalDemoCounty = v is true),
        new("CountyClass", "三类县分类", 4, 3, Kind.CountyClass, f => f.CountyClass is null ? null : Region.ClassLabel(f.CountyClass), (f, v) => f.CountyClass = (CountyClass?)v),
        new("ProjectName", "乡村e镇项目名称", 5, 1, Kind.Text, f => NullIfEmpty(f.ProjectName), (f, v) => f.ProjectName = (string?)v ?? ""),
        new("Address", "地址", 5, 3, Kind.Text, f => f.Address, (f, v) => f.Address = (string?)v),
        new("PersonInCharge", "负责人", 6, 1, Kind.Text, f => f.PersonInCharge, (f, v) => f.PersonInCharge = (string?)v),
        new("PersonInChargePhone", "负责人联系电话", 6, 3, Kind.Text, f => f.PersonInChargePhone, (f, v) => f.PersonInChargePhone = (string?)v),
        new("Contact", "联系人", 7, 1, Kind.Text, f => f.Contact, (f, v) => f.Contact = (string?)v),
        new("ContactPhone", "联系人联系电话", 7, 3, Kind.Text, f => f.ContactPhone, (f, v) => f.ContactPhone = (string?)v),
        new("Email", "电子邮箱", 8, 1, Kind.Text, f => f.Email, (f, v) => f.Email = (string?)v),
        // 目前基础条件 (section header in row 9)
        new("PlannedAreaKm2", "规划面积（平方公里）", 10, 1, Kind.Decimal, f => f.PlannedAreaKm2, (f, v) => f.PlannedAreaKm2 = (decimal?)v),
        new("FloorAreaM2", "建筑面积（平方米）", 10, 3, Kind.Decimal, f => f.FloorAreaM2, (f, v) => f.FloorAreaM2 = (decimal?)v),
        new("MarketEntities", "市场主体（个）", 11, 1, Kind.Int, f => f.MarketEntities, (f, v) => f.MarketEntities = (int?)v),
        new("EcommerceEnterprises", "电商企业（个）", 11, 3, Kind.Int, f => f.EcommerceEnterprises, (f, v) => f.EcommerceEnterprises = (int?)v),
        new("OnlineRetailWan", "网络零售额（万元）", 12, 1, Kind.Decimal, f => f.OnlineRetailWan, (f, v) => f.OnlineRetailWan = (decimal?)v),
        new("EnterprisesOver100Wan", "网络零售额超过100万元企业数（个）", 12, 3, Kind.Int, f => f.EnterprisesOver100Wan, (f, v) => f.EnterprisesOver100Wan = (int?)v),
        new("OutputWan", "产值（万元）", 13, 1, Kind.Decimal, f => f.OutputWan, (f, v) => f.OutputWan = (decimal?)v),
        new("Infrastructure", "基础设施情况", 13, 3, Kind.Text, f => f.Infrastructure, (f, v) => f.Infrastructure = (string?)v),
        new("LeadingIndustries", "主导产业（具体名称）", 14, 1, Kind.Text, f => f.LeadingIndustries, (f, v) => f.LeadingIndustries = (string?)v),
        new("FeaturedProducts", "特色产品（具体名称）", 14, 3, Kind.Text, f => f.FeaturedProducts, (f, v) => f.FeaturedProducts = (string?)v),
        new("Brands", "拥有品牌（具体名称）", 15, 1, Kind.Text, f => f.Brands, (f, v) => f.Brands = (string?)v),
        new("BoundaryText", "四至范围", 15, 3, Kind.Text, f => f.BoundaryText, (f, v) => f.BoundaryText = (string?)v),
        new("Boundary", "边界坐标（GeoJSON，或“经度,纬度;经度,纬度;…”）", 16, 1, Kind.Boundary, f => f.BoundaryGeoJson, (f, v) => f.BoundaryGeoJson = (string?)v),
    ];

    const int TargetsHeaderRow = 18;
    const int FirstTargetRow = 19;
    const string TargetsLabel = "培育规划目标";
    const string OpinionLabel = "县(市、区)政府意见";
    static readonly int OpinionRow = FirstTargetRow + Enum.GetValues<TargetIndicator>().Length + 1; // 32
    const int YearCol = 3; // C..F

    /// <summary>Suggested download name.</summary>
    public static string FileName(DeclarationForm? form, RegionDirectory? regions = null) =>
        form is null ? $"{Title}（模板）.xlsx"
        : DeclarationDocx.Safe($"{Title}-{regions?.NameOf(form.CountyCode) ?? form.CountyCode}-{form.ProjectName}") + ".xlsx";

    /// <summary>
    /// The template, blank (<paramref name="form"/> null) or filled with <paramref name="form"/>. With
    /// <paramref name="regions"/> the county's name is written beside its code. Built-in template file only.
    /// </summary>
    public static byte[] Template(DeclarationForm? form = null, RegionDirectory? regions = null) => Template(SpreadsheetTemplates.BuiltIn, form, regions);

    /// <summary>Fills <see cref="TemplateFile"/> from <paramref name="templates"/> (a restyled copy when configured).</summary>
    public static byte[] Template(SpreadsheetTemplates templates, DeclarationForm? form, RegionDirectory? regions = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var value = field.Kind == Kind.CountyName
                ? (form is not null && regions is not null && regions.Find(form.CountyCode) is not null ? regions.FullName(form.CountyCode) : null)
                : form is null ? null : field.Get(form);
            if (field.Kind == Kind.Boundary)
            {
                var s = value is string b ? Clean(b) : "";
                if (s.Length > BoundaryPieces * MaxCellChars)
                    throw new InvalidOperationException($"边界坐标超过 {BoundaryPieces * MaxCellChars} 个字符，无法写入申报表模板。");
                for (var i = 0; i < BoundaryPieces; i++)
                    values[field.Key + (i + 1).ToString(CultureInfo.InvariantCulture)] =
                        i * MaxCellChars < s.Length ? s.Substring(i * MaxCellChars, Math.Min(MaxCellChars, s.Length - i * MaxCellChars)) : null;
            }
            else values[field.Key] = value is string text ? Clean(text) : value;
        }
        foreach (var indicator in Enum.GetValues<TargetIndicator>())
            foreach (var year in TargetIndicators.Years)
                values[TargetKey(indicator, year)] = form?.Target(indicator, year);
        values["CountyOpinion"] = form?.CountyOpinion is { } opinion ? Clean(opinion) : null;
        values["notes"] = DeclarationDocx.Notes.Select((n, i) => new Dictionary<string, object?> { ["Text"] = $"{i + 1}．{n}" }).ToList();
        return templates.Fill(TemplateFile, values, RequiredTexts);
    }

    /// <summary>"T_OnlineRetail_2025": the placeholder of one target cell.</summary>
    static string TargetKey(TargetIndicator indicator, int year) => $"T_{indicator}_{year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The labels the importer finds cells by: a restyled template must keep them (else the built-in one is used).</summary>
    public static IReadOnlyList<string> RequiredTexts { get; } =
    [
        .. Fields.Select(f => f.Label), TargetsLabel, OpinionLabel,
        .. TargetIndicators.Years.Select(y => y.ToString(CultureInfo.InvariantCulture) + "年"),
        .. Enum.GetValues<TargetIndicator>().Select(i => TargetIndicators.Describe(i).Label),
    ];

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
}
