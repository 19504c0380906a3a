using ETown.Web.Features.Archives;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Declarations;

/// <summary>ARCH-01: the materials of the declaration the e-town was listed from (DECL-08), referenced as stored.</summary>
public sealed class DeclarationArchiveSource : IArchiveSource
{
    static string Key(MaterialKind k) => k switch
    {
        MaterialKind.DeclarationForm => ArchiveKeys.DeclarationForm,
        MaterialKind.CityRecommendation => ArchiveKeys.DeclarationRecommendation,
        MaterialKind.CultivationPlan => ArchiveKeys.DeclarationPlan,
        MaterialKind.CommitmentLetter => ArchiveKeys.DeclarationCommitment,
        _ => ArchiveKeys.DeclarationEvidence,
    };

    public async Task<IReadOnlyList<ArchiveFiling>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var declarationId = await ctx.Etowns.AsNoTracking().Where(e => e.Id == etownId).Select(e => e.DeclarationId).FirstOrDefaultAsync(ct);
        if (declarationId is not { } id) return [];
        // The e-town is authorised by the archive; its own declaration's materials are read past the region filter
        // (a commissioned auditor is scoped by assignment, not region).
        var materials = await ctx.DeclarationMaterials.IgnoreQueryFilters().AsNoTracking().Where(m => m.DeclarationId == id).ToListAsync(ct);
        return materials.Select(m => new ArchiveFiling(Key(m.Kind), Declaration.MaterialLabel(m.Kind), m.UploadedAt.ToChinaDate(), m.FileName, "申报材料",
            Stored: m)).ToList();
    }
}
