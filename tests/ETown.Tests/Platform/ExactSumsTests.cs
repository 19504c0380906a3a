using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Platform;

/// <summary>
/// Issue #16: sums of decimal(18,4) values are added up by the database as whole ten-thousandths (<see cref="ExactSums"/>),
/// exactly as the decimals themselves would add up — on SQLite from the text EF writes, on PostgreSQL from numeric.
/// </summary>
public class ExactSumsTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static readonly decimal[] Values = [0.0001m, 12_345_678_901_234.5678m, 3m, 0.5m, 123.45m, -0.5m, -3.25m, 99_999_999_999_999.9999m];

    [Theory, SqliteData, PostgresData]
    public async Task Units_AndTheirSum_AreExact(string provider)
    {
        var app = apps[provider];
        Guid reportId;
        await using (var ctx = app.SystemContext())
        {
            var town = await ctx.Etowns.OrderBy(e => e.Name).FirstAsync();
            var codes = await ctx.StatIndicators.OrderBy(i => i.Code).Select(i => i.Code).Take(Values.Length).ToListAsync();
            var report = new StatReport { EtownId = town.Id, CountyCode = town.CountyCode, Period = "2039-0" + (provider == "Sqlite" ? "1" : "2") };
            ctx.StatReports.Add(report);
            for (var i = 0; i < Values.Length; i++)
                ctx.StatValues.Add(new StatValue { ReportId = report.Id, EtownId = town.Id, CountyCode = town.CountyCode, IndicatorCode = codes[i], Value = Values[i] });
            await ctx.SaveChangesAsync();
            reportId = report.Id;
        }

        await using (var ctx = app.SystemContext())
        {
            var units = await ctx.StatValues.Where(v => v.ReportId == reportId).OrderBy(v => v.IndicatorCode)
                .Select(v => new { v.Value, Units = ExactSums.Units(v.Value) }).ToListAsync();
            Assert.Equal(Values.Length, units.Count);
            Assert.All(units, u => Assert.Equal(u.Value * 10_000m, u.Units));
            var sum = await ctx.StatValues.Where(v => v.ReportId == reportId && v.Value < 99_999_999_999_999m)
                .GroupBy(v => v.ReportId).Select(g => g.Sum(v => ExactSums.Units(v.Value))).SingleAsync();
            Assert.Equal(Values.Where(v => v < 99_999_999_999_999m).Sum(), ExactSums.FromUnits(sum));
            Assert.Equal("12345678901357.7679", ExactSums.FromUnits(sum).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
