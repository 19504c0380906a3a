using ETown.Tests.Integration;
using ETown.Web.Features.Disclosure;
using static ETown.Tests.Integration.AuthorizationMatrixTests;

namespace ETown.Tests.Features.Disclosure;

/// <summary>The disclosure module's rows in the authorization matrix (behaviour: DisclosureTests, DisclosureE2ETests).</summary>
public sealed class DisclosureMatrix : IModuleMatrix
{
    const string Readers = "province @cities @counties";
    static readonly string Any = Guid.NewGuid().ToString();

    public Type Module => typeof(DisclosureModule);

    public IReadOnlyDictionary<string, Row> Rows => new Dictionary<string, Row>
    {
        // The public side: anyone, including the anonymous public; per e-town answers follow the registry's publication (404 otherwise).
        ["GET /api/v1/public/challenge"] = new("@everyone", Probe.Get),
        ["GET /api/v1/public/etowns/{id:guid}/column"] = new("@everyone", Probe.Elsewhere, Note: "DisclosureTests.Column_*: published e-towns only, published items only"),
        ["POST /api/v1/public/etowns/{id:guid}/opinions"] = new("@everyone", Probe.Write, Note: "DisclosureTests.Opinion_*"),
        ["POST /api/v1/public/etowns/{id:guid}/reports"] = new("@everyone", Probe.Write, Note: "DisclosureTests.Report_*"),
        ["POST /api/v1/public/reports/track"] = new("@everyone", Probe.Write, Note: "DisclosureTests.Report_*, WrongCodes_*"),
        ["POST /api/v1/public/etowns/{id:guid}/notices/{noticeId:guid}/objections"] = new("@everyone", Probe.Write, Note: "DisclosureTests.Objection_*"),
        ["POST /api/v1/public/etowns/{id:guid}/survey"] = new("@everyone", Probe.Write, Note: "DisclosureTests.Survey_*"),
        ["GET /api/v1/public/etowns/{id:guid}/ocds/{year:int}.json"] = new("@everyone", Probe.Elsewhere, Note: "DisclosureTests.OpenData_*"),
        ["GET /api/v1/public/etowns/{id:guid}/figures.csv"] = new("@everyone", Probe.Elsewhere, Note: "DisclosureTests.OpenData_*"),
        ["GET /api/v1/public/etowns/{id:guid}/figures.xlsx"] = new("@everyone", Probe.Elsewhere, Note: "DisclosureTests.OpenData_*"),
        // The county publishes and moderates; city and province read.
        ["GET /api/v1/disclosure/etowns"] = new(Readers, Probe.Get),
        ["GET /api/v1/disclosure/etowns/{id:guid}"] = new(Readers, Probe.EtownItem, "/api/v1/disclosure/etowns/{etown}"),
        ["POST /api/v1/disclosure/etowns/{id:guid}/items"] = new("@counties", Probe.Write, "/api/v1/disclosure/etowns/{lucheng-etown}/items", new { kind = "Contract", sourceId = Any }),
        ["POST /api/v1/disclosure/items/{id:guid}/withdrawal"] = new("@counties", Probe.Write, $"/api/v1/disclosure/items/{Any}/withdrawal", new { reason = "矩阵" }),
        ["POST /api/v1/disclosure/opinions/{id:guid}/moderation"] = new("@counties", Probe.Write, $"/api/v1/disclosure/opinions/{Any}/moderation", new { approve = true }),
        // Reports: the discipline/audit organisation only — not the county, the operator or the province.
        ["GET /api/v1/disclosure/reports"] = new("discipline", Probe.Get),
        ["GET /api/v1/disclosure/reports/{id:guid}"] = new("discipline", Probe.Elsewhere, Note: "DisclosureTests.Report_*"),
        ["POST /api/v1/disclosure/reports/{id:guid}/steps"] = new("discipline", Probe.Write, $"/api/v1/disclosure/reports/{Any}/steps", new { to = "Accepted" }),
        ["POST /api/v1/disclosure/reports/{id:guid}/contact"] = new("discipline", Probe.Write, $"/api/v1/disclosure/reports/{Any}/contact"),
        ["GET /api/v1/disclosure/reports/{id:guid}/attachment"] = new("discipline", Probe.Elsewhere, Note: "DisclosureTests.Report_Attachment_*"),
        ["PAGE /public/etowns/{Id:guid}/report"] = new("@everyone", Probe.Page, "/public/etowns/{etown}/report", Scope: PageScope.Public),
        ["PAGE /public/etowns/{Id:guid}/opinion"] = new("@everyone", Probe.Page, "/public/etowns/{etown}/opinion", Scope: PageScope.Public),
        ["PAGE /public/etowns/{Id:guid}/survey"] = new("@everyone", Probe.Page, "/public/etowns/{etown}/survey", Scope: PageScope.Public),
        ["PAGE /public/etowns/{Id:guid}/objection"] = new("@everyone", Probe.Page, "/public/etowns/{etown}/objection", Scope: PageScope.Public),
        ["PAGE /public/reports/track"] = new("@everyone", Probe.Page),
        ["PAGE /disclosure"] = new(Readers, Probe.Page, Scope: PageScope.EtownList),
        ["PAGE /disclosure/etowns/{Id:guid}"] = new(Readers, Probe.Page, "/disclosure/etowns/{etown}", Scope: PageScope.Etown),
        ["PAGE /disclosure/reports"] = new("discipline", Probe.Page),
        ["PAGE /disclosure/reports/{Id:guid}"] = new("discipline", Probe.Elsewhere, Note: "DisclosureE2ETests"),
    };
}
