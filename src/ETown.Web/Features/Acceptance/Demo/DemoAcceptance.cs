using ETown.Web.Features.Etowns;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Time;

namespace ETown.Web.Features.Acceptance.Demo;

/// <summary>
/// Demo acceptances: 潞城 a passed stage acceptance (60 % of the operating contract) whose 5-working-day notice has ended;
/// 临猗 an application accepted for review and waiting for the team, with its 15-working-day deadline (ACC-03).
/// </summary>
public static class DemoAcceptance
{
    public const string LuchengStageTitle = "第一阶段建设内容（公共服务中心、仓储物流）阶段性验收";
    public const string LinyiTitle = "电商公共服务中心模块验收";

    /// <summary>
    /// 潞城's stage: applied about three months ago, accepted within the 15 working days, noticed for 5 working days, ended.
    /// Public so the funds demo can date the progress payment that rests on it (FUND-06) without reading this module's tables.
    /// </summary>
    public static (DateOnly Submitted, DateOnly Reviewed, DateOnly NoticeStart, DateOnly NoticeEnd) LuchengStageDates(DateOnly today, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var submitted = today.AddDays(-90);
        var reviewed = calendar.DeadlineAfter(submitted, 8);
        var noticeStart = calendar.DeadlineAfter(reviewed, 2);
        return (submitted, reviewed, noticeStart, calendar.PeriodEnd(noticeStart, 5));
    }

    public static void Seed(Platform.Data.EtownDbContext db, Etown lucheng, Etown linyi, TimeProvider clock, WorkingCalendar calendar)
    {
        var today = clock.ChinaToday();
        var (submitted, reviewed, noticeStart, _) = LuchengStageDates(today, calendar);
        var l = new AcceptanceApplication
        {
            EtownId = lucheng.Id, CountyCode = lucheng.CountyCode, Scope = AcceptanceScope.Stage, Title = LuchengStageTitle,
            StandardItems = [20, 21, 24], ClaimedProgressPercent = 60m, SubmittedOn = submitted, SubmittedByName = "潞城运营公司（演示）",
            ApplicantOrganisation = "长治市潞城区乡村e镇运营有限公司（演示）", ReviewDeadline = calendar.DeadlineAfter(submitted, AcceptanceService.ReviewWorkingDays),
            Status = AcceptanceStatus.Passed, PreCheckedAt = ChinaTime.StartOfDay(calendar.DeadlineAfter(submitted, 2)), PreCheckedByName = "潞城区e镇办（演示）",
            TeamKind = AcceptanceTeamKind.Departments, TeamMembers = "区商务局、区财政局、区乡村振兴局（区审计局列席）",
            ReviewPlannedOn = reviewed, ReviewPlace = "潞城区乡村e镇公共服务中心", ReviewedOn = reviewed, Methods = ["现场查验", "听取汇报", "查阅资料"],
            AcceptedProgressPercent = 60m, Opinion = "第一阶段建设内容已按合同完成并投入运营，同意通过阶段性验收。", ReviewedByName = "潞城区e镇办（演示）",
            NoticeStartsOn = noticeStart, NoticeWorkingDays = 5, NoticeEndsOn = calendar.PeriodEnd(noticeStart, 5),
        };
        var lines = new (CheckLineKind Kind, int? Item, string Text)[]
        {
            (CheckLineKind.StandardItem, 20, "第20项 公共服务中心"),
            (CheckLineKind.StandardItem, 21, "第21项 仓储物流"),
            (CheckLineKind.StandardItem, 24, "第24项 人才培训"),
            (CheckLineKind.ContractMilestone, null, "合同约定的第一阶段建设内容与节点（累计 60%）"),
            (CheckLineKind.Other, null, "培育方案确定的任务"),
        };
        db.AcceptanceApplications.Add(l);
        db.AcceptanceCheckLines.AddRange(lines.Select((x, i) => new AcceptanceCheckLine
        {
            ApplicationId = l.Id, EtownId = l.EtownId, CountyCode = l.CountyCode, Round = 1, SortOrder = i + 1, Kind = x.Kind, ItemNumber = x.Item,
            Description = x.Text, Result = CheckResult.Met,
        }));

        // 临猗: applied three days ago, accepted for review, the team meets before the 15th working day.
        var ySubmitted = today.AddDays(-3);
        var deadline = calendar.DeadlineAfter(ySubmitted, AcceptanceService.ReviewWorkingDays);
        db.AcceptanceApplications.Add(new AcceptanceApplication
        {
            EtownId = linyi.Id, CountyCode = linyi.CountyCode, Scope = AcceptanceScope.Module, Title = LinyiTitle, StandardItems = [20],
            ClaimedProgressPercent = 40m, SubmittedOn = ySubmitted, SubmittedByName = "临猗县e镇运营企业（演示）", ReviewDeadline = deadline,
            Status = AcceptanceStatus.UnderReview, PreCheckedAt = ChinaTime.StartOfDay(ySubmitted.AddDays(1)), PreCheckedByName = "临猗县e镇办（演示）",
            TeamKind = AcceptanceTeamKind.ThirdParty, TeamMembers = "受委托的第三方机构（演示）", ReviewPlannedOn = deadline, ReviewPlace = "临猗县电商公共服务中心",
        });
    }
}
