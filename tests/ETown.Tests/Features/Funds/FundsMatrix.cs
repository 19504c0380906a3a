using ETown.Web.Features.Funds;
using static ETown.Tests.Integration.AuthorizationMatrixTests;

namespace ETown.Tests.Features.Funds;

/// <summary>The funds module's rows in the authorization matrix (issue #10 item 6). Behaviour per object is in FundsApiTests.</summary>
public sealed class FundsMatrix : Integration.IModuleMatrix
{
    public Type Module => typeof(FundsModule);

    const string Readers = "province @cities @counties operator thirdparty discipline";

    public IReadOnlyDictionary<string, Row> Rows => new Dictionary<string, Row>
    {
        ["GET /api/v1/funds/"] = new(Readers, Probe.Get),
        ["GET /api/v1/funds/etowns/{id:guid}"] = new(Readers, Probe.Elsewhere, Note: "FundsApiTests.EtownView_FollowsTheScope"),
        ["PUT /api/v1/funds/etowns/{id:guid}/allocations"] = new("province", Probe.Write, "/api/v1/funds/etowns/{lucheng-etown}/allocations", new { year = 2031, provincialAmount = 1m, countyMatchingCommitted = 0m }),
        ["GET /api/v1/funds/allocations/template"] = new("province", Probe.Get),
        ["POST /api/v1/funds/allocations/import"] = new("province", Probe.Write, "/api/v1/funds/allocations/import?dryRun=true"),
        ["PUT /api/v1/funds/allocations/{id:guid}/matching"] = new("@counties", Probe.Write, "/api/v1/funds/allocations/" + Guid.NewGuid() + "/matching", new { countyMatchingCommitted = 1m, countyMatchingPaid = 1m, version = 0 }),
        ["POST /api/v1/funds/etowns/{id:guid}/operators"] = new("@counties", Probe.Write, "/api/v1/funds/etowns/{lucheng-etown}/operators", new { organisationId = Guid.NewGuid(), selectionMethod = "Direct" }),
        ["POST /api/v1/funds/operators/{id:guid}/cancellation"] = new("province @counties", Probe.Write, "/api/v1/funds/operators/" + Guid.NewGuid() + "/cancellation", new { reason = "x" }),
        ["POST /api/v1/funds/operators/{id:guid}/recoveries"] = new("province @counties", Probe.Write, "/api/v1/funds/operators/" + Guid.NewGuid() + "/recoveries", new { amount = 1m }),
        ["POST /api/v1/funds/etowns/{id:guid}/contracts"] = new("@counties", Probe.Write, "/api/v1/funds/etowns/{lucheng-etown}/contracts", new { number = "M-1", title = "x", operatorId = Guid.NewGuid(), amount = 1m }),
        ["GET /api/v1/funds/contracts/{id:guid}/revisions"] = new(Readers, Probe.Elsewhere, Note: "FundsApiTests.Fund09_*"),
        ["GET /api/v1/funds/contracts/{id:guid}/headroom"] = new(Readers, Probe.Elsewhere, Note: "FundsApiTests"),
        ["POST /api/v1/funds/contracts/{id:guid}/changes"] = new("@counties operator", Probe.Write, "/api/v1/funds/contracts/" + Guid.NewGuid() + "/changes", new { kind = "Delay", reason = "x", newEndsOn = "2030-01-01" }),
        ["POST /api/v1/funds/changes/{id:guid}/decision"] = new("province @cities", Probe.Write, "/api/v1/funds/changes/" + Guid.NewGuid() + "/decision", new { approve = true, version = 0 }),
        ["GET /api/v1/funds/contracts/{id:guid}/assessments"] = new(Readers, Probe.Elsewhere, Note: "FundsFollowUpRuleTests.Fund14_*"),
        ["POST /api/v1/funds/contracts/{id:guid}/assessments"] = new("@counties thirdparty", Probe.Write, "/api/v1/funds/contracts/" + Guid.NewGuid() + "/assessments",
            new { periodFrom = "2024-01-01", periodTo = "2024-06-30", criteria = new[] { new { name = "x", maxScore = 10m, score = 5m } }, conclusion = "Qualified", reason = "x" }),
        ["POST /api/v1/funds/etowns/{id:guid}/other-investments"] = new("@counties", Probe.Write, "/api/v1/funds/etowns/{lucheng-etown}/other-investments",
            new { department = "x", project = "x", amount = 1m, itemNo = 39 }),
        ["POST /api/v1/funds/contracts/{id:guid}/payments"] = new("operator", Probe.Write, "/api/v1/funds/contracts/" + Guid.NewGuid() + "/payments", new { kind = "StartUp", amount = 1m }),
        ["POST /api/v1/funds/contracts/{id:guid}/materials"] = new("operator", Probe.Write, "/api/v1/funds/contracts/" + Guid.NewGuid() + "/materials?kind=Invoice"),
        ["POST /api/v1/funds/operators/{id:guid}/documents"] = new("@counties", Probe.Write, "/api/v1/funds/operators/" + Guid.NewGuid() + "/documents"),
        ["GET /api/v1/funds/documents/{id:guid}"] = new(Readers, Probe.Elsewhere, Note: "FundsFilesTests.Download_FollowsTheScope_AndChecksTheHash"),
        ["GET /api/v1/funds/payments"] = new(Readers, Probe.Get),
        ["GET /api/v1/funds/payments/{id:guid}"] = new(Readers, Probe.Elsewhere, Note: "FundsApiTests"),
        ["POST /api/v1/funds/payments/{id:guid}/review"] = new("@counties thirdparty", Probe.Write, "/api/v1/funds/payments/" + Guid.NewGuid() + "/review", new { agree = true, opinion = "x", version = 0 }),
        ["POST /api/v1/funds/payments/{id:guid}/approval"] = new("@counties", Probe.Write, "/api/v1/funds/payments/" + Guid.NewGuid() + "/approval", new { version = 0 }),
        ["POST /api/v1/funds/payments/{id:guid}/record"] = new("@counties", Probe.Write, "/api/v1/funds/payments/" + Guid.NewGuid() + "/record", new { paidOn = "2024-01-01", voucherNumber = "x", amount = 1m, version = 0 }),
        ["GET /api/v1/funds/payments/{id:guid}/request.docx"] = new(Readers, Probe.Elsewhere, Note: "FundsApiTests.Documents_*"),
        ["GET /api/v1/funds/payments/{id:guid}/opinion.docx"] = new(Readers, Probe.Elsewhere, Note: "FundsApiTests.Documents_*"),
        ["GET /api/v1/funds/rule-sets"] = new(Readers, Probe.Get),
        ["POST /api/v1/funds/rule-sets/{code}/derive"] = new("province @counties", Probe.Write, "/api/v1/funds/rule-sets/SX-FUND-2022/derive", new { code = "M-FUND", name = "x", countyCode = "140406" }),
        ["PUT /api/v1/funds/rule-sets/{code}/limits"] = new("province @counties", Probe.Write, "/api/v1/funds/rule-sets/SX-FUND-2022/limits", new { startUpSharePercent = 30m, retentionPercent = 10m, noticeWorkingDays = 5, stageAcceptanceRequired = true }),
        ["POST /api/v1/funds/rule-sets/{code}/adopt"] = new("province @counties", Probe.Write, "/api/v1/funds/rule-sets/SX-FUND-2022/adopt"),
        ["GET /api/v1/funds/ocds"] = new(Readers, Probe.Get),
        ["PAGE /funds"] = new(Readers, Probe.Page, Scope: PageScope.EtownList),
        ["PAGE /funds/rule-sets"] = new(Readers, Probe.Page),
        ["PAGE /funds/allocations/import"] = new("province", Probe.Page),
        ["PAGE /funds/etowns/{Id:guid}"] = new(Readers, Probe.Page, "/funds/etowns/{etown}", Scope: PageScope.Etown),
        // Forms for what the API already does: operators (FUND-10), contracts (FUND-02), change requests and their approval (FUND-09).
        ["PAGE /funds/etowns/{Id:guid}/operators/new"] = new("@counties", Probe.Page, "/funds/etowns/{etown}/operators/new", Scope: PageScope.Etown),
        ["PAGE /funds/etowns/{Id:guid}/contracts/new"] = new("@counties", Probe.Page, "/funds/etowns/{etown}/contracts/new", Scope: PageScope.Etown),
        ["PAGE /funds/etowns/{Id:guid}/changes"] = new(Readers, Probe.Page, "/funds/etowns/{etown}/changes", Scope: PageScope.Etown),
    };
}
