using ETown.Web.Features.Organisations;
using ETown.Web.Features.Plans;
using ETown.Web.Platform.Modules;

namespace ETown.Web.Features.FundLedgers;

/// <summary>
/// 潞城's operator keeps its 专账 and 资产台账 (issue #10 item 7). The provincial lines split 44% / 34% / 22% — inside the
/// FUND-03 bands; the prohibited-use refusal is shown by LedgerRuleTests (a refused line is never stored).
/// </summary>
public static class DemoLedgers
{
    public static void Seed(DemoSeed demo)
    {
        var town = demo.Etowns[0]; // 潞城
        var op = demo.Db.Organisations.Local.First(o => o.Kind == OrganisationKind.Operator && o.RegionCode == town.CountyCode);
        LedgerExpense Line(string date, FundSource source, FundCategory c, int item, decimal wan, string invoice, string payee, string text, string purpose) => new()
        {
            EtownId = town.Id, CountyCode = town.CountyCode, OperatorOrganisationId = op.Id, Date = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            FundSource = source, Category = c, ItemNo = item, AmountWan = wan, InvoiceNumber = invoice, Payee = payee, Description = text, PurposeCode = purpose,
            Source = LedgerEntrySource.Manual, EnteredBy = "潞城运营公司 马经理",
        };
        var line = Line("2023-03-15", FundSource.Provincial, FundCategory.LeadingIndustry, 3, 120.00m, "14002312345678", "山西晋东农机装备有限公司", "大葱切段清洗包装网货化生产线一条", "EQUIP");
        var brand = Line("2023-04-20", FundSource.Provincial, FundCategory.LeadingIndustry, 5, 100.00m, "14002312345701", "长治市创意品牌设计有限公司", "“潞城大葱”区域公共品牌设计、注册与推广", "PROMO");
        var live = Line("2023-05-10", FundSource.Provincial, FundCategory.EcommerceElements, 9, 90.00m, "14002312345733", "太原市云播科技有限公司", "直播基地直播间设备及装修改造", "EQUIP");
        var training = Line("2023-06-08", FundSource.Provincial, FundCategory.EcommerceElements, 12, 80.00m, "14002312345790", "长治电商职业培训学校", "电商人才培训（累计 1000 人次）", "TRAINING");
        var cold = Line("2023-07-12", FundSource.Provincial, FundCategory.SupportingServices, 20, 110.00m, "14002312345812", "山西冷链工程有限公司", "预冷仓储中心冷库改造", "WORKS");
        var sorting = Line("2023-07-20", FundSource.CountyMatching, FundCategory.SupportingServices, 22, 60.00m, "14002312345856", "长治市物流设备有限公司", "快递中转站分拣设备", "LOGISTICS");
        demo.Db.AddRange(line, brand, live, training, cold, sorting);
        LedgerAsset Asset(string name, string where, decimal wan, string on, LedgerExpense paid, string note) => new()
        {
            EtownId = town.Id, CountyCode = town.CountyCode, OperatorOrganisationId = op.Id, Name = name, Location = where, ValueWan = wan,
            AcquiredOn = DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), Ownership = AssetOwnership.State, OpenShared = true, ServiceNote = note, ExpenseId = paid.Id,
        };
        demo.Db.AddRange(
            Asset("大葱切段清洗包装生产线", "潞华街道网货供应中心一层", 120.00m, "2023-03-20", line, "向区内合作社开放代加工，按公示标准收费"),
            Asset("直播间设备（8 间）", "潞城区电商公共服务中心三层直播基地", 90.00m, "2023-05-15", live, "免费向区内市场主体开放预约"),
            Asset("预冷冷库（500 m³）", "潞华街道物流仓储分拣中心", 110.00m, "2023-07-30", cold, "共同配送，向区内快递和合作社开放"));
    }
}
