using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.FundLedgers;

/// <summary>
/// The purposes an expense is booked under, and the prohibited uses with their clauses (FUND-01, FUND-17). Seeded once per
/// code; rows already present are left alone, so the province's edits (keywords, names) survive upgrades.
/// </summary>
public static class LedgerReference
{
    const string P = "省实施方案（晋商建〔2022〕58号）五、（一）资金使用";
    const string L = "潞城区专项资金管理办法 第五条（二）";
    const string K = "岢岚县实施方案 五、资金管理 1.";
    public const string Lucheng = "140406", Kelan = "140929";

    /// <summary>(code, name, prohibited, clause, keywords, county).</summary>
    public static readonly IReadOnlyList<(string Code, string Name, bool Prohibited, string? Clause, string? Keywords, string? County)> Seed =
    [
        ("EQUIP", "设备购置", false, null, null, null),
        ("WORKS", "工程建设与改造", false, null, null, null),
        ("SERVICE", "服务采购", false, null, null, null),
        ("TRAINING", "培训与人才培育", false, null, null, null),
        ("PROMO", "宣传推广与品牌建设", false, null, null, null),
        ("LOGISTICS", "物流配送", false, null, null, null),
        ("OTHER", "其他合规支出", false, null, null, null),
        // P 五(一): 不得用于楼堂馆所建设、征地拆迁、购买流量，不得用于支付罚款、捐款、赞助、偿还债务以及财政补助单位人员经费和工作经费。
        ("P-BUILDING", "楼堂馆所建设", true, P, "楼堂馆所、办公楼建设、修建办公楼、礼堂建设", null),
        ("P-LAND", "征地拆迁", true, P, "征地、拆迁", null),
        ("P-TRAFFIC", "购买流量", true, P, "购买流量、买流量、流量采购、流量购买", null),
        ("P-FINE", "支付罚款", true, P, "罚款、罚金、滞纳金", null),
        ("P-DONATION", "捐款", true, P, "捐款、捐赠", null),
        ("P-SPONSOR", "赞助", true, P, "赞助", null),
        ("P-DEBT", "偿还债务", true, P, "偿还债务、还债、偿还借款、归还借款、还贷", null),
        ("P-STAFF", "财政补助单位人员经费和工作经费", true, P, "人员经费、工作经费", null),
        // 潞城 第五条（二）: 不得用于网络交易平台 … 人员经费等经常性开支以及提取工作经费。
        ("L-PLATFORM", "网络交易平台", true, L, "网络交易平台、交易平台开发", Lucheng),
        ("L-RECURRING", "人员经费等经常性开支", true, L, "工资、薪酬、房租、水电费、经常性开支", Lucheng),
        // 岢岚 五、1.: 不得用于楼堂馆所建设、征地拆迁、购买流量、平台建设 (FUND-17: its own budget funds platforms — with county money).
        ("K-PLATFORM", "平台建设", true, K, "平台建设、平台开发、搭建平台", Kelan),
    ];

    public static async Task SeedAsync(EtownDbContext db, CancellationToken ct)
    {
        var have = await db.LedgerPurposes.Select(p => p.Code).ToListAsync(ct);
        var order = 0;
        foreach (var s in Seed)
        {
            order += 10;
            if (have.Contains(s.Code)) continue;
            db.LedgerPurposes.Add(new LedgerPurpose
            {
                Code = s.Code, Name = s.Name, IsProhibited = s.Prohibited, Clause = s.Clause, Keywords = s.Keywords, CountyCode = s.County, SortOrder = order,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
