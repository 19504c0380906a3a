using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using ETown.Web.Platform.Documents;

namespace ETown.Web.Features.Funds;

/// <summary>The payment request form (资金申请表) and the review opinion (拨付意见) as .docx (FUND-07, L 第六条).</summary>
public static class PaymentDocx
{
    public const string ContentType = WordKit.ContentType;
    static string W(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture) + " 万元";

    public static string RequestFileName(PaymentView p) => $"资金拨付申请表-{p.ContractNumber}-{p.Sequence}.docx";
    public static string OpinionFileName(PaymentView p) => $"拨付意见-{p.ContractNumber}-{p.Sequence}.docx";

    public static byte[] Request(PaymentView p, ContractView c) => WordKit.Create("乡村e镇专项资金拨付申请表", body =>
    {
        body.Append(WordKit.Para("乡村e镇专项资金拨付申请表", JustificationValues.Center, bold: true, halfPoints: 36, after: 240));
        foreach (var line in new[]
        {
            $"e镇：{p.EtownName}",
            $"合同编号：{c.Number}　合同名称：{c.Title}",
            $"承办主体：{c.OperatorName}",
            $"合同金额：{W(c.Amount)}（第 {c.Revision} 版）　遴选方式：{c.SelectionMethodLabel}",
            $"申请类别：{p.KindLabel}　申请序号：第 {p.Sequence} 次",
            $"申请金额：{W(p.Amount)}",
            $"此前已申请及拨付：{W(c.Committed - (p.Status == PaymentStatus.Refused ? 0 : p.Amount))}",
            $"适用拨付规则：{p.RuleSetCode}",
            $"申请人：{p.RequestedBy}　申请时间：{Platform.Time.ChinaTime.Format(p.RequestedAt)}",
            $"说明：{p.Note ?? "无"}",
        }) body.Append(WordKit.Para(line, after: 80));
        body.Append(WordKit.Para("附件材料：", bold: true, before: 160, after: 80));
        foreach (var m in p.Materials) body.Append(WordKit.Para($"{FundLabels.Of(m.Kind)}：{m.FileName}", firstLineChars: 2));
        body.Append(WordKit.Para("承办主体（盖章）：　　　　　　　　　年　　月　　日", JustificationValues.Right, before: 480));
    });

    public static byte[] Opinion(PaymentView p, ContractView c) => WordKit.Create("乡村e镇专项资金拨付意见", body =>
    {
        body.Append(WordKit.Para("乡村e镇专项资金拨付意见", JustificationValues.Center, bold: true, halfPoints: 36, after: 240));
        foreach (var line in new[]
        {
            $"e镇：{p.EtownName}",
            $"合同：{c.Number} {c.Title}（承办主体：{c.OperatorName}，合同金额 {W(c.Amount)}）",
            $"申请：{p.KindLabel} {W(p.Amount)}（第 {p.Sequence} 次）",
            $"审核单位：{p.ReviewerOrganisation ?? "—"}　审核人：{p.ReviewerName ?? "—"}　审核时间：{Platform.Time.ChinaTime.Format(p.ReviewedAt) ?? "—"}",
            $"审核结论：{(p.Status == PaymentStatus.Refused ? "不同意拨付" : p.ReviewedAt is null ? "待审核" : "同意拨付")}",
        }) body.Append(WordKit.Para(line, after: 80));
        body.Append(WordKit.Para("拨付意见：", bold: true, before: 160, after: 80));
        body.Append(WordKit.Para(p.ReviewOpinion ?? "（尚未出具）", firstLineChars: 2));
        body.Append(WordKit.Para($"财政审批：{p.ApproverName ?? "—"}　{Platform.Time.ChinaTime.Format(p.ApprovedAt) ?? ""}", before: 240));
        body.Append(WordKit.Para($"拨付：{(p.PaidOn is { } d ? $"{d:yyyy-MM-dd} 凭证号 {p.VoucherNumber} 金额 {W(p.PaidAmount ?? 0)}" : "—")}"));
    });
}

/// <summary>
/// Contracts and payments as an OCDS 1.1 release package (open data, issue #10 item 5): one release per contract,
/// the operator as supplier, the county as buyer, payments as implementation transactions. Amounts in CNY (元).
/// </summary>
public static class FundsOcds
{
    public static object Package(IReadOnlyList<EtownFundsView> towns, DateTimeOffset now, string publisher, string uri = "/api/v1/funds/ocds") => new
    {
        uri,
        version = "1.1",
        publishedDate = now,
        publisher = new { name = publisher },
        license = (string?)null,
        publicationPolicy = (string?)null,
        releases = towns.SelectMany(t => t.Contracts.Select(c => Release(t, c, now))).ToList(),
    };

    static decimal Yuan(decimal wan) => wan * 10000m;

    static object Release(EtownFundsView t, ContractView c, DateTimeOffset now)
    {
        var ocid = "ocds-etown-" + c.Id.ToString("N");
        var buyerId = "CN-" + t.CountyCode;
        var supplierId = "ORG-" + c.OperatorOrganisationId.ToString("N");
        return new
        {
            ocid,
            id = $"{ocid}-r{c.Revision}",
            date = now,
            tag = new[] { "contract", "implementation" },
            initiationType = "tender",
            language = "zh",
            parties = new object[]
            {
                new { id = buyerId, name = t.CountyName, roles = new[] { "buyer", "payer" } },
                new { id = supplierId, name = c.OperatorName, roles = new[] { "supplier", "payee" } },
            },
            buyer = new { id = buyerId, name = t.CountyName },
            tender = new
            {
                id = c.Number,
                title = c.Title,
                procurementMethod = c.SelectionMethod switch { SelectionMethod.Tender => "open", SelectionMethod.Competitive => "selective", _ => "direct" },
                // FUND-02: the support mode travels with the procurement method (购买服务 is government procurement).
                procurementMethodDetails = $"{c.SelectionMethodLabel}；支持方式：{c.SupportModeLabel}",
                mainProcurementCategory = c.SupportMode == SupportMode.ServicePurchase ? "services" : "works",
            },
            awards = new[] { new { id = c.Number + "-award", status = "active", value = new { amount = Yuan(c.Amount), currency = "CNY" }, suppliers = new[] { new { id = supplierId, name = c.OperatorName } } } },
            contracts = new[]
            {
                new
                {
                    id = c.Number,
                    awardID = c.Number + "-award",
                    title = c.Title,
                    status = "active",
                    value = new { amount = Yuan(c.Amount), currency = "CNY" },
                    dateSigned = c.SignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    period = new { startDate = c.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), endDate = c.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                    items = c.Scope.Select((s, i) => new { id = (i + 1).ToString(CultureInfo.InvariantCulture), description = s.Content, classification = new { scheme = "SX-ETOWN-STD", id = s.ItemNo.ToString(CultureInfo.InvariantCulture) }, unit = new { value = new { amount = Yuan(s.Amount), currency = "CNY" } } }).ToList(),
                    implementation = new
                    {
                        transactions = t.Payments.Where(p => p.ContractId == c.Id && p.Status == PaymentStatus.Paid).Select(p => new
                        {
                            id = p.VoucherNumber,
                            source = "山西省乡村e镇专项资金",
                            date = p.PaidOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            value = new { amount = Yuan(p.PaidAmount ?? p.Amount), currency = "CNY" },
                            payer = new { id = buyerId, name = t.CountyName },
                            payee = new { id = supplierId, name = c.OperatorName },
                        }).ToList(),
                    },
                },
            },
        };
    }
}
