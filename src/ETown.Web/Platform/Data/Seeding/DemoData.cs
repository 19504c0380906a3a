using ETown.Web.Features.Etowns;
using ETown.Web.Features.Organisations;
using ETown.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using ETown.Web.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Data.Seeding;

/// <summary>
/// Demo organisations, accounts and the seven e-towns of the source documents (L, K, Y, S).
/// Runs once, on an empty database, when <c>Demo:Enabled</c> is true (the default of the run command).
/// </summary>
public static class DemoData
{
    public const string Password = "Etown@2026";

    public sealed record Account(string UserName, string DisplayName, string Organisation, string Role, string? TotpKey = null);

    // Base32 TOTP keys for the admin accounts, printed at start so a person can add them to an authenticator app.
    public const string SysAdminKey = "ETOWNSYSADMINDEMOKEY234567ABCDEF";
    public const string SecAdminKey = "ETOWNSECADMINDEMOKEY234567ABCDEF";
    public const string AuditAdminKey = "ETOWNAUDITADMINDEMOKEY234567ABCD";

    public static readonly IReadOnlyList<Account> Accounts =
    [
        new("province", "省商务厅 王处长", "山西省商务厅", BuiltInRoles.ProvinceOfficer),
        new("changzhi", "长治市商务局 李科长", "长治市商务局", BuiltInRoles.CityOfficer),
        new("shuozhou", "朔州市商务局 赵科长", "朔州市商务局", BuiltInRoles.CityOfficer),
        new("shuozhoutj", "朔州市商务局 统计信息联络员 钱", "朔州市商务局", BuiltInRoles.CityStatisticsLiaison),
        new("lucheng", "潞城区e镇办 张主任", "长治市潞城区乡村e镇工作领导小组办公室", BuiltInRoles.CountyOfficer),
        new("kelan", "岢岚县e镇办 刘主任", "岢岚县乡村e镇工作领导小组办公室", BuiltInRoles.CountyOfficer),
        new("linyi", "临猗县e镇办 陈主任", "临猗县乡村e镇工作领导小组办公室", BuiltInRoles.CountyOfficer),
        new("shanyin", "山阴县e镇办 周主任", "山阴县乡村e镇工作领导小组办公室", BuiltInRoles.CountyOfficer),
        new("yingxian", "应县e镇办 吴主任", "应县乡村e镇工作领导小组办公室", BuiltInRoles.CountyOfficer),
        new("huairen", "怀仁市e镇办 郑主任", "怀仁市乡村e镇工作领导小组办公室", BuiltInRoles.CountyOfficer),
        new("youyu", "右玉县e镇办 孙主任", "右玉县乡村e镇工作领导小组办公室", BuiltInRoles.CountyOfficer),
        new("operator", "潞城运营公司 马经理", "长治市潞城区乡村e镇运营有限公司（演示）", BuiltInRoles.Operator),
        new("thirdparty", "会计师事务所 何审计师", "朔州晋信会计师事务所（演示）", BuiltInRoles.ThirdParty),
        new("entity", "大葱合作社 杨理事长", "潞城区绿源大葱专业合作社（演示）", BuiltInRoles.MarketEntity),
        new("discipline", "长治市纪委监委 冯干部", "长治市纪委监委驻市商务局纪检监察组（演示）", BuiltInRoles.Discipline),
        new("expert1", "评审专家 高教授", "山西省乡村e镇评审专家库（演示）", BuiltInRoles.Expert),
        new("expert2", "评审专家 林研究员", "山西省乡村e镇评审专家库（演示）", BuiltInRoles.Expert),
        new("sysadmin", "平台系统管理员", "山西省乡村e镇平台运维中心", BuiltInRoles.SystemAdmin, SysAdminKey),
        new("secadmin", "平台安全管理员", "山西省乡村e镇平台运维中心", BuiltInRoles.SecurityAdmin, SecAdminKey),
        new("auditadmin", "平台审计管理员", "山西省乡村e镇平台运维中心", BuiltInRoles.AuditAdmin, AuditAdminKey),
    ];

    static readonly (string Name, OrganisationKind Kind, string Region, string? Credit)[] Organisations =
    [
        ("山西省商务厅", OrganisationKind.ProvinceCommerce, "140000", null),
        ("山西省财政厅", OrganisationKind.ProvinceFinance, "140000", null),
        ("山西省乡村振兴局", OrganisationKind.ProvinceRevitalisation, "140000", null),
        ("山西省乡村e镇平台运维中心", OrganisationKind.PlatformAdministration, "140000", null),
        ("长治市商务局", OrganisationKind.CityBureau, "140400", null),
        ("朔州市商务局", OrganisationKind.CityBureau, "140600", null),
        ("运城市商务局", OrganisationKind.CityBureau, "140800", null),
        ("忻州市商务局", OrganisationKind.CityBureau, "140900", null),
        ("长治市潞城区乡村e镇工作领导小组办公室", OrganisationKind.CountyEtownOffice, "140406", null),
        ("岢岚县乡村e镇工作领导小组办公室", OrganisationKind.CountyEtownOffice, "140929", null),
        ("临猗县乡村e镇工作领导小组办公室", OrganisationKind.CountyEtownOffice, "140821", null),
        ("山阴县乡村e镇工作领导小组办公室", OrganisationKind.CountyEtownOffice, "140621", null),
        ("应县乡村e镇工作领导小组办公室", OrganisationKind.CountyEtownOffice, "140622", null),
        ("怀仁市乡村e镇工作领导小组办公室", OrganisationKind.CountyEtownOffice, "140681", null),
        ("右玉县乡村e镇工作领导小组办公室", OrganisationKind.CountyEtownOffice, "140623", null),
        ("长治市潞城区乡村e镇运营有限公司（演示）", OrganisationKind.Operator, "140406", "91140406MA0L000000"),
        ("朔州晋信会计师事务所（演示）", OrganisationKind.ThirdParty, "140600", "91140600MA0L000011"),
        ("潞城区绿源大葱专业合作社（演示）", OrganisationKind.MarketEntity, "140406", "93140406MA0L000022"),
        ("长治市纪委监委驻市商务局纪检监察组（演示）", OrganisationKind.DisciplineAudit, "140400", null),
        // Experts sit in a third-party pool: assignment-scoped, so they see only the declarations given to them.
        ("山西省乡村e镇评审专家库（演示）", OrganisationKind.ThirdParty, "140000", null),
    ];

    public static async Task SeedAsync(EtownDbContext ctx, ModuleCatalog modules, IServiceProvider services, CancellationToken ct = default)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        if (await ctx.Organisations.IgnoreQueryFilters().AnyAsync(ct)) return;

        var orgs = Organisations.ToDictionary(o => o.Name, o => new Organisation
        {
            Name = o.Name, Kind = o.Kind, RegionCode = o.Region,
            CreditCode = o.Credit is null ? null : CreditCode.WithCheck(o.Credit[..17]),
        });
        ctx.Organisations.AddRange(orgs.Values);

        // The seven e-towns of the source documents with the figures they give.
        var lucheng = Town("长治市潞城区乡村e镇", "140406", 4.8m, "大葱", "大葱及其加工品",
            "山西省长治市潞城区潞华街道：东至中村，南至山底村，西至南凹村，北至熬脑村", EtownStatus.UnderConstruction, true,
            "山西省长治市潞城区潞华街道");
        var kelan = Town("岢岚县乡村e镇", "140929", 4.96m, "沙棘、红芸豆、柏籽羊", "沙棘、红芸豆、柏籽羊",
            "岢岚县城建成区至经济技术开发区连片区域：东至宜阳路、花果山，南至岚漪大道，西至工业园区玻棉厂，北至铁楼沟山山脚、广惠园社区",
            EtownStatus.UnderConstruction, true, null);
        var linyi = Town("临猗新城涑水e镇", "140821", 1.74m, "生鲜水果、农产品加工", "生鲜水果",
            "沿涑水河东至临猗县电商公共服务中心、西至临猗智创产业园；沿华晋大道南至鑫得利纺织公司、北至南风百货",
            EtownStatus.UnderConstruction, true, null);
        var shanyin = Town("山阴县古城乡村e镇", "140621", null, null, null, null, EtownStatus.Listed, false, null);
        var yingxian = Town("应县木塔鲜生乡村e镇", "140622", null, "蔬菜", "蔬菜", null, EtownStatus.Listed, false, null);
        var huairen = Town("怀仁市陶瓷e镇", "140681", null, "陶瓷", "陶瓷", null, EtownStatus.Listed, true, null);
        var youyu = Town("右玉县西口e镇", "140623", null, null, null, null, EtownStatus.Listed, false, null);
        ctx.Etowns.AddRange(lucheng, kelan, linyi, shanyin, yingxian, huairen, youyu);
        var calendar = new Calendar.WorkingCalendar();
        calendar.Load(await ctx.CalendarDays.AsNoTracking().ToListAsync(ct));
        // Each module adds its demo rows (declarations, plans, standards, statistics …); all are saved together below.
        var demo = new DemoSeed(ctx, [lucheng, kelan, linyi, shanyin, yingxian, huairen, youyu],
            clock, calendar, services);
        foreach (var module in modules.Modules) await module.SeedDemoAsync(demo, ct);

        ctx.EtownAssignments.AddRange(
            new EtownAssignment { OrganisationId = orgs["长治市潞城区乡村e镇运营有限公司（演示）"].Id, EtownId = lucheng.Id, Kind = AssignmentKind.Operator },
            new EtownAssignment { OrganisationId = orgs["朔州晋信会计师事务所（演示）"].Id, EtownId = yingxian.Id, Kind = AssignmentKind.Commissioned },
            new EtownAssignment { OrganisationId = orgs["潞城区绿源大葱专业合作社（演示）"].Id, EtownId = lucheng.Id, Kind = AssignmentKind.MarketEntity });
        await ctx.SaveChangesAsync(ct);

        var users = services.GetRequiredService<UserManager<AppUser>>();
        foreach (var a in Accounts)
        {
            var user = new AppUser
            {
                UserName = a.UserName, DisplayName = a.DisplayName, OrganisationId = orgs[a.Organisation].Id,
                CreatedAt = now, LockoutEnabled = true, EmailConfirmed = true,
                PhoneNumber = "1380351" + (1000 + Accounts.ToList().IndexOf(a)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            Check(await users.CreateAsync(user, Password), a.UserName);
            Check(await users.AddToRoleAsync(user, a.Role), a.UserName);
            if (a.TotpKey is not null)
            {
                Check(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", a.TotpKey), a.UserName);
                Check(await users.SetTwoFactorEnabledAsync(user, true), a.UserName);
            }
        }
    }

    static Etown Town(string name, string county, decimal? area, string? industries, string? products, string? boundary,
        EtownStatus status, bool published, string? address)
    {
        var e = new Etown
        {
            Name = name, CountyCode = county, PlannedAreaKm2 = area, LeadingIndustries = industries, FeaturedProducts = products,
            BoundaryText = boundary, IsPublished = published, BatchYear = 2022, Address = address,
        };
        e.SetStatusForSeed(status);
        return e;
    }

    static void Check(IdentityResult r, string who)
    {
        if (!r.Succeeded) throw new InvalidOperationException($"demo account {who}: " + string.Join("; ", r.Errors.Select(e => e.Description)));
    }
}
