namespace ETown.Web.Platform;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public static class Paging
{
    /// <summary>Clamp user-supplied paging so a request cannot ask for the whole table.</summary>
    public static (int Page, int Size) Normalise(int? page, int? size) =>
        (Math.Max(1, page ?? 1), Math.Clamp(size ?? 20, 1, 200));
}
