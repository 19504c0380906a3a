namespace ETown.Tests.Platform;

/// <summary>
/// #15 item 2: every list is the shared ListTable (BootstrapBlazor Table); a hand-written &lt;table&gt; is left only in
/// documents, print layouts, matrices and entry grids listed here with the reason.
/// </summary>
public class ListTableSourceTests
{
    /// <summary>Pages whose &lt;table&gt;s are not lists.</summary>
    static readonly Dictionary<string, string> NotLists = new(StringComparer.Ordinal)
    {
        ["Components/Pages/Disclosure/PublicColumn.razor"] = "public column: published document layout, printed (#15 item 6)",
        ["Components/Pages/Public/PublicEtownListPage.razor"] = "public column (static rendering, no circuit)",
        ["Components/Pages/Public/PublicEtownDetailPage.razor"] = "public column document",
        ["Components/Pages/Disclosure/ReportDetailPage.razor"] = "published report document",
        ["Components/Pages/Standards/ComplianceMatrixPage.razor"] = "matrix: e-towns × standard items",
        ["Components/Pages/Standards/EtownCompliancePage.razor"] = "matrix/entry grid: one e-town's standard items with evidence",
        ["Components/Pages/Statistics/StatisticsReportPage.razor"] = "entry grid of a statistics report",
        ["Components/Pages/Statistics/CityReportPage.razor"] = "report document (city summary)",
        ["Components/Pages/Statistics/StatisticsImportPage.razor"] = "import dry-run result grid (row/column errors)",
        ["Components/Pages/Ledgers/LedgerImportPage.razor"] = "import dry-run result grid (row/column errors)",
        ["Components/Pages/Funds/AllocationImportPage.razor"] = "import dry-run result grid (row/column errors)",
        ["Components/Pages/Declarations/DeclarationFormEditor.razor"] = "form: the declaration's entry grid",
        ["Components/Pages/Declarations/DeclarationListPage.razor"] = "matrix: city × status overview with the DECL-02 quota (the list itself is ListTable)",
        ["Components/Pages/Declarations/ReviewPage.razor"] = "entry grid: expert scores and the ranking sheet",
        ["Components/Pages/Acceptance/EvaluationScorePage.razor"] = "entry grid: indicator scores",
        ["Components/Pages/Acceptance/AcceptanceDetailPage.razor"] = "document: acceptance report and checks (printed)",
        ["Components/Pages/Acceptance/EvaluationSheetsPage.razor"] = "form: indicators and weights of a sheet",
        ["Components/Pages/Plans/PlanPage.razor"] = "document/form: the plan's sections and budget grid",
        ["Components/Pages/Statistics/StatisticsAnalysisPage.razor"] = "matrix: indicator × period analysis",
        ["Components/Shared/Charts/ChartPanel.razor"] = "the table view of a chart (matrix of series × categories)",
        ["Components/Pages/Admin/SettingsPage.razor"] = "form: setting name/value pairs",
        ["Components/Pages/Archives/ArchivesOverviewPage.razor"] = "form: the archive checklist (the overview itself is ListTable)",
        ["Components/Pages/Statistics/StatisticsListPage.razor"] = "form: deadlines of the data sets (the report list itself is ListTable)",
    };

    static IEnumerable<(string Path, int Count)> RazorTables() =>
        RepositoryFiles.Under("src/ETown.Web/Components", ".razor")
            .Select(f => (Path: RepositoryFiles.Relative(f)["src/ETown.Web/".Length..], Count: CountTables(File.ReadAllText(f))))
            .Where(x => x.Count > 0);

    static int CountTables(string text)
    {
        var n = 0;
        for (var i = text.IndexOf("<table", StringComparison.Ordinal); i >= 0; i = text.IndexOf("<table", i + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    [Fact]
    public void NoHandWrittenTable_OutsideDocumentsMatricesAndEntryGrids()
    {
        var offending = RazorTables().Where(x => !NotLists.ContainsKey(x.Path))
            .Select(x => $"{x.Path} ({x.Count})").ToList();
        Assert.True(offending.Count == 0, "hand-written <table> in a list page; use ListTable: " + string.Join(", ", offending));
    }

    [Fact]
    public void TheAllowLists_NameOnlyFilesThatStillHaveATable()
    {
        var withTables = RazorTables().Select(x => x.Path).ToHashSet(StringComparer.Ordinal);
        var stale = NotLists.Keys.Where(p => !withTables.Contains(p)).ToList();
        Assert.True(stale.Count == 0, "take these off the allow-list: " + string.Join(", ", stale));
    }

    [Fact]
    public void TheHomeMadePager_IsGone() =>
        Assert.DoesNotContain(RepositoryFiles.Under("src/ETown.Web/Components", ".razor"), f => f.EndsWith("/Pager.razor", StringComparison.Ordinal));
}
