namespace ETown.Web.Features.Statistics;

/// <summary>
/// Stable error codes of 统计报送（ETOWN-STAT-*）. API clients and tests branch on these values: never change one,
/// only add. The only place in src/ where an ETOWN- code is written (source scan in ErrorCodeTests).
/// </summary>
public static class StatisticsErrors
{
    /// <summary>报表状态不允许此操作（STAT-05）</summary>
    public const string IllegalTransition = "ETOWN-STAT-0001";
    /// <summary>已县级审核锁定（STAT-05）</summary>
    public const string Locked = "ETOWN-STAT-0002";
    /// <summary>未通过校验或无数据，不能报送（STAT-01）</summary>
    public const string RulesFailed = "ETOWN-STAT-0003";
    /// <summary>该e镇不报送统计数据，不能分配数据集</summary>
    public const string EtownNotReporting = "ETOWN-STAT-0004";
    /// <summary>未分配数据集（STAT-02）</summary>
    public const string DataSetNotAssigned = "ETOWN-STAT-0005";
    /// <summary>本期尚不能整体接收</summary>
    public const string PeriodNotReady = "ETOWN-STAT-0006";
    /// <summary>不是市级行政区划代码</summary>
    public const string BadCityCode = "ETOWN-STAT-0010";
    /// <summary>月份区间无效</summary>
    public const string BadRange = "ETOWN-STAT-0011";
    /// <summary>未知指标</summary>
    public const string UnknownIndicator = "ETOWN-STAT-0012";
    /// <summary>年份超出范围</summary>
    public const string BadYear = "ETOWN-STAT-0013";
    /// <summary>派生指标按月计算</summary>
    public const string AnnualPeriod = "ETOWN-STAT-0014";
    /// <summary>导入文件过大</summary>
    public const string ImportTooLarge = "ETOWN-STAT-0110";
    /// <summary>导入文件不是 .xlsx</summary>
    public const string ImportNotXlsx = "ETOWN-STAT-0111";
    /// <summary>未选择导入文件</summary>
    public const string ImportNoFile = "ETOWN-STAT-0112";
}
