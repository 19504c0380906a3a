using System.Globalization;
using Microsoft.Playwright;

namespace ETown.Tests.E2E.Pages;

/// <summary>
/// Page object for /statistics (completeness of one period). Found by what a person sees — labels, headings, Chinese
/// text, roles — so the layout may change without breaking the workflow test.
/// </summary>
public sealed class StatisticsListPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/statistics");
        await LoginPage.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "统计报送" })).ToBeVisibleAsync();
    }

    ILocator PeriodBox => page.GetByLabel("统计期");

    public Task<string> PeriodAsync() => PeriodBox.InputValueAsync();

    public async Task ChoosePeriodAsync(string period)
    {
        await PeriodBox.FillAsync(period);
        await PeriodBox.DispatchEventAsync("change"); // bound on change
    }

    /// <summary>The table rows of the e-towns (header row excluded).</summary>
    public ILocator Rows => page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link) });

    public ILocator Row(string etown) => Rows.Filter(new() { HasText = etown });

    public async Task OpenReportAsync(string etown)
    {
        await Row(etown).GetByRole(AriaRole.Link).ClickAsync();
        await LoginPage.WaitForUrlAsync(page, u => u.Contains("/statistics/", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(page);
    }
}

/// <summary>Page object for /statistics/{etown}/{period}: the entry form and the workflow buttons.</summary>
public sealed class StatisticsReportPage(IPage page)
{
    public async Task OpenAsync(string url, string etown, string period)
    {
        await page.GotoAsync(url);
        await LoginPage.WaitInteractiveAsync(page);
        await ExpectHeadingAsync(etown, period);
    }

    public Task ExpectHeadingAsync(string etown, string period) =>
        Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"{etown} {period} 月度统计");

    /// <summary>The status label of the report (填报中, 已报送, 县级已审核 …) shown beside the heading.</summary>
    public Task ExpectStatusAsync(string label) =>
        Assertions.Expect(page.GetByText(label, new() { Exact = true }).First).ToBeVisibleAsync();

    ILocator IndicatorRow(string indicatorName) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = indicatorName, Exact = true }) });

    /// <summary>The number field of an indicator; values bind when the field changes.</summary>
    public async Task EnterAsync(string indicatorName, decimal value)
    {
        var box = IndicatorRow(indicatorName).GetByRole(AriaRole.Spinbutton);
        await box.FillAsync(value.ToString(CultureInfo.InvariantCulture));
        await box.DispatchEventAsync("change");
    }

    /// <summary>A cell of an indicator's row by its column header (本月, 上月, 上年同月, 同比 …); null when empty or “—”.</summary>
    public async Task<string?> CellAsync(string indicatorName, string column)
    {
        var headers = (await page.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync()).Select(h => h.Trim()).ToList();
        var index = headers.IndexOf(column);
        if (index < 0) throw new InvalidOperationException($"no column {column}: {string.Join(", ", headers)}");
        var cell = IndicatorRow(indicatorName).GetByRole(AriaRole.Cell).Nth(index);
        // While the report can be edited, 本月 is a field: its value is what the page shows.
        var field = cell.GetByRole(AriaRole.Spinbutton);
        var text = (await field.CountAsync() > 0 ? await field.InputValueAsync() : await cell.InnerTextAsync()).Trim();
        return text is "" or "—" ? null : text;
    }

    public static decimal? Number(string? text) =>
        text is null ? null : decimal.Parse(text.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture);

    public ILocator Button(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public async Task ClickAsync(string button, string success)
    {
        await Button(button).ClickAsync();
        await Assertions.Expect(page.GetByText(success).First).ToBeVisibleAsync();
    }

    public ILocator NumberFields => page.GetByRole(AriaRole.Spinbutton);
}
