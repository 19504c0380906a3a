using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// #15 item 2 done-when, the lists on one e-town's pages (funds, supervision, operator reports, acceptance, disclosure):
/// the URL holds the e-town's id, looked up by its full name through the API the user signed in to; then the same walk
/// (rows, sort, header filter, export) as the lists without an id.
/// </summary>
public sealed partial class ListTableE2ETests
{
    /// <summary>A list on an e-town's page: "{etown}" in the URL is replaced by the id of the e-town named.</summary>
    public sealed record EtownListPage(string Etown, ListPage List)
    {
        public override string ToString() => $"{List.Url} {List.TestId}";
    }

    const string Lucheng = "长治市潞城区乡村e镇";

    public static TheoryData<EtownListPage> EtownLists() =>
    [
        new(Lucheng, new("/funds/etowns/{etown}", "lucheng", "contracts", "金额（万元）", "工期")),
        new(Lucheng, new("/funds/etowns/{etown}", "lucheng", "payments", "金额（万元）", "状态", NotExported: ["办理"])),
        new(Lucheng, new("/supervision/etowns/{etown}", "lucheng", "dues", "截止", "期次")),
        new(Lucheng, new("/supervision/etowns/{etown}/operator", "lucheng", "reports", "月份", "状态", NotExported: ["操作"])),
        new(Lucheng, new("/disclosure/etowns/{etown}", "lucheng", "candidates", "事项", "类别", NotExported: ["操作"])),
    ];

    [Theory, MemberData(nameof(EtownLists))]
    public async Task EveryEtownPageList_Sorts_Filters_AndExportsWhatItShows(EtownListPage list)
    {
        var id = await EtownIdAsync(list.List.User, list.List.TotpKey, list.Etown);
        await EveryList_Sorts_Filters_AndExportsWhatItShows(list.List with { Url = list.List.Url.Replace("{etown}", id, StringComparison.Ordinal) });
    }

    /// <summary>The e-town's id from the list the user sees (GET /api/v1/etowns with the user's cookie).</summary>
    async Task<string> EtownIdAsync(string user, string? totpKey, string name)
    {
        var page = await app.NewPageAsync();
        try
        {
            await new LoginPage(page).SignInAsync(user, Password, totpKey);
            var response = await page.APIRequest.GetAsync("/api/v1/etowns?pageSize=200");
            Assert.True(response.Ok, $"GET /api/v1/etowns: {response.Status}");
            var json = await response.JsonAsync();
            foreach (var item in json!.Value.GetProperty("items").EnumerateArray())
                if (item.GetProperty("name").GetString() == name) return item.GetProperty("id").GetString()!;
            throw new InvalidOperationException($"{name} is not in {user}'s list of e-towns");
        }
        finally { await page.Context.CloseAsync(); }
    }
}
