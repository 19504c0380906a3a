using ETown.Tests.Integration;
using ETown.Web.Features.FundLedgers;
using static ETown.Tests.Integration.AuthorizationMatrixTests;

namespace ETown.Tests.Features.FundLedgers;

/// <summary>The ledgers module's rows in the authorization matrix (readers: province, cities, counties, the operator, discipline).</summary>
public sealed class LedgerMatrix : IModuleMatrix
{
    const string Readers = "province @cities @counties operator discipline";

    public Type Module => typeof(FundLedgersModule);

    static readonly object Expense = new
    {
        etownId = Guid.Empty, date = "2024-05-06", category = "LeadingIndustry", fundSource = "Provincial", itemNo = 3, amountWan = 1m,
        invoiceNumber = "MATRIX-1", payee = "矩阵", description = "矩阵", purposeCode = "EQUIP",
    };

    public IReadOnlyDictionary<string, Row> Rows => new Dictionary<string, Row>
    {
        ["GET /api/v1/ledgers/purposes"] = new(Readers, Probe.Get),
        ["PUT /api/v1/ledgers/purposes"] = new("province", Probe.Write, Body: new { code = "", name = "" }),
        ["GET /api/v1/ledgers/expenses"] = new(Readers, Probe.Get, Note: "rows scoped: LedgerApiTests.Fund12_OperatorWritesItsOwnLedger_*"),
        ["POST /api/v1/ledgers/expenses"] = new("operator", Probe.Write, Body: Expense),
        ["POST /api/v1/ledgers/expenses/{id:guid}/invoice"] = new("operator", Probe.Write, "/api/v1/ledgers/expenses/" + Guid.NewGuid() + "/invoice"),
        ["GET /api/v1/ledgers/expenses/{id:guid}/invoice"] = new(Readers, Probe.Elsewhere, Note: "LedgerApiTests.Invoice_Attachment_IsSniffed_AndServedToReaders"),
        ["GET /api/v1/ledgers/assets"] = new(Readers, Probe.Get),
        ["POST /api/v1/ledgers/assets"] = new("operator", Probe.Write, Body: new { etownId = Guid.Empty, name = "矩阵" }),
        ["GET /api/v1/ledgers/etowns/{id:guid}/bands"] = new(Readers, Probe.EtownItem, "/api/v1/ledgers/etowns/{etown}/bands"),
        ["POST /api/v1/ledgers/etowns/{id:guid}/band-exceptions"] = new("@counties", Probe.Write, "/api/v1/ledgers/etowns/{lucheng-etown}/band-exceptions",
            new { category = "LeadingIndustry", reason = "" }),
        ["GET /api/v1/ledgers/export"] = new(Readers, Probe.Get, Note: "rows scoped like the list"),
        ["GET /api/v1/ledgers/template"] = new("operator", Probe.EtownItem, "/api/v1/ledgers/template?etownId={etown}"),
        ["POST /api/v1/ledgers/import"] = new("operator", Probe.Write, "/api/v1/ledgers/import?etownId={lucheng-etown}"),
        ["PAGE /ledgers"] = new(Readers, Probe.Page, Scope: PageScope.EtownList),
        ["PAGE /ledgers/{EtownId:guid}"] = new(Readers, Probe.Page, "/ledgers/{etown}", Scope: PageScope.Etown),
        ["PAGE /ledgers/assets"] = new(Readers, Probe.Page, Scope: PageScope.EtownList),
        ["PAGE /ledgers/import"] = new("operator", Probe.Page, Scope: PageScope.EtownList),
        ["PAGE /ledgers/purposes"] = new(Readers, Probe.Page),
    };
}
