using ETown.Web.Platform.Data;
using ETown.Web.Platform;

namespace ETown.Web.Features.Etowns;

/// <summary>Life-cycle of an e-town (issue #2 §8).</summary>
public enum EtownStatus
{
    Declared,          // 已申报
    Listed,            // 已入选
    UnderConstruction, // 建设中
    Accepted,          // 已验收
    Operating,         // 运营中
    Withdrawn,         // 已撤销
}

/// <summary>The root every other module hangs on: one 乡村e镇 in one county.</summary>
public class Etown : ICreatedAt, IUpdatedAt, IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    /// <summary>GB/T 2260 county code; the e-town's data scope follows it.</summary>
    public required string CountyCode { get; set; }
    /// <summary>Planned area in km² (DECL-06: 0.5–5 km²) …</summary>
    public decimal? PlannedAreaKm2 { get; set; }
    /// <summary>… or building floor area in m² (DECL-06: ≥ 50万 m²).</summary>
    public decimal? FloorAreaM2 { get; set; }
    /// <summary>四至: exact four-side limits (DECL-06).</summary>
    public string? BoundaryText { get; set; }
    public string? LeadingIndustries { get; set; }
    public string? FeaturedProducts { get; set; }
    public string? Address { get; set; }
    public int? BatchYear { get; set; }
    /// <summary>The listed declaration this e-town came from; its form carries the approved targets (DECL-08, PLAN-03).</summary>
    public Guid? DeclarationId { get; set; }
    public EtownStatus Status { get; private set; } = EtownStatus.Declared;
    /// <summary>Shown on the public column (DISC-01) and to anonymous visitors.</summary>
    public bool IsPublished { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency (issue #17 finding 13): bumped on every update, sent as ETag.</summary>
    public int Version { get; set; }

    static readonly Dictionary<EtownStatus, EtownStatus[]> Allowed = new()
    {
        [EtownStatus.Declared] = [EtownStatus.Listed, EtownStatus.Withdrawn],
        [EtownStatus.Listed] = [EtownStatus.UnderConstruction, EtownStatus.Withdrawn],
        [EtownStatus.UnderConstruction] = [EtownStatus.Accepted, EtownStatus.Withdrawn],
        [EtownStatus.Accepted] = [EtownStatus.Operating, EtownStatus.Withdrawn],
        [EtownStatus.Operating] = [EtownStatus.Withdrawn],
        [EtownStatus.Withdrawn] = [],
    };

    public static IReadOnlyList<EtownStatus> NextStatuses(EtownStatus from) => Allowed[from];

    /// <summary>State changes only along the life-cycle; anything else is refused with a stable code.</summary>
    public void ChangeStatus(EtownStatus to)
    {
        if (!Allowed[Status].Contains(to))
            throw new DomainException(EtownErrors.IllegalStatusChange,
                $"e镇状态不能从“{StatusLabel(Status)}”变更为“{StatusLabel(to)}”。", 409);
        Status = to;
    }

    /// <summary>
    /// 已验收: set only by the acceptance module after a passed acceptance (issue #17 finding 0); the generic
    /// status endpoint refuses it. Follows the life-cycle (from 建设中 only).
    /// </summary>
    public void MarkAccepted() => ChangeStatus(EtownStatus.Accepted);

    /// <summary>运营中: after acceptance, likewise reserved to the acceptance module.</summary>
    public void MarkOperating() => ChangeStatus(EtownStatus.Operating);

    /// <summary>
    /// A province correction (issue #17 finding 0): back to an earlier stage (undoing a mistake or a withdrawal);
    /// the reason is audited by the caller. Forward stages stay reserved to their processes.
    /// </summary>
    internal void CorrectStatus(EtownStatus to)
    {
        if (to >= Status || to == EtownStatus.Withdrawn)
            throw new DomainException(EtownErrors.StatusReserved,
                $"更正只能回到较早的状态；“{StatusLabel(to)}”须经申报确认（DECL-07）或验收设置。", 409);
        Status = to;
    }

    /// <summary>Selected e-towns (已入选 and later, not withdrawn) may appear on the public column (DISC-01).</summary>
    public static bool IsPublishable(EtownStatus s) => s is EtownStatus.Listed or EtownStatus.UnderConstruction or EtownStatus.Accepted or EtownStatus.Operating;

    /// <summary>Used by demo data to place an e-town directly at a later stage.</summary>
    internal void SetStatusForSeed(EtownStatus s) => Status = s;

    public static string StatusLabel(EtownStatus s) => s switch
    {
        EtownStatus.Declared => "已申报",
        EtownStatus.Listed => "已入选",
        EtownStatus.UnderConstruction => "建设中",
        EtownStatus.Accepted => "已验收",
        EtownStatus.Operating => "运营中",
        EtownStatus.Withdrawn => "已撤销",
        _ => s.ToString(),
    };
}
