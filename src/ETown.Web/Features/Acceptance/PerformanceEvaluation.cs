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
    DateTimeOffset UploadedAt, string? UploadedBy, decimal? ProvinceScore, string? ProvinceResult, DateTimeOffset? EvaluatedAt, string? EvaluatedBy);

public sealed record ProvinceEvaluationInput(decimal? Score, string? Result);
