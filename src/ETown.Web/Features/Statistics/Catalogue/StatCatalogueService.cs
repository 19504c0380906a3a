using System.Globalization;
using System.Text.RegularExpressions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Statistics;

/// <summary>An indicator as the catalogue page shows it: <see cref="InUse"/> = values exist, so its meaning is fixed.</summary>
public sealed record CatalogueIndicator(string Code, string Name, string Unit, StatPeriodType PeriodType, StatAggregation Aggregation,
    bool Cumulative, string SourceRule, int SortOrder, bool InUse);

public sealed record IndicatorInput(string? Code, string? Name, string? Unit, StatPeriodType PeriodType, StatAggregation Aggregation,
    bool Cumulative, string? SourceRule, int SortOrder);

public sealed record StatRuleInput(string? Code, string? Left, string? Operator, string? Right, decimal Factor, RuleImportance Importance,
    string? Message, int SortOrder, bool Enabled = true);

/// <summary>
/// The province maintains the indicator catalogue and the validation rules as data (issue #4 items 1 and 4; STAT-01
/// “真实可信”): new indicators appear in entry, templates, rules and derived figures without a code change. Nothing is
/// deleted — values and findings must stay explainable: an indicator in use keeps its period type, aggregation and
/// cumulative flag, and a rule is switched off rather than removed. Every change is audited by SaveChanges.
/// </summary>
public sealed partial class StatCatalogueService(EtownDb db, Caller caller)
{
    [GeneratedRegex("^[a-z][a-z0-9_]{1,39}$")]
    private static partial Regex IndicatorCodePattern();
    [GeneratedRegex("^[A-Z][A-Z0-9_-]{1,39}$")]
    private static partial Regex RuleCodePattern();

    public async Task<IReadOnlyList<CatalogueIndicator>> IndicatorsAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        await using var ctx = db.Create(caller);
        var used = await UsedCodesAsync(ctx, ct);
        return (await ctx.StatIndicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct))
            .Select(i => Row(i, used.Contains(i.Code))).ToList();
    }

    /// <summary>Adds an indicator; a cumulative one gets its “never decreases” rule (CUM-code) as the seeded ones do.</summary>
    public async Task<CatalogueIndicator> CreateIndicatorAsync(IndicatorInput input, CancellationToken ct = default)
    {
        RequireManager();
        ArgumentNullException.ThrowIfNull(input);
        await using var ctx = db.Create(caller);
        var code = input.Code?.Trim() ?? "";
        var errors = new FieldErrors();
        if (!IndicatorCodePattern().IsMatch(code))
            errors.Add("code", "指标代码应为 2～40 位小写字母、数字或下划线，以字母开头（例如 live_streams）；创建后不能修改，接口与校验规则用它引用指标。");
        else if (await ctx.StatIndicators.AnyAsync(i => i.Code == code, ct))
            errors.Add("code", $"指标代码“{code}”已存在。");
        var indicator = new Indicator { Code = code, Name = "", Unit = "", SourceRule = "" };
        Apply(indicator, input, inUse: false, errors);
        errors.ThrowIfAny();
        ctx.StatIndicators.Add(indicator);
        if (indicator.Cumulative) ctx.StatRules.Add(StatRuleEngine.CumulativeRule(indicator));
        await ctx.SaveChangesAsync(ct);
        return Row(indicator, false);
    }

    /// <summary>Edits name, unit, source and order; period type, aggregation and cumulative only while no value exists.</summary>
    public async Task<CatalogueIndicator> UpdateIndicatorAsync(string code, IndicatorInput input, CancellationToken ct = default)
    {
        RequireManager();
        ArgumentNullException.ThrowIfNull(input);
        await using var ctx = db.Create(caller);
        var indicator = await ctx.StatIndicators.FirstOrDefaultAsync(i => i.Code == code, ct) ?? throw new NotFoundException($"统计指标 {code}");
        var inUse = await ctx.StatValues.IgnoreQueryFilters().AnyAsync(v => v.IndicatorCode == code, ct);
        var errors = new FieldErrors();
        var wasCumulative = indicator.Cumulative;
        Apply(indicator, input, inUse, errors);
        errors.ThrowIfAny();
        if (indicator.Cumulative && !wasCumulative && !await ctx.StatRules.AnyAsync(r => r.Code == "CUM-" + code, ct))
            ctx.StatRules.Add(StatRuleEngine.CumulativeRule(indicator));
        await ctx.SaveChangesAsync(ct);
        return Row(indicator, inUse);
    }

    public async Task<StatRuleRow> CreateRuleAsync(StatRuleInput input, CancellationToken ct = default)
    {
        RequireManager();
        ArgumentNullException.ThrowIfNull(input);
        await using var ctx = db.Create(caller);
        var code = input.Code?.Trim() ?? "";
        var errors = new FieldErrors();
        if (!RuleCodePattern().IsMatch(code))
            errors.Add("code", "规则代码应为 2～40 位大写字母、数字、下划线或连字符，以字母开头（例如 EMP-LE-500）；创建后不能修改。");
        else if (await ctx.StatRules.AnyAsync(r => r.Code == code, ct))
            errors.Add("code", $"规则代码“{code}”已存在。");
        var rule = new StatRule { Code = code, Left = "", Operator = "", Right = "", Message = "" };
        await ApplyAsync(ctx, rule, input, errors, ct);
        errors.ThrowIfAny();
        ctx.StatRules.Add(rule);
        await ctx.SaveChangesAsync(ct);
        return Row(rule);
    }

    /// <summary>Edits a rule, including switching it off or on. Submissions already made keep the findings stored with them.</summary>
    public async Task<StatRuleRow> UpdateRuleAsync(string code, StatRuleInput input, CancellationToken ct = default)
    {
        RequireManager();
        ArgumentNullException.ThrowIfNull(input);
        await using var ctx = db.Create(caller);
        var rule = await ctx.StatRules.FirstOrDefaultAsync(r => r.Code == code, ct) ?? throw new NotFoundException($"校验规则 {code}");
        var errors = new FieldErrors();
        await ApplyAsync(ctx, rule, input, errors, ct);
        errors.ThrowIfAny();
        await ctx.SaveChangesAsync(ct);
        return Row(rule);
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>The catalogue is the province's: only a province-level manager changes it (pages show the editor by this).</summary>
    public bool CanManage => caller.Has(Permissions.Statistics.CatalogueManage) && caller.Scope.IsProvince;

    void RequireManager()
    {
        caller.Require(Permissions.Statistics.CatalogueManage);
        if (!caller.Scope.IsProvince) throw new ForbiddenException("统计指标与校验规则由省级业务管理员维护。");
    }

    static void Apply(Indicator i, IndicatorInput input, bool inUse, FieldErrors errors)
    {
        var name = input.Name?.Trim() ?? "";
        var unit = input.Unit?.Trim() ?? "";
        var source = input.SourceRule?.Trim() ?? "";
        if (name.Length is 0 or > 50) errors.Add("name", "请填写指标名称（不超过 50 个字）。");
        if (unit.Length is 0 or > 16) errors.Add("unit", "请填写计量单位（例如 户、万元、人次，不超过 16 个字）。");
        if (source.Length is 0 or > 300) errors.Add("sourceRule", "请填写数据来源与口径（由谁填报、以哪个部门数据为准，不超过 300 个字；STAT-01 真实可信）。");
        if (!Enum.IsDefined(input.PeriodType)) errors.Add("periodType", "周期应为月度或年度。");
        if (!Enum.IsDefined(input.Aggregation)) errors.Add("aggregation", "汇总方式应为“求和”或“取期末值”。");
        if (input.Cumulative && input.Aggregation != StatAggregation.Last)
            errors.Add("cumulative", "累计指标是自建设起的累计数，汇总方式应为“取期末值”。");
        if (input.SortOrder is < 0 or > 100_000) errors.Add("sortOrder", "排序号应为 0～100000。");
        if (inUse && (i.PeriodType != input.PeriodType || i.Aggregation != input.Aggregation || i.Cumulative != input.Cumulative))
            errors.Add("periodType", "该指标已有填报数据，周期、汇总方式和是否累计不能再修改（否则历史数据的含义会改变）；如需不同口径，请新增指标。");
        i.Name = name;
        i.Unit = unit;
        i.SourceRule = source;
        i.PeriodType = input.PeriodType;
        i.Aggregation = input.Aggregation;
        i.Cumulative = input.Cumulative;
        i.SortOrder = input.SortOrder;
    }

    static async Task ApplyAsync(EtownDbContext ctx, StatRule rule, StatRuleInput input, FieldErrors errors, CancellationToken ct)
    {
        var indicators = await ctx.StatIndicators.AsNoTracking().ToDictionaryAsync(i => i.Code, ct);
        var left = input.Left?.Trim() ?? "";
        var right = input.Right?.Trim() ?? "";
        var message = input.Message?.Trim() ?? "";
        if (!indicators.TryGetValue(left, out var leftIndicator)) errors.Add("left", $"左侧应为统计指标代码，未找到“{left}”。");
        if (!StatRule.Operators.Contains(input.Operator)) errors.Add("operator", $"比较运算符应为 {string.Join("、", StatRule.Operators)} 之一。");
        var isNumber = decimal.TryParse(right, NumberStyles.Number, CultureInfo.InvariantCulture, out _);
        if (right is not (StatRule.PreviousMonth or StatRule.SameMonthLastYear) && !isNumber)
        {
            if (!indicators.TryGetValue(right, out var rightIndicator))
                errors.Add("right", $"右侧应为统计指标代码、数字、{StatRule.PreviousMonth}（上期）或 {StatRule.SameMonthLastYear}（上年同期），未找到“{right}”。");
            else if (leftIndicator is not null && rightIndicator.PeriodType != leftIndicator.PeriodType)
                errors.Add("right", "左右两侧的指标应同为月度或同为年度指标，否则规则永远不会被检查。");
            else if (right == left)
                errors.Add("right", "右侧不能与左侧为同一指标（可用上期或上年同期比较）。");
        }
        if (input.Factor is <= 0 or > 1000) errors.Add("factor", "系数应大于 0、不超过 1000（例如 1.5 表示右侧的 150%）。");
        if (!Enum.IsDefined(input.Importance)) errors.Add("importance", "重要程度应为阻断或提示。");
        if (message.Length is 0 or > 200) errors.Add("message", "请填写不通过时给填报人看的提示（不超过 200 个字）。");
        if (input.SortOrder is < 0 or > 100_000) errors.Add("sortOrder", "排序号应为 0～100000。");
        rule.Left = left;
        rule.Operator = input.Operator ?? "";
        rule.Right = right;
        rule.Factor = input.Factor;
        rule.Importance = input.Importance;
        rule.Message = message;
        rule.SortOrder = input.SortOrder;
        rule.Enabled = input.Enabled;
    }

    static async Task<HashSet<string>> UsedCodesAsync(EtownDbContext ctx, CancellationToken ct) =>
        (await ctx.StatValues.IgnoreQueryFilters().Select(v => v.IndicatorCode).Distinct().ToListAsync(ct)).ToHashSet();

    static CatalogueIndicator Row(Indicator i, bool inUse) =>
        new(i.Code, i.Name, i.Unit, i.PeriodType, i.Aggregation, i.Cumulative, i.SourceRule, i.SortOrder, inUse);

    static StatRuleRow Row(StatRule r) => new(r.Code, r.Left, r.Operator, r.Right, r.Factor, r.Importance, r.Message, r.Enabled, r.SortOrder);
}
