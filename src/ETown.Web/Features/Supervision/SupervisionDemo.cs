using ETown.Web.Features.Etowns;
using ETown.Web.Platform.Modules;
using ETown.Web.Platform.Time;

namespace ETown.Web.Features.Supervision;

/// <summary>Rule sets every installation gets, and demo supervision over the last months for the seven demo e-towns.</summary>
public static class SupervisionDemo
{
    public const string ProvinceCode = "SX-SUP-2024";
    public const string LuchengCode = "LC-SUP-2024";
    public const string LinyiCode = "LY-SUP-2024";

    /// <summary>
    /// Province default (SUP-02: construction and operation monthly, fund use quarterly) and the two counties whose
    /// documents say it differently: 潞城 (fund use after every disbursement) and 临猗 (fund use quarterly, its own text).
    /// </summary>
    public static IEnumerable<SupervisionRuleSet> DefaultRuleSets(DateTimeOffset now)
    {
        var province = SupervisionRuleSet.Create(ProvinceCode, "山西省乡村e镇日常监管检查频次（默认）", null,
        [
            new(InspectionKind.Construction, Cadence.Monthly, RuleStart.Listing),
            new(InspectionKind.FundUse, Cadence.Quarterly, RuleStart.Listing, RemindWorkingDays: 5),
            new(InspectionKind.Operation, Cadence.Monthly, RuleStart.OperationStart),
        ], 15, now);
        yield return province;
        yield return SupervisionRuleSet.Create(LuchengCode, "潞城区日常监督检查制度（每拨付一次资金检查一次）", "140406",
        [
            new(InspectionKind.Construction, Cadence.Monthly, RuleStart.Listing),
            new(InspectionKind.FundUse, Cadence.AfterEachDisbursement, RuleStart.Listing, WithinWorkingDays: 10),
            new(InspectionKind.Operation, Cadence.Monthly, RuleStart.OperationStart),
        ], 15, now, parent: province);
        yield return SupervisionRuleSet.Create(LinyiCode, "临猗县日常监管检查频次（资金使用每季度一次）", "140821",
        [
            new(InspectionKind.Construction, Cadence.Monthly, RuleStart.Listing),
            new(InspectionKind.FundUse, Cadence.Quarterly, RuleStart.Listing),
            new(InspectionKind.Operation, Cadence.Monthly, RuleStart.OperationStart),
        ], 10, now, parent: province);
    }

    public static void Seed(DemoSeed demo)
    {
        SeedOperator(demo);
        var db = demo.Db;
        var cal = demo.Calendar;
        var today = demo.Clock.ChinaToday();
        var thisMonth = SupervisionPeriod.Month(today);
        // A few missed months: (e-town index, months back).
        var missed = new HashSet<(int, int)> { (1, 3), (3, 2), (6, 4), (6, 1), (4, 5) };
        var teams = new[] { "潞城区e镇办 王科长、李干事", "岢岚县e镇办 张主任", "临猗县e镇办 赵科长、财政局 孙会计", "山阴县e镇办 刘干事",
            "应县e镇办 陈干事", "怀仁市e镇办 周科长", "右玉县e镇办 吴干事" };
        var luchengInspections = new List<Inspection>();
        var yingxianInspections = new List<Inspection>();
        for (var t = 0; t < demo.Etowns.Count; t++)
        {
            var town = demo.Etowns[t];
            var code = town.CountyCode == "140406" ? LuchengCode : town.CountyCode == "140821" ? LinyiCode : ProvinceCode;
            for (var back = 6; back >= 1; back--)
            {
                var period = SupervisionPeriod.Month(thisMonth.Start.AddMonths(-back));
                var due = new InspectionDue
                {
                    EtownId = town.Id, CountyCode = town.CountyCode, Kind = InspectionKind.Construction, Cadence = Cadence.Monthly,
                    PeriodKey = period.Key, PeriodStart = period.Start, DueOn = period.End, RuleSetCode = code,
                };
                db.Add(due);
                if (missed.Contains((t, back)))
                {
                    due.MissedAt = ChinaTime.StartOfDay(period.End.AddDays(1));
                    continue;
                }
                var day = period.Start.AddDays(14 + t % 5);
                while (!cal.IsWorkingDay(day)) day = day.AddDays(1);
                var i = new Inspection
                {
                    EtownId = town.Id, CountyCode = town.CountyCode, Kind = InspectionKind.Construction,
                    Method = (back % 3) switch { 0 => InspectionMethod.OnSite, 1 => InspectionMethod.ReviewMaterials, _ => InspectionMethod.HearReport },
                    InspectedOn = day, Team = teams[t], Checked = $"{period.Key} 建设进度：对照培育方案重点任务与合同节点，查看e镇服务中心、仓储物流中心施工进度。",
                    Status = InspectionStatus.Signed, SignedAt = ChinaTime.StartOfDay(day).AddHours(17), SignedBy = teams[t].Split(' ')[0],
                    CreatedAt = ChinaTime.StartOfDay(day).AddHours(16),
                };
                db.Add(i);
                due.InspectionId = i.Id;
                due.DoneOn = day;
                if (t == 0) luchengInspections.Add(i);
                if (t == 4) yingxianInspections.Add(i);
            }
        }
        // 临猗 quarterly fund-use inspections (its own rule), the last two quarters.
        var linyi = demo.Etowns[2];
        for (var q = 2; q >= 1; q--)
        {
            var period = SupervisionPeriod.Quarter(thisMonth.Start.AddMonths(-3 * q));
            var day = period.End.AddDays(-10);
            while (!cal.IsWorkingDay(day)) day = day.AddDays(-1);
            var i = new Inspection
            {
                EtownId = linyi.Id, CountyCode = linyi.CountyCode, Kind = InspectionKind.FundUse, Method = InspectionMethod.ReviewMaterials, InspectedOn = day,
                Team = teams[2], Checked = $"{period.Key} 资金使用：查看拨付凭证、合同与发票，核对专款专用。", Status = InspectionStatus.Signed,
                SignedAt = ChinaTime.StartOfDay(day).AddHours(17), SignedBy = "临猗县e镇办", CreatedAt = ChinaTime.StartOfDay(day).AddHours(16),
            };
            db.Add(i);
            db.Add(new InspectionDue
            {
                EtownId = linyi.Id, CountyCode = linyi.CountyCode, Kind = InspectionKind.FundUse, Cadence = Cadence.Quarterly, PeriodKey = period.Key,
                PeriodStart = period.Start, DueOn = period.End, RuleSetCode = LinyiCode, InspectionId = i.Id, DoneOn = day,
            });
        }

        // 潞城's problem list: closed on time and closed after a second notice, so 潞城 stays payable (FUND-06: an
        // unresolved rectification blocks payments). 应县 carries the escalated and the open one: its payments wait.
        if (luchengInspections.Count >= 2)
        {
            var lucheng = demo.Etowns[0];
            Problem(db, cal, lucheng, luchengInspections[0], "仓储物流中心消防通道被占用", ProblemSeverity.Major, "合同第七条 安全生产", 10,
                [("下发整改通知", 0), ("答复整改", 6), ("核查销号", 8)]);
            Problem(db, cal, lucheng, luchengInspections[1], "直播基地设备未按合同清单配置到位", ProblemSeverity.Major, "建设标准第 12 项", 10,
                [("下发整改通知", 0), ("答复整改", 9), ("再次行文限期整改", 11), ("答复整改", 16), ("核查销号", 18)]);
        }
        if (yingxianInspections.Count >= 2)
        {
            var yingxian = demo.Etowns[4];
            Problem(db, cal, yingxian, yingxianInspections[0], "e镇运营团队人员不足 6 人，未签订长期运营协议", ProblemSeverity.Serious, "SUP-08；合同第五条", 10,
                [("下发整改通知", 0), ("逾期自动再次通知", 15), ("逾期自动升级", 28)]);
            Problem(db, cal, yingxian, yingxianInspections[^1], "e镇服务中心公示栏未更新培育方案", ProblemSeverity.Minor, "建设标准第 3 项", 10, [("下发整改通知", 0)]);
        }
    }

    /// <summary>
    /// SUP-06/08 demo: 潞城's operator reported monthly (one month late, the last month still owed), has a team of six
    /// and a long-term operation agreement; the other e-towns have none, so their gaps show on the board.
    /// </summary>
    static void SeedOperator(DemoSeed demo)
    {
        var db = demo.Db;
        var cal = demo.Calendar;
        var today = demo.Clock.ChinaToday();
        var lucheng = demo.Etowns[0];
        const string company = "长治市潞城区乡村e镇运营有限公司（演示）";
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        for (var back = 6; back >= 2; back--)
        {
            var month = thisMonth.AddMonths(-back);
            var due = OperatorRules.DueOn(month, 5, cal);
            var submitted = back == 4 ? cal.DeadlineAfter(due, 3) : due.AddDays(-2); // one late: 3 working days after the due day
            db.Add(new OperatorMonthlyReport
            {
                EtownId = lucheng.Id, CountyCode = lucheng.CountyCode, Month = OperatorRules.MonthKey(month), DueOn = due, OperatorName = company,
                Progress = $"{OperatorRules.MonthKey(month)}：直播基地完成设备调试，开展电商培训 2 期；合同节点“阶段验收”材料整理中。",
                Problems = back == 4 ? "冷链仓储设备到货延迟。" : null, NextPlan = "推进农产品品牌设计，组织线上促销 1 次。",
                SubmittedOn = submitted, SubmittedBy = "潞城运营公司 赵经理", Version = 1,
                AcknowledgedAt = back >= 3 ? ChinaTime.StartOfDay(cal.DeadlineAfter(submitted, 2)).AddHours(10) : null,
                AcknowledgedBy = back >= 3 ? "潞城区e镇办" : null,
                CreatedAt = ChinaTime.StartOfDay(submitted).AddHours(15), UpdatedAt = ChinaTime.StartOfDay(submitted).AddHours(15),
            });
        }
        foreach (var (name, role) in new[] { ("赵明", "运营总监"), ("钱丽", "直播运营"), ("孙强", "供应链"), ("李娜", "培训讲师"), ("周涛", "设计美工"), ("吴静", "客服与数据统计") })
            db.Add(new OperatorTeamMember { EtownId = lucheng.Id, CountyCode = lucheng.CountyCode, Name = name, Role = role, CreatedAt = demo.Clock.GetUtcNow() });
        // 朔州 003 三、市级督导: 长治 visits 潞城; two decisions, one closed, one open.
        var held = cal.DeadlineAfter(thisMonth.AddMonths(-2), 7);
        var visit = new CityVisit
        {
            CityCode = "140400", Kind = VisitKind.Visit, HeldOn = held, Title = "长治市商务局乡村e镇建设督导检查（潞城区）",
            Minutes = "听取潞城区乡村e镇建设运营情况汇报，实地查看直播基地和仓储物流中心。", CreatedBy = "长治市商务局", CreatedAt = ChinaTime.StartOfDay(held).AddHours(17),
        };
        db.Add(visit);
        db.Add(new VisitDecision
        {
            VisitId = visit.Id, CountyCode = lucheng.CountyCode, EtownId = lucheng.Id, Text = "完善直播基地设备台账，报市商务局备案", DeadlineWorkingDays = 10,
            DueOn = cal.DeadlineAfter(held, 10), ClosedAt = ChinaTime.StartOfDay(cal.DeadlineAfter(held, 8)).AddHours(11), ClosedBy = "潞城区e镇办",
            CloseNote = "设备台账已完善并报备。", CreatedAt = visit.CreatedAt,
        });
        db.Add(new VisitDecision
        {
            VisitId = visit.Id, CountyCode = lucheng.CountyCode, EtownId = lucheng.Id, Text = "冷链仓储设备按合同补齐到位", DeadlineWorkingDays = 20,
            DueOn = cal.DeadlineAfter(held, 20), CreatedAt = visit.CreatedAt,
        });
        db.Add(new OperationAgreement
        {
            EtownId = lucheng.Id, CountyCode = lucheng.CountyCode, Title = "潞城区乡村e镇长期后续运营服务协议", StartsOn = new DateOnly(2023, 1, 1),
            EndsOn = new DateOnly(2032, 12, 31), RecordedBy = "潞城区e镇办", CreatedAt = demo.Clock.GetUtcNow(),
        });
    }

    static void Problem(Platform.Data.EtownDbContext db, Platform.Calendar.WorkingCalendar cal, Etown town, Inspection i, string text,
        ProblemSeverity severity, string reference, int days, (string Action, int After)[] steps)
    {
        var p = new Problem
        {
            EtownId = town.Id, CountyCode = town.CountyCode, InspectionId = i.Id, Description = text, Severity = severity, Reference = reference,
            ResponsibleParty = "长治市潞城区乡村e镇运营有限公司（演示）", DeadlineWorkingDays = days, Status = ProblemStatus.Open, CreatedAt = i.SignedAt!.Value,
        };
        i.Findings.Add(new Finding(text, severity, reference, p.ResponsibleParty, days));
        db.Add(p);
        var start = i.InspectedOn.AddDays(1);
        foreach (var (action, after) in steps)
        {
            var day = start.AddDays(after);
            var at = ChinaTime.StartOfDay(day).AddHours(10);
            var from = p.Status;
            string by = "潞城区e镇办", note = "";
            DateOnly? deadline = null;
            switch (action)
            {
                case "下发整改通知":
                    p.Status = ProblemStatus.Noticed; p.NoticeCount = 1; p.Deadline = deadline = cal.DeadlineAfter(day, days);
                    break;
                case "答复整改":
                    p.Status = p.NoticeCount > 1 ? ProblemStatus.SecondResponded : ProblemStatus.Responded; by = "潞城区乡村e镇运营有限公司"; note = "已按要求整改，附整改前后照片。";
                    break;
                case "再次行文限期整改":
                    p.Status = ProblemStatus.SecondNotice; p.NoticeCount = 2; p.Deadline = deadline = cal.DeadlineAfter(day, days); note = "设备仍缺 2 台，再次限期整改。";
                    break;
                case "逾期自动再次通知":
                    p.Status = ProblemStatus.SecondNotice; p.NoticeCount = 2; p.Deadline = deadline = cal.DeadlineAfter(day, days); by = SupervisionScheduler.SystemActor;
                    note = "整改期限已过，未答复；再次限期整改。";
                    break;
                case "逾期自动升级":
                    p.Status = ProblemStatus.Escalated; p.Escalation = EscalationAction.RequestContractTermination; p.EscalatedAt = at; by = SupervisionScheduler.SystemActor;
                    note = "再次限期已过仍未整改：提请县政府终止合同（SUP-05）。";
                    break;
                case "核查销号":
                    p.Status = ProblemStatus.Closed; p.ClosedAt = at; note = "现场核查，整改到位。";
                    break;
            }
            db.Add(SupervisionService.Step(p, action, from, note.Length == 0 ? null : note, deadline, by, at));
        }
    }
}
