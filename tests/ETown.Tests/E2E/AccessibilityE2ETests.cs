using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ETown.Tests.E2E;

/// <summary>
/// #15 item 7 "every form field labelled … contrast meets WCAG AA": axe-core (Deque.AxeCore.Playwright, a test
/// dependency; the engine ships in the package, nothing is fetched) audits the pages people fill in and read most, each
/// signed in as the person who uses it, against WCAG 2.0/2.1 A and AA. The rules listed in <see cref="Enforced"/> must
/// have no violation; other findings are written to the test output.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityE2ETests(BrowserAppFixture app, ITestOutputHelper output)
{
    const string Password = "Etown@2026";
    const string Lucheng = "长治市潞城区乡村e镇";

    static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21aa"];

    /// <summary>The rules that fail the test (aria-* stands for every axe rule on ARIA validity).</summary>
    static readonly HashSet<string> Enforced =
    [
        "label", "button-name", "link-name", "image-alt", "color-contrast", "select-name", "input-button-name",
        "duplicate-id-aria", "html-has-lang", "html-lang-valid", "document-title", "frame-title",
    ];

    static bool IsEnforced(string rule) => Enforced.Contains(rule) || rule.StartsWith("aria-", StringComparison.Ordinal);

    /// <summary>
    /// Findings on third-party markup the app cannot change, each scoped to one rule and one selector (never a whole rule).
    /// A node is excused when it or an ancestor matches the selector.
    /// </summary>
    static readonly (string Rule, string Selector, string Why)[] Excused =
    [
    ];

    public static TheoryData<string, string?> Pages => new()
    {
        { "login", null },
        { "home", "operator" },
        { "etowns", "lucheng" },
        { "funds-list", "lucheng" },
        { "statistics-entry", "operator" },
        { "inspection", "lucheng" }, // with a draft and its photo upload, and the operator's answer: PhoneTasksE2ETests
        { "payment-request", "operator" },
        { "declaration", "lucheng" },
        { "public-column", null },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoViolations_OfTheEnforcedWcagRules(string which, string? user)
    {
        var page = await app.NewPageAsync();
        if (user is not null) await new LoginPage(page).SignInAsync(user, Password);
        await OpenAsync(page, which);
        await AssertAccessibleAsync(page, which, output);
    }

    /// <summary>Opens one of the audited pages and waits until it shows what it is for.</summary>
    internal static async Task OpenAsync(IPage page, string which)
    {
        switch (which)
        {
            case "login":
                await page.GotoAsync("/account/login");
                await Assertions.Expect(page.Locator("[data-testid=login-submit]")).ToBeVisibleAsync();
                break;
            case "home":
                await page.GotoAsync("/");
                await LoginPage.WaitInteractiveAsync(page);
                await Assertions.Expect(page.Locator("[data-testid=todo-list]")).ToBeVisibleAsync();
                break;
            case "etowns":
                await page.GotoAsync("/etowns");
                await LoginPage.WaitInteractiveAsync(page);
                await Assertions.Expect(page.GetByText(Lucheng).First).ToBeVisibleAsync();
                break;
            case "funds-list":
                await page.GotoAsync("/funds");
                await LoginPage.WaitInteractiveAsync(page);
                await Assertions.Expect(page.Locator("[data-testid=funds-rollup] a", new() { HasText = Lucheng })).ToBeVisibleAsync();
                break;
            case "statistics-entry":
                var list = new StatisticsListPage(page);
                await list.OpenAsync();
                await list.OpenReportAsync(Lucheng);
                await Assertions.Expect(new StatisticsReportPage(page).NumberFields.First).ToBeVisibleAsync();
                break;
            case "inspection":
                await OpenSupervisionAsync(page);
                await Assertions.Expect(page.Locator("[data-testid=team]")).ToBeVisibleAsync();
                break;
            case "payment-request":
                await OpenFundsAsync(page);
                await Assertions.Expect(page.Locator("[data-testid=request-form]")).ToBeVisibleAsync();
                break;
            case "declaration":
                await page.GotoAsync("/declarations/new");
                await LoginPage.WaitInteractiveAsync(page);
                await Assertions.Expect(page.Locator("#main-content").Locator("input:visible, select:visible, textarea:visible").First).ToBeVisibleAsync();
                break;
            case "public-column":
                await page.GotoAsync("/public/etowns");
                await page.Locator("[data-testid=public-etowns] a", new() { HasText = Lucheng }).ClickAsync();
                await LoginPage.WaitForUrlAsync(page, u => u.Contains("/public/etowns/", StringComparison.Ordinal));
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(which), which, null);
        }
    }

    /// <summary>潞城's supervision page (/supervision/etowns/{id}), reached from the board as a county user or the operator.</summary>
    internal static async Task OpenSupervisionAsync(IPage page)
    {
        await page.GotoAsync("/supervision");
        await LoginPage.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=board] a", new() { HasText = Lucheng }).ClickAsync();
        await LoginPage.WaitForUrlAsync(page, u => u.Contains("/supervision/etowns/", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(page);
    }

    /// <summary>潞城's funds page (/funds/etowns/{id}) with the payment request form, reached from the funds roll-up.</summary>
    internal static async Task OpenFundsAsync(IPage page)
    {
        await page.GotoAsync("/funds");
        await LoginPage.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=funds-rollup] a", new() { HasText = Lucheng }).ClickAsync();
        await LoginPage.WaitForUrlAsync(page, u => u.Contains("/funds/etowns/", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=etown-name]")).ToHaveTextAsync(Lucheng);
    }

    /// <summary>Runs axe on the page and fails on any enforced rule's violation that is not excused.</summary>
    internal static async Task AssertAccessibleAsync(IPage page, string which, ITestOutputHelper output)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } });
        var failures = new StringBuilder();
        foreach (var violation in result.Violations)
        {
            foreach (var node in violation.Nodes)
            {
                var selector = node.Target.ToString();
                var excused = false;
                foreach (var (rule, scope, _) in Excused)
                    if (rule == violation.Id && await page.EvaluateAsync<bool>("([t, s]) => !!document.querySelector(t)?.closest(s)", new[] { selector, scope }))
                        excused = true;
                var why = string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message));
                var line = $"{which}: [{violation.Id}] {selector} {node.Html} — {why}";
                if (excused) continue;
                if (IsEnforced(violation.Id)) failures.AppendLine(line);
                else output.WriteLine("(not enforced) " + line);
            }
        }
        Assert.True(failures.Length == 0, $"accessibility violations on {which} ({page.Url}):\n{failures}");
    }
}
