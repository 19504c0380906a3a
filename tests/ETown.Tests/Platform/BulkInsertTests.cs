using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform;
using ETown.Web.Platform.Audit;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ETown.Tests.Platform;

/// <summary>
/// Issue #16 target 3: <see cref="BulkInsert"/> (SQLite: one prepared INSERT per row; PostgreSQL: binary COPY) stores exactly
/// what EF's own insert stores — value converters (enums as names, SQLite's DateTimeOffset as ticks), nullable columns left
/// empty, exact decimals, text with quotes and Chinese.
/// </summary>
public class BulkInsertTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static readonly DateTimeOffset Time = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 123, TimeSpan.Zero).AddTicks(4000); // whole 0.1 ms: what SQLite's DateTimeOffset converter keeps

    [Theory, SqliteData, PostgresData]
    public async Task BulkInsert_StoresTheSameRowsAsEf(string provider)
    {
        var app = apps[provider];
        await using var ctx = app.SystemContext();
        await using var tx = await ctx.Database.BeginTransactionAsync(); // rolled back at the end: the demo data stays as it was
        var town = await ctx.Etowns.OrderBy(e => e.Name).FirstAsync();
        var report = new StatReport { EtownId = town.Id, CountyCode = town.CountyCode, Period = "2038-07" };
        ctx.StatReports.Add(report);
        await ctx.SaveChangesAsync();

        StatValueChange Full() => new()
        {
            ReportId = report.Id, EtownId = town.Id, CountyCode = town.CountyCode, IndicatorCode = "IND-测试", Round = 3,
            OldValue = 12_345_678_901_234.5678m, NewValue = 0.0001m, OldComment = "含\"引号\"和'单引号'，以及中文", NewComment = "",
            ChangedAt = Time, ChangedBy = "县级联络员",
        };
        StatValueChange Sparse() => new()
        {
            ReportId = report.Id, EtownId = town.Id, CountyCode = town.CountyCode, IndicatorCode = "X", Round = 0, ChangedAt = Time.AddDays(-400),
        };
        Indicator Annual(string code) => new()
        {
            Code = code, Name = "年度指标（测试）", Unit = "万元", PeriodType = StatPeriodType.Annual, Aggregation = StatAggregation.Last,
            Cumulative = true, SourceRule = "来源", SortOrder = -7,
        };

        // EF's path: a few rows, below the bulk threshold.
        StatValueChange[] byEf = [Full(), Sparse()];
        ctx.StatValueChanges.AddRange(byEf);
        ctx.StatIndicators.Add(Annual("BULK-EF"));
        await ctx.SaveChangesAsync();

        // The bulk path, on the same transaction.
        StatValueChange[] byBulk = [Full(), Sparse()];
        await InsertAsync(ctx, byBulk);
        await InsertAsync(ctx, [Annual("BULK-BK")]);

        var stored = await ctx.StatValueChanges.AsNoTracking().Where(c => c.ReportId == report.Id).ToDictionaryAsync(c => c.Id);
        Assert.Equal(4, stored.Count);
        var changeType = ctx.Model.FindEntityType(typeof(StatValueChange))!;
        for (var i = 0; i < byEf.Length; i++)
            AssertSameRow(changeType, stored[byEf[i].Id], stored[byBulk[i].Id]);
        Assert.Null(stored[byBulk[1].Id].OldValue);
        Assert.Null(stored[byBulk[1].Id].ChangedBy);
        Assert.Equal(12_345_678_901_234.5678m, stored[byBulk[0].Id].OldValue);
        Assert.Equal(Time, stored[byBulk[0].Id].ChangedAt);

        var indicators = await ctx.StatIndicators.AsNoTracking().Where(i => i.Code.StartsWith("BULK-")).ToDictionaryAsync(i => i.Code);
        AssertSameRow(ctx.Model.FindEntityType(typeof(Indicator))!, indicators["BULK-EF"], indicators["BULK-BK"]);
        Assert.Equal(StatPeriodType.Annual, indicators["BULK-BK"].PeriodType);
        // The enum converter ran: the column holds the name, as EF stores it.
        var kinds = await ctx.Database.SqlQueryRaw<string>(
            "SELECT \"PeriodType\" || '/' || \"Aggregation\" AS \"Value\" FROM \"StatIndicators\" WHERE \"Code\" IN ('BULK-EF', 'BULK-BK')").ToListAsync();
        Assert.Equal(["Annual/Last", "Annual/Last"], kinds);

        await tx.RollbackAsync();
    }

    /// <summary>
    /// The audit snapshot is written straight to JSON (issue #16 target 3); its text is still exactly what serialising the
    /// sorted name → value dictionary gave, for a created row (After) and an update (Before/After: the key and what changed).
    /// </summary>
    [Theory, SqliteData, PostgresData]
    public async Task AuditSnapshot_IsTheSortedDictionaryJson(string provider)
    {
        var app = apps[provider];
        await using var ctx = app.SystemContext();
        await using var tx = await ctx.Database.BeginTransactionAsync();
        var town = await ctx.Etowns.OrderBy(e => e.Name).FirstAsync();
        var report = new StatReport { EtownId = town.Id, CountyCode = town.CountyCode, Period = "2038-08" };
        ctx.StatReports.Add(report);
        var change = new StatValueChange
        {
            ReportId = report.Id, EtownId = town.Id, CountyCode = town.CountyCode, IndicatorCode = "IND-测试", Round = 2,
            OldValue = 1.5m, NewValue = null, OldComment = "“引号”<b>&'\"", ChangedAt = Time, ChangedBy = null,
        };
        ctx.StatValueChanges.Add(change);
        await ctx.SaveChangesAsync();
        var type = ctx.Model.FindEntityType(typeof(StatValueChange))!;
        var expected = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in type.GetProperties()) expected[p.Name] = p.PropertyInfo!.GetValue(change);
        var options = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var id = change.Id.ToString();
        var created = await ctx.AuditRecords.AsNoTracking().SingleAsync(a => a.EntityType == nameof(StatValueChange) && a.EntityId == id);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected, options), created.After);
        Assert.Null(created.Before);

        change.NewComment = "改";
        await ctx.SaveChangesAsync();
        var updated = await ctx.AuditRecords.AsNoTracking().Where(a => a.EntityType == nameof(StatValueChange) && a.EntityId == id && a.Action == "Update").SingleAsync();
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["Id"] = change.Id, ["NewComment"] = null }, options), updated.Before);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["Id"] = change.Id, ["NewComment"] = "改" }, options), updated.After);
        await tx.RollbackAsync();
    }

    /// <summary>
    /// A row added untracked (<see cref="EtownDbContext.AddUntracked"/>, an import's values) is stored, audited and checked as a
    /// tracked added row is: the same columns, the same creation record, the same text-length refusal (nothing written), and
    /// a save with nothing else to write still inserts it. Rows of a failed save stay pending, as EF leaves added rows.
    /// </summary>
    [Theory, SqliteData, PostgresData]
    public async Task AnUntrackedRow_IsStoredAuditedAndChecked_AsATrackedOne(string provider)
    {
        var app = apps[provider];
        await using var ctx = app.SystemContext();
        await using var tx = await ctx.Database.BeginTransactionAsync();
        var town = await ctx.Etowns.OrderBy(e => e.Name).FirstAsync();
        var report = new StatReport { EtownId = town.Id, CountyCode = town.CountyCode, Period = "2038-09" };
        ctx.StatReports.Add(report);
        await ctx.SaveChangesAsync();
        StatValueChange Row() => new()
        {
            ReportId = report.Id, EtownId = town.Id, CountyCode = town.CountyCode, IndicatorCode = "IND-测试", Round = 1,
            OldValue = 2.25m, NewValue = 3m, OldComment = "旧“备注”", NewComment = null, ChangedAt = Time, ChangedBy = "县级联络员",
        };
        var tracked = Row();
        ctx.StatValueChanges.Add(tracked);
        await ctx.SaveChangesAsync();

        // Alone in its save: no tracked change at all.
        var untracked = Row();
        ctx.AddUntracked(untracked);
        Assert.Equal(EntityState.Detached, ctx.Entry(untracked).State);
        await ctx.SaveChangesAsync();
        Assert.Empty(ctx.UntrackedAdds);
        var stored = await ctx.StatValueChanges.AsNoTracking().Where(c => c.ReportId == report.Id).ToDictionaryAsync(c => c.Id);
        AssertSameRow(ctx.Model.FindEntityType(typeof(StatValueChange))!, stored[tracked.Id], stored[untracked.Id]);
        async Task<AuditRecord> Created(Guid id)
        {
            var key = id.ToString();
            return await ctx.AuditRecords.AsNoTracking().SingleAsync(a => a.EntityType == nameof(StatValueChange) && a.EntityId == key && a.Action == "Create");
        }
        var a = await Created(tracked.Id);
        var b = await Created(untracked.Id);
        Assert.Equal(a.After!.Replace(tracked.Id.ToString(), "ID", StringComparison.OrdinalIgnoreCase), b.After!.Replace(untracked.Id.ToString(), "ID", StringComparison.OrdinalIgnoreCase));
        Assert.Null(b.Before);

        // The backstop of every save: an over-long text is refused and nothing is written; the row stays pending.
        var tooLong = Row();
        tooLong.ChangedBy = new string('长', 1000);
        ctx.AddUntracked(tooLong);
        await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.SaveChangesAsync());
        Assert.Contains(tooLong, ctx.UntrackedAdds);
        Assert.False(await ctx.StatValueChanges.AsNoTracking().AnyAsync(c => c.Id == tooLong.Id));
        Assert.True(ctx.RemoveUntracked(tooLong));

        // A type that needs the tracker (stamps, versions) cannot be added untracked.
        Assert.Throws<InvalidOperationException>(() => ctx.AddUntracked(new StatReport { EtownId = town.Id, CountyCode = town.CountyCode, Period = "2038-10" }));
        await tx.RollbackAsync();
    }

    static async Task InsertAsync<T>(EtownDbContext ctx, IReadOnlyList<T> entities) where T : class
    {
        var type = ctx.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var rows = entities.Select(e => columns.Select(p => p.PropertyInfo!.GetValue(e)).ToArray()).ToList();
        Assert.Equal(entities.Count, await BulkInsert.InsertAsync(ctx, type, columns, rows, CancellationToken.None));
    }

    static void AssertSameRow(IEntityType type, object byEf, object byBulk)
    {
        foreach (var p in type.GetProperties().Where(p => !p.IsPrimaryKey() && p.PropertyInfo is not null))
            Assert.True(Equals(p.PropertyInfo!.GetValue(byEf), p.PropertyInfo.GetValue(byBulk)),
                $"{type.ClrType.Name}.{p.Name}: EF stored {p.PropertyInfo.GetValue(byEf)}, the bulk insert {p.PropertyInfo.GetValue(byBulk)}");
    }
}
