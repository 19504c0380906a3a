using ETown.Web.Features.Declarations.Eligibility;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Declarations;

/// <summary>
/// DECL-02 counts from the declarations table: live declarations (submitted or further, not rejected
/// or withdrawn) of the current round. Read with the system scope: a county's check must see how
/// many other counties of its city already declare two, without seeing those declarations.
/// </summary>
public sealed class DbDeclarationCounts(EtownDb db, TimeProvider clock) : IDeclarationCounts
{
    public async Task<DeclarationCounts> CountAsync(string countyCode, string cityCode, Guid? excludeDeclarationId = null, CancellationToken ct = default)
    {
        var year = clock.GetUtcNow().UtcDateTime.AddHours(8).Year;
        var prefix = cityCode[..4];
        await using var ctx = db.CreateSystem();
        var live = await ctx.Declarations.AsNoTracking()
            .Where(d => d.Year == year && d.CountyCode.StartsWith(prefix) && d.Id != excludeDeclarationId
                        && d.Status != DeclarationStatus.Draft && d.Status != DeclarationStatus.Rejected && d.Status != DeclarationStatus.Withdrawn)
            .Select(d => d.CountyCode).ToListAsync(ct);
        return new DeclarationCounts(live.Count(c => c == countyCode),
            live.Where(c => c != countyCode).GroupBy(c => c).Count(g => g.Count() >= 2));
    }
}
