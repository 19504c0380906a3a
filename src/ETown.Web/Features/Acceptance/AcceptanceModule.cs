using ETown.Web.Features.Acceptance.Demo;
using ETown.Web.Features.Funds;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Modules;
using ETown.Web.Platform.Scheduling;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.Acceptance;

/// <summary>验收评价 (ACC-01 … ACC-07, ACC-09): the acceptance procedure, the results the funds module reads, the e-town's 已验收.</summary>
public sealed class AcceptanceModule : IEtownModule
{
    public string Name => "acceptance";
    public int Order => 70;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Platform.WorkDesk.IWorkItemSource, AcceptanceWorkItems>();
        services.AddScoped<AcceptanceService>();
        services.AddScoped<Evaluation.EvaluationService>(); // EVAL-01, EVAL-02, ACC-08
        services.AddScoped<IEvaluationResults, Evaluation.EvaluationResults>(); // funds read the result for the next allocation (EVAL-01)
        services.AddScoped<Archives.IArchiveSource, AcceptanceArchiveSource>(); // ARCH-01: acceptance materials, reports, notices
        // The ports the funds module reads (FUND-05/06).
        services.AddScoped<IAcceptanceResults, AcceptanceResults>();
        services.AddScoped<IOpenRectifications, AcceptanceRectifications>();
        services.AddScoped<Standards.IAcceptanceYears, AcceptanceYears>();
        services.AddScoped<Disclosure.IPublicAcceptanceFacts, AcceptancePublicFacts>(); // DISC-01 public column
        services.AddScoped<Disclosure.IPublicObjections, AcceptancePublicObjections>(); // objections from the public column (ACC-07)
        services.AddRecurringJob<AcceptanceFinaliseJob>(AcceptanceFinaliseJob.Name, AcceptanceFinaliseJob.Schedule); // ACC-06, daily 01:00 China time
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapAcceptanceEndpoints();
        Evaluation.EvaluationEndpoints.MapEvaluationEndpoints(app);
    }

    public IReadOnlyList<P.Node> Permissions => [P.AcceptanceGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Acceptance.Read, P.Acceptance.Acknowledge, P.Acceptance.Evaluate),
        new(R.Expert, P.Acceptance.Score),
        new(R.ThirdParty, P.Acceptance.Inspect),
        new(R.CityOfficer, P.Acceptance.Read, P.Acceptance.Acknowledge),
        new(R.CountyOfficer, P.Acceptance.Read, P.Acceptance.Apply, P.Acceptance.Review),
        new(R.Operator, P.Acceptance.Read, P.Acceptance.Apply),
    ];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock)
    {
        if (!caller.Has(P.Acceptance.Read)) yield break;
        yield return new("验收评价", "fa-solid fa-clipboard-check", Order, [new("验收申请与验收", "/acceptance", "fa-solid fa-clipboard-check"),
            new("绩效评价排名", $"/acceptance/evaluations/{clock.ChinaToday().Year - 1}", "fa-solid fa-ranking-star")]);
    }

    /// <summary>The province default indicator sheet (EVAL-01), in use (reference data, idempotent).</summary>
    public async Task SeedReferenceAsync(EtownDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        if (await db.EvaluationSheets.AnyAsync(ct)) return;
        db.EvaluationSheets.Add(Evaluation.EvaluationSheet.Create(Evaluation.EvaluationSheet.DefaultCode, "山西省乡村e镇绩效评价指标表（默认）",
            Evaluation.EvaluationSheet.DefaultIndicators, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    public Task SeedDemoAsync(DemoSeed demo, CancellationToken ct)
    {
        DemoAcceptance.Seed(demo.Db, demo.Etowns[0], demo.Etowns[2], demo.Clock, demo.Calendar);
        return Task.CompletedTask;
    }

    /// <summary>The demo 潞城 stage acceptance covers the operating contract once the funds module provides one (idempotent).</summary>
    public async Task AfterSeedAsync(EtownDbContext db, IServiceProvider services, CancellationToken ct)
    {
        await DemoEvaluation.SeedAsync(db, services.GetRequiredService<TimeProvider>(), ct); // issue #12 item 9: 2024 ranking (EVAL-01)
        var a = await db.AcceptanceApplications.FirstOrDefaultAsync(x => x.Title == DemoAcceptance.LuchengStageTitle && x.ContractId == null, ct);
        if (a is null) return;
        foreach (var directory in services.GetServices<Acceptance.IContractDirectory>())
        {
            var c = (await directory.ForEtownAsync(db, a.EtownId, ct)).OrderBy(x => x.Number).FirstOrDefault();
            if (c is null) continue;
            a.ContractId = c.Id;
            a.ContractNumber = c.Number;
            a.ContractTitle = c.Title;
            await db.SaveChangesAsync(ct);
            return;
        }
    }
}
