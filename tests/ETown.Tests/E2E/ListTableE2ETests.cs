using System.Text.RegularExpressions;
using ETown.Tests.E2E.Pages;
using ETown.Web.Platform.Data.Seeding;
using ETown.Web.Platform.Documents;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// #15 item 2 done-when: a test walks every list page and checks sort, filter and export. Each list is the shared
/// ListTable: rows show, a sortable header reorders, a header filter narrows, 导出 Excel downloads an .xlsx whose
/// header row is the visible columns and whose rows are the rows of the filter.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ListTableE2ETests(BrowserAppFixture app)
{
    const string Password = "Etown@2026";

    /// <summary>One converted list: where, who, its table, a sortable column with distinct values, a filterable column.</summary>
    public sealed record ListPage(string Url, string User, string TestId, string SortColumn, string FilterColumn, string? TotpKey = null,
        string[]? NotExported = null)
    {
        public override string ToString() => Url;
    }

    public static TheoryData<ListPage> Lists() =>
    [
        new("/etowns", "province", "etown-table", "e镇名称", "市"),
        new("/declarations", "province", "declaration-table", "项目名称", "县（市、区）"),
        new("/funds", "province", "funds-rollup", "e镇", "县（市、区）"),
        new("/acceptance", "province", "acceptance-list", "验收事项", "e镇"),
        new("/disclosure", "province", "column-etowns", "e镇", "所在地"),
        new("/admin/organisations", "sysadmin", "org-table", "名称", "类型", DemoData.SysAdminKey, ["操作"]),
        new("/admin/users", "province", "user-table", "用户名", "单位", NotExported: ["操作"]),
        new("/reference/calendar", "province", "calendar-table", "日期", "类型", NotExported: ["操作"]),
        new("/reference/regions", "province", "region-table", "代码", "上级"),
        new("/audit/log", "auditadmin", "audit-table", "序号", "动作", DemoData.AuditAdminKey),
        new("/statistics", "province", "reports", "e镇", "县（市、区）", NotExported: ["操作"]),
        new("/ledgers", "province", "towns", "e镇", "县（市、区）", NotExported: ["操作"]),
        new("/supervision", "province", "board", "e镇", "县（市、区）"),
        new("/acceptance/evaluations/2024", "province", "ranking", "e镇", "县（市、区）"),
        new("/archives", "province", "archive-overview", "e镇", "所在县"),
        new("/audit/logins", "auditadmin", "login-table", "时间（北京时间）", "用户名", DemoData.AuditAdminKey),
        new("/ledgers/purposes", "province", "purposes", "代码", "省级专项资金"),
        new("/ledgers/assets", "province", "assets", "资产名称", "存放地点"),
        new("/standards", "province", "standard-items", "序号", "项目", NotExported: ["操作"]),
        new("/statistics/catalogue", "province", "indicators", "代码", "周期", NotExported: ["操作"]),
        new("/statistics/catalogue", "province", "rules", "代码", "重要程度", NotExported: ["操作"]),
        new("/statistics/data-sets", "province", "assignments", "e镇", "县（市、区）"),
        new("/", "province", "home-etowns", "名称", "所在地"),
        new("/", "operator", "todo-list", "截止日期", "模块"),
        new("/ledgers", "province", "expenses", "日期", "资金性质", NotExported: ["发票"]),
    ];

    [Theory, MemberData(nameof(Lists))]
    public async Task EveryList_Sorts_Filters_AndExportsWhatItShows(ListPage list)
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync(list.User, Password, list.TotpKey);
        await page.GotoAsync(list.Url);
        await LoginPage.WaitInteractiveAsync(page);

        var table = page.Locator($"[data-testid={list.TestId}]");
        var rows = table.Locator("tr.list-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var headers = await HeadersAsync(table);
        var sortIndex = headers.IndexOf(list.SortColumn);
        var filterIndex = headers.IndexOf(list.FilterColumn);
        Assert.True(sortIndex >= 0 && filterIndex >= 0, $"{list.Url}: columns {string.Join("|", headers)}");

        // Sorting: ascending then descending on the server; with all rows on the page, one is the other reversed.
        var total = await TotalAsync(page, list.TestId);
        var header = table.Locator(".table-fixed-header thead tr").First.Locator("th").Nth(sortIndex);
        await header.ClickAsync();
        var asc = await WaitForOrderAsync(rows, sortIndex, null);
        await header.ClickAsync();
        var desc = await WaitForOrderAsync(rows, sortIndex, asc);
        Assert.True(asc.Distinct().Count() > 1, $"{list.Url}: the demo data should give two different values in {list.SortColumn}");
        Assert.NotEqual(asc, desc);
        if (total <= asc.Count) Assert.Equal(asc, desc.AsEnumerable().Reverse().ToList());

        // Filtering in the header: a value of one row keeps only the rows with it.
        var before = await ColumnAsync(rows, filterIndex);
        var value = before.Where(v => v.Length > 0).GroupBy(v => v).OrderBy(g => g.Count()).First().Key;
        Assert.True(before.Any(v => !v.Contains(value, StringComparison.Ordinal)), $"{list.Url}: {list.FilterColumn} has one value only");
        var filterCell = table.Locator(".table-fixed-header thead tr").Nth(1).Locator("th").Nth(filterIndex);
        var input = filterCell.Locator("input:visible").First;
        await input.FillAsync(value);
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator($"[data-testid={list.TestId}-total]")).Not.ToHaveTextAsync($"共 {total} 条", new() { Timeout = 15_000 });
        var after = await ColumnAsync(rows, filterIndex);
        Assert.NotEmpty(after);
        Assert.All(after, v => Assert.Contains(value, v, StringComparison.Ordinal));
        var filteredTotal = await TotalAsync(page, list.TestId);
        Assert.True(filteredTotal < total);

        // 导出 Excel: the visible columns, and every row of the filter (not only this page).
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($"[data-testid={list.TestId}-export]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), "etown-list-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(path);
        try
        {
            XlsxSheet sheet;
            await using (var file = File.OpenRead(path)) sheet = XlsxReader.Read(file);
            var expected = headers.Where(h => !(list.NotExported ?? []).Contains(h)).ToList();
            var exported = Enumerable.Range(1, expected.Count + 1).Select(c => sheet.Text(1, c)).ToList();
            Assert.Equal(expected.Cast<string?>().Append(null), exported);
            Assert.Equal(filteredTotal, sheet.MaxRow - 1);
            var filterColumn = expected.IndexOf(list.FilterColumn) + 1;
            Assert.All(Enumerable.Range(2, filteredTotal), r => Assert.Contains(value, sheet.Text(r, filterColumn) ?? "", StringComparison.Ordinal));
        }
        finally { File.Delete(path); }
    }

    static async Task<List<string>> HeadersAsync(ILocator table)
    {
        var cells = table.Locator(".table-fixed-header thead tr").First.Locator("th");
        var texts = new List<string>();
        for (var i = 0; i < await cells.CountAsync(); i++) texts.Add((await cells.Nth(i).InnerTextAsync()).Trim());
        while (texts.Count > 0 && texts[^1].Length == 0) texts.RemoveAt(texts.Count - 1); // the scrollbar cell of the sticky header
        return texts;
    }

    static async Task<List<string>> ColumnAsync(ILocator rows, int index) =>
        (await rows.Locator($"td:nth-child({index + 1})").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();

    /// <summary>The column once the table has re-rendered after a header click (it differs from the previous order).</summary>
    static async Task<List<string>> WaitForOrderAsync(ILocator rows, int index, List<string>? previous)
    {
        var start = DateTime.UtcNow;
        await Task.Delay(300);
        while (true)
        {
            var now = await ColumnAsync(rows, index);
            if (previous is null ? DateTime.UtcNow - start > TimeSpan.FromSeconds(1) : !now.SequenceEqual(previous)) return now;
            if (DateTime.UtcNow - start > TimeSpan.FromSeconds(15)) return now;
            await Task.Delay(200);
        }
    }

    static async Task<int> TotalAsync(IPage page, string testId)
    {
        var text = await page.Locator($"[data-testid={testId}-total]").InnerTextAsync();
        return int.Parse(Digits().Match(text).Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
