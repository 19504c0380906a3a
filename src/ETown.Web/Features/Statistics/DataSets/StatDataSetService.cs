using ETown.Web.Features.Etowns;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Statistics;

/// <summary>A data set with its deadline settings and how many e-towns in the caller's scope owe it.</summary>
public sealed record StatDataSetRow(string Code, string Name, StatPeriodType PeriodType, int DueWorkingDays, int RemindDaysBefore, int AssignedEtowns);

public sealed record StatDataSetInput(string Code, int DueWorkingDays, int RemindDaysBefore);
public sealed record StatDataSetsInput(IReadOnlyList<StatDataSetInput> DataSets);

/// <summary>Reads the data sets (STAT-02); the province edits due working days and reminder lead. Changes are audited by SaveChanges.</summary>
public sealed class StatDataSetService(EtownDb db, Caller caller)
{
    public const int MaxDueWorkingDays = 30;
    public const int MaxRemindDaysBefore = 20;

    public async Task<IReadOnlyList<StatDataSetRow>> ListAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        await using var ctx = db.Create(caller);
        return await RowsAsync(ctx, ct);
    }

    /// <summary>PUT: sets the due working days and reminder days of the named data sets; the others are left as they are.</summary>
    public async Task<IReadOnlyList<StatDataSetRow>> UpdateAsync(StatDataSetsInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.DataSetManage);
        if (!caller.Scope.All) throw new ForbiddenException("统计数据集由省级业务管理员维护。");
        ArgumentNullException.ThrowIfNull(input);
        await using var ctx = db.Create(caller);
        var sets = await ctx.StatDataSets.ToDictionaryAsync(d => d.Code, ct);
        var items = (input.DataSets ?? []).Where(i => i is not null).ToList();
        var errors = new FieldErrors();
        if (items.Count == 0) errors.Add("dataSets", "请至少提交一个数据集的设置。");
        if (items.GroupBy(i => i.Code).Any(g => g.Count() > 1)) errors.Add("dataSets", "同一数据集只能出现一次。");
        foreach (var (item, n) in items.Select((x, n) => (x, n)))
        {
            if (item.Code is null || !sets.ContainsKey(item.Code)) errors.Add($"dataSets[{n}].code", $"未知的数据集：{item.Code}。");
            if (item.DueWorkingDays is < 1 or > MaxDueWorkingDays)
                errors.Add($"dataSets[{n}].dueWorkingDays", $"截止日期应为统计期结束后第 1～{MaxDueWorkingDays} 个工作日。");
            if (item.RemindDaysBefore is < 0 or > MaxRemindDaysBefore)
                errors.Add($"dataSets[{n}].remindDaysBefore", $"提前提醒天数应为 0～{MaxRemindDaysBefore} 个工作日（0 表示不提前提醒）。");
        }
        errors.ThrowIfAny();
        foreach (var item in items)
        {
            var set = sets[item.Code];
            set.DueWorkingDays = item.DueWorkingDays;
            set.RemindDaysBefore = item.RemindDaysBefore;
        }
        await ctx.SaveChangesAsync(ct);
        return await RowsAsync(ctx, ct);
    }

    static async Task<IReadOnlyList<StatDataSetRow>> RowsAsync(EtownDbContext ctx, CancellationToken ct)
    {
        var counts = await ctx.StatDataSetAssignments.AsNoTracking()
            .Where(a => ctx.Etowns.Any(e => e.Id == a.EtownId && e.Status != EtownStatus.Declared && e.Status != EtownStatus.Withdrawn))
            .GroupBy(a => a.DataSetCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return (await ctx.StatDataSets.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct))
            .Select(d => new StatDataSetRow(d.Code, d.Name, d.PeriodType, d.DueWorkingDays, d.RemindDaysBefore, counts.GetValueOrDefault(d.Code)))
            .ToList();
    }
}
