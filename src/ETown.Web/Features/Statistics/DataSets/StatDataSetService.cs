using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Statistics;

/// <summary>A data set with its deadline settings and how many e-towns in the caller's scope owe it.</summary>
public sealed record StatDataSetRow(string Code, string Name, StatPeriodType PeriodType, int DueWorkingDays, int RemindDaysBefore, int AssignedEtowns);

public sealed record StatDataSetInput(string Code, int DueWorkingDays, int RemindDaysBefore);
public sealed record StatDataSetsInput(IReadOnlyList<StatDataSetInput> DataSets);

/// <summary>One reporting e-town and the data sets it owes (DHIS2 "data set assignment").</summary>
public sealed record StatAssignmentRow(Guid EtownId, string EtownName, string CountyCode, string CountyName, string StatusLabel, IReadOnlyList<string> DataSetCodes);
public sealed record StatAssignmentInput(IReadOnlyList<string>? DataSetCodes);

/// <summary>
/// Reads the data sets (STAT-02); the province edits due working days and reminder lead and which e-town owes which data
/// set. Changes are audited by SaveChanges.
/// </summary>
public sealed class StatDataSetService(EtownDb db, Caller caller, RegionDirectory regions)
{
    /// <summary>Data sets and their assignments are the province's (pages show the editor by this).</summary>
    public bool CanManage => caller.Has(Permissions.Statistics.DataSetManage) && caller.Scope.IsProvince;

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
        if (!caller.Scope.IsProvince) throw new ForbiddenException("统计数据集由省级业务管理员维护。");
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

    /// <summary>Reporting e-towns in the caller's scope (query filters) with the data sets each owes.</summary>
    public async Task<IReadOnlyList<StatAssignmentRow>> AssignmentsAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        await using var ctx = db.Create(caller);
        return await AssignmentRowsAsync(ctx, null, ct);
    }

    /// <summary>
    /// PUT: the data sets one e-town owes from now on (province only). Expected reports, completeness and reminders follow
    /// the assignment; reports already entered stay. An e-town that reports owes at least one data set — to stop its
    /// reporting, its status changes (<see cref="StatDataSets.Reports"/>), and start-up would otherwise re-assign both.
    /// </summary>
    public async Task<StatAssignmentRow> SetAssignmentsAsync(Guid etownId, StatAssignmentInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.DataSetManage);
        if (!caller.Scope.IsProvince) throw new ForbiddenException("统计数据集的分配由省级业务管理员维护。");
        ArgumentNullException.ThrowIfNull(input);
        await using var ctx = db.Create(caller);
        var etown = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        if (etown.Status is EtownStatus.Declared or EtownStatus.Withdrawn)
            throw new DomainException(StatisticsErrors.EtownNotReporting, $"“{etown.Name}”处于“{Etown.StatusLabel(etown.Status)}”状态，不报送统计数据，不能分配数据集。", 409);
        var known = await ctx.StatDataSets.Select(d => d.Code).ToListAsync(ct);
        var wanted = (input.DataSetCodes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToList();
        var errors = new FieldErrors();
        foreach (var c in wanted.Where(c => !known.Contains(c)).Distinct()) errors.Add("dataSetCodes", $"未知的数据集：{c}。");
        if (wanted.Count != wanted.Distinct().Count()) errors.Add("dataSetCodes", "同一数据集只能出现一次。");
        if (wanted.Count == 0) errors.Add("dataSetCodes", "报送统计的e镇至少应分配一个数据集；不再报送的，请变更e镇状态。");
        errors.ThrowIfAny();

        var have = await ctx.StatDataSetAssignments.Where(a => a.EtownId == etownId).ToListAsync(ct);
        ctx.StatDataSetAssignments.RemoveRange(have.Where(a => !wanted.Contains(a.DataSetCode)));
        ctx.StatDataSetAssignments.AddRange(wanted.Except(have.Select(a => a.DataSetCode))
            .Select(c => new StatDataSetAssignment { EtownId = etownId, CountyCode = etown.CountyCode, DataSetCode = c }));
        await ctx.SaveChangesAsync(ct);
        return (await AssignmentRowsAsync(ctx, etownId, ct)).Single();
    }

    async Task<IReadOnlyList<StatAssignmentRow>> AssignmentRowsAsync(EtownDbContext ctx, Guid? only, CancellationToken ct)
    {
        var towns = await ctx.Etowns.AsNoTracking()
            .Where(e => e.Status != EtownStatus.Declared && e.Status != EtownStatus.Withdrawn && (only == null || e.Id == only))
            .OrderBy(e => e.CountyCode).ThenBy(e => e.Name).Select(e => new { e.Id, e.Name, e.CountyCode, e.Status }).ToListAsync(ct);
        var ids = towns.Select(t => t.Id).ToList();
        var order = await ctx.StatDataSets.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.SortOrder, ct);
        var assigned = (await ctx.StatDataSetAssignments.AsNoTracking().Where(a => ids.Contains(a.EtownId))
                .Select(a => new { a.EtownId, a.DataSetCode }).ToListAsync(ct))
            .ToLookup(a => a.EtownId, a => a.DataSetCode);
        return towns.Select(t => new StatAssignmentRow(t.Id, t.Name, t.CountyCode, regions.NameOf(t.CountyCode), Etown.StatusLabel(t.Status),
            assigned[t.Id].OrderBy(c => order.GetValueOrDefault(c)).ToList())).ToList();
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
