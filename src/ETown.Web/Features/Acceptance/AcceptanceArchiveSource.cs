using DocumentFormat.OpenXml.Wordprocessing;
using ETown.Web.Features.Archives;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Documents;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Acceptance;

/// <summary>
/// ARCH-01 (临猗 第十七条): acceptance materials referenced as stored, the acceptance report of each concluded application
/// (ACC-07, generated), the public notice of a passed one (验收办法 第七条) and the county's self-evaluation reports (EVAL-01).
/// </summary>
public sealed class AcceptanceArchiveSource(AcceptanceService acceptance) : IArchiveSource
{
    public async Task<IReadOnlyList<ArchiveFiling>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var town = await ctx.Etowns.AsNoTracking().Where(e => e.Id == etownId).Select(e => new { e.Name, e.CountyCode }).FirstAsync(ct);
        var apps = await ctx.AcceptanceApplications.AsNoTracking().Where(a => a.EtownId == etownId).OrderBy(a => a.SubmittedOn).ToListAsync(ct);
        var ids = apps.Select(a => a.Id).ToList();
        var materials = await ctx.AcceptanceMaterials.AsNoTracking().Where(m => ids.Contains(m.ApplicationId)).ToListAsync(ct);
        var list = new List<ArchiveFiling>();
        foreach (var m in materials)
            list.Add(new ArchiveFiling(ArchiveKeys.AcceptanceApplication, $"验收资料：{apps.First(a => a.Id == m.ApplicationId).Title}", m.UploadedAt.ToChinaDate(),
                m.FileName, "验收申请", Stored: m));
        foreach (var a in apps.Where(a => a.Status is AcceptanceStatus.Passed or AcceptanceStatus.Failed && a.ReviewedOn is not null))
        {
            list.Add(new ArchiveFiling(ArchiveKeys.AcceptanceReport, $"{a.Title}验收报告", a.ReviewedOn!.Value, $"{town.Name}{a.Title}验收报告.docx", "验收评价",
                Generate: async c => AcceptanceReportDocx.Render(await acceptance.DetailAsync(ctx, a, c))));
            if (a.Status == AcceptanceStatus.Passed && a.NoticeStartsOn is { } start)
                list.Add(new ArchiveFiling(ArchiveKeys.AcceptanceNotice, $"{a.Title}验收结果公示", start, $"{town.Name}{a.Title}验收结果公示.docx", "验收评价",
                    Generate: _ => Task.FromResult(Notice(town.Name, a))));
        }
        // EVAL-01: the county's self-evaluation reports concern every e-town of the county; the e-town is already authorised.
        var evaluations = await ctx.PerformanceEvaluations.IgnoreQueryFilters().AsNoTracking().Where(e => e.CountyCode == town.CountyCode)
            .OrderBy(e => e.Year).ToListAsync(ct);
        foreach (var e in evaluations)
            list.Add(new ArchiveFiling(ArchiveKeys.SelfEvaluation, $"{e.Year} 年度县级绩效自评价报告", e.UploadedAt.ToChinaDate(), e.FileName, "绩效评价", Stored: e));
        return list;
    }

    static byte[] Notice(string town, AcceptanceApplication a) => WordKit.Create("验收结果公示", body =>
    {
        body.Append(WordKit.Para($"{town}{a.Title}验收结果公示", JustificationValues.Center, bold: true, halfPoints: 36, after: 240));
        body.Append(WordKit.Para($"{town}{a.Title}已于 {a.ReviewedOn:yyyy年M月d日} 通过验收，确认累计完成合同进度 {a.AcceptedProgressPercent:0.##}%。"
            + (a.ContractNumber is null ? "" : $"所涉合同：{a.ContractNumber} {a.ContractTitle}。"), firstLineChars: 2, after: 120));
        body.Append(WordKit.Para($"公示期：{a.NoticeStartsOn:yyyy年M月d日} 至 {a.NoticeEndsOn:yyyy年M月d日}（工作日）。公示期间如有异议，请通过县政府网站“乡村e镇”专栏反映。",
            firstLineChars: 2, after: 240));
        body.Append(WordKit.Para("县乡村e镇工作领导小组办公室", JustificationValues.Right));
    });
}
