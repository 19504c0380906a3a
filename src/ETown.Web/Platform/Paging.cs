namespace ETown.Web.Platform;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public static class Paging
{
    /// <summary>Clamp user-supplied paging so a request cannot ask for the whole table.</summary>
    public static (int Page, int Size) Normalise(int? page, int? size) =>
        (Math.Max(1, page ?? 1), Math.Clamp(size ?? 20, 1, 200));

    /// <summary>Every page of a paged query, for the list table (it filters, sorts and pages on its own, #15 item 2).</summary>
    public static async Task<IReadOnlyList<T>> AllAsync<T>(Func<int, Task<PagedResult<T>>> page)
    {
        var all = new List<T>();
        for (var p = 1; ; p++)
        {
            var r = await page(p);
            all.AddRange(r.Items);
            if (r.Items.Count == 0 || all.Count >= r.Total) return all;
        }
    }
}
