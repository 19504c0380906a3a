using ETown.Web.Features.Organisations;
using ETown.Web.Platform.Modules;

namespace ETown.Web.Features.Funds.Demo;

/// <summary>
/// Demo funds for 潞城, 岢岚 and 临猗 (issue #10 item 7): allocations, qualified operators, contracts, a paid 30 % start-up
/// payment each, and in 潞城 a progress request refused at review because no stage acceptance establishes the progress
/// (the reason is the one <see cref="PaymentLimits"/> gives). 潞城's second contract has no payment yet, so the demo
/// operator can request its start-up funds.
/// </summary>
public static class DemoFunds
{
    public const string LuchengOperator = "长治市潞城区乡村e镇运营有限公司（演示）";
    public const string KelanOperator = "岢岚县乡村e镇运营管理有限公司（演示）";
    public const string LinyiOperator = "临猗县涑水e镇电子商务运营有限公司（演示）";

    public static void Seed(DemoSeed demo)
    {
        var db = demo.Db;
        var lucheng = demo.Etowns[0];
        var kelan = demo.Etowns[1];
        var linyi = demo.Etowns[2];
        var luOrg = db.Organisations.Local.First(o => o.Name == LuchengOperator);
        var klOrg = new Organisation { Name = KelanOperator, Kind = OrganisationKind.Operator, RegionCode = "140929", CreditCode = "91140929MA0L000033" };
        var lyOrg = new Organisation { Name = LinyiOperator, Kind = OrganisationKind.Operator, RegionCode = "140821", CreditCode = "91140821MA0L000044" };
        db.Organisations.AddRange(klOrg, lyOrg);
        db.EtownAssignments.AddRange(
            new EtownAssignment { OrganisationId = klOrg.Id, EtownId = kelan.Id, Kind = AssignmentKind.Operator },
            new EtownAssignment { OrganisationId = lyOrg.Id, EtownId = linyi.Id, Kind = AssignmentKind.Operator });

        // 潞城
        Allocation(db, lucheng, 1000m, 200m, 120m);
        var luOp = Operator(db, lucheng, luOrg, SelectionMethod.Competitive, "竞争性磋商，成交通知书及磋商文件已存档");
        var lc1 = Contract(db, lucheng, luOp, "LC-2022-001", "潞城区乡村e镇公共服务中心及直播基地建设运营", 600m, lawyer: true, SupportMode.ProjectSubsidy,
            new(2022, 11, 15), new(2023, 10, 31), [new(20, "公共服务中心", 260m), new(23, "直播电商基地", 220m), new(27, "仓储物流配送", 120m)]);
        var lc2 = Contract(db, lucheng, luOp, "LC-2022-002", "潞城区农产品品牌建设与网络营销", 300m, lawyer: true, SupportMode.ServicePurchase,
            new(2023, 3, 1), new(2023, 12, 31), [new(8, "区域公用品牌", 180m), new(12, "网络营销推广", 120m)]);
        StartUpPaid(db, lc1, "长治市潞城区乡村e镇工作领导小组办公室", new(2022, 12, 5), "LC-PZ-2022-1205");
        RefusedProgress(db, lc1, demo);
        ProgressPaid(db, lc1, demo);

        // 岢岚 (K 资金使用 3.: tendered, reviewed by a lawyer, 30 % on signature)
        Allocation(db, kelan, 1000m, 300m, 300m);
        var klOp = Operator(db, kelan, klOrg, SelectionMethod.Tender, "公开招标，中标通知书、招标文件及律师审核意见已存档");
        var kl1 = Contract(db, kelan, klOp, "KL-2022-001", "岢岚县乡村e镇建设运营总承包", 800m, lawyer: true, SupportMode.ServicePurchase,
            new(2022, 10, 20), new(2023, 12, 31), [new(2, "杂粮产业基地提升", 360m), new(20, "电商公共服务中心", 240m), new(27, "县乡村三级物流", 200m)]);
        StartUpPaid(db, kl1, "岢岚县乡村e镇工作领导小组办公室", new(2022, 11, 10), "KL-PZ-2022-1110");

        // 临猗
        Allocation(db, linyi, 1000m, 500m, 260m);
        var lyOp = Operator(db, linyi, lyOrg, SelectionMethod.Competitive, "竞争性谈判，谈判记录及成交通知书已存档");
        var ly1 = Contract(db, linyi, lyOp, "LY-2022-001", "临猗新城涑水e镇智创产业园及电商公共服务", 500m, lawyer: false, SupportMode.RewardInsteadOfSubsidy,
            new(2022, 12, 1), new(2023, 11, 30), [new(3, "果业产业链提升", 220m), new(20, "电商公共服务中心", 180m), new(29, "人才培训", 100m)]);
        StartUpPaid(db, ly1, "临猗县乡村e镇工作领导小组办公室", new(2022, 12, 20), "LY-PZ-2022-1220");
    }

    static void Allocation(Platform.Data.EtownDbContext db, Etowns.Etown t, decimal amount, decimal matching, decimal matchingPaid) =>
        db.FundAllocations.Add(new FundAllocation
        {
            EtownId = t.Id, CountyCode = t.CountyCode, Year = 2022, ProvincialAmount = amount, NoticeReference = "省级乡村e镇专项资金下达通知（演示）",
            CountyMatchingCommitted = matching, CountyMatchingPaid = matchingPaid,
        });

    static FundOperator Operator(Platform.Data.EtownDbContext db, Etowns.Etown t, Organisation org, SelectionMethod method, string docs)
    {
        var op = new FundOperator
        {
            EtownId = t.Id, CountyCode = t.CountyCode, OrganisationId = org.Id, OrganisationName = org.Name,
            ClearOwnership = true, SoundFinancialSystem = true, NoPenaltyIn3Years = true, HasLicences = true, CommitsToReportAndAudit = true,
            QualificationNote = "营业执照、财务制度、信用查询记录及承诺书已核验（演示）", SelectionMethod = method, SelectionDocuments = docs,
        };
        db.FundOperators.Add(op);
        return op;
    }

    static FundContract Contract(Platform.Data.EtownDbContext db, Etowns.Etown t, FundOperator op, string number, string title, decimal amount, bool lawyer,
        SupportMode mode, DateOnly signed, DateOnly ends, List<ContractScopeLine> scope)
    {
        // FUND-02: a 购买服务 contract is let through government procurement (all demo ones are tendered or competitive).
        if (mode == SupportMode.ServicePurchase && !FundLabels.IsGovernmentProcurement(op.SelectionMethod))
            throw new InvalidOperationException("演示数据不一致：购买服务的合同须通过政府采购确定承接主体。");
        var c = new FundContract
        {
            EtownId = t.Id, CountyCode = t.CountyCode, Number = number, Title = title, OperatorId = op.Id, OperatorOrganisationId = op.OrganisationId,
            OperatorName = op.OrganisationName, Amount = amount, SelectionMethod = op.SelectionMethod, SupportMode = mode, LawyerReviewed = lawyer, SignedOn = signed,
            StartsOn = signed.AddDays(5), EndsOn = ends, AssetOwnership = "专项资金购置的固定资产属国有资产，由县乡村e镇工作领导小组办公室登记管理，承办主体负责运营维护",
            Scope = scope, Milestones = [new("开工", signed.AddDays(5)), new("阶段验收", signed.AddMonths(6)), new("竣工验收", ends)],
        };
        db.FundContracts.Add(c);
        return c;
    }

    static readonly PaymentMaterialItem[] StartUpMaterials =
        [new(PaymentMaterial.ApplicationForm, "资金申请表.pdf"), new(PaymentMaterial.Contract, "合同.pdf")];

    static void StartUpPaid(Platform.Data.EtownDbContext db, FundContract c, string office, DateOnly paidOn, string voucher)
    {
        var amount = PaymentLimits.Share(c.Amount, PaymentLimitsSettings.Shanxi2022.StartUpSharePercent);
        db.PaymentRequests.Add(new PaymentRequest
        {
            ContractId = c.Id, EtownId = c.EtownId, CountyCode = c.CountyCode, Sequence = 1, Kind = PaymentKind.StartUp, Amount = amount,
            MaterialsJson = JsonList.Write(StartUpMaterials), RuleSetCode = PaymentRuleSet.ProvinceCode, Status = PaymentStatus.Paid, RequestedBy = c.OperatorName,
            ReviewerName = "e镇办审核人（演示）", ReviewerOrganisation = office, ReviewOpinion = "合同已签订，材料齐全，同意按合同金额 30% 拨付启动资金。",
            ReviewedAt = Start(paidOn.AddDays(-7)), ApproverName = "县财政局审批人（演示）", ApprovedAt = Start(paidOn.AddDays(-3)),
            PaidOn = paidOn, VoucherNumber = voucher, PaidAmount = amount,
        });
    }

    static void RefusedProgress(Platform.Data.EtownDbContext db, FundContract c, DemoSeed demo)
    {
        const decimal amount = 240m;
        var start = PaymentLimits.Share(c.Amount, PaymentLimitsSettings.Shanxi2022.StartUpSharePercent);
        var refusal = PaymentLimits.Check(new PaymentSituation(PaymentKind.Progress, amount, c.Amount, [(PaymentKind.StartUp, start)], start, 1000m,
            [], [], false, new DateOnly(2023, 3, 20), PaymentLimitsSettings.Shanxi2022), demo.Calendar)!;
        db.PaymentRequests.Add(new PaymentRequest
        {
            ContractId = c.Id, EtownId = c.EtownId, CountyCode = c.CountyCode, Sequence = 2, Kind = PaymentKind.Progress, Amount = amount,
            Note = "公共服务中心主体完工，申请进度款",
            MaterialsJson = JsonList.Write([.. StartUpMaterials, new(PaymentMaterial.Invoice, "发票.pdf"), new(PaymentMaterial.Progress, "建设进度说明.docx"), new(PaymentMaterial.AcceptanceReport, "自验报告.pdf")]),
            RuleSetCode = PaymentRuleSet.ProvinceCode, Status = PaymentStatus.Refused, RequestedBy = c.OperatorName,
            ReviewerName = "e镇办审核人（演示）", ReviewerOrganisation = "长治市潞城区乡村e镇工作领导小组办公室",
            ReviewOpinion = $"不同意拨付：{refusal.Reason}（{refusal.Code}）", ReviewedAt = Start(new DateOnly(2023, 3, 20)),
        });
    }

    /// <summary>
    /// 潞城's progress payment resting on the demo stage acceptance (60 % of LC-2022-001, ACC/FUND-05): requested on the first
    /// working day after the 5-working-day notice ended (FUND-06), up to 60 % cumulative; judged by the same
    /// <see cref="PaymentLimits"/> as a real request (it must pass the day it is requested and must not the day the notice ends).
    /// </summary>
    static void ProgressPaid(Platform.Data.EtownDbContext db, FundContract c, DemoSeed demo)
    {
        var cal = demo.Calendar;
        var (_, reviewed, noticeStart, noticeEnd) = Acceptance.Demo.DemoAcceptance.LuchengStageDates(Platform.Time.ChinaTime.ChinaToday(demo.Clock), cal);
        var limits = PaymentLimitsSettings.Shanxi2022;
        var start = PaymentLimits.Share(c.Amount, limits.StartUpSharePercent);
        var amount = PaymentLimits.Share(c.Amount, 60m) - start;
        var stage = new AcceptanceResult(Guid.Empty, Acceptance.Demo.DemoAcceptance.LuchengStageTitle, 60m, false, reviewed, noticeStart, noticeEnd, false);
        PaymentSituation On(DateOnly day) => new(PaymentKind.Progress, amount, c.Amount, [(PaymentKind.StartUp, start)], start, 1000m, [stage], [], false, day, limits);
        var requested = cal.DeadlineAfter(noticeEnd, 1);
        if (PaymentLimits.Check(On(noticeEnd), cal) is null || PaymentLimits.Check(On(requested), cal) is not null)
            throw new InvalidOperationException("演示数据不一致：潞城进度款应在阶段验收公示期满后才可拨付。");
        var reviewedOn = cal.DeadlineAfter(requested, 2);
        var approvedOn = cal.DeadlineAfter(reviewedOn, 1);
        var paidOn = cal.DeadlineAfter(approvedOn, 1);
        db.PaymentRequests.Add(new PaymentRequest
        {
            ContractId = c.Id, EtownId = c.EtownId, CountyCode = c.CountyCode, Sequence = 3, Kind = PaymentKind.Progress, Amount = amount,
            Note = $"依据“{Acceptance.Demo.DemoAcceptance.LuchengStageTitle}”（验收进度 60%，公示 {noticeStart:yyyy-MM-dd} 至 {noticeEnd:yyyy-MM-dd} 期满无异议）申请进度款",
            MaterialsJson = JsonList.Write([.. StartUpMaterials, new(PaymentMaterial.Invoice, "发票.pdf"), new(PaymentMaterial.Progress, "建设进度说明.pdf"), new(PaymentMaterial.AcceptanceReport, "阶段验收报告.pdf")]),
            RuleSetCode = PaymentRuleSet.ProvinceCode, Status = PaymentStatus.Paid, RequestedBy = c.OperatorName,
            ReviewerName = "e镇办审核人（演示）", ReviewerOrganisation = "长治市潞城区乡村e镇工作领导小组办公室",
            ReviewOpinion = "阶段验收通过且公示期满无异议，累计拨付不超过验收进度 60%，同意拨付进度款。", ReviewedAt = Start(reviewedOn),
            ApproverName = "县财政局审批人（演示）", ApprovedAt = Start(approvedOn), PaidOn = paidOn, VoucherNumber = "LC-PZ-" + paidOn.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            PaidAmount = amount, CreatedAt = Start(requested),
        });
    }

    static DateTimeOffset Start(DateOnly d) => Platform.Time.ChinaTime.StartOfDay(d);
}
