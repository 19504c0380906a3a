using ETown.Web.Platform.Data;
using ETown.Web.Features.Declarations;

namespace ETown.Web.Features.Standards;

/// <summary>The indicators measured items are judged by (names and units as in P 附件1 and 附件2).</summary>
public static class Indicators
{
    public sealed record Indicator(string Code, string Label, string Unit, TargetIndicator? Target);

    public const string TotalOutput = "total_output_wan";
    public const string CityOutputGrowth = "city_output_growth_pct";
    public const string TotalInvestment = "total_investment_wan";
    public const string OnlineRetail = "online_retail_wan";
    public const string NewLegalEntities = "new_legal_entities";
    /// <summary>All new market entities (K line 6 "新增市场主体数量…不少于20个"); STD-37 itself counts legal persons.</summary>
    public const string NewMarketEntities = "new_market_entities";
    public const string NewEntitiesEcommercePct = "new_entities_ecommerce_pct";
    public const string AreaKm2 = "area_km2";
    public const string FloorAreaM2 = "floor_area_m2";
    public const string Employment = "employment";

    public static readonly IReadOnlyList<Indicator> All =
    [
        new(TotalOutput, "年总产值", "万元", TargetIndicator.TotalOutput),
        new(CityOutputGrowth, "所在市总产值平均增速", "%", null),
        new(TotalInvestment, "总投资规模", "万元", TargetIndicator.TotalInvestment),
        new(OnlineRetail, "年网络零售额", "万元", TargetIndicator.OnlineRetail),
        new(NewLegalEntities, "新增市场主体（法人单位）", "个", TargetIndicator.NewMarketEntities),
        new(NewMarketEntities, "新增市场主体", "个", null),
        new(NewEntitiesEcommercePct, "新增市场主体中开展电商业务的比例", "%", null),
        new(AreaKm2, "占地面积", "平方公里", null),
        new(FloorAreaM2, "建筑面积", "平方米", null),
        new(Employment, "吸纳就业", "人", TargetIndicator.Employment),
    ];

    static readonly Dictionary<string, Indicator> ByCode = All.ToDictionary(i => i.Code);
    public static bool Exists(string? code) => code is not null && ByCode.ContainsKey(code);
    public static Indicator Get(string code) => ByCode.TryGetValue(code, out var i) ? i : new(code, code, "", null);
}

public static class FigureSources
{
    public const string Entered = "entered";
    public const string Declaration = "declaration";
    /// <summary>Derived from twelve approved monthly statistics reports (issue #4); wins over an entered figure.</summary>
    public const string Statistics = "statistics";
}

/// <summary>
/// An achieved figure of an e-town for a year (until the statistics module exists the county enters
/// them). Declaration targets are never used as achievements; they are shown beside the figures only.
/// <see cref="CountyCode"/> is copied from the e-town so the scope filter needs no join.
/// </summary>
public class EtownFigure : IEtownOwned, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public int Year { get; set; }
    public required string Indicator { get; set; }
    public decimal Value { get; set; }
    public string Source { get; set; } = FigureSources.Entered;
    public string? Note { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }
}

public enum EvidenceStatus { Submitted, Confirmed, Rejected }

/// <summary>
/// Evidence for one standard item of one e-town: counted facts (area_m2=1200, person_times=520 …)
/// and/or files. Submitted by the county or the operator, confirmed or rejected (with a reason) by a
/// county reviewer. Every change is audited by <c>SaveChanges</c>.
/// </summary>
public class EtownEvidence : IEtownOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public int ItemNumber { get; set; }
    /// <summary>The year the evidence is for; a "每年" item (14, 19, 29) is satisfied only for that year (issue #14 item 11).</summary>
    public int? Year { get; set; }
    public Dictionary<string, decimal> Facts { get; set; } = [];
    public string? Note { get; set; }
    public EvidenceStatus Status { get; private set; } = EvidenceStatus.Submitted;
    public DateTimeOffset SubmittedAt { get; set; }
    public Guid? SubmittedBy { get; set; }
    public string? SubmittedByName { get; set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public Guid? ReviewedBy { get; private set; }
    public string? ReviewedByName { get; private set; }
    public string? RejectReason { get; private set; }

    public void Confirm(Guid? by, string? byName, DateTimeOffset at)
    {
        if (Status != EvidenceStatus.Submitted)
            throw new Platform.DomainException(StandardErrors.EvidenceReviewed, "只能审核待审核的证据。", 409);
        Status = EvidenceStatus.Confirmed; ReviewedBy = by; ReviewedByName = byName; ReviewedAt = at; RejectReason = null;
    }

    public void Reject(string reason, Guid? by, string? byName, DateTimeOffset at)
    {
        if (Status != EvidenceStatus.Submitted)
            throw new Platform.DomainException(StandardErrors.EvidenceReviewed, "只能审核待审核的证据。", 409);
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
            throw new Platform.ValidationFailedException(new Dictionary<string, string[]> { ["reason"] = ["请填写退回原因（不超过 1000 字）。"] });
        Status = EvidenceStatus.Rejected; ReviewedBy = by; ReviewedByName = byName; ReviewedAt = at; RejectReason = reason.Trim();
    }

    internal void SetStatusForSeed(EvidenceStatus s, DateTimeOffset at) { Status = s; ReviewedAt = at; ReviewedByName = "演示数据"; }

    public static string StatusLabel(EvidenceStatus s) => s switch
    {
        EvidenceStatus.Submitted => "待审核",
        EvidenceStatus.Confirmed => "已确认",
        _ => "已退回",
    };
}

/// <summary>A file attached to evidence, kept by the platform's <see cref="Platform.Attachments.AttachmentStore"/>.</summary>
public class EvidenceFile : IEtownOwned, Platform.Attachments.IStoredFile
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EvidenceId { get; set; }
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StoragePath { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public Guid? UploadedBy { get; set; }
}
