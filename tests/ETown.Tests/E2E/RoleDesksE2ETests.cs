using System.Globalization;
using System.Text.Json;
using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// #15 done-when: the county, the city and the province each find on their 工作台 what the demo data implies, with
/// deadlines (the operator's desk and completing an item into 已办: <see cref="WorkDeskE2ETests"/>). The county's desk is
/// read on a 390 px phone screen: nothing wider than the screen. In the collection whose tests keep the demo data (the
/// workflow collection accepts 2025-11 as the province, which empties the province's desk).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleDesksE2ETests(BrowserAppFixture app)
{
    [Theory]
    // 岢岚 has a draft declaration to finish (DECL-07); 朔州 owes the recommendation of 右玉's submitted one.
    [InlineData("kelan", "完善申报并提交", "岢岚县宋家沟乡村e镇（草稿）", 390)]
    [InlineData("shuozhou", "推荐或退回县级申报", "右玉县杀虎口乡村e镇", 1280)]
    // 岢岚 2025-11 and 右玉 2025-10 were accepted by their city and wait for the province (STAT-05).
    [InlineData("province", "省级接收2025年11月统计报表", "岢岚县乡村e镇", 1280)]
    public async Task EachLevel_FindsItsOwedItems_WithDeadlines(string user, string? what, string? etown, int width)
    {
        var page = await app.NewPageAsync(width, 844);
        await new LoginPage(page).SignInAsync(user, "Etown@2026");
        await page.GotoAsync("/");
        await LoginPage.WaitInteractiveAsync(page);

        // What the platform says this person owes (the API of the same desk) …
        var api = await page.Context.APIRequest.GetAsync(app.BaseUrl + "/api/v1/workdesk");
        Assert.True(api.Ok, await api.TextAsync());
        var items = JsonDocument.Parse(await api.TextAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items); // every level owes something in the demo

        // … is what the desk lists, each with its deadline (Chinese date) or a dash where the documents set none.
        var rows = page.Locator("[data-testid=todo-list] tr.list-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        Assert.Equal(items.Count, await rows.CountAsync());
        Assert.Equal(items.Count.ToString(CultureInfo.InvariantCulture), await page.Locator("[data-testid=todo-count]").InnerTextAsync());
        foreach (var item in items.Take(8))
        {
            var row = rows.Filter(new() { Has = page.Locator($"a[href='{item.GetProperty("link").GetString()}']") })
                .Filter(new() { HasText = item.GetProperty("what").GetString()! }).First;
            await Assertions.Expect(row).ToBeVisibleAsync();
            var due = item.GetProperty("dueOn");
            await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(due.ValueKind == JsonValueKind.Null
                ? "—" : DateOnly.Parse(due.GetString()!, CultureInfo.InvariantCulture).ToString("yyyy年M月d日", CultureInfo.InvariantCulture));
        }
        if (what is not null)
            await Assertions.Expect(rows.Filter(new() { HasText = what }).Filter(new() { HasText = etown! }).First).ToBeVisibleAsync();

        // #15 item 7: on a phone the page scrolls vertically only (the table scrolls inside its own box).
        if (width <= 390)
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
                "the work desk is wider than a 390 px screen");
    }
}
