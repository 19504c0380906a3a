using ETown.Web.Platform.Data;
using ETown.Web.Platform.Versioning;

namespace ETown.Web.Features.Funds;

/// <summary>The payment limits as data (FUND-04/05/06): the three county documents differ in detail, so each county may derive its own.</summary>
public sealed record PaymentLimitsSettings
{
    /// <summary>FUND-04 (K 资金使用 3.): first payment after signing, % of the contract.</summary>
    public decimal StartUpSharePercent { get; init; } = 30m;
    /// <summary>FUND-05 (Y 第七条): retained until the final acceptance passed and its notice ended, % of the contract.</summary>
    public decimal RetentionPercent { get; init; } = 10m;
    /// <summary>FUND-06 (Y 第十二条): working days an acceptance result stays on the public column without objection.</summary>
    public int NoticeWorkingDays { get; init; } = 5;
    /// <summary>FUND-05/07: progress payments need a passed stage acceptance (progress % × contract).</summary>
    public bool StageAcceptanceRequired { get; init; } = true;

    public static readonly PaymentLimitsSettings Shanxi2022 = new();

    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (StartUpSharePercent is <= 0 or > 100) p.Add("启动资金比例应在 0–100% 之间");
        if (RetentionPercent is < 0 or >= 100) p.Add("质保金比例应在 0–100% 之间");
        if (StartUpSharePercent + RetentionPercent > 100) p.Add("启动资金比例与质保金比例之和不能超过 100%");
        if (NoticeWorkingDays is < 1 or > 30) p.Add("公示工作日数应为 1–30");
        return p;
    }
}

/// <summary>
/// One version of the payment limits (versioned rules, like eligibility rule sets and standard versions): the province's
/// default "SX-FUND-2022" is seeded in use; a county derives its own (region = county code) and adopts it.
/// </summary>
public class PaymentRuleSet : IVersionedRuleSet<PaymentRuleSet>, IProvinceWide
{
    public Guid Id { get; private set; } = Guid.NewGuid();
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Version { get; private set; }
    public Guid? ParentId { get; private set; }
    public string? RegionCode { get; private set; }
    public bool IsInUse { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public PaymentLimitsSettings Limits { get; private set; } = PaymentLimitsSettings.Shanxi2022;

    PaymentRuleSet() { } // EF

    public static RuleSetLifecycle<PaymentRuleSet> Lifecycle { get; } = new(new RuleSetTerms
    {
        Noun = "拨付规则集", CodeNoun = "拨付规则集",
        InvalidCode = FundsErrors.RuleSetInvalid, DuplicateCode = FundsErrors.RuleSetCodeTaken, InUseCode = FundsErrors.RuleSetInUse, RegionCode = FundsErrors.RuleSetRegion,
        // A county's set is derived only for the same county.
        MayDeriveFor = (parent, child) => child == parent,
        RegionMessage = p => $"拨付规则集 {p.Code} 属于 {p.RegionCode}，只能派生同一县的规则集。",
    });

    PaymentRuleSet IVersionedRuleSet<PaymentRuleSet>.CopyAs(RuleSetHeader h) => new()
    {
        Code = h.Code, Name = h.Name, Version = h.Version, ParentId = h.ParentId, RegionCode = h.RegionCode, CreatedAt = h.CreatedAt, Limits = Limits,
    };

    public const string ProvinceCode = "SX-FUND-2022";
    public static readonly Guid ProvinceId = new("5a2022f0-0000-4000-8000-000000000001");

    public static PaymentRuleSet Shanxi2022(DateTimeOffset now) => new()
    {
        Id = ProvinceId, Code = ProvinceCode, Name = "山西省乡村e镇专项资金拨付规则（省级默认）", Version = 1, IsInUse = true, CreatedAt = now,
        Limits = PaymentLimitsSettings.Shanxi2022,
    };

    public PaymentRuleSet Derive(string code, string name, string? countyCode, PaymentLimitsSettings? limits, DateTimeOffset now)
    {
        var set = Lifecycle.Derive(this, code, name, countyCode, now);
        set.ReplaceLimits(limits ?? Limits);
        return set;
    }

    public void ReplaceLimits(PaymentLimitsSettings limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Lifecycle.RequireEditable(this);
        var problems = limits.Problems();
        if (problems.Count > 0)
            throw new Platform.DomainException(FundsErrors.RuleSetInvalid, "拨付规则参数不合理：" + string.Join("；", problems) + "。", 422);
        Limits = limits;
    }

    public void MarkInUse() => IsInUse = true;
}
