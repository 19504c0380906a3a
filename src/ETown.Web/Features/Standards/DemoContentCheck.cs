namespace ETown.Web.Features.Standards;

/// <summary>One strand of the 2021 MOFCOM 电子商务进农村综合示范 content and the standard items that deliver it.</summary>
public sealed record DemoStrand(string Label, IReadOnlyList<int> Items, bool Met, string Reason);

/// <summary>DECL-10 for one e-town: whether it applies (not a national demo county) and how far the strands are met.</summary>
public sealed record DemoContentVerdict(bool Applies, Verdict Verdict, string VerdictLabel, string Reason, IReadOnlyList<DemoStrand> Strands);

/// <summary>
/// DECL-10 (issue #14 item 8): "非电子商务进农村综合示范的地区除上述九项建设内容外，还要参照 2021 年商务部电子商务进农村综合示范工作
/// 建设内容，建立完善电子商务公共服务体系和物流配送体系，开展电商人才培训，促进商贸流通企业转型升级 … 能共用的不得新建和重建"
/// (000 §三(十一) line 91; 朔州 003 line 84 names 山阴县、应县). Our reading: a county that the region catalogue does not flag as a
/// national demo county must show each of the four strands through a met standard item — public service (items 20, 21),
/// logistics (23, 24, 25), training (15, 17), trade-circulation firms (4 supply-chain sinking, 24 joint distribution with
/// 商贸流通 firms). Shared centres ("能共用的不得新建") count: the items are met by evidence of a shared centre too
/// (P item 15 "可与跨境电商创业培训基地共用", S item 15). For a demo county the check does not apply (000: 示范县 "补短板、强弱项").
/// Pure; the compliance view shows it beside the items.
/// </summary>
public static class DemoContentCheck
{
    static readonly (string Label, int[] Items)[] Strands =
    [
        ("电子商务公共服务体系", [20, 21]),
        ("物流配送体系", [23, 24, 25]),
        ("电商人才培训", [15, 17]),
        ("商贸流通企业转型升级", [4, 24]),
    ];

    public static DemoContentVerdict Evaluate(bool nationalDemoCounty, IReadOnlyList<ItemVerdict> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (nationalDemoCounty)
            return new(false, Verdict.NotApplicable, ComplianceEngine.Label(Verdict.NotApplicable),
                "国家电子商务进农村综合示范县：重点补短板、强弱项，不另作参照要求（DECL-10）。", []);
        var strands = Strands.Select(s =>
        {
            var met = items.Where(i => s.Items.Contains(i.Number) && i.Verdict == Verdict.Met).Select(i => i.Number).ToList();
            return new DemoStrand(s.Label, s.Items, met.Count > 0,
                met.Count > 0 ? $"第 {string.Join("、", met)} 项已达标" : $"第 {string.Join("、", s.Items)} 项均未达标");
        }).ToList();
        var missing = strands.Where(s => !s.Met).Select(s => s.Label).ToList();
        var verdict = missing.Count == 0 ? Verdict.Met : Verdict.NotMet;
        var reason = missing.Count == 0
            ? "非示范县：已参照2021年电子商务进农村综合示范建设内容（公共服务、物流配送、人才培训、商贸流通转型）。"
            : $"非示范县须参照2021年电子商务进农村综合示范建设内容（000 §三(十一)；能共用的不得新建），尚缺：{string.Join("、", missing)}。";
        return new(true, verdict, ComplianceEngine.Label(verdict), reason, strands);
    }
}
