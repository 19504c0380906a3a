using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Funds;

public enum PerformanceConclusion
{
    /// <summary>合格</summary>
    Qualified,
    /// <summary>基本合格</summary>
    BasicallyQualified,
    /// <summary>不合格</summary>
    Unqualified,
}

/// <summary>One scored criterion of an assessment (kept as data on the assessment: the county may use its own list).</summary>
public sealed record PerformanceCriterion(string Name, decimal MaxScore, decimal Score);

/// <summary>
/// FUND-14 (P 四(八) "加强事中事后全过程监管，加强对承办单位履约能力的考核"): the county (or the third party it commissions)
/// assesses an operator's contract performance for a period during or after construction: scored criteria, a conclusion
/// (合格/基本合格/不合格) and its reason. The latest 不合格 is shown on the contract and is a work item until a later assessment clears it.
/// </summary>
public class PerformanceAssessment : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ContractId { get; set; }
    public Guid EtownId { get; set; }
    public string CountyCode { get; set; } = "";
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    /// <summary>事后 (after construction) when the period ends after the contract's completion date; else 事中.</summary>
    public bool AfterConstruction { get; set; }
    /// <summary>Stored as one JSON document (read and replaced as a whole).</summary>
    public string CriteriaJson { get; set; } = "[]";
    public List<PerformanceCriterion> GetCriteria() => JsonList.Read<PerformanceCriterion>(CriteriaJson);
    public decimal TotalScore { get; set; }
    public decimal MaxScore { get; set; }
    public PerformanceConclusion Conclusion { get; set; }
    public string Reason { get; set; } = "";
    public string AssessedBy { get; set; } = "";
    public string? AssessorOrganisation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed record PerformanceInput(DateOnly PeriodFrom, DateOnly PeriodTo, IReadOnlyList<PerformanceCriterion>? Criteria, PerformanceConclusion Conclusion, string? Reason);

public sealed record PerformanceView(Guid Id, Guid ContractId, string ContractNumber, DateOnly PeriodFrom, DateOnly PeriodTo, bool AfterConstruction, string PhaseLabel,
    IReadOnlyList<PerformanceCriterion> Criteria, decimal TotalScore, decimal MaxScore, PerformanceConclusion Conclusion, string ConclusionLabel, string Reason,
    string AssessedBy, string? AssessorOrganisation, DateTimeOffset AssessedAt);

/// <summary>FUND-14: records and lists contract performance assessments.</summary>
public sealed class PerformanceService(EtownDb db, Caller caller, Authorizer auth, TimeProvider clock)
{
    /// <summary>The default criteria offered by the form (P 四(六)(八): progress per contract, compliant use of funds, records, operation and results).</summary>
    public static readonly IReadOnlyList<PerformanceCriterion> DefaultCriteria =
    [
        new("按合同进度推进建设", 25m, 0m), new("资金使用合规、专款专用", 25m, 0m), new("台账与建设资料完整", 15m, 0m),
        new("运营服务与工作实效", 25m, 0m), new("配合监督检查与整改", 10m, 0m),
    ];

    public static string Label(PerformanceConclusion c) => c switch
    {
        PerformanceConclusion.Qualified => "合格", PerformanceConclusion.BasicallyQualified => "基本合格", PerformanceConclusion.Unqualified => "不合格", _ => c.ToString(),
    };

    public async Task<IReadOnlyList<PerformanceView>> ListAsync(Guid contractId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.Read);
        await using var ctx = db.Create(caller);
        var c = await ctx.FundContracts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == contractId, ct) ?? throw new NotFoundException("合同");
        var rows = await ctx.PerformanceAssessments.AsNoTracking().Where(a => a.ContractId == contractId).OrderBy(a => a.PeriodTo).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        return rows.Select(a => ToView(a, c.Number)).ToList();
    }

    public async Task<PerformanceView> AssessAsync(Guid contractId, PerformanceInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        caller.Require(Permissions.Fund.ContractAssess);
        await using var ctx = db.Create(caller);
        var c = await ctx.FundContracts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == contractId, ct) ?? throw new NotFoundException("合同");
        auth.Require(FundOperations.AssessContract, new FundResource(c.CountyCode, c.EtownId, c.OperatorOrganisationId));
        var errors = new FieldErrors();
        var today = clock.ChinaToday();
        // The period lies inside the life of the contract so far: not before work started, not in the future.
        if (input.PeriodFrom < c.StartsOn) errors.Add("periodFrom", $"考核期起始不能早于合同开工日期 {c.StartsOn:yyyy-MM-dd}。");
        if (input.PeriodTo < input.PeriodFrom) errors.Add("periodTo", "考核期截止不能早于起始。");
        if (input.PeriodTo > today) errors.Add("periodTo", $"考核期截止不能晚于今天（{today:yyyy-MM-dd}）。");
        var criteria = (input.Criteria ?? []).ToList();
        if (criteria.Count is 0 or > 30) errors.Add("criteria", "请列出 1–30 项考核指标及得分。");
        for (var i = 0; i < criteria.Count; i++)
        {
            var k = criteria[i];
            if (string.IsNullOrWhiteSpace(k.Name) || k.Name.Trim().Length > 100) errors.Add($"criteria[{i}].name", $"第 {i + 1} 项：请填写指标名称（不超过 100 字）。");
            if (k.MaxScore <= 0 || k.MaxScore > 100 || decimal.Round(k.MaxScore, 2) != k.MaxScore) errors.Add($"criteria[{i}].maxScore", $"第 {i + 1} 项：满分应为 0–100 之间的数（最多两位小数）。");
            else if (k.Score < 0 || k.Score > k.MaxScore || decimal.Round(k.Score, 2) != k.Score)
                errors.Add($"criteria[{i}].score", $"第 {i + 1} 项“{k.Name}”：得分应在 0–{k.MaxScore:0.##} 之间（最多两位小数）。");
        }
        if (!Enum.IsDefined(input.Conclusion)) errors.Add("conclusion", "结论应为 合格、基本合格 或 不合格。");
        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Trim().Length > 2000) errors.Add("reason", "请写明考核结论的理由（不超过 2000 字）。");
        errors.ThrowIfAny();
        var a = new PerformanceAssessment
        {
            ContractId = c.Id, EtownId = c.EtownId, CountyCode = c.CountyCode, PeriodFrom = input.PeriodFrom, PeriodTo = input.PeriodTo,
            AfterConstruction = input.PeriodTo > c.EndsOn,
            CriteriaJson = JsonList.Write(criteria.Select(k => k with { Name = k.Name.Trim() })),
            TotalScore = criteria.Sum(k => k.Score), MaxScore = criteria.Sum(k => k.MaxScore), Conclusion = input.Conclusion, Reason = input.Reason!.Trim(),
            AssessedBy = caller.DisplayName ?? caller.UserName ?? "", AssessorOrganisation = caller.OrganisationName,
        };
        ctx.PerformanceAssessments.Add(a);
        await FundsService.SaveAsync(ctx, ct);
        return ToView(a, c.Number);
    }

    internal static PerformanceView ToView(PerformanceAssessment a, string number) => new(a.Id, a.ContractId, number, a.PeriodFrom, a.PeriodTo, a.AfterConstruction,
        a.AfterConstruction ? "事后（建成后）" : "事中（建设期）", a.GetCriteria(), a.TotalScore, a.MaxScore, a.Conclusion, Label(a.Conclusion), a.Reason,
        a.AssessedBy, a.AssessorOrganisation, a.CreatedAt);
}
