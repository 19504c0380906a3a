namespace ETown.Web.Platform.Auth;

// The module's permissions: constants stay reachable as Permissions.X.Y wherever they are checked.
public static partial class Permissions
{
    public static class Statistics
    {
        public const string Read = "Statistics.Report.Read";
        public const string Enter = "Statistics.Report.Enter";
        public const string Approve = "Statistics.Report.Approve";
        public const string Accept = "Statistics.Report.Accept";
        public const string Unlock = "Statistics.Report.Unlock";
        public const string TargetSet = "Statistics.Target.Set";
        public const string CityFigureSet = "Statistics.CityFigure.Set";
        public const string UnlockAccepted = "Statistics.Report.UnlockAccepted";
        public const string DataSetManage = "Statistics.DataSet.Manage";
        public const string CatalogueManage = "Statistics.Catalogue.Manage";
        public const string ReminderRun = "Statistics.Reminder.Run";
        public const string CityReportGenerate = "Statistics.CityReport.Generate";
    }

    /// <summary>The Statistics permission group as the module contributes it.</summary>
    public static readonly Node StatisticsGroup =
        new("Statistics", "统计监测", [
        new("Statistics.Report", "月度统计报表", [
            Leaf(Statistics.Read, "查看统计报表"),
            Leaf(Statistics.Enter, "填报、报送统计数据（承办企业、县）"),
            Leaf(Statistics.Approve, "审核统计报表（县）"),
            Leaf(Statistics.Accept, "接收统计报表（市、省）"),
            Leaf(Statistics.Unlock, "解锁已审核的统计报表（县）"),
            Leaf(Statistics.UnlockAccepted, "解锁本级已接收的统计报表（市、省）"),
        ]),
        new("Statistics.Target", "年度目标", [Leaf(Statistics.TargetSet, "填报无申报书目标时的年度目标（县、省）")]),
        new("Statistics.CityFigure", "市级官方数据", [Leaf(Statistics.CityFigureSet, "填报本市总产值官方增速（市、省）")]),
        new("Statistics.DataSet", "统计数据集", [Leaf(Statistics.DataSetManage, "维护数据集截止工作日、提醒天数与e镇分配（省）")]),
        new("Statistics.Catalogue", "指标与校验规则", [Leaf(Statistics.CatalogueManage, "新增、修改统计指标与数据校验规则（省）")]),
        new("Statistics.Reminder", "报送提醒", [Leaf(Statistics.ReminderRun, "立即发送统计报送提醒（省、县）")]),
        new("Statistics.CityReport", "市级月度进展报告", [Leaf(Statistics.CityReportGenerate, "生成市级月度进展报告")]),
    ]);
}
