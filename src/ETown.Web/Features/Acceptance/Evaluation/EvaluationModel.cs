using ETown.Web.Platform;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Versioning;

namespace ETown.Web.Features.Acceptance.Evaluation;

/// <summary>Where an indicator's value comes from (EVAL-01). <see cref="Expert"/>: scored by the experts only.</summary>
public enum IndicatorSource { DeclarationTarget, StandardItems, Supervision, FundUse, Satisfaction, SelfEvaluation, Expert }

/// <summary>EVAL-01 yearly evaluation; EVAL-02 provincial mid-term evaluation (潞城 001 line 71 "开展中期评估").</summary>
public enum EvaluationStage { Yearly, MidTerm }

/// <summary>One indicator: its weight is also its maximum score (weights of a sheet sum to 100).</summary>
[System.ComponentModel.DataAnnotations.Schema.NotMapped]
public sealed record EvaluationIndicator(string Code, string Label, decimal Weight, IndicatorSource Source);

/// <summary>A computed indicator value of one evaluation: <see cref="Score"/> null = no automatic source answered, the experts score it.</summary>
[System.ComponentModel.DataAnnotations.Schema.NotMapped]
public sealed record IndicatorValue(string Code, decimal? Score, string Basis);

/// <summary>
/// The performance-evaluation indicator sheet (EVAL-01, 000 line 142: the declaration, plan and commitment letter are the basis
/// of 绩效考核), versioned like the other rule sets: the province default, derived copies, in use = immutable.
/// Province-wide data: everyone reads it, the Evaluate permission guards writes.
/// </summary>
public class EvaluationSheet : IVersionedRuleSet<EvaluationSheet>, IProvinceWide
{
    public Guid Id { get; private set; } = Guid.NewGuid();
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Version { get; private set; }
    public Guid? ParentId { get; private set; }
    public string? RegionCode { get; private set; }
    public bool IsInUse { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public List<EvaluationIndicator> Indicators { get; private set; } = [];

    EvaluationSheet() { } // EF

    public static RuleSetLifecycle<EvaluationSheet> Lifecycle { get; } = new(new RuleSetTerms
    {
        Noun = "绩效评价指标表", CodeNoun = "指标表",
        InvalidCode = AcceptanceErrors.SheetInvalid, InvalidStatus = 400, DuplicateCode = AcceptanceErrors.SheetCodeTaken,
        InUseCode = AcceptanceErrors.SheetInUse, RegionCode = AcceptanceErrors.SheetInvalid,
        // The province evaluates the counties (000 §五(二)): one province-wide sheet lineage.
        MayDeriveFor = (_, child) => child is null,
        RegionMessage = p => $"指标表 {p.Code} 由省级制定，只能派生省级指标表。",
    });

    EvaluationSheet IVersionedRuleSet<EvaluationSheet>.CopyAs(RuleSetHeader h) => new()
    {
        Code = h.Code, Name = h.Name, Version = h.Version, ParentId = h.ParentId, RegionCode = null, CreatedAt = h.CreatedAt,
        Indicators = [.. Indicators],
    };

    public static EvaluationSheet Create(string code, string name, IEnumerable<EvaluationIndicator> indicators, DateTimeOffset now, bool inUse = true)
    {
        var list = indicators.ToList();
        Validate(list);
        return new() { Code = code, Name = name, Version = 1, Indicators = list, CreatedAt = now, IsInUse = inUse };
    }

    public void SetIndicators(IReadOnlyList<EvaluationIndicator> indicators) =>
        Lifecycle.Edit(this, s => { Validate(indicators); s.Indicators = [.. indicators]; });

    /// <summary>Codes unique, labels given, each weight 0.5–100 in steps of 0.5, and the weights sum to exactly 100.</summary>
    public static void Validate(IReadOnlyList<EvaluationIndicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        if (indicators.Count == 0) throw new DomainException(AcceptanceErrors.SheetInvalid, "指标表至少应有一项指标。", 400);
        if (indicators.Any(i => string.IsNullOrWhiteSpace(i.Code) || i.Code.Length > 32 || string.IsNullOrWhiteSpace(i.Label) || i.Label.Length > 100))
            throw new DomainException(AcceptanceErrors.SheetInvalid, "每项指标应有代码（不超过 32 字符）和名称（不超过 100 字）。", 400);
        if (indicators.GroupBy(i => i.Code.Trim(), StringComparer.Ordinal).Any(g => g.Count() > 1))
            throw new DomainException(AcceptanceErrors.SheetInvalid, "指标代码不能重复。", 400);
        if (indicators.Any(i => i.Weight <= 0 || i.Weight > 100 || i.Weight * 2 != decimal.Truncate(i.Weight * 2)))
            throw new DomainException(AcceptanceErrors.SheetInvalid, "每项指标的权重应大于 0、不超过 100，且为 0.5 的整数倍。", 400);
        var sum = indicators.Sum(i => i.Weight);
        if (sum != 100m)
            throw new DomainException(AcceptanceErrors.SheetWeights, $"各指标权重之和应为 100，当前为 {sum:0.##}。", 400);
    }

    public void MarkInUse() => IsInUse = true;

    public static string SourceLabel(IndicatorSource s) => s switch
    {
        IndicatorSource.DeclarationTarget => "申报目标完成情况",
        IndicatorSource.StandardItems => "建设标准约束性指标达标（达标判定）",
        IndicatorSource.Supervision => "日常监管与整改情况",
        IndicatorSource.FundUse => "资金使用情况",
        IndicatorSource.Satisfaction => "满意度调查（≥ 95%）",
        IndicatorSource.SelfEvaluation => "县级绩效自评价报告",
        _ => "专家评分",
    };

    /// <summary>The province default (seeded as reference data).</summary>
    public static IReadOnlyList<EvaluationIndicator> DefaultIndicators =>
    [
        new("target", "申报目标（市场主体、网络零售额等）完成情况", 20, IndicatorSource.DeclarationTarget),
        new("standard", "建设标准约束性指标达标情况", 25, IndicatorSource.StandardItems),
        new("supervision", "日常监管问题整改情况", 10, IndicatorSource.Supervision),
        new("funds", "专项资金使用规范性", 15, IndicatorSource.FundUse),
        new("satisfaction", "服务对象满意度（满意率达 95% 以上）", 10, IndicatorSource.Satisfaction),
        new("self", "县级绩效自评价报告", 5, IndicatorSource.SelfEvaluation),
        new("operation", "运营成效与可持续性", 15, IndicatorSource.Expert),
    ];

    public const string DefaultCode = "SX-EVAL-2024";
}

/// <summary>
/// The evaluation of one e-town for a year and stage (EVAL-01 yearly, EVAL-02 mid-term): the sheet it is judged by, the
/// computed indicator values, the assigned experts' weighted scores, the total (computed part + the experts' average),
/// the rank among the e-towns of the same year and stage, and the province's finalisation. Funds read the final result.
/// </summary>
public class EtownEvaluation : ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string EtownName { get; set; }
    public int Year { get; set; }
    public EvaluationStage Stage { get; set; }
    public required string SheetCode { get; set; }
    public List<EvaluationIndicator> Indicators { get; set; } = [];
    public List<IndicatorValue> Values { get; set; } = [];
    /// <summary>Survey satisfaction of the year (%, display), for the ranking page and the tie-break.</summary>
    public decimal? SatisfactionPercent { get; set; }
    public decimal? Total { get; set; }
    public int? Rank { get; set; }
    public string? TieNote { get; set; }
    public DateTimeOffset? FinalisedAt { get; set; }
    public string? FinalisedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public decimal ComputedPart => Values.Where(v => v.Score is not null).Sum(v => v.Score!.Value);
    public IEnumerable<EvaluationIndicator> ExpertIndicators =>
        Indicators.Where(i => Values.FirstOrDefault(v => v.Code == i.Code)?.Score is null);

    public static string StageLabel(EvaluationStage s) => s == EvaluationStage.MidTerm ? "中期评估" : "年度绩效评价";
}

/// <summary>One assigned expert's scores of one evaluation (indicator code → 0..weight); Total null until scored.</summary>
public class EvaluationExpertScore
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EvaluationId { get; set; }
    public required string CountyCode { get; set; }
    public Guid ExpertUserId { get; set; }
    public required string ExpertName { get; set; }
    public Dictionary<string, decimal> Scores { get; set; } = [];
    public decimal? Total { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
}

/// <summary>Who raised a rectification item of the evaluation.</summary>
public enum FindingSource { MidTerm, Yearly, ThirdParty }

/// <summary>
/// A rectification item: a finding of the mid-term evaluation (EVAL-02, 潞城 001 line 71 "根据中期评估结果及时开展整改") or of the
/// third-party inspection (ACC-08, 岢岚 002 line 125; 临猗 004 line 79 "根据评价结果，做好整改工作"), with a deadline in working days,
/// answered by the county and closed by the province.
/// </summary>
public class EvaluationFinding : ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid? EvaluationId { get; set; }
    public Guid? InspectionId { get; set; }
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public FindingSource Source { get; set; }
    public required string Text { get; set; }
    public DateOnly RaisedOn { get; set; }
    public int WorkingDays { get; set; }
    public DateOnly Deadline { get; set; }
    public string? Answer { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// ACC-08 (岢岚 002 line 125 "项目实施完毕后，聘请第三方专业机构对项目实施情况…"): after the final acceptance, the commissioned third party's
/// inspection / performance report of an e-town; its findings become rectification items; the yearly evaluation is final only after it.
/// </summary>
public class ThirdPartyInspection : IStoredFile, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public int Year { get; set; }
    public Guid? OrganisationId { get; set; }
    public string? OrganisationName { get; set; }
    public required string Conclusion { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StoragePath { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
