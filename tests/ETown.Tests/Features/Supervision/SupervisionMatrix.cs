using ETown.Tests.Integration;
using ETown.Web.Features.Supervision;
using static ETown.Tests.Integration.AuthorizationMatrixTests;

namespace ETown.Tests.Features.Supervision;

/// <summary>The supervision module's rows in the authorization matrix (behaviour of the writes: SupervisionTests).</summary>
public sealed class SupervisionMatrix : IModuleMatrix
{
    const string Readers = "province @cities @counties operator discipline";
    static readonly string Any = Guid.NewGuid().ToString();

    public Type Module => typeof(SupervisionModule);

    public IReadOnlyDictionary<string, Row> Rows => new Dictionary<string, Row>
    {
        ["GET /api/v1/supervision/rule-sets"] = new(Readers, Probe.Get),
        ["POST /api/v1/supervision/rule-sets/{code}/derive"] = new("province @counties", Probe.Write, "/api/v1/supervision/rule-sets/SX-SUP-2024/derive", new { code = "MX", name = "矩阵" }),
        ["POST /api/v1/supervision/rule-sets/{code}/adopt"] = new("province @counties", Probe.Write, "/api/v1/supervision/rule-sets/MX-NONE/adopt"),
        ["GET /api/v1/supervision/board"] = new(Readers, Probe.Get),
        ["GET /api/v1/supervision/board.xlsx"] = new(Readers, Probe.Export, "/api/v1/supervision/board.xlsx"),
        ["GET /api/v1/supervision/etowns/{id:guid}"] = new(Readers, Probe.EtownItem, "/api/v1/supervision/etowns/{etown}"),
        ["POST /api/v1/supervision/etowns/{id:guid}/inspections"] = new("@counties", Probe.Write, "/api/v1/supervision/etowns/{lucheng-etown}/inspections",
            new { kind = "Construction", method = "OnSite", inspectedOn = "2031-01-01", team = "矩阵", @checked = "矩阵" }, Note: "future date: 400 for the allowed; SupervisionTests"),
        ["POST /api/v1/supervision/inspections/{id:guid}/files"] = new("@counties", Probe.Write, $"/api/v1/supervision/inspections/{Any}/files"),
        ["POST /api/v1/supervision/inspections/{id:guid}/sign"] = new("@counties", Probe.Write, $"/api/v1/supervision/inspections/{Any}/sign"),
        ["POST /api/v1/supervision/inspections/{id:guid}/correct"] = new("@counties", Probe.Write, $"/api/v1/supervision/inspections/{Any}/correct", new { kind = "Construction" }),
        ["GET /api/v1/supervision/files/{id:guid}"] = new(Readers, Probe.Elsewhere, Note: "SupervisionTests (uploads)"),
        ["POST /api/v1/supervision/problems/{id:guid}/notice"] = new("@counties", Probe.Write, $"/api/v1/supervision/problems/{Any}/notice", new { }),
        ["GET /api/v1/supervision/problems/{id:guid}/notice.docx"] = new(Readers, Probe.Elsewhere, Note: "SupervisionTests.Rectification_*"),
        ["POST /api/v1/supervision/problems/{id:guid}/respond"] = new("operator", Probe.Write, $"/api/v1/supervision/problems/{Any}/respond", new { text = "矩阵" }),
        ["POST /api/v1/supervision/problems/{id:guid}/files"] = new("operator", Probe.Write, $"/api/v1/supervision/problems/{Any}/files"),
        ["POST /api/v1/supervision/problems/{id:guid}/verify"] = new("@counties", Probe.Write, $"/api/v1/supervision/problems/{Any}/verify", new { passed = true }),
        ["POST /api/v1/supervision/problems/{id:guid}/escalate"] = new("@counties", Probe.Write, $"/api/v1/supervision/problems/{Any}/escalate", new { action = "RequestContractTermination", note = "矩阵" }),
        // SUP-06/08 (OperatorReportTests): the operator writes its reports; the county acknowledges; both keep team and agreement.
        ["GET /api/v1/supervision/etowns/{id:guid}/operator"] = new(Readers, Probe.EtownItem, "/api/v1/supervision/etowns/{etown}/operator"),
        ["POST /api/v1/supervision/etowns/{id:guid}/operator-reports"] = new("operator", Probe.Write, "/api/v1/supervision/etowns/{lucheng-etown}/operator-reports",
            new { month = "2031-01", progress = "矩阵", nextPlan = "矩阵" }, Note: "future month: 400 for the allowed"),
        ["PUT /api/v1/supervision/operator-reports/{id:guid}"] = new("operator", Probe.Write, $"/api/v1/supervision/operator-reports/{Any}", new { progress = "矩阵", nextPlan = "矩阵" }),
        ["POST /api/v1/supervision/operator-reports/{id:guid}/files"] = new("operator", Probe.Write, $"/api/v1/supervision/operator-reports/{Any}/files"),
        ["POST /api/v1/supervision/operator-reports/{id:guid}/acknowledge"] = new("@counties", Probe.Write, $"/api/v1/supervision/operator-reports/{Any}/acknowledge", new { }),
        ["PUT /api/v1/supervision/etowns/{id:guid}/operator-team"] = new("operator @counties", Probe.Write, "/api/v1/supervision/etowns/{lucheng-etown}/operator-team",
            new { members = new[] { new { name = "", role = "" } } }, Note: "other counties: refused by the handler; OperatorReportTests"),
        ["PUT /api/v1/supervision/etowns/{id:guid}/operation-agreement"] = new("operator @counties", Probe.Write, "/api/v1/supervision/etowns/{lucheng-etown}/operation-agreement", new { }),
        ["POST /api/v1/supervision/etowns/{id:guid}/operation-agreement/file"] = new("operator @counties", Probe.Write, "/api/v1/supervision/etowns/{lucheng-etown}/operation-agreement/file"),
        ["PAGE /supervision/etowns/{Id:guid}/operator"] = new(Readers, Probe.Page, "/supervision/etowns/{etown}/operator", Scope: PageScope.Etown),
        // 市级督导与联席会议 (OperatorReportTests.CityVisit_*)
        ["GET /api/v1/supervision/visits"] = new(Readers, Probe.Get),
        ["POST /api/v1/supervision/visits"] = new("@cities", Probe.Write, "/api/v1/supervision/visits",
            new { kind = "Visit", heldOn = "2031-01-01", title = "矩阵", minutes = "矩阵" }, Note: "future date: 400 for the allowed"),
        ["POST /api/v1/supervision/decisions/{id:guid}/close"] = new("@cities @counties", Probe.Write, $"/api/v1/supervision/decisions/{Any}/close", new { note = "矩阵" }),
        ["PAGE /supervision/visits"] = new(Readers, Probe.Page),
        ["PAGE /supervision"] = new(Readers, Probe.Page, Scope: PageScope.EtownList),
        ["PAGE /supervision/etowns/{Id:guid}"] = new(Readers, Probe.Page, "/supervision/etowns/{etown}", Scope: PageScope.Etown),
    };
}
