using ETown.Web.Platform.Http;

namespace ETown.Web.Platform;

/// <summary>
/// A rule of the domain was broken. <see cref="Code"/> is stable (ETOWN-{AREA}-{NNNN}) so API clients
/// can branch on it; <see cref="Message"/> is Chinese text for the user.
/// </summary>
public class DomainException(string code, string message, int status = 422) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;
}

public sealed class NotFoundException(string what)
    : DomainException(CommonErrors.NotFound, $"未找到{what}，或您无权查看。", 404);

public sealed class ForbiddenException(string message = "您没有执行此操作的权限。")
    : DomainException(CommonErrors.Forbidden, message, 403);

/// <summary>Input failed validation; <see cref="Errors"/> maps field → messages.</summary>
public sealed class ValidationFailedException(IDictionary<string, string[]> errors)
    : DomainException(CommonErrors.BadRequest, "提交的数据未通过校验：" + string.Join("；", errors.SelectMany(e => e.Value)), 400)
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static void ThrowIfAny(Dictionary<string, List<string>> errors)
    {
        if (errors.Count > 0)
            throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}

/// <summary>Collects field errors (field → Chinese messages) and throws them together.</summary>
public sealed class FieldErrors : Dictionary<string, List<string>>
{
    public void Add(string field, string message)
    {
        if (!TryGetValue(field, out var list)) this[field] = list = [];
        list.Add(message);
    }

    public void ThrowIfAny() => ValidationFailedException.ThrowIfAny(this);
}
