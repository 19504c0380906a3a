using ETown.Web.Platform.WorkDesk;

namespace ETown.Web.Features.Archives;

/// <summary>
/// ARCH-01 to-dos of the county: per e-town it manages, each stage that has been reached (by the e-town's status, or by a
/// document already filed) and still lacks required documents — one item naming what is missing.
/// </summary>
public sealed class ArchiveWorkItems(ArchiveService archives) : IWorkItemSource
{
    public string Module => "档案管理";

    public async Task<IReadOnlyList<WorkItem>> OpenItemsAsync(CancellationToken ct) =>
        (await archives.MissingForManagerAsync(ct)).Select(x => new WorkItem(Module,
            $"补齐{x.Stage.Label}阶段档案（{x.Stage.Present}/{x.Stage.Required}）：缺{string.Join("、", x.Stage.Missing)}",
            x.Town.Id, x.Town.Name, null, $"/archives/etowns/{x.Town.Id}")).ToList();
}
