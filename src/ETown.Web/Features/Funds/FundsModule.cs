using ETown.Web.Features.Acceptance;
using ETown.Web.Features.Funds.Demo;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Modules;
using Microsoft.EntityFrameworkCore;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.Funds;

/// <summary>资金管理 (issue #10): allocations, operators, contracts, payment requests and the payment rule sets (FUND-04…07, 09…11, 13, 16).</summary>
public sealed class FundsModule : IEtownModule
{
    public string Name => "funds";
    public int Order => 60;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Platform.WorkDesk.IWorkItemSource, FundsWorkItems>();
        services.AddScoped<FundsService>();
        services.AddScoped<PaymentService>();
        services.AddScoped<Archives.IArchiveSource, FundsArchiveSource>(); // ARCH-01: contracts and payment documents in the archive
        services.AddScoped<FundFileService>();
        services.AddScoped<AllocationImportService>();
        services.AddScoped<PerformanceService>();
        services.AddScoped<OtherInvestmentService>();
        services.AddSingleton<IContractDirectory, FundsContractDirectory>();
        services.AddSingleton<Supervision.IOperatorContracts, SupervisionContractStarts>(); // SUP-06: reports owed from the contract start
        services.AddScoped<Disclosure.IPublicFundFacts, FundsPublicFacts>(); // DISC-01 public column
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapFundsEndpoints();

    public IReadOnlyList<P.Node> Permissions => [P.FundGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Fund.Read, P.Fund.AllocationEdit, P.Fund.OperatorCancel, P.Fund.ContractApproveChange, P.Fund.RuleSetManage),
        new(R.CityOfficer, P.Fund.Read, P.Fund.ContractApproveChange),
        new(R.CountyOfficer, P.Fund.Read, P.Fund.MatchingEdit, P.Fund.OperatorEdit, P.Fund.OperatorCancel, P.Fund.ContractEdit, P.Fund.ContractRequestChange,
            P.Fund.ContractAssess, P.Fund.InvestmentEdit,
            P.Fund.PaymentReview, P.Fund.PaymentApprove, P.Fund.PaymentRecord, P.Fund.RuleSetManage),
        new(R.Operator, P.Fund.Read, P.Fund.ContractRequestChange, P.Fund.PaymentRequest),
        new(R.ThirdParty, P.Fund.Read, P.Fund.PaymentReview, P.Fund.ContractAssess),
        new(R.Discipline, P.Fund.Read),
    ];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock)
    {
        if (!caller.Has(P.Fund.Read)) yield break;
        yield return new MenuSection("资金管理", "fa-solid fa-yen-sign", 60,
        [
            new("资金汇总与拨付", "/funds", "fa-solid fa-coins"),
            new("拨付规则", "/funds/rule-sets", "fa-solid fa-scale-balanced"),
            .. caller.Has(P.Fund.AllocationEdit) ? [new MenuEntry("资金下达导入", "/funds/allocations/import", "fa-solid fa-file-import")] : Array.Empty<MenuEntry>(),
        ]);
    }

    public async Task SeedReferenceAsync(EtownDbContext db, IServiceProvider services, CancellationToken ct)
    {
        if (await db.PaymentRuleSets.AnyAsync(s => s.Code == PaymentRuleSet.ProvinceCode, ct)) return;
        db.PaymentRuleSets.Add(PaymentRuleSet.Shanxi2022(services.GetRequiredService<TimeProvider>().GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    public Task SeedDemoAsync(DemoSeed demo, CancellationToken ct)
    {
        DemoFunds.Seed(demo);
        return Task.CompletedTask;
    }
}
