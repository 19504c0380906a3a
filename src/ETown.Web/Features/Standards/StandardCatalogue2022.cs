using static ETown.Web.Features.Standards.ItemAttribute;
using static ETown.Web.Features.Standards.ItemKind;

namespace ETown.Web.Features.Standards;

/// <summary>
/// The published 2022 standards as data: P (晋商建〔2022〕58号 附件1 "山西省乡村e镇建设标准") as SX-2022,
/// and the two variants of the source documents derived from it: 朔州 (S, 附件1 "乡村e镇建设标准") as
/// SZ-2022 and 岢岚 (K, 附件2 "岢岚县乡村e镇建设标准及预算") as KL-2022.
/// </summary>
/// <remarks>
/// Item texts and attributes are P's wording. P's table, as published, prints the group labels one or
/// two rows off (e.g. "四、发展跨境电商" beside item 7) and on its last page pairs items 33–38 with the
/// neighbouring row's standard; the grouping and the 33–38 pairing here follow S and K, which agree
/// with each other and with P's item contents. Item 34's attribute cell is blank in P and 约束性 in S/K.
/// </remarks>
public static class StandardCatalogue2022
{
    public const string ProvinceCode = "SX-2022";
    public const string ShuozhouCode = "SZ-2022";
    public const string KelanCode = "KL-2022";
    public static readonly Guid ProvinceId = new("57d2022e-0000-4000-8000-000000000001");
    public static readonly Guid ShuozhouId = new("57d2022e-0000-4000-8000-000000000002");
    public static readonly Guid KelanId = new("57d2022e-0000-4000-8000-000000000003");

    /// <summary>
    /// The last year of the "十四五" period (2021–2025). Items 33 and 36 bind "建成后“十四五”期间" (000 附件1): the per-class
    /// thresholds "（验收当年）" bind in the acceptance year and the later years up to this one (issue #14 item 6).
    /// </summary>
    public const int FourteenthPlanLastYear = 2025;

    const string G1 = "一、科学谋划布局", G2 = "二、培育乡村e镇主导产业", G3 = "三、培育引进电子商务企业", G4 = "四、发展跨境电商",
        G5 = "五、打造区域公用品牌", G6 = "六、培育乡村e镇商业带头人", G7 = "七、健全电商公共服务体系", G8 = "八、完善物流配送体系",
        G9 = "九、加大招商引资", G10 = "十、优化营商环境", G11 = "十一、加强宣传强化管理", G12 = "十二、加强组织领导",
        G13 = "十三、产业定位", G14 = "十四、建设规模", G15 = "十五、市场主体发展", G16 = "十六、创新驱动";

    static FactRequirement F(string key, string label, string unit, decimal? min = null, decimal? max = null) => new(key, label, unit, min, max);
    static ItemSpec Facts(params FactRequirement[] f) => new() { Facts = f };
    // Items 14, 19 and 29 say "每年" (000 lines 213, 222, 232): their evidence carries the year it is for (issue #14 item 11).
    static ItemSpec Document() => new();
    static ItemSpec Measure(params MeasureCondition[][] anyOf) => new() { AnyOf = anyOf };
    static MeasureCondition[] All(params MeasureCondition[] c) => c;

    static StandardItem I(int n, string g, string content, string standard, ItemAttribute a, ItemKind k, ItemSpec spec) =>
        StandardItem.Create(n, g, content, standard, a, k, spec);

    /// <summary>P 附件1, all 39 items.</summary>
    public static IReadOnlyList<StandardItem> ProvinceItems() =>
    [
        I(1, G1, "高标准编制乡村e镇方案和发展规划。", "与实施方案协调一致，区域经济协调一致。", Binding, Evidenced, Document()),
        I(2, G1, "培育最具核心竞争力的特色产业。", "主导产业数量1-3个。", Binding, Evidenced,
            Facts(F("leading_industries", "主导产业数量", "个", 1, 3))),
        I(3, G2, "对接省内外优势电商产业和市场优质资源，建立和完善乡村e镇电商产业链供应链。", "不少于1个乡村e镇上下游产业链供应链。", Binding, Evidenced,
            Facts(F("supply_chains", "上下游产业链供应链", "个", 1))),
        I(4, G2, "鼓励省内大型企业下沉供应链。", "不少于1家本地大型企业下沉供应链试点。", Expected, Evidenced,
            Facts(F("large_firm_pilots", "大型企业下沉供应链试点", "家", 1))),
        I(5, G3, "发展壮大市场主体，引进培育一批电商龙头企业。", "引进和培育在本市有一定影响电商龙头企业不少于5家。", Binding, Evidenced,
            Facts(F("leading_ecommerce_firms", "电商龙头企业", "家", 5))),
        I(6, G3, "对注册和引进到乡村e镇的电子商务企业以及乡村e镇内电商业绩突出的企业给予奖励。", "制定资金奖励办法，明确奖补标准。", Binding, Evidenced, Document()),
        I(7, G3, "在电商平台建设山西产品特色馆。", "至少在国内有影响的电商平台建立1个本地产品特色馆。", Binding, Evidenced,
            Facts(F("platform_stores", "电商平台本地产品特色馆", "个", 1))),
        I(8, G3, "开展金融扶持，对接金融机构，创新金融产品为企业提供优惠金融服务。", "至少引进1家金融服务网点。", Binding, Evidenced,
            Facts(F("financial_outlets", "金融服务网点", "家", 1))),
        I(9, G4, "培育跨境电商企业，引进跨境电商龙头企业、平台企业、应用企业和跨境电商人才。", "培育和引进在本市有影响的跨境电商龙头企业不少于1家。", Expected, Evidenced,
            Facts(F("cross_border_firms", "跨境电商龙头企业", "家", 1))),
        I(10, G4, "对接阿里巴巴国际站、亚马逊、速卖通等第三方平台资源。", "至少与1家第三方平台建立对接。", Expected, Evidenced,
            Facts(F("cross_border_platforms", "对接的第三方平台", "家", 1))),
        I(11, G4, "建设跨境电商创业培训（孵化）基地和服务中心。", "建筑面积不少100平米，培训人数不少于200人次。", Expected, Evidenced,
            Facts(F("area_m2", "建筑面积", "平方米", 100), F("person_times", "培训人数", "人次", 200))),
        I(12, G5, "打造做强区域公用品牌，创建一批“小而美”特色产品自主品牌，开发一批适销对路的网货产品。",
            "打造或做强当地区域公用品牌不少于1个，“小而美”自主品牌不少于5个，网货产品不少于5款。", Binding, Evidenced,
            Facts(F("regional_brands", "区域公用品牌", "个", 1), F("small_brands", "“小而美”自主品牌", "个", 5), F("online_products", "网货产品", "款", 5))),
        I(13, G5, "建立区域公用品牌运行和管理制度。", "制定建立区域公用品牌运行和管理制度。", Binding, Evidenced, Document()),
        I(14, G5, "做好品牌营销推广机制，挖掘品牌内涵，讲好品牌故事，创新品牌营销，组织开展区域公用品牌线上、线下营销推广活动，畅通线上线下销售渠道。",
            "每年举办或参加不少于1次区域公用品牌展会；建立线上及线下宣传矩阵，宣传推广区域公用品牌（建立新媒体与传统媒体宣传渠道）。", Binding, Evidenced,
            Facts(F("brand_fairs_per_year", "每年区域公用品牌展会", "次", 1), F("publicity_matrix", "线上线下宣传矩阵（已建立=1）", "", 1)) with { PerYear = true }),
        I(15, G6, "建立电商产业培训孵化中心。", "可与跨境电商创业培训基地共用，建筑面积不少于100平方米，培训人数不少于500人次。（电子商务实训中心）", Binding, Evidenced,
            Facts(F("area_m2", "建筑面积", "平方米", 100), F("person_times", "培训人数", "人次", 500))),
        I(16, G6, "培育一批具有示范带动效应的商业带头人。", "聘用专家不少于5人，培育带头人不少5人。", Binding, Evidenced,
            Facts(F("experts", "聘用专家", "人", 5), F("business_leaders", "培育带头人", "人", 5))),
        I(17, G6, "引进电商培训机构，对接大专院校，开展电商人才定制培训。", "引进电商培训机构不少于1家。", Expected, Evidenced,
            Facts(F("training_institutions", "电商培训机构", "家", 1))),
        I(18, G6, "培育一批本地网红，发挥网红效应。", "培育本地网红数量不少于5人。", Binding, Evidenced,
            Facts(F("influencers", "本地网红", "人", 5))),
        I(19, G6, "举办创新创业和技能大赛。", "每年举办大赛不少于1次。", Binding, Evidenced,
            Facts(F("contests_per_year", "每年举办大赛", "次", 1)) with { PerYear = true }),
        I(20, G7, "建立乡村e镇电商公共服务中心。", "建筑面积不少于1000平米；能满足入驻企业需要，建立大数据中心，至少设立1个直播间，发挥综合协调服务能力。", Binding, Evidenced,
            Facts(F("area_m2", "建筑面积", "平方米", 1000), F("big_data_centre", "大数据中心（已建立=1）", "", 1), F("live_rooms", "直播间", "个", 1))),
        I(21, G7, "建立乡村e镇电商公共服务平台。",
            "搭建1个线上公共服务平台。功能按照需求设立，包括：信息共享服务、金融服务、智能物流服务、电商信用、统计监测、风险防控、品牌营销服务、人才服务及其他商业服务接入（包括但不限于所有行政服务、公益服务、商业服务形态，营销推广、研发设计、技术运维、仓储物流服务、安全认证、交易追溯、数据存证、专利申请、法律财税咨询等服务）。",
            Expected, Evidenced, Facts(F("online_platforms", "线上公共服务平台", "个", 1))),
        I(22, G7, "建立电商产品展示体验中心，宣传展示推介山西优特产品和优势资源。", "建筑面积≥100平米，≤300平米。功能区域包括：产品线下陈列展示、体验品鉴、销售对接。", Binding, Evidenced,
            Facts(F("area_m2", "建筑面积", "平方米", 100, 300))),
        I(23, G8, "建立乡村e镇物流配送中心。", "建筑面积原则上不少于300平米，功能区划与基础设施根据实际需要配备。", Binding, Evidenced,
            Facts(F("area_m2", "建筑面积", "平方米", 300))),
        I(24, G8, "引导邮政、快递、物流、商贸流通等企业开展市场化合作，实现统一仓储、分拣、运输、配送、揽件，建立完善物流共同配送服务规范和运营机制，推动物流快递统仓共配，构建全国畅通的物流配送网络。",
            "推动物流快递统仓共配，建立物流共同配送服务规范和运营机制。", Expected, Evidenced, Document()),
        I(25, G8, "推动寄递物流公共信息服务平台建设。", "建立寄递物流公共信息服务平台。", Expected, Evidenced, Document()),
        I(26, G9, "有序引导金融和社会资本投入乡村e镇建设。", "招商资金不少于政府引导资金。", Expected, Evidenced,
            Facts(F("attracted_to_guiding_ratio", "招商资金与政府引导资金之比", "倍", 1))),
        I(27, G10, "在乡村e镇内推动“放管服”改革，创新管理模式，提高服务水平，营造良好营商环境。", "针对“乡村e镇”制定“放管服”的专门政策。", Binding, Evidenced, Document()),
        I(28, G10, "完善乡村e镇内电商企业信息采集制度，建立健全电子商务统计监测体系，依托大数据技术加强管理。", "建立健全电子商务统计监测体系。", Expected, Evidenced, Document()),
        I(29, G11, "利用各种媒体，加大对乡村e镇相关政策、活动、经验、成效的宣传报道力度。", "每年开展不少于2次以上有关“乡村e镇”内容的宣传活动。", Binding, Evidenced,
            Facts(F("campaigns_per_year", "每年宣传活动", "次", 2)) with { PerYear = true }),
        I(30, G11, "强化管理，确保乡村e镇在用地、生态环境、债务防控、房屋不炒和生产安全等方面合规合法。", "确保合规合法，不发生违规违法事件。", Binding, Evidenced,
            Facts(F("violations", "违规违法事件", "起", null, 0))),
        I(31, G12, "建立县委或政府一名主要负责同志牵头成立乡村e镇工作领导组，相关部门共同参与的工作协调推进机制，明确各部门工作职责并形成工作合力。", "建立和完善相应体制机制。", Binding, Evidenced, Document()),
        I(32, G12, "鼓励各地优先采取项目补助、贷款贴息、以奖代补等方式，开展乡村e镇打造工作。", "制定资金管理办法，明确支持标准。", Binding, Evidenced, Document()),
        // STD-33: "高于所在市平均水平2个百分点（以上）" — K line 6 writes "以上", which includes the number, so exactly +2
        // points meets the item (issue #14 item 1). The operator is the version's data: a county may derive a strict ">".
        I(33, G13, "保证乡村e镇建成后“十四五”期间，年总产值同比增长率高于所在市平均水平2个百分点。",
            "先行示范县不少于2亿元/年（验收当年）。整体推进县不少于1.5亿元/年（验收当年）。重点帮扶县不少于1亿元/年（验收当年）。", Binding, Measured,
            Measure(All(
                new MeasureCondition { Indicator = Indicators.TotalOutput, ByClass = new(20_000m, 15_000m, 10_000m), FromAcceptanceYear = true },
                new MeasureCondition { Indicator = Indicators.TotalOutput, Growth = true, Op = ">=", RelativeTo = Indicators.CityOutputGrowth, Value = 2m }))),
        I(34, G14, "合理规划乡村e镇，科学设定乡村e镇规模。",
            "占地面积应≥0.5平方公里，≤5平方公里，或者建筑面积在50万平方米以上，建设。边界清晰、集中连片、空间相对独立、四至范围精确。", Binding, Measured,
            Measure(
                All(new MeasureCondition { Indicator = Indicators.AreaKm2, Op = "between", Value = 0.5m, Max = 5m }),
                All(new MeasureCondition { Indicator = Indicators.FloorAreaM2, Value = 500_000m }))),
        I(35, G14, "总投资规模。", "先行示范县不少于3亿元。整体推进县不少于2亿元。重点帮扶县不少于1亿元。", Binding, Measured,
            Measure(All(new MeasureCondition { Indicator = Indicators.TotalInvestment, ByClass = new(30_000m, 20_000m, 10_000m) }))),
        I(36, G15, "保证乡村e镇建成后“十四五”期间，年网络零售额同比增长率不低于10%。",
            "先行示范县不少于5000万元/年（验收当年）。整体推进县不少于3000万元/年（验收当年）。重点帮扶县不少于2000万元/年（验收当年）。", Binding, Measured,
            Measure(All(
                new MeasureCondition { Indicator = Indicators.OnlineRetail, ByClass = new(5_000m, 3_000m, 2_000m), FromAcceptanceYear = true },
                new MeasureCondition { Indicator = Indicators.OnlineRetail, Growth = true, Value = 10m }))),
        // STD-60 (P §四(二)): during construction ≥ 60% of the new market entities do e-commerce — judged with item 37.
        I(37, G15, "发展壮大市场主体。", "法人单位不少于10个/年/镇。", Binding, Measured,
            Measure(All(
                new MeasureCondition { Indicator = Indicators.NewLegalEntities, Value = 10m },
                new MeasureCondition { Indicator = Indicators.NewEntitiesEcommercePct, Value = 60m }))),
        I(38, G15, "设定一定数量的就业目标。", "一定数量。", Expected, Measured,
            Measure(All(new MeasureCondition { Indicator = Indicators.Employment, AgainstDeclarationTarget = true }))),
        I(39, G16, "乡村e镇应聚焦创新创业，培育新业态新模式，健全研发设计、成果转化、金融导入、场景应用相结合的创新创业服务体系。",
            "至少有1个电商研发机构，至少设立1个金融服务网点和1个通讯服务网点。", Expected, Evidenced,
            Facts(F("rd_institutions", "电商研发机构", "个", 1), F("financial_outlets", "金融服务网点", "个", 1), F("telecom_outlets", "通讯服务网点", "个", 1))),
    ];

    public static StandardVersion Province(DateTimeOffset now) =>
        StandardVersion.Create(ProvinceId, ProvinceCode, "山西省乡村e镇建设标准（2022，晋商建〔2022〕58号 附件1）", null, ProvinceItems(), inUse: true, now);

    /// <summary>朔州 (S 附件1): item 23 ≥ 500 m²; item 39 binding; item 15 note on demo counties; item 28 adds the information-collection system.</summary>
    public static StandardVersion Shuozhou(StandardVersion province, DateTimeOffset now)
    {
        var v = Derived(province, ShuozhouId, ShuozhouCode, "朔州市乡村e镇建设标准（2022，朔州市实施方案 附件1）", "140600", now);
        v.EditItem(15, null, "可与跨境电商创业培训基地共用，建筑面积不少于100平方米，培训人数不少于500人次。（电子商务进农村综合示范县，要统筹使用培训中心）", null, null, null);
        v.EditItem(23, null, "建筑面积原则上不少于500平方米，功能区划与基础设施根据实际需要配备。", null, null,
            Facts(F("area_m2", "建筑面积", "平方米", 500)));
        v.EditItem(28, null, "建立电商企业信息采集制度。建立健全电子商务统计监测体系。", null, null, null);
        v.EditItem(39, null, null, Binding, null, null);
        v.MarkInUse();
        return v;
    }

    /// <summary>
    /// 岢岚 (K 附件2, 002 lines 246–659, re-read line by line for issue #14 item 5): group 五 "岢岚县乡村e镇公共品牌建设及县域品牌
    ///宣传营销项目" numbers its items differently from P — 12 brands and traditional media (with the yearly fair and the two
    /// yearly campaigns), 13 new media (期望性), 14 brand rules, 15 营销策划 (≥ 3 platform campaigns, ≥ 2 influencer sessions,
    /// ≥ 2 fairs a year); P's item 15 (training centre) is part of K's item 20. The service centre (20) is upgraded with ≥ 1000 m²,
    /// 50 work places, the incubation area, 1 main and 3–5 auxiliary live rooms; 23 upgrades the existing logistics centre
    /// (no area figure), 24 is the cold chain (期望性); influencers with ≥ 1万 followers each; training institutions also train
    /// ≥ 500 person-times; item 37 adds K line 6 "2023年底…新增市场主体数量不少于20个"; item 39 binding.
    /// 岢岚 is a 重点帮扶县 and K states only that class's targets for items 33, 35 and 36.
    /// </summary>
    public static StandardVersion Kelan(StandardVersion province, DateTimeOffset now)
    {
        var v = Derived(province, KelanId, KelanCode, "岢岚县乡村e镇建设标准（2022，岢岚县实施方案 附件2）", "140929", now);
        v.EditItem(1, null, "与实施方案协调一致，区域经济协调一致，方案和规划作为绩效和验收的重要依据。", null, null, null);
        v.EditItem(7, "在电商平台建设岢岚产品特色馆。", "至少在淘宝、京东、拼多多、抖音等有影响的电商平台建立1个岢岚产品特色馆。销售岢岚特色产品，特色馆应正常经营，且经营状况良好。", null, null, null);
        // Group 五 (002 lines 362–400): items 12–15 as K numbers and words them (issue #14 item 5).
        foreach (var n in new[] { 12, 13, 14, 15 }) v.RegroupItem(n, K5);
        v.EditItem(12, "网货品牌培育及线下、传统媒体宣传",
            "1、建立区域公用品牌运行和管理制度，打造“小而美”自主品牌不少于5个，网货产品不少于5款。2、每年举办或参加不少于1次区域公共品牌展销会，每年举办不少于2次以上有关乡村e镇内容的宣传活动。3、对接央视等国家级媒体，制作年度宣传广告，编制品牌宣传片、工作宣传片等。4、对接航空传媒、高铁传媒进行年度广告宣传。5、对接省、市媒体对我县乡村e镇相关政策、活动、经验、成效进行持续宣传报道，在岢岚融媒设立宣传专栏，进行专题报道，积极营造正向舆论氛围，引导群众与企业积极参与。6、及时总结我县乡村e镇建设模式，并积极宣传推广。",
            Binding, Evidenced,
            // "每年" fairs and campaigns (002 line 366): the evidence is for one year (as P's items 14 and 29).
            Facts(F("small_brands", "“小而美”自主品牌", "个", 5), F("online_products", "网货产品", "款", 5),
                F("brand_fairs_per_year", "每年区域公共品牌展销会", "次", 1), F("campaigns_per_year", "每年乡村e镇宣传活动", "次", 2)) with { PerYear = true });
        v.EditItem(13, "积极开展新媒体线上宣传",
            "1、打造新媒体宣传矩阵，搭建10个以上新媒体宣传矩阵，进行统一管理，统一内容，视频输出，统一宣传，利用小红书、问答营销、论坛营销、热点炒作等积极健康、传播正能量的方式进行多种形式的宣传推广，确保周周有内容，月月有活动，年终有成效。2、整合原创主题设计、抖音原创短视频拍摄制作、抖音官方话题创建、抖音旅游类网红达人实地采风等多种传播渠道，形成线上多维度、精准化的传播矩阵。",
            Expected, Evidenced, Facts(F("new_media_accounts", "新媒体宣传矩阵（账号）", "个", 10)));
        v.EditItem(14, "建立区域公用品牌运行和管理制度。", "制定建立区域公用品牌运行和管理制度。", Binding, Evidenced, Document());
        v.EditItem(15, "营销策划",
            "1、对接抖音、快手、淘宝、京东、拼多多等线上平台官方合作，组织专题活动每年不少于3次。2、对接网红大咖对岢岚产品进行专场直播带货活动，每年不少于2次。3、组织参加省级以上商务部门组织的各种产销对接等产品展销活动，每年不少于2次。",
            Binding, Evidenced,
            Facts(F("platform_campaigns_per_year", "每年线上平台专题活动", "次", 3), F("influencer_sessions_per_year", "每年网红专场直播带货", "次", 2),
                F("trade_fairs_per_year", "每年产销对接展销活动", "次", 2)) with { PerYear = true });
        v.EditItem(16, null, "1、聘用专家不少于5人，专家应具备高级职称或者相关行业内公认专家。2、培育带头人不少5人，带头人应具有完备电商团队，良好的电商业绩，丰富的行业经验。", null, null, null);
        v.EditItem(17, null, "1、引进电商培训机构不少于1家，培训不少于500人次。2、搭建教育培训课程小程序。", null, null,
            Facts(F("training_institutions", "电商培训机构", "家", 1), F("person_times", "培训人数", "人次", 500)));
        v.EditItem(18, null, "1、培育本地网红数量不少于5人。2、本地网红粉丝数不少于1万。3、网红具备带货本地特色产品的能力，且有一定数据支撑。4、培育的本地网红传播内容应为传递正能量，产业兴旺，乡村振兴等内容方向。", null, null,
            Facts(F("influencers", "本地网红（粉丝数不少于1万）", "人", 5), F("min_followers", "每位网红的最少粉丝数", "人", 10_000)));
        // 002 line 442 (and line 11): "建筑面积不少于1000平方米" stands in K's item 20 as in P's (issue #14 item 5).
        v.EditItem(20, "升级改造乡村e镇电商公共服务中心。",
            "1、升级改造1个县级农村电子商务公共服务中心，满足50人办公，包括服务前台、培训教室、创客孵化区、交流室、会议室、直播室、办公室等必要功能区域的装修改造（不含土建）。建筑面积不少于1000平方米；2、设立乡村 e 镇电商创客孵化区。主要用于10家以上新电商市场主体进行创业孵化，要有满足于50人办公的工位，能贴心服务入驻企业；3、设立电商产业培训中心和跨境电商创业培训中心；4、设立集直播培训、直播实训、创业孵化功能于一体的直播中心。至少设立1个主直播间，3-5个辅直播间；5、设立电商产品研发中心，主要研发电商产品供应链，从产品种植、产品开发、产品网货化、产品品牌、产品营销等全链路研发；6、设立引进金融服务网点；设立引进通讯服务网点。",
            null, null, Facts(F("area_m2", "建筑面积", "平方米", 1000), F("work_places", "办公工位", "个", 50), F("incubated_entities", "孵化的新电商市场主体", "家", 10),
                F("live_rooms", "主直播间", "个", 1), F("aux_live_rooms", "辅直播间", "个", 3, 5)));
        v.EditItem(22, "升级改造电商产品展示体验中心，宣传展示推介岢岚优特产品和优势资源。", "建筑面积≧100平方米，≦300平方米。功能区域包括：产品线下陈列展示、体验品鉴、销售对接。同时对接当地旅游景点入驻展示销售产品。", null, null, null);
        foreach (var n in new[] { 23, 24, 25 }) v.RegroupItem(n, K8);
        v.EditItem(23, "物流仓储配送中心提质升级", "在现有的物流仓储配送中心的基础上提质升级：分拣、传输、检测设施设备升级；运输车辆和冷链车辆及智能快递柜等配套完善；加强初加工和商品化预处理能力。", null, null, Document());
        // 002 lines 482–489: K's item 24 is the cold chain, 期望性, decided by reviewed documents.
        v.EditItem(24, "冷链物流体系提质升级",
            "1、依托岢岚县现有物流冷链中心的资源，投入设备、人员等资源，合理规划乡村e镇冷链物流中心功能区域布局。2、采用投资购置或租用大型冷链货运车辆的方式，建立由管理运营公司直接配送的运输服务方式，建立起科学的、固定化的冷链物流管理和运作体系，形成集仓储、运输、信息、配送为一体的冷链物流服务体系。3、通过冷链物流的共同配送，提高冷链物流作业的效率。",
            Expected, Evidenced, Document());
        v.EditItem(33, null, "重点帮扶县不少于1亿元/年（验收当年）。", null, null,
            Measure(All(
                new MeasureCondition { Indicator = Indicators.TotalOutput, ByClass = new(null, null, 10_000m), FromAcceptanceYear = true },
                new MeasureCondition { Indicator = Indicators.TotalOutput, Growth = true, Op = ">=", RelativeTo = Indicators.CityOutputGrowth, Value = 2m })));
        v.EditItem(35, null, "重点帮扶县不少于1亿元。", null, null,
            Measure(All(new MeasureCondition { Indicator = Indicators.TotalInvestment, ByClass = new(null, null, 10_000m) })));
        v.EditItem(36, null, "重点帮扶县不少于2000万元/年（验收当年）。", null, null,
            Measure(All(
                new MeasureCondition { Indicator = Indicators.OnlineRetail, ByClass = new(null, null, 2_000m), FromAcceptanceYear = true },
                new MeasureCondition { Indicator = Indicators.OnlineRetail, Growth = true, Value = 10m })));
        // K line 6 (issue #14 item 13): "预计在2023年底规划区域内新增市场主体数量不少于20个，后续每年新增市场主体数量不少于10个/年，
        // 其中，开展电商业务市场主体不少于60％" — by end-2023 the new market entities since 2022 add up to ≥ 20; every year the
        // table's ≥ 10 legal-person units (line 639, which also covers "后续每年…不少于10个") and the 60 % share (STD-60).
        v.EditItem(37, null, "法人单位不少于10个/年/镇。（实施方案：预计在2023年底规划区域内新增市场主体数量不少于20个，后续每年新增市场主体数量不少于10个/年，其中，开展电商业务市场主体不少于60％。）", null, null,
            Measure(All(
                new MeasureCondition { Indicator = Indicators.NewLegalEntities, Value = 10m },
                new MeasureCondition { Indicator = Indicators.NewEntitiesEcommercePct, Value = 60m },
                new MeasureCondition { Indicator = Indicators.NewMarketEntities, Value = 20m, CumulativeFromYear = KelanStartYear, ToYear = 2023 })));
        v.EditItem(39, null, null, Binding, null, null);
        v.MarkInUse();
        return v;
    }

    /// <summary>K §三: 项目建设期为2022年11月－2023年1月 — the count of new market entities starts in 2022.</summary>
    public const int KelanStartYear = 2022;

    const string K5 = "五、岢岚县乡村e镇公共品牌建设及县域品牌宣传营销项目", K8 = "八、提升区域物流服务能力";

    static StandardVersion Derived(StandardVersion parent, Guid id, string code, string name, string region, DateTimeOffset now)
    {
        var d = parent.Derive(code, name, region, now);
        return StandardVersion.Create(id, code, name, region, d.Items, inUse: false, now, parent.Id, d.Version);
    }

    /// <summary>All three, province first.</summary>
    public static IReadOnlyList<StandardVersion> All(DateTimeOffset now)
    {
        var p = Province(now);
        return [p, Shuozhou(p, now), Kelan(p, now)];
    }

}
