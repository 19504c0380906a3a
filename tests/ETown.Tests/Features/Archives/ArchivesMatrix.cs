using ETown.Tests.Integration;
using ETown.Web.Features.Archives;
using static ETown.Tests.Integration.AuthorizationMatrixTests;

namespace ETown.Tests.Features.Archives;

/// <summary>
/// The archive module's rows in the authorization matrix (ARCH-01; behaviour in ArchivesTests). Readers: province, cities,
/// counties, the discipline/audit user and the commissioned third party; the bundle only for the county and the auditors of
/// the e-town's region or commission.
/// </summary>
public sealed class ArchivesMatrix : IModuleMatrix
{
    const string Readers = "province @cities @counties discipline thirdparty";
    const string Bundle = "@counties discipline thirdparty";
    static readonly string Any = Guid.NewGuid().ToString();

    public Type Module => typeof(ArchivesModule);

    public IReadOnlyDictionary<string, Row> Rows => new Dictionary<string, Row>
    {
        ["GET /api/v1/archives/checklist"] = new(Readers, Probe.Get),
        ["PUT /api/v1/archives/checklist/{key}"] = new("province", Probe.Write, "/api/v1/archives/checklist/eval.province",
            new { title = "矩阵", clause = "矩阵", required = false, retentionYears = (int?)null, isActive = true, version = 0 }),
        ["GET /api/v1/archives/overview"] = new(Readers, Probe.EtownList, "/api/v1/archives/overview"),
        ["GET /api/v1/archives/etowns/{id:guid}"] = new(Readers, Probe.EtownItem, "/api/v1/archives/etowns/{etown}"),
        ["POST /api/v1/archives/etowns/{id:guid}/documents"] = new("@counties", Probe.Write, "/api/v1/archives/etowns/{lucheng-etown}/documents"),
        ["GET /api/v1/archives/documents/{id:guid}"] = new(Readers, Probe.Elsewhere, Note: "ArchivesTests (uploads)"),
        ["DELETE /api/v1/archives/documents/{id:guid}"] = new("@counties", Probe.Write, $"/api/v1/archives/documents/{Any}"),
        ["POST /api/v1/archives/etowns/{id:guid}/signage"] = new("@counties", Probe.Write, "/api/v1/archives/etowns/{lucheng-etown}/signage"),
        ["GET /api/v1/archives/signage/{id:guid}/photo"] = new(Readers, Probe.Elsewhere, Note: "ArchivesTests.Signage_*"),
        ["GET /api/v1/archives/etowns/{id:guid}/bundle.zip"] = new(Bundle, Probe.EtownItem, "/api/v1/archives/etowns/{etown}/bundle.zip"),
        ["PAGE /archives"] = new(Readers, Probe.Page, Scope: PageScope.EtownList),
        ["PAGE /archives/etowns/{Id:guid}"] = new(Readers, Probe.Page, "/archives/etowns/{etown}", Scope: PageScope.Etown),
    };
}
