using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ETown.Web.Platform.Documents;

/// <summary>Small helpers for A4 Chinese .docx documents (OpenXML SDK) that validate with 0 OpenXmlValidator errors.</summary>
internal static class WordKit
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string EastAsiaFont = "宋体";
    public const string LatinFont = "Times New Roman";

    /// <summary>A4 portrait text width with 2 cm left/right margins, in twips.</summary>
    public const int A4TextWidth = 11906 - 2 * 1134;

    /// <summary>Creates the package; <paramref name="fill"/> appends the content to the body; the section is added last.</summary>
    public static byte[] Create(string title, Action<Body> fill)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            doc.PackageProperties.Title = title;
            doc.PackageProperties.Creator = "乡村e镇培育管理平台";
            var main = doc.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new DocDefaults(
                    new RunPropertiesDefault(new RunPropertiesBaseStyle
                    {
                        RunFonts = new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = EastAsiaFont, ComplexScript = LatinFont },
                        FontSize = new FontSize { Val = "21" },
                        FontSizeComplexScript = new FontSizeComplexScript { Val = "21" },
                        Languages = new Languages { Val = "en-US", EastAsia = "zh-CN" },
                    }),
                    new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
                    {
                        SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    })),
                new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
            styles.Styles.Save();
            var body = new Body();
            fill(body);
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1440, Right = 1134, Bottom = 1440, Left = 1134, Header = 851, Footer = 992, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return ms.ToArray();
    }

    public static Run TextRun(string text, bool bold = false, int? halfPoints = null)
    {
        var rp = new RunProperties();
        if (bold) rp.Bold = new Bold();
        if (halfPoints is { } hp)
        {
            rp.FontSize = new FontSize { Val = hp.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            rp.FontSizeComplexScript = new FontSizeComplexScript { Val = hp.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
        var run = new Run();
        if (rp.HasChildren) run.Append(rp);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        return run;
    }

    public static Paragraph Para(string text, JustificationValues? align = null, bool bold = false, int? halfPoints = null,
        int? before = null, int? after = null, int? firstLineChars = null)
    {
        var pp = new ParagraphProperties();
        if (before is not null || after is not null)
        {
            var spacing = new SpacingBetweenLines();
            if (before is { } bf) spacing.Before = bf.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (after is { } af) spacing.After = af.ToString(System.Globalization.CultureInfo.InvariantCulture);
            pp.SpacingBetweenLines = spacing;
        }
        if (firstLineChars is { } flc)
            pp.Indentation = new Indentation { FirstLineChars = flc * 100 };
        if (align is { } a) pp.Justification = new Justification { Val = a };
        var p = new Paragraph();
        if (pp.HasChildren) p.Append(pp);
        if (text.Length > 0) p.Append(TextRun(text, bold, halfPoints));
        return p;
    }

    /// <summary>A fixed-layout table of the given grid widths (twips) with single borders on all edges.</summary>
    public static Table Table(params int[] gridWidths)
    {
        var border = () => new { Val = BorderValues.Single, Size = 4u, Space = 0u, Color = "000000" };
        T B<T>() where T : BorderType, new()
        {
            var b = border();
            return new T { Val = b.Val, Size = b.Size, Space = b.Space, Color = b.Color };
        }
        var table = new Table(
            new TableProperties
            {
                TableWidth = new TableWidth { Width = gridWidths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                TableJustification = new TableJustification { Val = TableRowAlignmentValues.Center },
                TableBorders = new TableBorders(B<TopBorder>(), B<LeftBorder>(), B<BottomBorder>(), B<RightBorder>(), B<InsideHorizontalBorder>(), B<InsideVerticalBorder>()),
                TableLayout = new TableLayout { Type = TableLayoutValues.Fixed },
                TableCellMarginDefault = new TableCellMarginDefault(
                    new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 60, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 60, Type = TableWidthValues.Dxa }),
                TableLook = new TableLook { Val = "04A0" },
            },
            new TableGrid(gridWidths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        return table;
    }

    public static TableRow Row(int? minHeight = null, bool header = false)
    {
        var row = new TableRow();
        var trp = new TableRowProperties();
        if (header) trp.Append(new TableHeader());
        if (minHeight is { } h) trp.Append(new TableRowHeight { Val = (uint)h, HeightType = HeightRuleValues.AtLeast });
        trp.Append(new TableJustification { Val = TableRowAlignmentValues.Center });
        row.Append(trp);
        return row;
    }

    public enum VMerge { None, Restart, Continue }

    /// <summary>Appends a cell spanning <paramref name="span"/> grid columns starting at grid column <paramref name="startCol"/>.</summary>
    public static TableCell Cell(TableRow row, int[] grid, int startCol, int span, string text,
        JustificationValues? align = null, bool bold = false, VMerge vmerge = VMerge.None, params Paragraph[] extra)
    {
        var width = grid.Skip(startCol).Take(span).Sum();
        var tcp = new TableCellProperties
        {
            TableCellWidth = new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
        };
        if (span > 1) tcp.GridSpan = new GridSpan { Val = span };
        if (vmerge != VMerge.None)
            tcp.VerticalMerge = new VerticalMerge { Val = vmerge == VMerge.Restart ? MergedCellValues.Restart : MergedCellValues.Continue };
        tcp.TableCellVerticalAlignment = new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center };
        var cell = new TableCell(tcp);
        cell.Append(Para(vmerge == VMerge.Continue ? "" : text, align ?? JustificationValues.Center, bold));
        foreach (var p in extra) cell.Append(p);
        row.Append(cell);
        return cell;
    }
}
