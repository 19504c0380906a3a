using ETown.Web.Platform;
using Microsoft.AspNetCore.Components;

namespace ETown.Web.Components.Shared;

/// <summary>
/// Base for interactive pages: runs a service call and turns a domain error into a message on the
/// page (the same errors the API returns as ProblemDetails).
/// </summary>
public abstract class AppPage : ComponentBase
{
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
        finally { Busy = false; }
    }
}
