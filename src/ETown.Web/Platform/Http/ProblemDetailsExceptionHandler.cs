using System.Text.Json;
using ETown.Web.Platform.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
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
            case VersionConflictException vc:
                problem = new ProblemDetails { Status = 409, Title = "状态冲突", Detail = vc.Message };
                problem.Extensions["code"] = vc.Code;
                problem.Extensions["currentVersion"] = vc.CurrentVersion;
                http.Response.Headers.ETag = VersionTags.Tag(vc.CurrentVersion);
                break;
            case DomainException d:
                problem = new ProblemDetails { Status = d.Status, Title = TitleFor(d.Status), Detail = d.Message };
                problem.Extensions["code"] = d.Code;
                break;
            case BadHttpRequestException b:
                // Name the field when the JSON reader says which one (e.g. an unknown enum value such as "method": "Flying").
                var field = (b.InnerException as JsonException)?.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
                problem = new ProblemDetails
                {
                    Status = b.StatusCode, Title = "请求格式错误",
                    Detail = field is null ? "请求内容无法解析，请检查字段名称和数据类型。" : $"字段“{field}”的值无法识别，请检查取值和数据类型。",
                };
                if (field is not null) problem.Extensions["field"] = field;
                problem.Extensions["code"] = CommonErrors.BadRequest;
                break;
            case DbUpdateConcurrencyException c:
                // Issue #17 finding 13: a stale or racing save; the client reloads the current version.
                problem = new ProblemDetails { Status = 409, Title = "状态冲突", Detail = "已被他人修改，请刷新后重试。" };
                problem.Extensions["code"] = CommonErrors.Conflict;
                if (await CurrentVersionAsync(http, c) is { } current)
                {
                    problem.Extensions["currentVersion"] = current;
                    http.Response.Headers.ETag = VersionTags.Tag(current);
                }
                break;
            case DbUpdateException u when IsUniqueViolation(u):
                // Issue #17 finding 14: two first saves of the same record; the loser is told, not given a 500.
                problem = new ProblemDetails { Status = 409, Title = "状态冲突", Detail = "该记录刚被他人同时创建或修改，请刷新后重试。" };
                problem.Extensions["code"] = CommonErrors.Conflict;
                break;
            case OverflowException or System.Xml.XmlException or JsonException:
                // Issue #17 findings 10/12: numbers beyond decimal, XML with a DTD: bad input, not a server error.
                problem = new ProblemDetails { Status = 400, Title = "请求格式错误", Detail = "提交的数值超出允许范围或内容格式不被接受（不允许 DTD 声明）。" };
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

    static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase),
        Npgsql.PostgresException p => p.SqlState == "23505",
        _ => false,
    };

    static async Task<int?> CurrentVersionAsync(HttpContext http, DbUpdateConcurrencyException c)
    {
        try
        {
            if (c.Entries.FirstOrDefault(e => e.Entity is IVersioned) is not { } entry) return null;
            if (entry.Metadata.FindPrimaryKey()?.Properties is not [var key] || key.PropertyInfo?.GetValue(entry.Entity) is not Guid id) return null;
            var db = http.RequestServices.GetRequiredService<EtownDb>();
            await using var ctx = db.Create(http.RequestServices.GetRequiredService<Auth.Caller>());
            return (await ctx.FindAsync(entry.Metadata.ClrType, id) as IVersioned)?.Version;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException) { return null; }
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
