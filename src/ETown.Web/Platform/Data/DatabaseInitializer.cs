using System.Data.Common;
using ETown.Web.Features.Regions;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data.Seeding;
using ETown.Web.Platform.Modules;
using ETown.Web.Platform.Settings;
using AppSetting = ETown.Web.Platform.Settings.AppSetting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Data;

/// <summary>
/// Start-up: apply pending migrations (upgrade in place, never EnsureCreated), load reference data,
/// create built-in roles, optionally demo data, then warm the in-memory caches.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitialiseAsync(IServiceProvider services, bool seedDemo, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<Caller>().SetSystem();
        var db = sp.GetRequiredService<EtownDb>();
        var ctx = sp.GetRequiredService<EtownDbContext>();
        // Where a start's time goes, in one log line (issue #16 target 5: first page ≤ 5 s on an existing database).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var phases = new List<string>();
        void Phase(string name) { phases.Add($"{name} {clock.ElapsedMilliseconds} ms"); clock.Restart(); }

        try
        {
            // Only when a migration is pending: Migrate itself also diffs the model snapshot against the model, about half a
            // second of every start on an up-to-date database (issue #16 target 5; docs/benchmarks.md).
            if ((await ctx.Database.GetPendingMigrationsAsync(ct)).Any()) await ctx.Database.MigrateAsync(ct);
            Phase("迁移");
        }
        catch (Exception ex) when (IsConnectionProblem(ex))
        {
            throw new StartupException(
                $"无法连接数据库 {db.Settings.Describe()}：{Innermost(ex).Message}\n" +
                "请检查数据库服务是否启动、连接串 ConnectionStrings__Postgres 是否正确（见 docs/operations.md）。", ex);
        }

        var modules = sp.GetRequiredService<ModuleCatalog>();
        foreach (var module in modules.Modules) await module.SeedReferenceAsync(ctx, sp, ct);
        await EnsureRolesAsync(modules, sp.GetRequiredService<RoleManager<AppRole>>(), ctx, ct);
        Phase("参考数据与角色");
        if (seedDemo) await DemoData.SeedAsync(ctx, modules, sp, ct);
        foreach (var module in modules.Modules) await module.AfterSeedAsync(ctx, sp, ct);
        Phase("演示数据");
        await PlannerStatistics.RefreshAsync(ctx, ct); // issue #16: the planner's statistics for the data as it is now
        Phase("查询统计信息");

        await sp.GetRequiredService<RegionDirectory>().ReloadAsync(db, ct);
        await sp.GetRequiredService<WorkingCalendar>().ReloadAsync(db, ct);
        await sp.GetRequiredService<SiteSettings>().ReloadAsync(db, ct);
        Phase("缓存");
        sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer)).LogInformation("数据库初始化：{Phases}", string.Join("，", phases));
    }

    const string KnownPermissionsKey = "Seed.KnownPermissions";

    /// <summary>
    /// Creates missing built-in roles. When a release adds permissions, the built-in roles get the new
    /// ones their definition grants — once: permissions the security administrator removed earlier
    /// stay removed, because only permissions unknown at the previous start are granted.
    /// </summary>
    static async Task EnsureRolesAsync(ModuleCatalog modules, RoleManager<AppRole> roles, EtownDbContext ctx, CancellationToken ct)
    {
        var builtIn = modules.Roles();
        var stored = await ctx.Settings.FirstOrDefaultAsync(x => x.Key == KnownPermissionsKey, ct);
        var known = stored?.Value.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet() ?? [];
        if (stored is not null)
        {
            foreach (var def in builtIn)
            {
                var role = await roles.FindByNameAsync(def.Name);
                if (role is null) continue;
                var have = await ctx.RoleClaims.Where(c => c.RoleId == role.Id && c.ClaimType == Permissions.ClaimType).Select(c => c.ClaimValue).ToListAsync(ct);
                foreach (var p in def.Permissions.Where(p => !known.Contains(p) && !have.Contains(p)))
                    ctx.RoleClaims.Add(new IdentityRoleClaim<Guid> { RoleId = role.Id, ClaimType = Permissions.ClaimType, ClaimValue = p });
            }
        }
        var all = string.Join(",", modules.AllPermissions);
        if (stored is null) ctx.Settings.Add(new AppSetting { Key = KnownPermissionsKey, Value = all, Description = "内部：上次启动时已知的权限" });
        else stored.Value = all;
        await ctx.SaveChangesAsync(ct);

        foreach (var def in builtIn)
        {
            if (await roles.FindByNameAsync(def.Name) is not null) continue; // the security admin's edits are kept
            var role = new AppRole { Name = def.Name, Description = def.Description, RequiresTwoFactor = def.RequiresTwoFactor, IsBuiltIn = true };
            var r = await roles.CreateAsync(role);
            if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
            foreach (var p in def.Permissions)
                ctx.RoleClaims.Add(new IdentityRoleClaim<Guid> { RoleId = role.Id, ClaimType = Permissions.ClaimType, ClaimValue = p });
            await ctx.SaveChangesAsync(ct);
        }
    }

    static bool IsConnectionProblem(Exception ex) =>
        Innermost(ex) is System.Net.Sockets.SocketException or TimeoutException
        || ex is Npgsql.NpgsqlException { IsTransient: true }
        || (ex is Npgsql.PostgresException pg && pg.SqlState is "28P01" or "3D000" or "28000")
        || ex is DbException && ex.Message.Contains("unable to open", StringComparison.OrdinalIgnoreCase)
        || ex is InvalidOperationException && Innermost(ex) is Npgsql.NpgsqlException;

    static Exception Innermost(Exception ex) { while (ex.InnerException is not null) ex = ex.InnerException; return ex; }
}
