using System.Globalization;
using ETown.Web.Platform.Documents;

namespace ETown.Web.Features.Statistics.Import;

/// <summary>One indicator column of the template (only the indicators reported in the template's period).</summary>
public sealed record TemplateIndicator(string Code, string Name, string Unit, StatPeriodType PeriodType, StatAggregation Aggregation, bool Cumulative, string SourceRule);

/// <summary>One e-town row of the template, pre-filled with what is stored.</summary>
public sealed record TemplateTown(Guid Id, string Name, string CountyName, string StatusLabel, bool Locked,
    IReadOnlyDictionary<string, (decimal Value, string? Comment)> Values);

/// <summary>Where the importer found things on the sheet.</summary>
public sealed record TemplateLayout(int CodeRow, string? PeriodText, int PeriodRow, int PeriodColumn,
    IReadOnlyList<(int Column, string Code)> Columns);

/// <summary>
/// The monthly statistics workbook (issue #4 item 9) as officials exchange it: sheet 「月报」 with a header block
/// (统计期, 填报单位, 说明), a header row of Chinese indicator names with units, a second header row of stable
/// indicator codes (the importer reads columns by these codes, so columns may be reordered or deleted), then one row
/// per e-town: hidden e-town id, name, county, review status, and per indicator a value column and a 备注 column
/// (comments belong to a value: warnings are explained per value, STAT-01). Sheet 「指标说明」 lists the catalogue and
/// the validation rules. Round trip: <c>Import(Build(x))</c> changes nothing (every value “unchanged”).
/// </summary>
public static class StatTemplate
{
    public const string SheetName = "月报";
    public const string CatalogueSheetName = "指标说明";
    public const string Title = "山西省乡村e镇月度统计报表";

    // Codes of the non-indicator columns in the code row; an indicator's comment column is "<code>.comment".
    public const string IdCode = "etown_id";
    public const string NameCode = "etown_name";
    public const string CountyCode = "county";
    public const string StatusCode = "status";
    public const string CommentSuffix = ".comment";
    public static readonly string[] MetaCodes = [IdCode, NameCode, CountyCode, StatusCode];

    public const int TitleRow = 1, PeriodRow = 2, UnitRow = 3, NoteRow = 4, HeaderRow = 6, CodeRow = 7, FirstDataRow = 8;
    const int MetaColumns = 4;

    public const string Note =
        "每个e镇一行，每个指标一列“数值”和一列“备注”（网络零售额等同比变化超过提示范围时请在备注中说明原因）。" +
        "请勿修改第 7 行的指标代码和隐藏的 A 列（e镇编号）；可以删除不填的指标列。空白单元格视为不导入（不会清除已有数据）。" +
        "已经县级审核的报表已锁定，不能通过导入修改。导入先做“试导入”校验，全部通过后才会保存为草稿，报送仍在填报页面进行。";

    public static string FileName(StatPeriod p, string unit) => $"{p} 乡村e镇月报模板-{Safe(unit)}.xlsx";

    static string Safe(string s) => string.Concat(s.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '/' or '\\' ? '_' : c));

    public static string CommentCode(string indicator) => indicator + CommentSuffix;

    // ------------------------------------------------------------------ writing

    /// <summary>The template file (src/ETown.Web/Templates/xlsx/, restyled copies in Spreadsheets:TemplateDirectory).</summary>
    public const string TemplateFile = "stat-monthly.xlsx";

    /// <summary>
    /// Indicator columns the template file holds: MiniExcel fills rows, not columns, so the file names a fixed number of
    /// column placeholders (<c>{{h.c1}}</c> … in the header row, <c>{{k.c1}}</c> … in the code row, <c>{{t.c1}}</c> … per e-town).
    /// </summary>
    public const int MaxIndicators = 40;

    public static byte[] Build(StatPeriod period, string unitName, IReadOnlyList<TemplateIndicator> indicators,
        IReadOnlyList<TemplateTown> towns, IReadOnlyList<StatRuleRow> rules) =>
        Build(SpreadsheetTemplates.BuiltIn, period, unitName, indicators, towns, rules);

    /// <summary>Fills <see cref="TemplateFile"/>: the header block, one header and one code row, a row per e-town, the catalogue sheet.</summary>
    public static byte[] Build(SpreadsheetTemplates templates, StatPeriod period, string unitName, IReadOnlyList<TemplateIndicator> indicators,
        IReadOnlyList<TemplateTown> towns, IReadOnlyList<StatRuleRow> rules)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(towns);
        ArgumentNullException.ThrowIfNull(rules);
        if (indicators.Count > MaxIndicators)
            throw new InvalidOperationException($"月报模板最多容纳 {MaxIndicators} 个指标，本期有 {indicators.Count} 个：请在模板文件中增加指标列。");
        var when = period.Month is >= 1 and <= 12 ? $"{period.Year}年{period.Month}月" : $"{period.Year}年年报";
        static string C(int column) => "c" + column.ToString(CultureInfo.InvariantCulture);

        var header = new Dictionary<string, object?> { [C(1)] = "e镇编号（勿改）", [C(2)] = "e镇名称", [C(3)] = "县（市、区）", [C(4)] = "审核状态" };
        var codes = new Dictionary<string, object?> { [C(1)] = IdCode, [C(2)] = NameCode, [C(3)] = CountyCode, [C(4)] = StatusCode };
        for (var i = 0; i < indicators.Count; i++)
        {
            var ind = indicators[i];
            var c = MetaColumns + 1 + i * 2;
            header[C(c)] = $"{ind.Name}（{ind.Unit}）";
            header[C(c + 1)] = $"{ind.Name} 备注";
            codes[C(c)] = ind.Code;
            codes[C(c + 1)] = CommentCode(ind.Code);
        }
        var rows = towns.Select(t =>
        {
            var row = new Dictionary<string, object?>
            {
                [C(1)] = t.Id.ToString(), [C(2)] = t.Name, [C(3)] = t.CountyName, [C(4)] = t.Locked ? t.StatusLabel + "（已锁定）" : t.StatusLabel,
            };
            // Every row names every column: MiniExcel takes a repeated row's columns from the first item.
            for (var i = 0; i < indicators.Count; i++)
            {
                var c = MetaColumns + 1 + i * 2;
                var has = t.Values.TryGetValue(indicators[i].Code, out var v);
                row[C(c)] = has ? Normalise(v.Value) : null;
                row[C(c + 1)] = has ? v.Comment : null;
            }
            return row;
        }).ToList();

        var names = indicators.ToDictionary(i => i.Code, i => i.Name);
        return templates.Fill(TemplateFile, new Dictionary<string, object?>
        {
            ["Title"] = $"{Title}（{when}）",
            ["Period"] = period.ToString(),
            ["Unit"] = unitName,
            ["Note"] = Note,
            ["h"] = new[] { header },
            ["k"] = new[] { codes },
            ["t"] = rows,
            ["ind"] = indicators.Select(i => new Dictionary<string, object?>
            {
                ["Code"] = i.Code, ["Name"] = i.Name, ["Unit"] = i.Unit,
                ["Period"] = i.PeriodType == StatPeriodType.Monthly ? "月报" : "年报（12月填报）",
                ["Aggregation"] = i.Aggregation == StatAggregation.Sum ? "求和" : "取期末值",
                ["Cumulative"] = i.Cumulative ? "是（不得小于上月）" : "否",
                ["Source"] = i.SourceRule,
            }).ToList(),
            ["rule"] = rules.Select(r => new Dictionary<string, object?>
            {
                ["Code"] = r.Code, ["Rule"] = Describe(r, names),
                ["Kind"] = r.Importance == RuleImportance.Blocking ? "阻断（导入不通过）" : "提示（须在备注中说明）",
                ["Message"] = r.Message,
            }).ToList(),
        });
    }

    /// <summary>"新增从事电商的市场主体 ≤ 新增市场主体", "网络零售额 ≤ 1.5 × 上年同月".</summary>
    public static string Describe(StatRuleRow r, IReadOnlyDictionary<string, string> names)
    {
        string Name(string code) => code switch
        {
            StatRule.PreviousMonth => "上月" + names.GetValueOrDefault(r.Left, r.Left),
            StatRule.SameMonthLastYear => "上年同月" + names.GetValueOrDefault(r.Left, r.Left),
            _ => names.GetValueOrDefault(code, code),
        };
        var op = r.Operator switch { "<=" => "≤", ">=" => "≥", "==" => "=", var o => o };
        var factor = r.Factor == 1m ? "" : Normalise(r.Factor).ToString(CultureInfo.InvariantCulture) + " × ";
        return $"{Name(r.Left)} {op} {factor}{Name(r.Right)}";
    }

    /// <summary>1.5000 → 1.5 (PostgreSQL returns the column's scale).</summary>
    public static decimal Normalise(decimal d) => d / 1.0000000000000000000000000000m;

    // ------------------------------------------------------------------ reading the layout

    /// <summary>
    /// Finds the code row (the row whose cells include <see cref="IdCode"/> or <see cref="NameCode"/>, within the first 30 rows)
    /// and the 统计期 cell above it. Returns null when the sheet is not a template.
    /// </summary>
    public static TemplateLayout? ReadLayout(XlsxSheet sheet)
    {
        var top = sheet.Cells.Values.Where(c => c.Row <= 30).ToList();
        var codeRow = top.Where(c => c.Text.Trim() is IdCode or NameCode).Select(c => c.Row).DefaultIfEmpty(0).Min();
        if (codeRow == 0) return null;
        var columns = sheet.Cells.Values.Where(c => c.Row == codeRow && !string.IsNullOrWhiteSpace(c.Text))
            .OrderBy(c => c.Column).Select(c => (c.Column, c.Text.Trim())).ToList();
        var label = top.FirstOrDefault(c => c.Row < codeRow && c.Text.Trim() == "统计期");
        var value = label is null ? null : sheet[label.Row, label.Column + 1];
        return new TemplateLayout(codeRow, value?.Text.Trim(), label?.Row ?? PeriodRow, (label?.Column ?? 1) + 1, columns);
    }
}
