using System.Net;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Statistics;

/// <summary>The calls the statistics tests share: report URLs, value bodies, e-town ids by name, and an OK-or-fail read.</summary>
internal static class StatisticsApi
{
    /// <summary>One report of an e-town (“YYYY-MM” or “YYYY”), optionally one of its actions (submit, approve, …).</summary>
    public static string Url(Guid etown, string period, string? action = null) =>
        $"/api/v1/statistics/etowns/{etown}/{period}" + (action is null ? "" : "/" + action);

    public static object Values(params (string Indicator, decimal? Value, string? Comment)[] v) =>
        new { values = v.Select(x => new { indicator = x.Indicator, value = x.Value, comment = x.Comment }).ToArray() };

    public static object Values(params (string Indicator, decimal Value)[] v) =>
        new { values = v.Select(x => new { indicator = x.Indicator, value = x.Value, comment = (string?)null }).ToArray() };

    /// <summary>E-town ids by name (demo and test-made e-towns).</summary>
    public static async Task<Dictionary<string, Guid>> TownsAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.ToDictionaryAsync(e => e.Name, e => e.Id);
    }

    /// <summary>The JSON body of a call that must answer <paramref name="expected"/>; otherwise fails with status and body.</summary>
    public static async Task<JsonElement> OkJson(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var r = await call;
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return await r.JsonAsync();
    }
}
