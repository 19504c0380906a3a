using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Acceptance;

/// <summary>
/// EVAL-01: a county's yearly self-evaluation report (岢岚 绩效自评价报告) with the beneficiaries' satisfaction it found
/// (潞城: ≥ 95 %), and the province's evaluation of the county (P §五(二): funds follow the result).
/// </summary>
public class PerformanceEvaluation : IRegionOwned, IStoredFile, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string CountyCode { get; set; }
    public int Year { get; set; }
    public decimal? SatisfactionPercent { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StoragePath { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedByName { get; set; }
    public decimal? ProvinceScore { get; set; }
    public string? ProvinceResult { get; set; }
    public DateTimeOffset? EvaluatedAt { get; set; }
    public string? EvaluatedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>EVAL-01 (潞城 六(五)): the satisfaction of beneficiaries should reach 95 %.</summary>
    public const decimal SatisfactionTarget = 95m;
}

public sealed record EvaluationRow(Guid Id, string CountyCode, int Year, decimal? SatisfactionPercent, bool SatisfactionBelowTarget, string FileName,
    DateTimeOffset UploadedAt, string? UploadedBy, decimal? ProvinceScore, string? ProvinceResult, DateTimeOffset? EvaluatedAt, string? EvaluatedBy,
    SatisfactionCheck? Survey = null);

/// <summary>
/// EVAL-01 (潞城 六(五) "满意率达到 95% 以上"): the survey of the county's e-towns for the year against 95 % — "以上" includes
/// 95 itself. Judged on the counts (not the rounded percent), so 94.99 % is not met. No answers: 无调查数据, not met.
/// </summary>
/// <param name="Percent">Satisfied / answers × 100, two decimals (display); null without answers.</param>
public sealed record SatisfactionCheck(int Answers, int Satisfied, decimal? Percent, decimal TargetPercent, bool Met, string Label)
{
    public static SatisfactionCheck Of(int answers, int satisfied)
    {
        var target = PerformanceEvaluation.SatisfactionTarget;
        if (answers <= 0) return new(0, 0, null, target, false, "无调查数据，未达标（满意率须达到 95% 以上）");
        var met = satisfied * 100m >= target * answers;
        var pct = Math.Round(satisfied * 100m / answers, 2, MidpointRounding.ToZero); // never shown above the real rate
        return new(answers, satisfied, pct, target, met, met ? $"满意率 {pct:0.00}%，达到 95% 以上" : $"满意率 {pct:0.00}%，未达到 95%");
    }

    /// <summary>A rate given as a percent (e.g. from the county's report): met when ≥ 95.</summary>
    public static bool Meets(decimal? percent) => percent is { } p && p >= PerformanceEvaluation.SatisfactionTarget;
}

public sealed record ProvinceEvaluationInput(decimal? Score, string? Result);
