using ETown.Web.Platform;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Http;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Components.Shared;

/// <summary>
/// Base for interactive pages: runs a service call and turns a domain error into a message on the
/// page (the same errors the API returns as ProblemDetails, including 409 for a stale save).
/// </summary>
public abstract class AppPage : ComponentBase
{
    [Inject] IServiceProvider PageServices { get; set; } = default!;

    protected DomainException? Error { get; set; }
    protected string? Success { get; set; }
    protected bool Busy { get; set; }

    protected async Task<bool> Run(Func<Task> action, string? success = null)
    {
        Error = null; Success = null; Busy = true;
        try
        {
            await action();
            Success = success;
            return true;
        }
        catch (DomainException ex)
        {
            Error = ex;
            return false;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Issue #17 finding 13: someone saved in between; the page says so instead of losing either edit.
            Error = new DomainException(CommonErrors.Conflict, "已被他人修改，请刷新后重试。", 409);
            return false;
        }
        finally { Busy = false; }
    }

    /// <summary>The version of a versioned aggregate as this caller sees it, read when the page loads it.</summary>
    protected Task<int?> VersionOfAsync<T>(Guid id) where T : class, IVersioned =>
        VersionTags.CurrentVersionAsync<T>(PageServices, id, CancellationToken.None);

    /// <summary>
    /// Saves with the version the page showed (the page's If-Match): a save over someone else's newer change
    /// is refused with 409 "已被他人修改" (issue #17 finding 13), the same as the API.
    /// </summary>
    protected Task<bool> RunVersioned<T>(Guid id, int? shownVersion, Func<Task> action, string? success = null) where T : class, IVersioned =>
        Run(async () =>
        {
            if (shownVersion is not { } shown) { await action(); return; }
            if (await VersionOfAsync<T>(id) is { } current && current != shown) throw new VersionConflictException(current);
            using (ExpectedVersion.Expect(id, shown)) await action();
        }, success);
}
