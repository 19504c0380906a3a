using ETown.Web.Features.Declarations.Eligibility;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Declarations;

/// <summary>
/// DECL-02 counts from the declarations table: live declarations (submitted or further, not rejected
/// or withdrawn) of one round — the round of the declaration being checked when it is stored, else the
/// current year's. Read with the system scope: a county's check must see how many other counties of its
/// city already declare two, without seeing those declarations.
/// </summary>
public sealed class DbDeclarationCounts(EtownDb db, TimeProvider clock) : IDeclarationCounts
{
    public async Task<DeclarationCounts> CountAsync(string countyCode, string cityCode, Guid? excludeDeclarationId = null, CancellationToken ct = default)
    {
        var prefix = cityCode[..4];
        await using var ctx = db.CreateSystem();
        // A round may open before its year starts: count within the checked declaration's own round.
        var year = (excludeDeclarationId is { } id
                       ? await ctx.Declarations.AsNoTracking().Where(d => d.Id == id).Select(d => (int?)d.Year).FirstOrDefaultAsync(ct)
                       : null)
                   ?? clock.ChinaToday().Year;
        var live = await ctx.Declarations.AsNoTracking()
            .Where(d => d.Year == year && d.CountyCode.StartsWith(prefix) && d.Id != excludeDeclarationId
                        && d.Status != DeclarationStatus.Draft && d.Status != DeclarationStatus.Rejected && d.Status != DeclarationStatus.Withdrawn)
            .Select(d => d.CountyCode).ToListAsync(ct);
        return new DeclarationCounts(live.Count(c => c == countyCode),
            live.Where(c => c != countyCode).GroupBy(c => c).Count(g => g.Count() >= 2));
    }
}
