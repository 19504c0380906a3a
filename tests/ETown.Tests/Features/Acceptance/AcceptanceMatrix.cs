using ETown.Web.Features.Acceptance;
using M = ETown.Tests.Integration.AuthorizationMatrixTests;

namespace ETown.Tests.Features.Acceptance;

/// <summary>
/// The acceptance module's rows in the authorization matrix: operators their own e-town, counties their county,
/// cities and the province read and acknowledge filings; any signed-in user may read the running notices and object.
/// </summary>
public sealed class AcceptanceMatrix : Integration.IModuleMatrix
{
    const string Readers = "province @cities @counties operator";
    const string Appliers = "@counties operator";
    const string Reviewers = "@counties";
    const string App = "/api/v1/acceptance/applications/00000000-0000-0000-0000-000000000001";

    public Type Module => typeof(AcceptanceModule);

    public IReadOnlyDictionary<string, M.Row> Rows => new Dictionary<string, M.Row>
    {
        ["GET /api/v1/acceptance/applications"] = new(Readers, M.Probe.Get),
        ["GET /api/v1/acceptance/etowns/{etownId:guid}"] = new(Readers, M.Probe.EtownItem, "/api/v1/acceptance/etowns/{etown}"),
        ["GET /api/v1/acceptance/etowns/{etownId:guid}/contracts"] = new(Readers, M.Probe.EtownItem, "/api/v1/acceptance/etowns/{etown}/contracts"),
        ["POST /api/v1/acceptance/applications"] = new(Appliers, M.Probe.Write, Body: new { etownId = Guid.Empty, scope = "Stage", title = "矩阵", claimedProgressPercent = 10 }),
        ["GET /api/v1/acceptance/applications/{id:guid}"] = new(Readers, M.Probe.Elsewhere, Note: "AcceptanceApiTests.Detail_IsScoped"),
        ["POST /api/v1/acceptance/applications/{id:guid}/materials"] = new(Appliers, M.Probe.Write, App + "/materials?kind=Accounting"),
        ["GET /api/v1/acceptance/applications/{id:guid}/materials/{materialId:guid}"] = new(Readers, M.Probe.Elsewhere, Note: "AcceptanceApiTests"),
        ["GET /api/v1/acceptance/applications/{id:guid}/precheck"] = new(Reviewers, M.Probe.Elsewhere, Note: "AcceptanceApiTests"),
        ["POST /api/v1/acceptance/applications/{id:guid}/precheck"] = new(Reviewers, M.Probe.Write, App + "/precheck", new { teamKind = "Departments", teamMembers = "x", reviewPlannedOn = "2026-12-01", reviewPlace = "x" }),
        ["POST /api/v1/acceptance/applications/{id:guid}/refusal"] = new(Reviewers, M.Probe.Write, App + "/refusal", new { reason = "x" }),
        ["GET /api/v1/acceptance/applications/{id:guid}/checklist-template"] = new(Reviewers, M.Probe.Elsewhere, Note: "AcceptanceApiTests"),
        ["POST /api/v1/acceptance/applications/{id:guid}/review"] = new(Reviewers, M.Probe.Write, App + "/review", new { conclusion = "Pass" }),
        ["POST /api/v1/acceptance/applications/{id:guid}/rectification"] = new(Appliers, M.Probe.Write, App + "/rectification", new { answer = "x" }),
        ["GET /api/v1/acceptance/applications/{id:guid}/report.docx"] = new(Readers, M.Probe.Elsewhere, Note: "AcceptanceApiTests"),
        ["POST /api/v1/acceptance/applications/{id:guid}/notice"] = new(Reviewers, M.Probe.Write, App + "/notice", new { startsOn = "2026-12-01" }),
        ["GET /api/v1/acceptance/notices"] = new("@signed-in", M.Probe.Get),
        ["POST /api/v1/acceptance/applications/{id:guid}/objections"] = new("@signed-in", M.Probe.Write, App + "/objections", new { text = "x" }),
        ["POST /api/v1/acceptance/applications/{id:guid}/objections/{objectionId:guid}/answer"] = new(Reviewers, M.Probe.Write,
            App + "/objections/00000000-0000-0000-0000-000000000002/answer", new { answer = "x" }),
        ["POST /api/v1/acceptance/applications/{id:guid}/filing"] = new(Reviewers, M.Probe.Write, App + "/filing", new { level = "City" }),
        ["POST /api/v1/acceptance/applications/{id:guid}/acknowledgement"] = new("province @cities", M.Probe.Write, App + "/acknowledgement"),
        ["POST /api/v1/acceptance/applications/{id:guid}/finalisation"] = new(Reviewers, M.Probe.Write, App + "/finalisation"),
        ["POST /api/v1/acceptance/applications/{id:guid}/provincial-acceptance"] = new("province", M.Probe.Write, App + "/provincial-acceptance"),
        ["GET /api/v1/acceptance/applications/{id:guid}/provincial-acceptance/report"] = new(Readers, M.Probe.Elsewhere, Note: "ProvincialAcceptanceTests"),
        ["GET /api/v1/acceptance/settings"] = new(Reviewers, M.Probe.Get),
        ["PUT /api/v1/acceptance/settings"] = new(Reviewers, M.Probe.Write, Body: new { noticeWorkingDays = 5 }),
        ["GET /api/v1/acceptance/evaluations"] = new(Readers, M.Probe.Get),
        ["POST /api/v1/acceptance/evaluations/self"] = new(Reviewers, M.Probe.Write, "/api/v1/acceptance/evaluations/self?year=2025"),
        ["PUT /api/v1/acceptance/evaluations/{id:guid}/province"] = new("province", M.Probe.Write,
            "/api/v1/acceptance/evaluations/00000000-0000-0000-0000-000000000003/province", new { score = 90, result = "x" }),
        // EVAL-01 / EVAL-02 / ACC-08 (performance evaluation; EvaluationRankingTests).
        ["GET /api/v1/acceptance/evaluation-sheets"] = new("@signed-in", M.Probe.Get),
        ["POST /api/v1/acceptance/evaluation-sheets/{code}/derive"] = new("province", M.Probe.Write, "/api/v1/acceptance/evaluation-sheets/none/derive", new { code = "X1", name = "x" }),
        ["PUT /api/v1/acceptance/evaluation-sheets/{code}"] = new("province", M.Probe.Write, "/api/v1/acceptance/evaluation-sheets/none", new { indicators = Array.Empty<object>() }),
        ["POST /api/v1/acceptance/evaluation-sheets/{code}/publication"] = new("province", M.Probe.Write, "/api/v1/acceptance/evaluation-sheets/none/publication"),
        ["GET /api/v1/acceptance/evaluation-experts"] = new("province", M.Probe.Get),
        ["POST /api/v1/acceptance/evaluations/{year:int}"] = new("province", M.Probe.Write, "/api/v1/acceptance/evaluations/2021", new { etownId = Guid.Empty, stage = "Yearly" }),
        ["GET /api/v1/acceptance/evaluations/{year:int}/ranking"] = new(Readers, M.Probe.Get, "/api/v1/acceptance/evaluations/2024/ranking"),
        ["GET /api/v1/acceptance/evaluations/{year:int}/ranking.xlsx"] = new(Readers, M.Probe.Get, "/api/v1/acceptance/evaluations/2024/ranking.xlsx"),
        ["GET /api/v1/acceptance/etown-evaluations/{id:guid}"] = new("@signed-in", M.Probe.Elsewhere, Note: "EvaluationRankingTests (row scope: region, assigned experts)"),
        ["GET /api/v1/acceptance/evaluation-scores"] = new("@experts", M.Probe.Get),
        ["PUT /api/v1/acceptance/evaluation-scores/{id:guid}"] = new("@experts", M.Probe.Elsewhere, Note: "EvaluationRankingTests (an expert not assigned: ETOWN-ACC-0022)"),
        ["POST /api/v1/acceptance/etown-evaluations/{id:guid}/finalisation"] = new("province", M.Probe.Write, "/api/v1/acceptance/etown-evaluations/00000000-0000-0000-0000-000000000004/finalisation"),
        ["POST /api/v1/acceptance/etown-evaluations/{id:guid}/findings"] = new("province", M.Probe.Write,
            "/api/v1/acceptance/etown-evaluations/00000000-0000-0000-0000-000000000004/findings", new { text = "x", workingDays = 5 }),
        ["GET /api/v1/acceptance/evaluation-findings"] = new("@signed-in", M.Probe.Get),
        ["POST /api/v1/acceptance/evaluation-findings/{id:guid}/answer"] = new(Reviewers, M.Probe.Write,
            "/api/v1/acceptance/evaluation-findings/00000000-0000-0000-0000-000000000005/answer", new { answer = "x" }),
        ["POST /api/v1/acceptance/evaluation-findings/{id:guid}/closure"] = new("province", M.Probe.Write, "/api/v1/acceptance/evaluation-findings/00000000-0000-0000-0000-000000000005/closure"),
        ["POST /api/v1/acceptance/third-party-inspections"] = new("thirdparty", M.Probe.Write, "/api/v1/acceptance/third-party-inspections?etownId=00000000-0000-0000-0000-000000000006&year=2025"),
        ["PAGE /acceptance/evaluations/{Year:int}"] = new(Readers, M.Probe.Page, "/acceptance/evaluations/2024"),
        ["PAGE /acceptance/evaluations/score/{Id:guid}"] = new("@experts", M.Probe.Page, "/acceptance/evaluations/score/00000000-0000-0000-0000-000000000007"),
        ["PAGE /acceptance/evaluation-findings"] = new(Readers, M.Probe.Page),
        ["PAGE /acceptance/evaluation-sheets"] = new(Readers, M.Probe.Page),
        ["PAGE /acceptance"] = new(Readers, M.Probe.Page, Scope: M.PageScope.EtownList),
        ["PAGE /acceptance/etowns/{EtownId:guid}"] = new(Readers, M.Probe.Page, "/acceptance/etowns/{etown}", Scope: M.PageScope.Etown),
        ["PAGE /acceptance/applications/{Id:guid}"] = new(Readers, M.Probe.Elsewhere, Note: "AcceptanceE2ETests; AcceptanceApiTests.Detail_IsScoped"),
    };
}
