using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ETown.Web.Platform.Http;

/// <summary>
/// One place that maps domain, validation, not-found and forbidden errors to ProblemDetails with a
/// stable <c>code</c> (architecture pattern 7). Unknown errors are logged and hidden.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case ValidationFailedException v:
                problem = new ValidationProblemDetails(v.Errors) { Status = v.Status, Title = "数据校验未通过", Detail = v.Message };
                problem.Extensions["code"] = v.Code;
                break;
            case DomainException d:
                problem = new ProblemDetails { Status = d.Status, Title = TitleFor(d.Status), Detail = d.Message };
                problem.Extensions["code"] = d.Code;
                break;
            case BadHttpRequestException b:
                problem = new ProblemDetails { Status = b.StatusCode, Title = "请求格式错误", Detail = "请求内容无法解析，请检查字段名称和数据类型。" };
                problem.Extensions["code"] = CommonErrors.BadRequest;
                break;
            default:
                log.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
                problem = new ProblemDetails { Status = 500, Title = "服务器内部错误", Detail = "处理请求时发生错误，已记录日志。" };
                problem.Extensions["code"] = CommonErrors.ServerError;
                break;
        }
        http.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    static string TitleFor(int status) => status switch
    {
        401 => "未登录",
        403 => "无权操作",
        404 => "未找到",
        409 => "状态冲突",
        _ => "业务规则不允许",
    };
}
