using ETown.Web.Features.Etowns;

namespace ETown.Web.Features.Archives;

/// <summary>
/// ARCH-01 reference data: the required-documents checklist per stage with the clause each entry rests on and its retention
/// period. Seeded once per key (the province's later edits are kept); retention follows the usual practice for project and
/// accounting files: decisions, plans, acceptance and signage 永久, contracts and funds 30 年 (会计档案), supervision 10 年.
/// Sources: 省方案 四(九) "建立档案，完整保存项目建设资料"; 临猗 资金管理办法 第十八条 (审核公示、建设实施、监督管理、考核验收及资金拨付使用);
/// 临猗 验收办法 第七条 (专栏公开公示项目验收); the clauses named per entry.
/// </summary>
public static class ArchiveChecklist
{
    const int Accounting = 30, Supervision = 10;

    static ArchiveChecklistItem I(int order, string key, ArchiveStage stage, string title, string clause, bool required, int? years) =>
        new() { Key = key, Stage = stage, Title = title, Clause = clause, Required = required, RetentionYears = years, SortOrder = order };

    public static IReadOnlyList<ArchiveChecklistItem> Defaults() =>
    [
        I(10, ArchiveKeys.DeclarationForm, ArchiveStage.Declaration, "申报表（县政府盖章、主要负责人签字）", "省方案 申报材料（DECL-08）；临猗 第十八条 项目审核", true, null),
        I(11, ArchiveKeys.DeclarationRecommendation, ArchiveStage.Declaration, "市级推荐文件", "省方案 申报材料（DECL-08）", true, null),
        I(12, ArchiveKeys.DeclarationPlan, ArchiveStage.Declaration, "培育方案和发展规划（申报稿）", "省方案 申报材料（DECL-08）", true, null),
        I(13, ArchiveKeys.DeclarationEvidence, ArchiveStage.Declaration, "相关佐证材料", "省方案 申报材料（DECL-08）", true, Accounting),
        I(14, ArchiveKeys.DeclarationCommitment, ArchiveStage.Declaration, "县级人民政府承诺书", "省方案 申报材料（DECL-08）；临猗 验收办法 第六条", true, null),
        I(20, ArchiveKeys.PlanDocument, ArchiveStage.Plan, "培育方案（备案稿，含建设标准及预算）", "省方案 四(五)；临猗 验收办法 第六条", true, null),
        I(30, ArchiveKeys.ContractSelection, ArchiveStage.Contract, "承办主体遴选（招标）文件", "临猗 第十一条 通过合法程序确定承办主体", true, Accounting),
        I(31, ArchiveKeys.Contract, ArchiveStage.Contract, "承办合同", "临猗 第十二条 申请材料（合同）", true, Accounting),
        I(32, ArchiveKeys.ContractLawyer, ArchiveStage.Contract, "合同律师审查意见", "岢岚 资金使用 3.（FUND-16）", false, Accounting),
        I(40, ArchiveKeys.FundAllocation, ArchiveStage.Funds, "专项资金下达文件", "省方案 五(一)；临猗 第七条", true, Accounting),
        I(41, ArchiveKeys.PaymentRequest, ArchiveStage.Funds, "资金拨付申请表", "临猗 第十二条 2.、4.", true, Accounting),
        I(42, ArchiveKeys.PaymentOpinion, ArchiveStage.Funds, "拨付意见", "潞城 资金管理办法 第六条", true, Accounting),
        I(43, ArchiveKeys.PaymentVoucher, ArchiveStage.Funds, "拨付凭证及发票", "临猗 第十二条 4.（发票）；第十五条 专账核算", true, Accounting),
        I(50, ArchiveKeys.Inspection, ArchiveStage.Supervision, "监督检查记录及照片", "临猗 第十三条 现场监督检查；第十八条 监督管理", true, Supervision),
        I(51, ArchiveKeys.Rectification, ArchiveStage.Supervision, "整改通知书及整改材料", "临猗 第十二条 3. 限时整改", false, Supervision),
        I(52, ArchiveKeys.TrackingAudit, ArchiveStage.Supervision, "跟踪审计报告", "临猗 第十四条 跟踪审计", false, Accounting),
        I(60, ArchiveKeys.AcceptanceApplication, ArchiveStage.Acceptance, "验收申请及验收资料", "临猗 第十七条 书面验收申请和验收资料", true, null),
        I(61, ArchiveKeys.AcceptanceReport, ArchiveStage.Acceptance, "验收报告", "临猗 第十七条 验收合格出具验收报告", true, null),
        I(62, ArchiveKeys.AcceptanceAudit, ArchiveStage.Acceptance, "审计报告（决算审计）", "临猗 第十七条 审计报告；第十四条 决算审计", true, null),
        I(70, ArchiveKeys.SelfEvaluation, ArchiveStage.Evaluation, "县级绩效自评价报告", "省方案 五(二)（EVAL-01）", true, Accounting),
        I(71, ArchiveKeys.ProvinceEvaluation, ArchiveStage.Evaluation, "省级评价验收结果", "省方案 五(二)（EVAL-01）", false, null),
        I(80, ArchiveKeys.ListingNotice, ArchiveStage.Publicity, "入选名单公示", "省方案 申报程序 公示（DECL-07）", false, null),
        I(81, ArchiveKeys.PlanNotice, ArchiveStage.Publicity, "实施方案及资金管理办法公示（5 个工作日）", "临猗 第4条", true, null),
        I(82, ArchiveKeys.AcceptanceNotice, ArchiveStage.Publicity, "验收结果公示", "临猗 验收办法 第七条；第十二条 3.", true, null),
        I(90, ArchiveKeys.Signage, ArchiveStage.Signage, "乡村e镇统一标识（照片、位置、设立日期）", "省方案 四(九) 设置统一标识", true, null),
    ];

    public static string Label(ArchiveStage s) => s switch
    {
        ArchiveStage.Declaration => "申报",
        ArchiveStage.Plan => "培育方案",
        ArchiveStage.Contract => "合同与招标",
        ArchiveStage.Funds => "资金",
        ArchiveStage.Supervision => "监管",
        ArchiveStage.Acceptance => "验收",
        ArchiveStage.Evaluation => "评价",
        ArchiveStage.Publicity => "公示",
        ArchiveStage.Signage => "标识",
        _ => s.ToString(),
    };

    public static string RetentionLabel(int? years) => years is { } y ? $"{y} 年" : "永久";

    /// <summary>
    /// When a stage's documents are due (the work desk asks only then): declaration, plan and publicity once listed;
    /// contracts, funds, supervision and the signage once construction started; acceptance and evaluation once accepted.
    /// A stage with a filed document counts as reached whatever the status.
    /// </summary>
    public static bool Reached(ArchiveStage stage, EtownStatus status)
    {
        var progress = status switch
        {
            EtownStatus.Declared => 0, EtownStatus.Listed or EtownStatus.Withdrawn => 1, EtownStatus.UnderConstruction => 2,
            EtownStatus.Accepted => 3, EtownStatus.Operating => 4, _ => 0,
        };
        var needs = stage switch
        {
            ArchiveStage.Declaration or ArchiveStage.Plan or ArchiveStage.Publicity => 1,
            ArchiveStage.Contract or ArchiveStage.Funds or ArchiveStage.Supervision or ArchiveStage.Signage => 2,
            _ => 3,
        };
        return progress >= needs;
    }
}
