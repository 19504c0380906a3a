using System.Text.RegularExpressions;
using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// Issue #17 finding 13 on the pages: two people edit the same e-town; the second save, made over the first
/// one's newer version, is refused with "已被他人修改" instead of silently overwriting it.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed partial class ConcurrentEditE2ETests(BrowserAppFixture app)
{
    [Fact]
    public async Task SecondSave_OverANewerVersion_IsRefusedWith409_AndTheFirstEditStays()
    {
        var first = await app.NewPageAsync();
        await new LoginPage(first).SignInAsync("lucheng", "Etown@2026");
        await first.GotoAsync("/etowns");
        await LoginPage.WaitInteractiveAsync(first);
        await first.Locator("[data-testid=etown-table] a", new() { HasText = "长治市潞城区乡村e镇" }).First.ClickAsync(); // not the second 潞城 e-town the declaration E2E lists
        await LoginPage.WaitForUrlAsync(first, u => EtownUrl().IsMatch(u));
        var editUrl = first.Url + "/edit";

        var second = await app.NewPageAsync();
        await new LoginPage(second).SignInAsync("lucheng", "Etown@2026");
        foreach (var p in new[] { first, second })
        {
            await p.GotoAsync(editUrl);
            await LoginPage.WaitInteractiveAsync(p);
            await Assertions.Expect(p.Locator("#name")).ToHaveValueAsync("长治市潞城区乡村e镇"); // loaded
        }

        await first.FillAsync("#address", "潞城区黄牛蹄乡（甲的修改）");
        await first.ClickAsync("[data-testid=save]");
        await LoginPage.WaitForUrlAsync(first, u => EtownUrl().IsMatch(u));

        await second.FillAsync("#address", "潞城区黄牛蹄乡（乙的修改）");
        await second.ClickAsync("[data-testid=save]");
        await Assertions.Expect(second.Locator("[data-testid=error]")).ToContainTextAsync("已被他人修改");

        await second.GotoAsync(editUrl);
        await LoginPage.WaitInteractiveAsync(second);
        await Assertions.Expect(second.Locator("#address")).ToHaveValueAsync("潞城区黄牛蹄乡（甲的修改）");
    }

    [GeneratedRegex(@"/etowns/[0-9a-f-]{36}$")]
    private static partial Regex EtownUrl();
}
