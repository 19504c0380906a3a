using System.IO.Compression;
using System.Net;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using ETown.Web.Platform.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Integration;

/// <summary>
/// Issue #2 §5: the authorization matrix. Every endpoint of the running app (API, health, OpenAPI,
/// account, Blazor pages, framework) must have a row here — a new endpoint fails
/// <see cref="EveryEndpoint_HasAMatrixEntry"/> until someone decides who may call it. Rows say which
/// demo accounts (and "anonymous") are allowed; everyone else must get 401 (anonymous) or 403,
/// and per-object/list endpoints are checked against each account's data scope.
/// </summary>
public class AuthorizationMatrixTests(DemoApps apps) : IClassFixture<DemoApps>
{
    // ------------------------------------------------------------------ who is who

    public const string Anonymous = "anonymous";
    static readonly string[] Counties = ["lucheng", "kelan", "linyi", "shanyin", "yingxian", "huairen", "youyu"];
    static readonly string[] Cities = ["changzhi", "shuozhou"];
    static readonly string[] Accounts =
        ["province", .. Cities, "shuozhoutj", .. Counties, "operator", "thirdparty", "entity", "discipline", "expert1", "expert2", "sysadmin", "secadmin", "auditadmin"];
    static readonly string[] Callers = [.. Accounts, Anonymous];

    /// <summary>Groups usable in the Allowed column.</summary>
    static string[] Expand(string allowed) => allowed.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(t => t switch
    {
        "@everyone" => Callers,
        "@signed-in" => Accounts,
        "@counties" => Counties,
        "@cities" => Cities,
        "@etown-readers" => [.. Accounts.Except(["sysadmin", "secadmin", "auditadmin", "expert1", "expert2"]), Anonymous],
        "@decl-readers" => ["province", .. Cities, .. Counties, "expert1", "expert2"],
        "@experts" => ["expert1", "expert2"],
        "@eligibility-checkers" => ["province", .. Cities, .. Counties, "operator"],
        "@org-readers" => ["province", .. Cities, .. Counties, "discipline", "sysadmin"],
        "@user-readers" => ["province", .. Cities, .. Counties, "sysadmin", "secadmin"],
        "@registry-writers" => ["province", .. Counties],
        "@plan-readers" => ["province", .. Cities, .. Counties],
        "@key-holders" => [.. Counties, "operator"],
        "@std-readers" => ["province", .. Cities, .. Counties, "operator"],
        "@std-managers" => ["province", .. Cities],
        "@evidence-submitters" => [.. Counties, "operator"],
        "@stat-readers" => ["province", .. Cities, "shuozhoutj", .. Counties, "operator"],
        "@stat-enterers" => [.. Counties, "operator", "shuozhoutj"],
        _ => [t],
    }).Distinct().ToArray();

    // The seven demo e-towns (DemoData) and who may see them (issue #2 §5).
    const string L = "长治市潞城区乡村e镇", K = "岢岚县乡村e镇", Y = "临猗新城涑水e镇", SY = "山阴县古城乡村e镇",
        YX = "应县木塔鲜生乡村e镇", HR = "怀仁市陶瓷e镇", YY = "右玉县西口e镇";
    static readonly string[] AllTowns = [L, K, Y, SY, YX, HR, YY];

    static readonly Dictionary<string, string[]> VisibleEtowns = new()
    {
        ["province"] = AllTowns,
        ["changzhi"] = [L], ["shuozhou"] = [SY, YX, HR, YY], ["shuozhoutj"] = [SY, YX, HR, YY],
        ["lucheng"] = [L], ["kelan"] = [K], ["linyi"] = [Y], ["shanyin"] = [SY], ["yingxian"] = [YX], ["huairen"] = [HR], ["youyu"] = [YY],
        ["operator"] = [L], ["thirdparty"] = [YX], ["entity"] = [L],
        ["discipline"] = [L], // 长治市纪委监委: region 1404
        [Anonymous] = [L, K, Y, HR], // published ones only
    };

    /// <summary>Region prefix of each account's organisation scope (organisations and users); "" = whole province.</summary>
    static readonly Dictionary<string, string> RegionScope = new()
    {
        ["province"] = "", ["changzhi"] = "1404", ["shuozhou"] = "1406", ["shuozhoutj"] = "1406",
        ["lucheng"] = "140406", ["kelan"] = "140929", ["linyi"] = "140821", ["shanyin"] = "140621",
        ["yingxian"] = "140622", ["huairen"] = "140681", ["youyu"] = "140623",
        ["discipline"] = "1404", ["sysadmin"] = "", ["secadmin"] = "", ["auditadmin"] = "",
    };

    // ------------------------------------------------------------------ the matrix

    public enum Probe { Get, EtownList, EtownItem, Export, OrgList, OrgItem, UserList, UserItem, DeclarationList, DeclarationItem, Write, Page, Framework, Elsewhere }

    /// <summary>One row: who is allowed, how it is probed, and (for writes) a request body.</summary>
    public sealed record Row(string Allowed, Probe Probe, string? Url = null, object? Body = null, string? Note = null, bool IsDenialPage = false,
        PageScope Scope = PageScope.None);

    /// <summary>How a page's content is checked against the caller's data scope.</summary>
    public enum PageScope
    {
        None,
        /// <summary>Per e-town page: shows the e-town exactly when the caller may see it.</summary>
        Etown,
        /// <summary>List page: names only e-towns in the caller's scope.</summary>
        EtownList,
        /// <summary>Public page: anonymous sees exactly the published ones; nobody sees an unpublished e-town outside their own scope.</summary>
        Public,
        PublicList,
    }

    static readonly object EtownBody = new { name = "矩阵测试e镇", countyCode = "140406", plannedAreaKm2 = 1.2m };

    public static readonly Dictionary<string, Row> Matrix = new()
    {
        // Operations and documentation
        ["GET /healthz"] = new("@everyone", Probe.Get),
        ["GET /openapi/{documentName}.json"] = new("@everyone", Probe.Get, "/openapi/v1.json"),
        // The API reference (issue #15 item 4): public like the OpenAPI document it shows.
        ["GET /api/reference/{documentName?}"] = new("@everyone", Probe.Get, "/api/reference/v1"),
        ["GET /api/reference/favicon.svg"] = new("@everyone", Probe.Get),
        ["GET /api/reference/scalar.aspnetcore.js"] = new("@everyone", Probe.Get),
        ["GET /api/reference/scalar.js"] = new("@everyone", Probe.Get),
        // Sign-in (behaviour in SecurityTests)
        ["POST /api/v1/auth/login"] = new("@everyone", Probe.Elsewhere, Note: "SecurityTests"),
        ["POST /api/v1/auth/logout"] = new("@signed-in", Probe.Write, Note: "allowed callers are not called: it would end the shared session"),
        ["POST /account/logout"] = new("@everyone", Probe.Elsewhere, Note: "form post with antiforgery token; E2E"),
        ["GET /api/v1/me"] = new("@everyone", Probe.Get),
        // Reference data
        ["GET /api/v1/regions/"] = new("@everyone", Probe.Get),
        ["PUT /api/v1/regions/{code}"] = new("province", Probe.Write, "/api/v1/regions/140406", new { countyClass = "Advancing", isNationalDemoCounty = true }),
        ["GET /api/v1/calendar/{year:int}"] = new("@everyone", Probe.Get, "/api/v1/calendar/2025"),
        ["GET /api/v1/calendar/deadline"] = new("@everyone", Probe.Get, "/api/v1/calendar/deadline?start=2025-09-30&workingDays=5"),
        ["PUT /api/v1/calendar/{date}"] = new("sysadmin", Probe.Write, "/api/v1/calendar/2030-01-05", new { date = "2030-01-05", kind = "Workday", name = "测试", source = (string?)null }),
        ["DELETE /api/v1/calendar/{date}"] = new("sysadmin", Probe.Write, "/api/v1/calendar/2025-10-01"),
        // Security administration (三权分立)
        ["GET /api/v1/permissions"] = new("secadmin", Probe.Get),
        ["GET /api/v1/roles"] = new("secadmin", Probe.Get),
        ["POST /api/v1/roles"] = new("secadmin", Probe.Write, Body: new { name = "矩阵测试角色", description = "x" }),
        ["PUT /api/v1/roles/{id:guid}/permissions"] = new("secadmin", Probe.Write, "/api/v1/roles/{role}/permissions", new { permissions = new[] { "Registry.Etown.Read" }, requiresTwoFactor = false }),
        // Audit
        ["GET /api/v1/audit-records"] = new("auditadmin", Probe.Get),
        ["POST /api/v1/audit-records/verification"] = new("auditadmin", Probe.Write),
        ["GET /api/v1/login-events"] = new("auditadmin", Probe.Get),
        // System settings
        ["GET /api/v1/settings/"] = new("sysadmin", Probe.Get),
        ["PUT /api/v1/settings/{key}"] = new("sysadmin", Probe.Write, "/api/v1/settings/site.name", new { value = "x" }),
        // E-town registry (issue #2 §8)
        ["GET /api/v1/etowns/"] = new("@etown-readers", Probe.EtownList),
        ["GET /api/v1/etowns/{id:guid}"] = new("@etown-readers", Probe.EtownItem),
        ["GET /api/v1/etowns/export.xlsx"] = new("@etown-readers -anonymous", Probe.Export),
        ["POST /api/v1/etowns/"] = new("@registry-writers", Probe.Write, Body: EtownBody),
        ["PUT /api/v1/etowns/{id:guid}"] = new("@registry-writers", Probe.Write, "/api/v1/etowns/{lucheng-etown}", EtownBody),
        // Issue #17 finding 0: 已验收 only through acceptance, so no county may set it (refused before the lookup); the province may correct with a reason (SecurityFindingTests).
        ["POST /api/v1/etowns/{id:guid}/status"] = new("province", Probe.Write, "/api/v1/etowns/{lucheng-etown}/status", new { status = "Accepted" }),
        ["POST /api/v1/etowns/{id:guid}/publication"] = new("@registry-writers", Probe.Write, "/api/v1/etowns/{lucheng-etown}/publication", new { published = false }),
        ["POST /api/v1/etowns/{id:guid}/assignments"] = new("@registry-writers", Probe.Write, "/api/v1/etowns/{lucheng-etown}/assignments", new { organisationId = Guid.NewGuid(), kind = "Operator" }),
        ["DELETE /api/v1/etowns/{id:guid}/assignments/{assignmentId:guid}"] = new("@registry-writers", Probe.Write, "/api/v1/etowns/{lucheng-etown}/assignments/" + Guid.NewGuid()),
        // Organisations, users, API keys
        ["GET /api/v1/organisations/"] = new("@org-readers", Probe.OrgList),
        ["GET /api/v1/organisations/{id:guid}"] = new("@org-readers", Probe.OrgItem),
        ["POST /api/v1/organisations/"] = new("sysadmin", Probe.Write, Body: new { name = "矩阵测试单位", kind = "CountyDepartment", regionCode = "140406" }),
        ["PUT /api/v1/organisations/{id:guid}"] = new("sysadmin", Probe.Write, "/api/v1/organisations/{lucheng-org}", new { name = "改名", kind = "CountyEtownOffice", regionCode = "140406", isActive = true }),
        ["GET /api/v1/users/"] = new("@user-readers", Probe.UserList),
        ["GET /api/v1/users/{id:guid}"] = new("@user-readers", Probe.UserItem),
        ["POST /api/v1/users/"] = new("sysadmin", Probe.Write, Body: new { userName = "matrix", displayName = "矩阵", organisationId = Guid.Empty, password = "Matrix@2026" }),
        ["PUT /api/v1/users/{id:guid}"] = new("sysadmin", Probe.Write, "/api/v1/users/{lucheng-user}", new { userName = "lucheng", displayName = "改名", organisationId = Guid.Empty, isActive = false }),
        ["PUT /api/v1/users/{id:guid}/roles"] = new("sysadmin secadmin", Probe.Write, "/api/v1/users/{lucheng-user}/roles", new { roles = new[] { "省级业务管理员" } }),
        ["POST /api/v1/users/{id:guid}/unlock"] = new("sysadmin", Probe.Write, "/api/v1/users/{lucheng-user}/unlock"),
        ["POST /api/v1/users/{id:guid}/reveal-phone"] = new("secadmin", Probe.Write, "/api/v1/users/{lucheng-user}/reveal-phone"),
        ["GET /api/v1/api-keys/"] = new("@key-holders", Probe.Get),
        ["POST /api/v1/api-keys/"] = new("@key-holders", Probe.Write, Body: new { name = "矩阵", role = "县级业务管理员" }),
        ["DELETE /api/v1/api-keys/{id:guid}"] = new("@key-holders", Probe.Write, "/api/v1/api-keys/" + Guid.NewGuid()),

        // Blazor pages: PAGE route → who may open it. Add a row for every new page.
        ["PAGE /"] = new("@signed-in", Probe.Page),
        ["PAGE /not-found"] = new("@everyone", Probe.Page),
        ["PAGE /account/login"] = new("@everyone", Probe.Page),
        ["PAGE /account/login-2fa"] = new("@everyone", Probe.Page),
        ["PAGE /account/enrol-2fa"] = new("@everyone", Probe.Page),
        ["PAGE /account/access-denied"] = new("@everyone", Probe.Page, IsDenialPage: true), // shows the forbidden marker by design
        ["PAGE /me/security"] = new("@signed-in", Probe.Page),
        ["PAGE /reference/regions"] = new("@signed-in", Probe.Page),
        ["PAGE /reference/calendar"] = new("@signed-in", Probe.Page),
        ["PAGE /admin/settings"] = new("sysadmin", Probe.Page),
        ["PAGE /admin/api-keys"] = new("@key-holders", Probe.Page),
        ["PAGE /admin/users"] = new("@user-readers", Probe.Page),
        ["PAGE /admin/organisations"] = new("@org-readers", Probe.Page),
        ["PAGE /admin/roles"] = new("secadmin", Probe.Page),
        ["PAGE /audit/logins"] = new("auditadmin", Probe.Page),
        ["PAGE /audit/log"] = new("auditadmin", Probe.Page),
        ["PAGE /etowns"] = new("@etown-readers -anonymous", Probe.Page, Scope: PageScope.EtownList),
        ["PAGE /etowns/new"] = new("@registry-writers", Probe.Page),
        // "{etown}" pages are opened for each of the seven e-towns and checked against the caller's scope.
        ["PAGE /etowns/{Id:guid}"] = new("@etown-readers -anonymous", Probe.Page, "/etowns/{etown}", Scope: PageScope.Etown),
        ["PAGE /etowns/{Id:guid}/edit"] = new("@registry-writers", Probe.Page, "/etowns/{etown}/edit", Scope: PageScope.Etown),
        ["PAGE /public/etowns"] = new("@everyone", Probe.Page, Scope: PageScope.PublicList),
        ["PAGE /public/etowns/{Id:guid}"] = new("@everyone", Probe.Page, "/public/etowns/{etown}", Scope: PageScope.Public),

        // Declarations and review (issue #3, DECL-07): drafts only for their county; reviewers by role and scope.
        ["GET /api/v1/declarations/"] = new("@decl-readers", Probe.DeclarationList),
        ["GET /api/v1/declarations/{id:guid}"] = new("@decl-readers", Probe.DeclarationItem),
        ["POST /api/v1/declarations/"] = new("@counties", Probe.Write, Body: new { countyCode = "140406", projectName = "矩阵测试申报" }),
        ["PUT /api/v1/declarations/{id:guid}"] = new("@counties", Probe.Write, "/api/v1/declarations/{kelan-draft}", new { countyCode = "140929", projectName = "改名" }),
        ["POST /api/v1/declarations/{id:guid}/submit"] = new("@counties", Probe.Write, "/api/v1/declarations/{kelan-draft}/submit"),
        ["POST /api/v1/declarations/{id:guid}/materials/{kind}"] = new("@decl-readers", Probe.Write, "/api/v1/declarations/{kelan-draft}/materials/CommitmentLetter", Note: "service decides county vs city; DeclarationWorkflowTests"),
        ["GET /api/v1/declarations/{id:guid}/materials/{materialId:guid}"] = new("@decl-readers", Probe.Elsewhere, Note: "DeclarationWorkflowTests.Materials_*"),
        ["DELETE /api/v1/declarations/{id:guid}/materials/{materialId:guid}"] = new("@counties", Probe.Write, "/api/v1/declarations/{kelan-draft}/materials/" + Guid.NewGuid()),
        ["POST /api/v1/declarations/{id:guid}/recommend"] = new("@cities", Probe.Write, "/api/v1/declarations/{youyu-submitted}/recommend", new { opinion = "同意" }),
        ["POST /api/v1/declarations/{id:guid}/return"] = new("@cities", Probe.Write, "/api/v1/declarations/{youyu-submitted}/return", new { reason = "补充" }),
        ["POST /api/v1/declarations/{id:guid}/experts"] = new("province", Probe.Write, "/api/v1/declarations/{youyu-submitted}/experts", new { expertUserIds = new[] { Guid.NewGuid() } }),
        ["POST /api/v1/declarations/{id:guid}/scores"] = new("@experts", Probe.Write, "/api/v1/declarations/{youyu-submitted}/scores", new { scores = new Dictionary<string, decimal>(), comment = "" }),
        ["POST /api/v1/declarations/{id:guid}/decision"] = new("province", Probe.Write, "/api/v1/declarations/{youyu-submitted}/decision", new { list = false, note = "x" }),
        ["POST /api/v1/declarations/{id:guid}/objections"] = new("province", Probe.Write, "/api/v1/declarations/{youyu-submitted}/objections", new { text = "x" }),
        ["POST /api/v1/declarations/{id:guid}/objections/{objectionId:guid}/resolution"] = new("province", Probe.Write, "/api/v1/declarations/{youyu-submitted}/objections/" + Guid.NewGuid() + "/resolution", new { sustained = false, resolution = "x" }),
        ["GET /api/v1/declaration-rounds/{year:int}"] = new("@decl-readers", Probe.Get, "/api/v1/declaration-rounds/2022"),
        ["PUT /api/v1/declaration-rounds/{year:int}"] = new("province", Probe.Write, "/api/v1/declaration-rounds/2031", new { opensOn = "2031-04-01", closesOn = "2031-05-10", noticeWorkingDays = 5 }),
        ["GET /api/v1/declaration-rounds/{year:int}/ranking"] = new("province", Probe.Get, "/api/v1/declaration-rounds/2022/ranking"),
        ["PAGE /declarations/rule-sets"] = new("@eligibility-checkers", Probe.Page),
        ["GET /api/v1/declaration-rounds/{year:int}/overview"] = new("@decl-readers", Probe.Get, "/api/v1/declaration-rounds/2022/overview"),
        ["GET /api/v1/declaration-rounds/{year:int}/experts"] = new("province", Probe.Get, "/api/v1/declaration-rounds/2022/experts"),
        ["POST /api/v1/declaration-rounds/{year:int}/notice"] = new("province", Probe.Write, "/api/v1/declaration-rounds/2031/notice", new { startsOn = "2031-07-01" }),
        ["POST /api/v1/declaration-rounds/{year:int}/finalise"] = new("province", Probe.Write, "/api/v1/declaration-rounds/2031/finalise"),
        ["GET /api/v1/declarations/{id:guid}/document.docx"] = new("@decl-readers", Probe.DeclarationItem, "/api/v1/declarations/{declaration}/document.docx"),
        ["GET /api/v1/declarations/{id:guid}/form.xlsx"] = new("@decl-readers", Probe.DeclarationItem, "/api/v1/declarations/{declaration}/form.xlsx"),
        ["GET /api/v1/declarations/{id:guid}/eligibility"] = new("@decl-readers", Probe.DeclarationItem, "/api/v1/declarations/{declaration}/eligibility"),
        ["GET /api/v1/declarations/template.xlsx"] = new("@decl-readers", Probe.Get),
        ["POST /api/v1/declarations/{id:guid}/import"] = new("@counties", Probe.Write, "/api/v1/declarations/{kelan-draft}/import"),
        ["GET /api/v1/declaration-rounds/{year:int}/notice.docx"] = new("province", Probe.Get, "/api/v1/declaration-rounds/2022/notice.docx"),
        // Eligibility engine (DECL-02…06 as versioned rule sets)
        ["POST /api/v1/declarations/eligibility-check"] = new("@eligibility-checkers", Probe.Write, Body: new { countyCode = "140406", projectName = "矩阵" }),
        ["GET /api/v1/eligibility-rule-sets/"] = new("@eligibility-checkers", Probe.Get),
        ["GET /api/v1/eligibility-rule-sets/{code}"] = new("@eligibility-checkers", Probe.Get, "/api/v1/eligibility-rule-sets/SX-2022"),
        ["POST /api/v1/eligibility-rule-sets/{code}/derive"] = new("province @cities", Probe.Write, "/api/v1/eligibility-rule-sets/SX-2022/derive", new { code = "MATRIX", name = "矩阵", cityCode = "140400" }),
        ["PUT /api/v1/eligibility-rule-sets/{code}/thresholds"] = new("province @cities", Probe.Write, "/api/v1/eligibility-rule-sets/SX-2022/thresholds", new { }),
        ["POST /api/v1/eligibility-rule-sets/{code}/adopt"] = new("province @cities", Probe.Write, "/api/v1/eligibility-rule-sets/SX-2022/adopt"),
        ["PAGE /declarations"] = new("@decl-readers", Probe.Page),
        ["PAGE /declarations/new"] = new("@counties", Probe.Page, Note: "other declaration readers see the forbidden marker"),
        ["PAGE /declarations/{Id:guid}"] = new("@decl-readers", Probe.Elsewhere, Note: "DeclarationWorkflowTests.DeclarationPage_*"),
        ["PAGE /declarations/review/{Year:int}"] = new("province", Probe.Page, "/declarations/review/2022"),
        // Cultivation plan and budget (PLAN-01…04, FUND-03): counties write their own, city and province read, province reopens.
        ["GET /api/v1/etowns/{id:guid}/plan"] = new("@plan-readers", Probe.EtownItem, "/api/v1/etowns/{etown}/plan"),
        ["PUT /api/v1/etowns/{id:guid}/plan"] = new("@counties", Probe.Write, "/api/v1/etowns/{lucheng-etown}/plan", new { standardVersion = "SX-2022", content = new { } }),
        ["POST /api/v1/etowns/{id:guid}/plan/submit"] = new("@counties", Probe.Write, "/api/v1/etowns/{lucheng-etown}/plan/submit"),
        ["POST /api/v1/etowns/{id:guid}/plan/reopen"] = new("province", Probe.Write, "/api/v1/etowns/{lucheng-etown}/plan/reopen", new { reason = "矩阵" }),
        ["GET /api/v1/etowns/{id:guid}/plan/budget"] = new("@plan-readers", Probe.EtownItem, "/api/v1/etowns/{etown}/plan/budget"),
        ["PUT /api/v1/etowns/{id:guid}/plan/budget"] = new("@counties", Probe.Write, "/api/v1/etowns/{lucheng-etown}/plan/budget", new { allocationYuan = 1m, lines = Array.Empty<object>() }),
        ["GET /api/v1/etowns/{id:guid}/plan.docx"] = new("@plan-readers", Probe.EtownItem, "/api/v1/etowns/{etown}/plan.docx"),
        ["GET /api/v1/etowns/{id:guid}/budget.xlsx"] = new("@plan-readers", Probe.EtownItem, "/api/v1/etowns/{etown}/budget.xlsx"),
        ["PAGE /etowns/{Id:guid}/plan"] = new("@plan-readers", Probe.Page, "/etowns/{etown}/plan", Scope: PageScope.Etown),

        // Construction standard, figures, evidence and compliance (issue #5)
        ["GET /api/v1/standards/"] = new("@std-readers", Probe.Get),
        ["GET /api/v1/standards/{code}"] = new("@std-readers", Probe.Get, "/api/v1/standards/SX-2022"),
        ["POST /api/v1/standards/{code}/derive"] = new("@std-managers", Probe.Write, "/api/v1/standards/SX-2022/derive", new { code = "MATRIX", name = "矩阵", regionCode = "140400" }),
        ["PUT /api/v1/standards/{code}/items/{number:int}"] = new("@std-managers", Probe.Write, "/api/v1/standards/SX-2022/items/23", new { standardText = "x" }),
        ["POST /api/v1/standards/{code}/adopt"] = new("@std-managers", Probe.Write, "/api/v1/standards/SX-2022/adopt"),
        ["GET /api/v1/etowns/{id:guid}/figures"] = new("@std-readers", Probe.EtownItem, "/api/v1/etowns/{etown}/figures"),
        ["PUT /api/v1/etowns/{id:guid}/figures"] = new("@counties", Probe.Write, "/api/v1/etowns/{lucheng-etown}/figures", new { figures = new[] { new { year = 2025, indicator = "online_retail_wan", value = 1m } } }),
        ["GET /api/v1/etowns/{id:guid}/evidence"] = new("@std-readers", Probe.EtownItem, "/api/v1/etowns/{etown}/evidence"),
        ["POST /api/v1/etowns/{id:guid}/evidence"] = new("@evidence-submitters", Probe.Write, "/api/v1/etowns/{lucheng-etown}/evidence", new { itemNumber = 20, facts = new Dictionary<string, decimal> { ["area_m2"] = 1m } }),
        ["POST /api/v1/etowns/{id:guid}/evidence/{evidenceId:guid}/files"] = new("@evidence-submitters", Probe.Write, "/api/v1/etowns/{lucheng-etown}/evidence/" + Guid.NewGuid() + "/files"),
        ["GET /api/v1/etowns/{id:guid}/evidence/{evidenceId:guid}/files/{fileId:guid}"] = new("@std-readers", Probe.Elsewhere, Note: "StandardEndpointTests.EvidenceFile_*"),
        ["POST /api/v1/etowns/{id:guid}/evidence/{evidenceId:guid}/confirm"] = new("@counties", Probe.Write, "/api/v1/etowns/{lucheng-etown}/evidence/" + Guid.NewGuid() + "/confirm"),
        ["POST /api/v1/etowns/{id:guid}/evidence/{evidenceId:guid}/reject"] = new("@counties", Probe.Write, "/api/v1/etowns/{lucheng-etown}/evidence/" + Guid.NewGuid() + "/reject", new { reason = "x" }),
        ["GET /api/v1/etowns/{id:guid}/compliance"] = new("@std-readers", Probe.EtownItem, "/api/v1/etowns/{etown}/compliance"),
        ["GET /api/v1/compliance/matrix"] = new("@std-readers", Probe.EtownList, "/api/v1/compliance/matrix"),
        ["GET /api/v1/compliance/matrix.xlsx"] = new("@std-readers", Probe.Export, "/api/v1/compliance/matrix.xlsx"),
        ["PAGE /standards"] = new("@std-readers", Probe.Page),
        ["PAGE /standards/matrix"] = new("@std-readers", Probe.Page, Scope: PageScope.EtownList),
        ["PAGE /etowns/{Id:guid}/compliance"] = new("@std-readers", Probe.Page, "/etowns/{etown}/compliance", Scope: PageScope.Etown),

        // Monthly statistics (STAT-01…05): operators and counties enter, counties approve and unlock, city then province accept.
        ["GET /api/v1/statistics/indicators"] = new("@stat-readers", Probe.Get),
        ["GET /api/v1/statistics/rules"] = new("@stat-readers", Probe.Get),
        ["GET /api/v1/statistics/reports"] = new("@stat-readers", Probe.Get, "/api/v1/statistics/reports?period=2025-11", Note: "scope of the rows: StatisticsScopeTests"),
        ["GET /api/v1/statistics/etowns/{id:guid}/{period}/"] = new("@stat-readers", Probe.EtownItem, "/api/v1/statistics/etowns/{etown}/2025-11"),
        ["PUT /api/v1/statistics/etowns/{id:guid}/{period}/"] = new("@stat-enterers", Probe.Write, "/api/v1/statistics/etowns/{lucheng-etown}/2031-01", new { values = Array.Empty<object>() }),
        ["POST /api/v1/statistics/etowns/{id:guid}/{period}/submit"] = new("@stat-enterers", Probe.Write, "/api/v1/statistics/etowns/{lucheng-etown}/2031-01/submit"),
        ["POST /api/v1/statistics/reports/acceptance"] = new("province @cities", Probe.Write, "/api/v1/statistics/reports/acceptance?period=2031-01", Note: "nothing reported for 2031-01: 409 for the allowed, nothing moves; behaviour: PeriodAcceptanceTests"),
        ["POST /api/v1/statistics/etowns/{id:guid}/{period}/approve"] = new("@counties", Probe.Write, "/api/v1/statistics/etowns/{lucheng-etown}/2031-01/approve"),
        ["POST /api/v1/statistics/etowns/{id:guid}/{period}/city-acceptance"] = new("@cities", Probe.Write, "/api/v1/statistics/etowns/{lucheng-etown}/2031-01/city-acceptance"),
        ["POST /api/v1/statistics/etowns/{id:guid}/{period}/province-acceptance"] = new("province", Probe.Write, "/api/v1/statistics/etowns/{lucheng-etown}/2031-01/province-acceptance"),
        ["POST /api/v1/statistics/etowns/{id:guid}/{period}/unlock"] = new("@counties @cities province", Probe.Write, "/api/v1/statistics/etowns/{lucheng-etown}/2031-01/unlock", new { reason = "矩阵" }, Note: "each level its own step: StatisticsWorkflowTests.Unlock_*"),
        ["PAGE /statistics"] = new("@stat-readers", Probe.Page, Scope: PageScope.EtownList),
        ["PAGE /statistics/{EtownId:guid}/{Period}"] = new("@stat-readers", Probe.Page, "/statistics/{etown}/2025-11", Scope: PageScope.Etown),
        ["PUT /api/v1/statistics/values"] = new("@stat-enterers", Probe.Write, Body: new { etownId = Guid.Empty, period = "2031-01", values = Array.Empty<object>() }),
        // Derived figures, targets and the city's official growth (issue #4 item 6); figures: StatAnalyticsTests.
        ["GET /api/v1/statistics/derived"] = new("@stat-readers", Probe.Get, "/api/v1/statistics/derived?period=2025-11", Note: "rows scoped: StatAnalyticsTests"),
        ["GET /api/v1/statistics/derived.xlsx"] = new("@stat-readers", Probe.Export, "/api/v1/statistics/derived.xlsx?period=2025-11"),
        ["GET /api/v1/statistics/etowns/{id:guid}/{period}/derived"] = new("@stat-readers", Probe.EtownItem, "/api/v1/statistics/etowns/{etown}/2025-11/derived"),
        ["GET /api/v1/statistics/etowns/{id:guid}/trend"] = new("@stat-readers", Probe.EtownItem, "/api/v1/statistics/etowns/{etown}/trend?indicator=online_retail&from=2025-01&to=2025-12"),
        ["GET /api/v1/statistics/etowns/{id:guid}/targets"] = new("@stat-readers", Probe.EtownItem, "/api/v1/statistics/etowns/{etown}/targets?year=2026"),
        ["PUT /api/v1/statistics/etowns/{id:guid}/targets"] = new("province @counties", Probe.Write, "/api/v1/statistics/etowns/{lucheng-etown}/targets?year=2031", new { targets = Array.Empty<object>() }),
        ["GET /api/v1/statistics/city-figures"] = new("@stat-readers", Probe.Get, "/api/v1/statistics/city-figures?cityCode=140400&period=2025-11"),
        ["PUT /api/v1/statistics/city-figures"] = new("province @cities", Probe.Write, Body: new { cityCode = "140400", period = "2031-01", growthPercent = (decimal?)null }),
        ["PAGE /statistics/analysis"] = new("@stat-readers", Probe.Page, Scope: PageScope.EtownList),
        // Data sets, reminders and notifications (STAT-02, STAT-05; issue #4 items 2 and 5)
        ["GET /api/v1/statistics/data-sets"] = new("@stat-readers", Probe.Get),
        ["PUT /api/v1/statistics/data-sets"] = new("province", Probe.Write, Body: new { dataSets = new[] { new { code = "monthly", dueWorkingDays = 5, remindDaysBefore = 3 } } }),
        ["GET /api/v1/statistics/data-sets/assignments"] = new("@stat-readers", Probe.Get, Note: "scope (county sees its e-towns only): StatDataSetAssignmentTests"),
        ["PUT /api/v1/statistics/data-sets/assignments/{etownId:guid}"] = new("province", Probe.Write, "/api/v1/statistics/data-sets/assignments/00000000-0000-0000-0000-000000000001",
            Body: new { dataSetCodes = new[] { "monthly" } }, Note: "behaviour: StatDataSetAssignmentTests"),
        ["PAGE /statistics/data-sets"] = new("@stat-readers", Probe.Page),
        ["PAGE /statistics/catalogue"] = new("@stat-readers", Probe.Page),
        ["POST /api/v1/statistics/indicators"] = new("province", Probe.Write, Body: new { code = "x", name = "", unit = "", periodType = "Monthly", aggregation = "Sum", sourceRule = "" }, Note: "invalid body: 400 for the province, nothing written; behaviour: StatCatalogueTests"),
        ["PUT /api/v1/statistics/indicators/{code}"] = new("province", Probe.Write, "/api/v1/statistics/indicators/no_such_indicator", new { name = "x", unit = "个", periodType = "Monthly", aggregation = "Sum", sourceRule = "x" }),
        ["POST /api/v1/statistics/rules"] = new("province", Probe.Write, Body: new { code = "x", left = "", @operator = "<=", right = "", factor = 1, importance = "Blocking", message = "" }),
        ["PUT /api/v1/statistics/rules/{code}"] = new("province", Probe.Write, "/api/v1/statistics/rules/NO-SUCH-RULE", new { left = "brands", @operator = "<=", right = "100", factor = 1, importance = "Blocking", message = "x" }),
        ["POST /api/v1/statistics/reminders/run"] = new("province @counties", Probe.Write, Note: "scope of the run: StatisticsWorkflowTests.Reminders_*"),
        ["GET /api/v1/workdesk"] = new("@signed-in", Probe.Get, Note: "own items only, from the caller's scope: WorkDeskTests"),
        ["GET /api/v1/workdesk/done"] = new("@signed-in", Probe.Get, Note: "own done items only (WorkItemTrace scoped to the user): WorkDeskTests"),
        ["GET /api/v1/notifications/"] = new("@signed-in", Probe.Get, "/api/v1/notifications", Note: "own organisation only: StatisticsWorkflowTests.Reminders_*"),
        ["POST /api/v1/notifications/{id:guid}/read"] = new("@signed-in", Probe.Write, "/api/v1/notifications/" + Guid.NewGuid() + "/read"),
        ["PAGE /me/notifications"] = new("@signed-in", Probe.Page),
        ["GET /api/v1/statistics/city-report.docx"] = new("province changzhi", Probe.Get, "/api/v1/statistics/city-report.docx?cityCode=140400&period=2025-11", Note: "another city 403 (shuozhou), counties/operators 403: CityReportTests"),
        ["GET /api/v1/statistics/city-report.xlsx"] = new("province changzhi", Probe.Get, "/api/v1/statistics/city-report.xlsx?cityCode=140400&period=2025-11", Note: "another city 403 (shuozhou): CityReportTests"),
        ["PAGE /statistics/city-report"] = new("province @cities", Probe.Page, Scope: PageScope.EtownList),
        // Excel in and out (issue #4 item 9): the template and the import for those who enter, the export for every reader.
        ["GET /api/v1/statistics/template"] = new("@stat-enterers", Probe.Export, "/api/v1/statistics/template?period=2025-11", Note: "behaviour: ImportTests"),
        ["GET /api/v1/statistics/export"] = new("@stat-readers", Probe.Export, "/api/v1/statistics/export?period=2025-11"),
        ["POST /api/v1/statistics/import"] = new("@stat-enterers", Probe.Write, "/api/v1/statistics/import?period=2031-01&dryRun=false", Note: "behaviour and scope: ImportTests"),
        ["PAGE /statistics/import"] = new("@stat-enterers", Probe.Page),
        // Statistics dashboards (issue #4 item 7): every reader, rows scoped (DashboardApiTests); format=xlsx is the same table.
        ["GET /api/v1/statistics/dashboard/completeness"] = new("@stat-readers", Probe.Get, "/api/v1/statistics/dashboard/completeness?period=2025-11&format=xlsx", Note: "per city/county: DashboardApiTests"),
        ["GET /api/v1/statistics/dashboard/completeness/trend"] = new("@stat-readers", Probe.Get, "/api/v1/statistics/dashboard/completeness/trend?period=2025-11"),
        ["GET /api/v1/statistics/dashboard/ranking"] = new("@stat-readers", Probe.Export, "/api/v1/statistics/dashboard/ranking?period=2025-11&indicator=online_retail&measure=target&format=xlsx", Note: "every e-town in scope is a row, none else"),
        ["GET /api/v1/statistics/dashboard/trend"] = new("@stat-readers", Probe.EtownItem, "/api/v1/statistics/dashboard/trend?etownId={etown}&indicator=online_retail&from=2025-01&to=2025-12"),
        ["GET /api/v1/statistics/dashboard/standards"] = new("@stat-readers", Probe.Export, "/api/v1/statistics/dashboard/standards?period=2025-11&format=xlsx", Note: "each e-town in scope is named under each check"),
        ["PAGE /statistics/dashboard"] = new("@stat-readers", Probe.Page, Scope: PageScope.EtownList),

        // Framework plumbing (Blazor circuit)
        ["GET /_framework/opaque-redirect"] = new("@everyone", Probe.Framework),
        ["ANY /_blazor"] = new("@everyone", Probe.Framework),
        ["ANY /_blazor/negotiate"] = new("@everyone", Probe.Framework),
        ["ANY /_blazor/disconnect/"] = new("@everyone", Probe.Framework),
        ["ANY /_blazor/initializers/"] = new("@everyone", Probe.Framework),
    };

    internal static string[] AllowedOf(Row row)
    {
        var tokens = row.Allowed.Split(' ');
        var minus = tokens.Where(t => t.StartsWith('-')).Select(t => t[1..]).ToHashSet();
        return Expand(string.Join(' ', tokens.Where(t => !t.StartsWith('-')))).Where(a => !minus.Contains(a)).ToArray();
    }

    static IEnumerable<string> KeysOf(RouteEndpoint e)
    {
        var pattern = e.RoutePattern.RawText ?? "";
        if (!pattern.StartsWith('/')) pattern = "/" + pattern;
        if (e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null) return ["PAGE " + pattern];
        var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
        return methods.Count == 0 ? ["ANY " + pattern] : methods.Select(m => $"{m} {pattern}");
    }

    static List<RouteEndpoint> Endpoints(EtownAppFactory app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    /// <summary>
    /// The matrix of an app: the rows above plus the rows each module of that app brings in the test
    /// project (<see cref="IModuleMatrix"/> beside the module's tests), so a new module's endpoints are
    /// covered the moment its rows exist — and reported missing until they do.
    /// </summary>
    public static IReadOnlyDictionary<string, Row> MatrixFor(ModuleCatalog modules)
    {
        var rows = new Dictionary<string, Row>(Matrix);
        var present = modules.Modules.Select(m => m.GetType()).ToHashSet();
        foreach (var t in typeof(AuthorizationMatrixTests).Assembly.GetTypes().Where(t => typeof(IModuleMatrix).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var m = (IModuleMatrix)Activator.CreateInstance(t)!;
            if (!present.Contains(m.Module)) continue;
            foreach (var (k, row) in m.Rows) rows.Add(k, row);
        }
        return rows;
    }

    /// <summary>Endpoints of this app without a matrix row.</summary>
    public static IReadOnlyList<string> EndpointsWithoutRow(EtownAppFactory app)
    {
        var matrix = MatrixFor(app.Services.GetRequiredService<ModuleCatalog>());
        return Endpoints(app).SelectMany(KeysOf).Distinct().Where(k => !matrix.ContainsKey(k)).Order().ToList();
    }

    // ------------------------------------------------------------------ completeness

    [Fact]
    public void EveryEndpoint_HasAMatrixEntry_AndEveryEntryAnEndpoint()
    {
        var app = apps[Databases.Sqlite];
        var keys = Endpoints(app).SelectMany(KeysOf).ToHashSet();
        var missing = EndpointsWithoutRow(app);
        Assert.True(missing.Count == 0, "Endpoints without an authorization-matrix row (add them to AuthorizationMatrixTests.Matrix):\n" + string.Join("\n", missing));
        var stale = Matrix.Keys.Except(keys).Order().ToList();
        Assert.True(stale.Count == 0, "Matrix rows for endpoints that no longer exist:\n" + string.Join("\n", stale));
        foreach (var (key, row) in Matrix)
            Assert.True(AllowedOf(row).All(a => Callers.Contains(a)), $"{key}: unknown account in '{row.Allowed}'");
    }

    [Fact]
    public void EveryDemoAccount_IsInTheMatrix() =>
        Assert.Equal(ETown.Web.Platform.Data.Seeding.DemoData.Accounts.Select(a => a.UserName).Order(), Accounts.Order());

    // ------------------------------------------------------------------ fixtures of one run

    sealed class World
    {
        public required EtownAppFactory App { get; init; }
        public Dictionary<string, HttpClient> Clients { get; } = [];
        public Dictionary<string, Guid> EtownIds { get; init; } = [];
        public List<(Guid Id, string Region, string Name)> Orgs { get; init; } = [];
        public List<(Guid Id, string UserName, Guid Org)> Users { get; init; } = [];
        public Guid OwnOrg(string account) => Users.Single(u => u.UserName == account).Org;
        public string Resolve(string url) => url
            .Replace("{lucheng-etown}", EtownIds[L].ToString())
            .Replace("{lucheng-org}", OwnOrg("lucheng").ToString())
            .Replace("{lucheng-user}", Users.Single(u => u.UserName == "lucheng").Id.ToString())
            .Replace("{role}", RoleId.ToString())
            .Replace("{kelan-draft}", Declarations.Single(d => d.County == "140929" && d.Status == "Draft").Id.ToString())
            .Replace("{youyu-submitted}", Declarations.Single(d => d.County == "140623" && d.Status == "Submitted").Id.ToString());
        public List<(Guid Id, string County, string Status)> Declarations { get; init; } = [];

        /// <summary>DECL-07 scope: drafts only for their own county; otherwise by region prefix; experts only what is assigned (none in the demo).</summary>
        public bool DeclarationVisible(string account, (Guid Id, string County, string Status) d) =>
            RegionScope.TryGetValue(account, out var prefix) && !account.StartsWith("expert", StringComparison.Ordinal)
            && d.County.StartsWith(prefix, StringComparison.Ordinal)
            && (d.Status != "Draft" || prefix == d.County);
        public Guid RoleId { get; init; }

        public bool OrgVisible(string account, Guid orgId) =>
            orgId == OwnOrg(account) || Orgs.Single(o => o.Id == orgId).Region.StartsWith(RegionScope[account], StringComparison.Ordinal);
    }

    async Task<World> WorldAsync(string provider)
    {
        var app = apps[provider];
        await using var ctx = app.SystemContext();
        var world = new World
        {
            App = app,
            EtownIds = await ctx.Etowns.ToDictionaryAsync(e => e.Name, e => e.Id),
            Orgs = (await ctx.Organisations.Select(o => new { o.Id, o.RegionCode, o.Name }).ToListAsync()).Select(o => (o.Id, o.RegionCode, o.Name)).ToList(),
            Users = (await ctx.Users.Select(u => new { u.Id, u.UserName, u.OrganisationId }).ToListAsync()).Select(u => (u.Id, u.UserName!, u.OrganisationId)).ToList(),
            RoleId = await ctx.Roles.Where(r => r.Name == "市级业务管理员").Select(r => r.Id).SingleAsync(),
            Declarations = (await ctx.Declarations.IgnoreQueryFilters().Select(d => new { d.Id, d.CountyCode, d.Status }).ToListAsync())
                .Select(d => (d.Id, d.CountyCode, d.Status.ToString())).ToList(),
        };
        foreach (var a in Accounts) world.Clients[a] = await app.SignInAsync(a);
        world.Clients[Anonymous] = app.Anonymous();
        return world;
    }

    static HttpStatusCode Denied(string caller) => caller == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;

    // ------------------------------------------------------------------ API reads

    [Theory, SqliteData, PostgresData]
    public async Task ApiReads_FollowTheMatrix_AndTheDataScope(string provider)
    {
        var w = await WorldAsync(provider);
        var failures = new List<string>();
        void Check(bool ok, string what) { if (!ok) failures.Add(what); }

        foreach (var (key, row) in Matrix.Where(m => m.Key.StartsWith("GET /api", StringComparison.Ordinal) || m.Key.StartsWith("GET /healthz") || m.Key.StartsWith("GET /openapi")))
        {
            var allowed = AllowedOf(row);
            var url = row.Url ?? key[4..];
            foreach (var caller in Callers)
            {
                var client = w.Clients[caller];
                var may = allowed.Contains(caller);
                switch (row.Probe)
                {
                    case Probe.Get:
                    {
                        var r = await client.GetAsync(url);
                        Check(may ? r.StatusCode == HttpStatusCode.OK : r.StatusCode == Denied(caller), $"{key} as {caller}: {(int)r.StatusCode}");
                        break;
                    }
                    case Probe.EtownList:
                    {
                        var r = await client.GetAsync(row.Url ?? "/api/v1/etowns?pageSize=200");
                        if (!may) { Check(r.StatusCode == Denied(caller), $"{key} as {caller}: {(int)r.StatusCode}"); break; }
                        Check(r.StatusCode == HttpStatusCode.OK, $"{key} as {caller}: {(int)r.StatusCode}");
                        if (r.StatusCode != HttpStatusCode.OK) break;
                        var names = (await r.JsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).Order().ToList();
                        Check(names.SequenceEqual(VisibleEtowns[caller].Order()), $"{key} as {caller}: saw [{string.Join("、", names)}], expected [{string.Join("、", VisibleEtowns[caller].Order())}]");
                        break;
                    }
                    case Probe.EtownItem:
                        foreach (var (name, id) in w.EtownIds)
                        {
                            var itemUrl = (row.Url ?? "/api/v1/etowns/{etown}").Replace("{etown}", id.ToString());
                            var r = await client.GetAsync(itemUrl);
                            var expected = !may ? Denied(caller) : VisibleEtowns[caller].Contains(name) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                            Check(r.StatusCode == expected, $"GET {itemUrl} {{{name}}} as {caller}: {(int)r.StatusCode}, expected {(int)expected}");
                        }
                        break;
                    case Probe.Export:
                    {
                        var r = await client.GetAsync(row.Url ?? "/api/v1/etowns/export.xlsx");
                        if (!may) { Check(r.StatusCode == Denied(caller), $"{key} as {caller}: {(int)r.StatusCode}"); break; }
                        Check(r.StatusCode == HttpStatusCode.OK, $"{key} as {caller}: {(int)r.StatusCode}");
                        if (r.StatusCode != HttpStatusCode.OK) break;
                        var text = XlsxText(await r.Content.ReadAsByteArrayAsync());
                        foreach (var town in AllTowns)
                            Check(text.Contains(town) == VisibleEtowns[caller].Contains(town), $"{key} as {caller}: {town} {(text.Contains(town) ? "exported but out of scope" : "missing")}");
                        break;
                    }
                    case Probe.OrgList:
                    {
                        var r = await client.GetAsync("/api/v1/organisations");
                        if (!may) { Check(r.StatusCode == Denied(caller), $"{key} as {caller}: {(int)r.StatusCode}"); break; }
                        var ids = (await r.JsonAsync()).EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToHashSet();
                        var expected = w.Orgs.Where(o => w.OrgVisible(caller, o.Id)).Select(o => o.Id).ToHashSet();
                        Check(ids.SetEquals(expected), $"{key} as {caller}: saw {ids.Count} organisations, expected {expected.Count}: extra [{string.Join("、", w.Orgs.Where(o => ids.Contains(o.Id) && !expected.Contains(o.Id)).Select(o => o.Name))}]");
                        break;
                    }
                    case Probe.OrgItem:
                        foreach (var org in w.Orgs)
                        {
                            var r = await client.GetAsync($"/api/v1/organisations/{org.Id}");
                            var expected = !may ? Denied(caller) : w.OrgVisible(caller, org.Id) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                            Check(r.StatusCode == expected, $"GET /api/v1/organisations/{{{org.Name}}} as {caller}: {(int)r.StatusCode}, expected {(int)expected}");
                        }
                        break;
                    case Probe.UserList:
                    {
                        var r = await client.GetAsync("/api/v1/users");
                        if (!may) { Check(r.StatusCode == Denied(caller), $"{key} as {caller}: {(int)r.StatusCode}"); break; }
                        var names = (await r.JsonAsync()).EnumerateArray().Select(u => u.GetProperty("userName").GetString()!).ToHashSet();
                        var expected = w.Users.Where(u => w.OrgVisible(caller, u.Org)).Select(u => u.UserName).ToHashSet();
                        Check(names.SetEquals(expected), $"{key} as {caller}: saw [{string.Join(",", names.Order())}], expected [{string.Join(",", expected.Order())}]");
                        break;
                    }
                    case Probe.UserItem:
                        foreach (var user in w.Users)
                        {
                            var r = await client.GetAsync($"/api/v1/users/{user.Id}");
                            var expected = !may ? Denied(caller) : w.OrgVisible(caller, user.Org) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                            Check(r.StatusCode == expected, $"GET /api/v1/users/{{{user.UserName}}} as {caller}: {(int)r.StatusCode}, expected {(int)expected}");
                        }
                        break;
                    case Probe.DeclarationList:
                    {
                        var r = await client.GetAsync("/api/v1/declarations?pageSize=200");
                        if (!may) { Check(r.StatusCode == Denied(caller), $"{key} as {caller}: {(int)r.StatusCode}"); break; }
                        Check(r.StatusCode == HttpStatusCode.OK, $"{key} as {caller}: {(int)r.StatusCode}");
                        if (r.StatusCode != HttpStatusCode.OK) break;
                        var ids = (await r.JsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToHashSet();
                        var expected = w.Declarations.Where(d => w.DeclarationVisible(caller, d)).Select(d => d.Id).ToHashSet();
                        Check(ids.SetEquals(expected), $"{key} as {caller}: saw {ids.Count} declarations, expected {expected.Count}");
                        break;
                    }
                    case Probe.DeclarationItem:
                        foreach (var d in w.Declarations)
                        {
                            var itemUrl = (row.Url ?? "/api/v1/declarations/{declaration}").Replace("{declaration}", d.Id.ToString());
                            var r = await client.GetAsync(itemUrl);
                            var expected = !may ? Denied(caller) : w.DeclarationVisible(caller, d) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                            var ok = r.StatusCode == expected || (expected == HttpStatusCode.OK && r.StatusCode == HttpStatusCode.NoContent);
                            Check(ok, $"GET {itemUrl} {{{d.County} {d.Status}}} as {caller}: {(int)r.StatusCode}, expected {(int)expected}");
                        }
                        break;
                    case Probe.Elsewhere:
                        break;
                    default:
                        failures.Add($"{key}: probe {row.Probe} not handled for GET");
                        break;
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} matrix violations on {provider}:\n" + string.Join("\n", failures));
    }

    static string XlsxText(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        return string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => { using var s = new StreamReader(e.Open()); return s.ReadToEnd(); }));
    }

    // ------------------------------------------------------------------ API writes

    [Theory, SqliteData, PostgresData]
    public async Task ApiWrites_WithoutPermission_AreRefused_AndChangeNothing(string provider)
    {
        var w = await WorldAsync(provider);
        var auditBefore = await AuditCountAsync(w.App);
        var failures = new List<string>();
        foreach (var (key, row) in Matrix.Where(m => m.Value.Probe == Probe.Write))
        {
            var method = new HttpMethod(key[..key.IndexOf(' ')]);
            var url = w.Resolve(row.Url ?? key[(key.IndexOf(' ') + 1)..]);
            var allowed = AllowedOf(row);
            foreach (var caller in Callers.Where(c => !allowed.Contains(c)))
            {
                var r = await w.Clients[caller].SendJsonAsync(method, url, row.Body);
                if (r.StatusCode != Denied(caller)) failures.Add($"{key} as {caller}: {(int)r.StatusCode}, expected {(int)Denied(caller)}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} write violations on {provider}:\n" + string.Join("\n", failures));
        // Refused calls leave no business change behind (sign-ins of this test are the only audit records added).
        await using var ctx = w.App.SystemContext();
        var added = await ctx.AuditRecords.Where(a => a.Sequence > auditBefore).Select(a => a.Action).Distinct().ToListAsync();
        Assert.All(added, a => Assert.Contains(a, new[] { "SignIn", "SignInFailure" }));
    }

    static async Task<long> AuditCountAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.AuditRecords.MaxAsync(a => a.Sequence);
    }

    [Theory, SqliteData, PostgresData]
    public async Task CountyUser_WritingASiblingCountysEtown_IsRefused_AndNothingChanges(string provider)
    {
        var w = await WorldAsync(provider);
        var kelanTown = w.EtownIds[K]; // 岢岚 (忻州), not lucheng's
        var changzhiSibling = w.EtownIds[Y]; // 临猗 (运城)
        var lucheng = w.Clients["lucheng"];
        await using var ctx0 = w.App.SystemContext();
        var before = await ctx0.Etowns.AsNoTracking().SingleAsync(e => e.Id == kelanTown);

        foreach (var (method, url, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Put, $"/api/v1/etowns/{kelanTown}", new { name = "被改名", countyCode = "140929", plannedAreaKm2 = 1m }),
            (HttpMethod.Put, $"/api/v1/etowns/{kelanTown}", new { name = "被搬走", countyCode = "140406", plannedAreaKm2 = 1m }),
            (HttpMethod.Post, $"/api/v1/etowns/{kelanTown}/status", new { status = "Accepted" }),
            (HttpMethod.Post, $"/api/v1/etowns/{kelanTown}/publication", new { published = false }),
            (HttpMethod.Post, $"/api/v1/etowns/{changzhiSibling}/status", new { status = "Withdrawn" }),
            (HttpMethod.Post, "/api/v1/etowns", new { name = "别县的e镇", countyCode = "140929", plannedAreaKm2 = 1m }),
        })
        {
            var r = await lucheng.SendJsonAsync(method, url, body);
            Assert.True(r.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{method} {url}: {(int)r.StatusCode}");
        }
        // The city officer reads but does not write, even inside his city.
        var r2 = await w.Clients["changzhi"].SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{w.EtownIds[L]}/publication", new { published = false });
        Assert.Equal(HttpStatusCode.Forbidden, r2.StatusCode);

        await using var ctx = w.App.SystemContext();
        var after = await ctx.Etowns.AsNoTracking().SingleAsync(e => e.Id == kelanTown);
        Assert.Equal((before.Name, before.CountyCode, before.Status, before.IsPublished), (after.Name, after.CountyCode, after.Status, after.IsPublished));
        Assert.False(await ctx.Etowns.AnyAsync(e => e.Name == "别县的e镇"));
        Assert.True((await ctx.Etowns.SingleAsync(e => e.Id == w.EtownIds[L])).IsPublished);

        // Own county: allowed.
        var own = await lucheng.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{w.EtownIds[L]}/publication", new { published = true });
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
    }

    // ------------------------------------------------------------------ Blazor pages

    static readonly System.Text.RegularExpressions.Regex MarkupOnly = new("<script.*?</script>|<style.*?</style>|<!--.*?-->|<[^>]+>",
        System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    static readonly System.Text.RegularExpressions.Regex DeveloperReference = new(@"\bissues?\b|\bTODO\b|\bFIXME\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>The visible text around a developer reference ("issue #4", "TODO") on a page, or null.</summary>
    static string? InternalReference(string html)
    {
        var text = MarkupOnly.Replace(html, " ");
        var m = DeveloperReference.Match(text);
        return m.Success ? text.Substring(Math.Max(0, m.Index - 30), Math.Min(80, text.Length - Math.Max(0, m.Index - 30))).Trim() : null;
    }

    [Theory, SqliteData, PostgresData]
    public async Task Pages_FollowTheMatrix(string provider)
    {
        var w = await WorldAsync(provider);
        var failures = new List<string>();
        foreach (var (key, row) in Matrix.Where(m => m.Value.Probe == Probe.Page))
        {
            var route = key[5..];
            var template = row.Url ?? route;
            if (template.Contains('{') && !template.Contains("{etown}")) { failures.Add($"{key}: parameterised page needs a Url with {{etown}} in its row"); continue; }
            var targets = template.Contains("{etown}")
                ? w.EtownIds.Select(t => (Url: template.Replace("{etown}", t.Value.ToString()), Town: (string?)t.Key)).ToList()
                : [(Url: template, Town: (string?)null)];
            var allowed = AllowedOf(row);
            foreach (var caller in Callers)
            foreach (var (url, town) in targets)
            {
                var r = await w.Clients[caller].GetAsync(url);
                var location = r.Headers.Location?.ToString() ?? "";
                var html = await r.Content.ReadAsStringAsync();
                var forbidden = !row.IsDenialPage && html.Contains("data-testid=\"forbidden\"", StringComparison.Ordinal);
                var what = town is null ? $"{key} as {caller}" : $"{key} [{town}] as {caller}";
                if ((int)r.StatusCode >= 500) { failures.Add($"{what}: {(int)r.StatusCode}"); continue; }
                // Issue #15 item 5: pages speak plain official Chinese, never the developers' internal references.
                if (r.StatusCode == HttpStatusCode.OK && InternalReference(html) is { } reference) failures.Add($"{what}: page text names an internal reference: …{reference}…");
                var inScope = caller == Anonymous ? [] : VisibleEtowns.GetValueOrDefault(caller, []);
                var published = VisibleEtowns[Anonymous];
                if (allowed.Contains(caller))
                {
                    var shouldShow = row.Scope switch
                    {
                        PageScope.Etown => inScope.Contains(town!),
                        PageScope.Public => caller == Anonymous ? published.Contains(town!) : (bool?)null,
                        _ => true,
                    };
                    if (shouldShow == true)
                    {
                        var ok = (r.StatusCode == HttpStatusCode.OK && !forbidden)
                                 || (r.StatusCode == HttpStatusCode.Redirect && !location.Contains("/account/login", StringComparison.Ordinal) && !location.Contains("access-denied", StringComparison.Ordinal));
                        if (!ok) failures.Add($"{what}: {(int)r.StatusCode} {location}{(forbidden ? " (forbidden marker)" : "")}");
                        if (town is not null && r.StatusCode == HttpStatusCode.OK && !html.Contains(town, StringComparison.Ordinal)) failures.Add($"{what}: page does not show the e-town; body: {Excerpt(html)}");
                    }
                    if (town is not null && shouldShow != true && html.Contains(town, StringComparison.Ordinal))
                    {
                        // Out of scope: the page must not reveal the e-town (a signed-in caller may see published ones on public pages).
                        var excused = row.Scope == PageScope.Public && caller != Anonymous && (published.Contains(town) || inScope.Contains(town));
                        if (!excused) failures.Add($"{what}: LEAK, page shows an e-town outside the caller's scope ({(int)r.StatusCode})");
                    }
                    if (row.Scope is PageScope.EtownList or PageScope.PublicList)
                        foreach (var t in AllTowns.Where(t => html.Contains(t, StringComparison.Ordinal)))
                        {
                            var may = row.Scope == PageScope.EtownList ? inScope.Contains(t)
                                : caller == Anonymous ? published.Contains(t) : published.Contains(t) || inScope.Contains(t);
                            if (!may) failures.Add($"{what}: LEAK, list shows {t}");
                        }
                }
                else if (caller == Anonymous)
                {
                    if (r.StatusCode != HttpStatusCode.Redirect || !location.Contains("/account/login", StringComparison.Ordinal))
                        failures.Add($"{what}: {(int)r.StatusCode} {location}, expected redirect to /account/login");
                }
                else
                {
                    var denied = (r.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/access-denied", StringComparison.Ordinal))
                                 || (r.StatusCode == HttpStatusCode.OK && forbidden) || r.StatusCode == HttpStatusCode.Forbidden
                                 || (town is not null && r.StatusCode == HttpStatusCode.NotFound); // scope hides the object: not found is a denial too
                    if (!denied) failures.Add($"{what}: {(int)r.StatusCode} {location}, expected access denied");
                    if (town is not null && html.Contains(town, StringComparison.Ordinal) && !inScope.Contains(town))
                        failures.Add($"{what}: LEAK, denied page still shows the e-town");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} page violations on {provider}:\n" + string.Join("\n", failures));
    }

    /// <summary>What the page body says, without markup, for a failure message that can be diagnosed from the CI log.</summary>
    static string Excerpt(string html)
    {
        var main = html.IndexOf("<main", StringComparison.Ordinal) is var i and >= 0 ? html[i..] : html;
        var text = System.Text.RegularExpressions.Regex.Replace(main, "<script[\\s\\S]*?</script>|<[^>]+>", " ");
        text = System.Text.RegularExpressions.Regex.Replace(text, "\\s+", " ").Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}

/// <summary>The authorization-matrix rows of one module, kept beside the module's tests (see <see cref="AuthorizationMatrixTests.MatrixFor"/>).</summary>
public interface IModuleMatrix
{
    Type Module { get; }
    IReadOnlyDictionary<string, AuthorizationMatrixTests.Row> Rows { get; }
}
