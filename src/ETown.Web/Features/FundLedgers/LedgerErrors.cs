namespace ETown.Web.Features.FundLedgers;

/// <summary>
/// Stable error codes of 资金台账（ETOWN-LEDG-*）. API clients and tests branch on these values: never change one,
/// only add. The only place in src/ where an ETOWN- code is written (source scan in ErrorCodeTests).
/// </summary>
public static class LedgerErrors
{
    /// <summary>支出用途属于禁止使用专项资金的范围（FUND-01）</summary>
    public const string ProhibitedUse = "ETOWN-LEDG-0001";
    /// <summary>发票号在本单位专账中已存在（FUND-12）</summary>
    public const string DuplicateInvoice = "ETOWN-LEDG-0002";
    /// <summary>同一幂等键用于不同的请求内容</summary>
    public const string IdempotencyConflict = "ETOWN-LEDG-0004";
    /// <summary>缺少或无效的 Idempotency-Key</summary>
    public const string IdempotencyKeyInvalid = "ETOWN-LEDG-0005";
    /// <summary>合同不属于该e镇或不是本单位承办的合同</summary>
    public const string ContractMismatch = "ETOWN-LEDG-0006";
    /// <summary>未选择导入文件</summary>
    public const string ImportNoFile = "ETOWN-LEDG-0110";
    /// <summary>文件过大</summary>
    public const string ImportTooLarge = "ETOWN-LEDG-0111";
    /// <summary>不是 .xlsx 工作簿</summary>
    public const string ImportNotXlsx = "ETOWN-LEDG-0112";
}
