using ETown.Web.Features.Acceptance;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Modules;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.FundLedgers;

/// <summary>资金台账: the operator's special-account ledger and asset ledger (FUND-01, FUND-03 on actual spending, FUND-08, FUND-12, FUND-17).</summary>
public sealed class FundLedgersModule : IEtownModule
{
    public string Name => "fund-ledgers";
    public int Order => 62;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<LedgerService>();
        services.AddScoped<LedgerXlsxService>();
        services.AddScoped<Platform.WorkDesk.IWorkItemSource, LedgerWorkItems>();
        // Whole-project acceptance asks whether the ledgers exist (FUND-08, 临猗 第八条).
        services.AddScoped<IProjectLedgers, ProjectLedgers>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapLedgerEndpoints();

    public IReadOnlyList<P.Node> Permissions => [P.LedgersGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Ledgers.Read, P.Ledgers.PurposeManage),
        new(R.CityOfficer, P.Ledgers.Read),
        new(R.CountyOfficer, P.Ledgers.Read, P.Ledgers.ExceptionApprove),
        new(R.Operator, P.Ledgers.Read, P.Ledgers.ExpenseWrite, P.Ledgers.AssetWrite),
        new(R.Discipline, P.Ledgers.Read),
    ];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock)
    {
        if (!caller.Has(P.Ledgers.Read)) yield break;
        var items = new List<MenuEntry>
        {
            new("专账支出", "/ledgers", "fa-solid fa-book"),
            new("资产台账", "/ledgers/assets", "fa-solid fa-boxes-stacked"),
        };
        if (caller.Has(P.Ledgers.ExpenseWrite)) items.Add(new("专账 Excel 导入", "/ledgers/import", "fa-solid fa-file-import"));
        items.Add(new("支出用途与禁止用途", "/ledgers/purposes", "fa-solid fa-ban"));
        yield return new("资金管理", "fa-solid fa-sack-dollar", Order, items);
    }

    public Task SeedReferenceAsync(EtownDbContext db, IServiceProvider services, CancellationToken ct) => LedgerReference.SeedAsync(db, ct);

    public Task SeedDemoAsync(DemoSeed demo, CancellationToken ct)
    {
        DemoLedgers.Seed(demo);
        return Task.CompletedTask;
    }
}

/// <summary>The acceptance port: how many expense lines and assets an e-town's ledgers hold, in the asking caller's context.</summary>
public sealed class ProjectLedgers : IProjectLedgers
{
    public async Task<LedgerPresence> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var lines = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(ctx.LedgerExpenses, x => x.EtownId == etownId, ct);
        var assets = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(ctx.LedgerAssets, x => x.EtownId == etownId, ct);
        return new LedgerPresence(lines, assets);
    }
}
