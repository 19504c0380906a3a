using DocumentFormat.OpenXml.Wordprocessing;
using ETown.Web.Features.Archives;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Documents;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Supervision;

/// <summary>
/// ARCH-01 (临猗 第十三条、第十八条 监督管理): each signed inspection as a generated record (.docx) with its photos and files
/// referenced as stored, and each rectification notice issued (SUP-05) with the operator's evidence.
/// </summary>
public sealed class SupervisionArchiveSource : IArchiveSource
{
    public async Task<IReadOnlyList<ArchiveFiling>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var town = await ctx.Etowns.AsNoTracking().Where(e => e.Id == etownId).Select(e => e.Name).FirstAsync(ct);
        var inspections = await ctx.Inspections.AsNoTracking().Where(i => i.EtownId == etownId && i.Status == InspectionStatus.Signed)
            .OrderBy(i => i.InspectedOn).ToListAsync(ct);
        var problems = await ctx.Problems.AsNoTracking().Where(p => p.EtownId == etownId && p.NoticeCount > 0).ToListAsync(ct);
        var owners = inspections.Select(i => i.Id).Concat(problems.Select(p => p.Id)).ToList();
        var files = (await ctx.SupervisionFiles.AsNoTracking().Where(f => owners.Contains(f.OwnerId)).ToListAsync(ct)).ToLookup(f => f.OwnerId);
        var list = new List<ArchiveFiling>();
        foreach (var i in inspections)
        {
            var kind = SupervisionPeriod.KindLabel(i.Kind);
            list.Add(new ArchiveFiling(ArchiveKeys.Inspection, $"{kind}检查记录（{i.InspectedOn:yyyy-MM-dd}）", i.InspectedOn,
                $"监督检查记录-{i.InspectedOn:yyyyMMdd}-{kind}.docx", "日常监管", Generate: _ => Task.FromResult(Record(town, i))));
            foreach (var f in files[i.Id])
                list.Add(new ArchiveFiling(ArchiveKeys.Inspection, $"{kind}检查照片/文件（{i.InspectedOn:yyyy-MM-dd}）", i.InspectedOn, f.FileName, "日常监管", Stored: f));
        }
        foreach (var p in problems)
        {
            var insp = await ctx.Inspections.AsNoTracking().FirstAsync(i => i.Id == p.InspectionId, ct);
            var issued = await ctx.ProblemSteps.AsNoTracking().Where(s => s.ProblemId == p.Id && s.Deadline != null)
                .OrderByDescending(s => s.At).Select(s => s.At).FirstOrDefaultAsync(ct);
            list.Add(new ArchiveFiling(ArchiveKeys.Rectification, "整改通知书：" + (p.Description.Length > 30 ? p.Description[..30] + "…" : p.Description),
                issued.ToChinaDate(), SupervisionDocuments.NoticeFileName(town, p.NoticeCount), "整改通知",
                Generate: _ => Task.FromResult(SupervisionDocuments.Notice(town, insp, p, issued))));
            foreach (var f in files[p.Id])
                list.Add(new ArchiveFiling(ArchiveKeys.Rectification, "整改佐证材料", f.UploadedAt.ToChinaDate(), f.FileName, "整改答复", Stored: f));
        }
        return list;
    }

    static byte[] Record(string town, Inspection i) => WordKit.Create("监督检查记录", body =>
    {
        body.Append(WordKit.Para("乡村e镇监督检查记录", JustificationValues.Center, bold: true, halfPoints: 36, after: 240));
        foreach (var line in new[]
        {
            $"e镇：{town}",
            $"检查类型：{SupervisionPeriod.KindLabel(i.Kind)}　检查方式：{ProblemFlow.MethodLabel(i.Method)}　检查日期：{i.InspectedOn:yyyy-MM-dd}",
            $"检查组：{i.Team}",
            $"检查内容：{i.Checked}",
            $"签认：{i.SignedBy ?? "—"}　{ChinaTime.Format(i.SignedAt) ?? ""}（第 {i.Version} 版）",
        }) body.Append(WordKit.Para(line, after: 80));
        body.Append(WordKit.Para($"发现问题（{i.Findings.Count} 个）：", bold: true, before: 160, after: 80));
        foreach (var f in i.Findings)
            body.Append(WordKit.Para($"· {f.Description}（{ProblemFlow.SeverityLabel(f.Severity)}，整改期限 {f.DeadlineWorkingDays} 个工作日）", firstLineChars: 2));
    });
}
