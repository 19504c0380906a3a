using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using ETown.Web.Features.Archives;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Documents;
using ETown.Web.Platform.Time;

namespace ETown.Web.Features.Funds;

/// <summary>
/// ARCH-01: the funds documents of an e-town, generated as .docx when the bundle is built — each contract's register sheet
/// (合同登记表), each payment request form (资金拨付申请表) and each issued review opinion (拨付意见) (FUND-07, 临猗 第十二条).
/// </summary>
public sealed class FundsArchiveSource(FundsService funds) : IArchiveSource
{
    public async Task<IReadOnlyList<ArchiveFiling>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var v = await funds.ViewAsync(ctx, etownId, ct);
        var list = new List<ArchiveFiling>();
        foreach (var c in v.Contracts)
            list.Add(new ArchiveFiling(ArchiveKeys.Contract, $"承办合同 {c.Number} {c.Title}", c.SignedOn, $"合同登记表-{c.Number}.docx", "资金管理（合同）",
                Generate: _ => Task.FromResult(ContractSheet(v.EtownName, c))));
        foreach (var p in v.Payments)
        {
            var c = v.Contracts.FirstOrDefault(x => x.Id == p.ContractId);
            if (c is null) continue;
            list.Add(new ArchiveFiling(ArchiveKeys.PaymentRequest, $"资金拨付申请表 {p.ContractNumber} 第 {p.Sequence} 次（{p.KindLabel}）", p.RequestedAt.ToChinaDate(),
                PaymentDocx.RequestFileName(p), "资金拨付", Generate: _ => Task.FromResult(PaymentDocx.Request(p, c))));
            if (p.ReviewedAt is { } reviewed)
                list.Add(new ArchiveFiling(ArchiveKeys.PaymentOpinion, $"拨付意见 {p.ContractNumber} 第 {p.Sequence} 次", reviewed.ToChinaDate(),
                    PaymentDocx.OpinionFileName(p), "资金拨付", Generate: _ => Task.FromResult(PaymentDocx.Opinion(p, c))));
        }
        return list;
    }

    static byte[] ContractSheet(string etown, ContractView c) => WordKit.Create("乡村e镇承办合同登记表", body =>
    {
        body.Append(WordKit.Para("乡村e镇承办合同登记表", JustificationValues.Center, bold: true, halfPoints: 36, after: 240));
        foreach (var line in new[]
        {
            $"e镇：{etown}",
            $"合同编号：{c.Number}　合同名称：{c.Title}（第 {c.Revision} 版）",
            $"承办主体：{c.OperatorName}",
            $"合同金额：{c.Amount.ToString("0.00", CultureInfo.InvariantCulture)} 万元　遴选方式：{c.SelectionMethodLabel}　律师审查：{(c.LawyerReviewed ? "已审查" : "未审查")}",
            $"签订日期：{c.SignedOn:yyyy-MM-dd}　履约期限：{c.StartsOn:yyyy-MM-dd} 至 {c.EndsOn:yyyy-MM-dd}",
            $"资产归属：{c.AssetOwnership}",
        }) body.Append(WordKit.Para(line, after: 80));
        body.Append(WordKit.Para("建设内容：", bold: true, before: 160, after: 80));
        foreach (var s in c.Scope) body.Append(WordKit.Para($"{s.ItemNo}. {s.Content}　{s.Amount.ToString("0.00", CultureInfo.InvariantCulture)} 万元", firstLineChars: 2));
    });
}
