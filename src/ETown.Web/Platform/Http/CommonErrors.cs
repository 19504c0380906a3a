namespace ETown.Web.Platform.Http;

/// <summary>
/// Stable error codes of 通用 HTTP 错误（ETOWN-COMMON-*）. API clients and tests branch on these values: never change one,
/// only add. The only place in src/ where an ETOWN- code is written (source scan in ErrorCodeTests).
/// </summary>
public static class CommonErrors
{
    /// <summary>请求或数据校验未通过</summary>
    public const string BadRequest = "ETOWN-COMMON-0400";
    /// <summary>无权执行</summary>
    public const string Forbidden = "ETOWN-COMMON-0403";
    /// <summary>未找到或无权查看</summary>
    public const string NotFound = "ETOWN-COMMON-0404";
    /// <summary>已被他人修改或同时提交（乐观并发、唯一约束竞争，issue #17）</summary>
    public const string Conflict = "ETOWN-COMMON-0409";
    /// <summary>服务器内部错误</summary>
    public const string ServerError = "ETOWN-COMMON-0500";

    /// <summary>The code of an API response that has a status but no body (status-code pages in Program.cs).</summary>
    public static string ForStatus(int status) => status switch
    {
        401 => Auth.AuthErrors.SignInRequired,
        403 => Forbidden,
        404 => NotFound,
        _ => "ETOWN-COMMON-" + status,
    };
}
