using ETown.Web.Features.Etowns;
using ETown.Web.Features.Plans;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Plans.Demo;

/// <summary>
/// Demo plan and budget for 岢岚县乡村e镇 from 《岢岚县2022年乡村e镇项目实施方案》 (seed 002): the text sections,
/// the seven projects of §三, and 附件2 《岢岚县乡村e镇建设标准及预算》 line for line (省级配套资金 1000万元, 县级 0).
/// </summary>
public static class DemoPlans
{
    const decimal Wan = 10000m;
    const FundCategory L = FundCategory.LeadingIndustry, E = FundCategory.EcommerceElements, S = FundCategory.SupportingServices;

    /// <summary>
    /// 附件2 exactly: item, 建设内容, 省级配套资金（万元）, 县级配套资金（万元）. The document does not mark a FUND-03 category per
    /// item; the category follows the item's group in 附件2 read against K §五.2: 二 主导产业 and 五 公共品牌 → 主导产业
    /// (“打造区域公共品牌”); 三 电商企业, 四 跨境电商, 六 商业带头人, 七 电商公共服务体系 → 电商要素; 一 规划, 八 物流,
    /// 九 招商, 十 营商环境, 十一 宣传 and the unfunded 十二–十六 → 配套基础设施和服务. With this reading the document's split is
    /// 445 / 340 / 215 万元 = 44.5% / 34% / 21.5%, inside the bands. The numbers are kept as published whatever the check says;
    /// only a stray "aa" after item 6's text in the source is dropped.
    /// </summary>
    public static readonly IReadOnlyList<(int Item, string Content, FundCategory Category, decimal ProvincialWan, decimal CountyWan)> KelanBudget =
    [
        (1, "高标准编制乡村e镇方案和发展规划。", S, 5, 0),
        (2, "培育最具核心竞争力的特色产业。", L, 255, 0),
        (3, "对接省内外优势电商产业和市场优质资源，建立和完善乡村e镇电商产业链供应链。", L, 80, 0),
        (4, "鼓励省内大型企业下沉供应链。", L, 20, 0),
        (5, "发展壮大市场主体，引进培育一批电商龙头企业。", E, 10, 0),
        (6, "对注册和引进到乡村e镇的电子商务企业以及乡村e镇内电商业绩突出的企业给予奖励。", E, 20, 0),
        (7, "在电商平台建设岢岚产品特色馆。", E, 30, 0),
        (8, "开展金融扶持，对接金融机构，创新金融产品，为企业提供优惠金融服务。", E, 0, 0),
        (9, "培育跨境电商企业，引进跨境电商龙头企业、平台企业、应用企业和跨境电商人才。", E, 0, 0),
        (10, "对接阿里巴巴国际站、亚马逊、速卖通等第三方平台资源。", E, 0, 0),
        (11, "建设跨境电子商务创业培训（孵化）基地", E, 5, 0),
        (12, "网货品牌培育及线下、传统媒体宣传", L, 40, 0),
        (13, "积极开展新媒体线上宣传", L, 20, 0),
        (14, "建立区域公用品牌运行和管理制度。", L, 0, 0),
        (15, "营销策划", L, 30, 0),
        (16, "培育一批具有示范带动效应的商业带头人。", E, 10, 0),
        (17, "引进电商培训机构，对接大专院校，开展电商人才定制培训。", E, 20, 0),
        (18, "培育一批本地网红，发挥网红效应。", E, 15, 0),
        (19, "举办创业创新和技能大赛。", E, 20, 0),
        (20, "升级改造乡村e镇电商公共服务中心。", E, 120, 0),
        (21, "建立乡村e镇电商公共服务平台。", E, 60, 0),
        (22, "升级改造电商产品展示体验中心，宣传展示推介岢岚优特产品和优势资源。", E, 30, 0),
        (23, "物流仓储配送中心提质升级", S, 120, 0),
        (24, "冷链物流体系提质升级", S, 20, 0),
        (25, "推动寄递物流公共信息服务平台建设。", S, 20, 0),
        (26, "有序引导金融和社会资本投入乡村e镇建设。", S, 0, 0),
        (27, "在乡村e镇内推动放管服改革，创新管理模式，提高服务水平，营造良好营商环境。", S, 0, 0),
        (28, "完善乡村e镇内电商企业信息采集制度，建立健全电子商务统计监测体系，依托大数据技术加强管理。", S, 10, 0),
        (29, "利用各种媒体，加大对乡村e镇相关政策、活动、经验、成效的宣传报道力度。", S, 40, 0),
        (30, "强化管理，确保乡村e镇在用地、生态环保、债务防控、房住不炒和生产安全等方面合规合法。", S, 0, 0),
        (31, "建立县委或政府一名主要负责同志牵头成立乡村e镇工作领导组，相关部门共同参与的工作协调推进机制，明确各部门工作职责并形成工作合力。", S, 0, 0),
        (32, "鼓励各地优先采取购买服务、项目补助、贷款贴息、以奖代补等支持方式，开展乡村e镇打造工作。", S, 0, 0),
        (33, "保证乡村e镇建成后“十四五”期间，年总产值同比增长率高于所在市平均水平2百分点。", S, 0, 0),
        (34, "合理规划乡村e镇，科学设定乡村e镇规模。", S, 0, 0),
        (35, "总投资规模。", S, 0, 0),
        (36, "保证乡村e镇建成后“十四五”期间，年网络零售额同比增长率不低于10%。", S, 0, 0),
        (37, "发展壮大市场主体。", S, 0, 0),
        (38, "设定一定数量的就业目标。", S, 0, 0),
        (39, "乡村e镇应聚焦创新创业，培育新产业新业态新商业模式，健全研发设计、成果孵化、金融导入、场景应用相结合的创新创业服务体系。", S, 0, 0),
    ];

    /// <summary>2022年山西省乡村e镇项目省级资金支持岢岚县1000万元 (K §四).</summary>
    public const decimal KelanAllocationYuan = 1000 * Wan;

    const string Build = "项目建设期为2022年11月－2023年1月；项目服务期限自签订合同后2年。";
    static readonly DateOnly Start = new(2022, 11, 1), End = new(2023, 1, 31);

    static KeyProject Project(string name, string content, string milestones, params int[] items) => new()
    {
        Name = name, Content = content, StartOn = Start, EndOn = End, Milestones = Build + "\n" + milestones, StandardItems = [.. items],
        // The document budgets per standard item, not per project: the investment is the 附件2 sum of the items the project delivers.
        InvestmentYuan = items.Sum(i => KelanBudget.Single(b => b.Item == i).ProvincialWan) * Wan,
    };

    public static PlanContent KelanContent() => new()
    {
        GuidingIdeology = "深入贯彻落实《山西省培育乡村e镇工作实施方案》（晋商建〔2022〕58号）和《关于山西省乡村e镇项目实施和资金管理的通知》（晋商建〔2022〕376号）文件精神，进一步加快推进我县乡村e镇工作，巩固既有成果，促进产业转型升级，优化电子商务发展环境，培育壮大电子商务产业，助力乡村振兴，引领企业走电子商务、“专精特新”现代化发展之路，不断壮大市场主体。",
        Principles = "专款专用，严格执行国家和省有关文件规定的支持方向、支持重点和支持方式；市场主导，政府有序引导金融和社会资本投入；政企共建、共建共享；优先采取以奖代补、购买服务、贷款贴息、项目补助等支持方式。",
        PlannedScope = "岢岚县行政区中的岢岚县城建成区至经济技术开发区连片区域，东至宜阳路、花果山，南至岚漪大道，西至工业园区玻棉厂，北至铁楼沟山山脚、广惠园社区，总面积4.96平方公里。",
        FunctionalZones = "县级农村电子商务（乡村e镇）公共服务中心（建筑面积不少于1000平方米：服务前台、培训教室、创客孵化区、交流室、会议室、直播室、办公室）；电商创客孵化区（50人工位）；电商产业培训中心和跨境电商创业培训中心；电商产品O2O展示体验中心（100—300平方米）；直播中心（1个主直播间、3—5个辅直播间）；电商产品研发中心；金融服务网点和通讯服务网点；物流仓储配送中心和冷链物流中心。",
        InvestmentOperatingEntity = "承办企业（采取购买服务方式的通过政府采购确定承接主体，招投标项目按招标方案确定），组建不少于6人的本地化运营团队；专项资金购买的固定资产属国有资产，由县工业和信息化局会同县财政局共同管理和调配。",
        ConstructionMethod = "在现有设施基础上升级改造（装修改造，不含土建）；必须招标的建设工程按批准的招标范围、方式和组织形式招标；采取购买服务方式的项目通过政府采购规范程序实施。",
        FinancingModel = "2022年省级专项资金1000万元，县级配套资金0元；优先采取以奖代补、购买服务、贷款贴息、项目补助等支持方式；市场主导，政府有序引导金融和社会资本投入，招商资金不少于政府引导资金；金融服务网点政银企共建。",
        ProfitModel = "承办企业向规划区域内主体提供营销推广、研发设计、技术运维、仓储物流、安全认证、交易追溯、数据存证、专利申请、法律财税咨询等服务；金融服务网点由专项资金补贴、主体企业免费提供场地、金融机构让利等方式市场化运营；政企共建投入形成的固定资产共建共享。",
        MainTargets = "在2023年底规划区域内新增市场主体数量不少于20个，后续每年新增不少于10个，其中开展电商业务的市场主体不少于60%；区域内网络营销额达到2000万元/年以上，同比增长10个百分点以上；乡村e镇区域内生产总值达到1亿元/年以上，同比增长率高于所在市平均水平2个百分点以上。做强做精1—3个特色产品和区域品牌，培育推出5—10个具有岢岚特色的品牌、产品。",
        ExpectedEffects = "完善羊豆沙菌农产品供应链、电子商务公共服务体系和物流配送体系；引进和培育在本市有一定影响力的电商龙头企业不少于5家、跨境电商龙头企业不少于1家、1家金融服务网点；区域内总投资规模不少于1亿元，总产值不少于1亿元，年网销额不少于2000万元，“十四五”期间年同比增长率不低于10%。",
        KeyTasks = "（一）公共服务中心升级及运营；（二）培育引进电子商务市场主体；（三）培育乡村e镇主导产业；（四）商业带头人培育；（五）建设跨境电商创业培训（服务）中心；（六）提升区域物流服务能力；（七）品牌宣传营销以及乡村e镇政策宣导。",
        ImplementationSteps = "（一）启动准备阶段（2022年8月—9月）；（二）承接主体选择和招标采购阶段（2022年10月—11月）；（三）实施推进阶段（2022年11月—2023年1月）；（四）项目验收阶段（2023年2月—2023年4月），验收合格项目和补助资金在县政府门户网站公示不少于5个工作日。",
        ConstructionScale = "规划面积4.96平方公里；公共服务中心建筑面积不少于1000平方米；省级专项资金1000万元。",
        OperationModel = "组建不少于6人的运营团队开展乡村e镇管理和运营，为规划区域内主体提供公共服务和跨境电商服务；建立区域内信息采集制度和统计监测体系，每月向上级主管部门报送信息和统计数据。",
        Guarantees = "成立由县长任组长的项目培育工作领导小组，下设办公室；建立健全决策、执行、考核、奖惩制度体系，制定责任清单；县财政、工信、乡村振兴、纪检等部门做好项目审核和资金监管，聘请专业机构跟踪项目。",
        KeyProjects =
        [
            Project("岢岚县乡村e镇公共服务中心升级及运营",
                "升级改造县级农村电子商务（乡村e镇）公共服务中心，设立创客孵化区、电商产业培训中心和跨境电商创业培训中心、O2O展示体验中心、直播中心、电商产品研发中心、金融和通讯服务网点，组建运营团队。",
                "建筑面积不少于1000平方米；孵化10家以上电商市场主体；1个主直播间、3—5个辅直播间。", 20, 21, 22),
            Project("岢岚县培育引进电子商务市场主体项目",
                "每年发展壮大市场主体不少于10个（电商企业不少于60%）；在有影响的电商平台建立1个岢岚产品特色馆；引进和培育电商龙头企业不少于5家；对新注册、引进和成长壮大的企业给予补贴和奖励。",
                "电商龙头企业不少于5家、跨境电商龙头企业不少于1家、1家金融服务网点。", 5, 6, 7, 8),
            Project("培育乡村e镇主导产业",
                "培育沙棘、红芸豆、柏籽羊和羊肚菌特色主导产业；全渠道产销对接；农产品电子商务供应链体系建设，升级改造质量溯源平台。",
                "区域内总投资规模不少于1亿元；总产值不少于1亿元；年网销额不少于2000万元。", 2, 3, 4),
            Project("岢岚县乡村e镇商业带头人培育",
                "创业培训、讲师培育、网红培育、企业专班培训、创业创新大赛、跨区域培训和跨境电商培训。",
                "农村电子商务培训500人次以上；聘用专家不少于5人；培育商业带头人和本地网红各不少于5人；每年大赛不少于1次。", 16, 17, 18, 19),
            Project("建设跨境电商创业培训（服务）中心",
                "为区域内企业提供跨境电商培育孵化与指导服务，在通关、物流、金融、人才等方面提供一站式综合服务。",
                "跨境电商人才培训100人次以上。", 9, 10, 11),
            Project("提升区域物流服务能力",
                "物流仓储配送中心提质升级；建设农村智慧物流管理系统；冷链物流体系提质升级。",
                "建设1套农村智慧物流管理系统，实现电脑、手机双通道实时监控定位派送车辆。", 23, 24, 25),
            Project("岢岚县品牌宣传营销以及乡村e镇政策宣导",
                "网货品牌培育、区域公共品牌展销、国家级和省市媒体宣传；搭建10个以上新媒体宣传矩阵。",
                "“小而美”自主品牌不少于5个，网货产品不少于5款；每年不少于1次品牌展销会、2次以上宣传活动。", 12, 13, 14, 15, 29),
        ],
    };

    /// <summary>Attaches the filed plan and its 附件2 budget to 岢岚县乡村e镇; the targets come from its listed declaration.</summary>
    public static void Seed(EtownDbContext ctx, Etown kelan)
    {
        var content = KelanContent();
        var plan = new CultivationPlan
        {
            EtownId = kelan.Id, CountyCode = kelan.CountyCode, StandardVersion = "KL-2022", AllocationYuan = KelanAllocationYuan,
            CreatedAt = new DateTimeOffset(2022, 10, 20, 0, 0, 0, TimeSpan.Zero), UpdatedAt = new DateTimeOffset(2022, 10, 28, 0, 0, 0, TimeSpan.Zero),
        };
        var declaration = ctx.Declarations.Local.FirstOrDefault(d => d.Id == kelan.DeclarationId);
        if (declaration is not null)
            content.Targets = declaration.Form.Targets.Select(t => new Features.Declarations.TargetValue { Indicator = t.Indicator, Year = t.Year, Value = t.Value }).ToList();
        plan.SetContent(content);
        plan.FileForSeed(new DateTimeOffset(2022, 10, 28, 2, 0, 0, TimeSpan.Zero), "kelan");
        ctx.CultivationPlans.Add(plan);
        ctx.PlanBudgetLines.AddRange(KelanBudget.Select((b, n) => new PlanBudgetLine
        {
            PlanId = plan.Id, CountyCode = kelan.CountyCode, SortOrder = n, ItemNo = b.Item, Content = b.Content, Category = b.Category,
            ProvincialYuan = b.ProvincialWan * Wan, CountyYuan = b.CountyWan * Wan,
        }));
    }
}
