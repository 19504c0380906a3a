using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Versioning;

/// <summary>
/// A version of rules kept as data (architecture pattern 3): eligibility rule sets, standard versions,
/// and next the scoring sheets and acceptance checklists. A version is derived from a parent (copy and
/// edit), applies province-wide (<see cref="RegionCode"/> null) or to one region, may change only while
/// not in use, and once adopted (in use: something is judged by it) is immutable — change means derive.
/// </summary>
public interface IVersionedRuleSet
{
    Guid Id { get; }
    /// <summary>Stable code clients pass (e.g. "SX-2022").</summary>
    string Code { get; }
    string Name { get; }
    /// <summary>Revision within the lineage: the parent's version + 1.</summary>
    int Version { get; }
    Guid? ParentId { get; }
    /// <summary>The region the version applies to (city or county code); null = the whole province.</summary>
    string? RegionCode { get; }
    /// <summary>Adopted: in force for its region and locked.</summary>
    bool IsInUse { get; }
    DateTimeOffset CreatedAt { get; }
    /// <summary>Adopt; only <see cref="RuleSetLifecycle{T}.Adopt"/> calls it.</summary>
    void MarkInUse();
}

/// <summary>A versioned rule set type: it knows how to copy its content under a new header, and names its life-cycle.</summary>
public interface IVersionedRuleSet<T> : IVersionedRuleSet where T : class, IVersionedRuleSet<T>
{
    /// <summary>A new, editable (not in use) version carrying this one's content under <paramref name="header"/>.</summary>
    T CopyAs(RuleSetHeader header);

    /// <summary>The type's life-cycle (its error codes and region rule).</summary>
    static abstract RuleSetLifecycle<T> Lifecycle { get; }
}

/// <summary>What derive decides for the new version; the type copies its content under it.</summary>
public sealed record RuleSetHeader(string Code, string Name, int Version, Guid ParentId, string? RegionCode, DateTimeOffset CreatedAt);

/// <summary>
/// The words and error codes of one rule-set type, so each keeps its API (ETOWN-ELIG-*, ETOWN-STD-*)
/// while sharing one life-cycle. <see cref="Noun"/> names a version ("规则集 SX-2022 …"),
/// <see cref="CodeNoun"/> its code and name ("规则集代码 …").
/// </summary>
public sealed record RuleSetTerms
{
    public required string Noun { get; init; }
    public required string CodeNoun { get; init; }
    /// <summary>Bad code or name on derive.</summary>
    public required string InvalidCode { get; init; }
    public int InvalidStatus { get; init; } = 422;
    /// <summary>Another version already has the code (409).</summary>
    public required string DuplicateCode { get; init; }
    /// <summary>Change of a version in use (409).</summary>
    public required string InUseCode { get; init; }
    /// <summary>Derive for a region the parent does not cover.</summary>
    public required string RegionCode { get; init; }
    /// <summary>May a version of region <c>parent</c> (not null) be derived for region <c>child</c>?</summary>
    public required Func<string, string?, bool> MayDeriveFor { get; init; }
    /// <summary>The message when <see cref="MayDeriveFor"/> says no, given the parent.</summary>
    public required Func<IVersionedRuleSet, string> RegionMessage { get; init; }
}

/// <summary>
/// The one derive / edit / adopt / in-use-immutable implementation (issue #9). Entities call it from
/// their own methods; services use it to find, list and resolve versions. It never saves: the caller's
/// SaveChanges writes the change and its audit record like any other change.
/// </summary>
public sealed class RuleSetLifecycle<T>(RuleSetTerms terms) where T : class, IVersionedRuleSet<T>
{
    public RuleSetTerms Terms { get; } = terms;

    /// <summary>Copy-and-edit: checks code, name and region, then the type copies its content (version + 1, not in use).</summary>
    public T Derive(T parent, string? code, string? name, string? regionCode, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parent);
        code = (code ?? "").Trim();
        if (code.Length is < 2 or > 32 || !code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
            throw new DomainException(Terms.InvalidCode, $"{Terms.CodeNoun}代码应为 2–32 位字母、数字、- _ .", Terms.InvalidStatus);
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 100)
            throw new DomainException(Terms.InvalidCode, $"{Terms.CodeNoun}名称不能为空，且不超过 100 字。", Terms.InvalidStatus);
        if (parent.RegionCode is { } region && !Terms.MayDeriveFor(region, regionCode))
            throw new DomainException(Terms.RegionCode, Terms.RegionMessage(parent));
        var child = parent.CopyAs(new RuleSetHeader(code, name, parent.Version + 1, parent.Id, regionCode, now));
        if (child.IsInUse || child.Code != code || child.ParentId != parent.Id)
            throw new InvalidOperationException($"{typeof(T).Name}.CopyAs must apply the header and start not in use.");
        return child;
    }

    /// <summary>Refuses any change to a version in use (409).</summary>
    public void RequireEditable(T set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.IsInUse)
            throw new DomainException(Terms.InUseCode, $"{Terms.Noun} {set.Code} 已在使用中，不能修改；请派生新版本。", 409);
    }

    /// <summary>Applies <paramref name="change"/> to a version not in use.</summary>
    public void Edit(T set, Action<T> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        RequireEditable(set);
        change(set);
    }

    /// <summary>Puts a version in force for its region and locks it; false when it already was (adopting twice is harmless).</summary>
    public bool Adopt(T set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.IsInUse) return false;
        set.MarkInUse();
        return true;
    }

    /// <summary>
    /// The version in force: among versions in use for one of <paramref name="regionsMostSpecificFirst"/>
    /// or the province, the most specific region wins, then the highest version, then the newest.
    /// </summary>
    public T? Resolve(IEnumerable<T> sets, params string?[] regionsMostSpecificFirst)
    {
        int Rank(string? region)
        {
            if (region is null) return regionsMostSpecificFirst.Length;
            var i = Array.IndexOf(regionsMostSpecificFirst, region);
            return i < 0 ? -1 : i;
        }
        return sets.Where(s => s.IsInUse && Rank(s.RegionCode) >= 0)
            .OrderBy(s => Rank(s.RegionCode)).ThenByDescending(s => s.Version).ThenByDescending(s => s.CreatedAt).FirstOrDefault();
    }

    /// <summary>The catalogue order: province first, then by region, version and code.</summary>
    public IEnumerable<T> Ordered(IEnumerable<T> sets) =>
        sets.OrderBy(s => s.RegionCode ?? "").ThenBy(s => s.Version).ThenBy(s => s.Code, StringComparer.Ordinal);

    /// <summary>Each version's parent code, for lists (a parent outside <paramref name="sets"/> gives null).</summary>
    public Func<T, string?> ParentCodes(IReadOnlyCollection<T> sets)
    {
        var codes = sets.ToDictionary(s => s.Id, s => s.Code);
        return s => s.ParentId is { } p ? codes.GetValueOrDefault(p) : null;
    }

    public async Task<T> FindAsync(IQueryable<T> query, string code, CancellationToken ct) =>
        await query.FirstOrDefaultAsync(s => s.Code == code, ct) ?? throw new NotFoundException($"{Terms.Noun} {code}");

    public Task<string?> ParentCodeAsync(IQueryable<T> query, T set, CancellationToken ct) =>
        set.ParentId is { } p ? query.Where(s => s.Id == p).Select(s => s.Code).FirstOrDefaultAsync(ct) : Task.FromResult<string?>(null);

    /// <summary>Codes are unique across the lineage (409 otherwise).</summary>
    public async Task RequireNewCodeAsync(IQueryable<T> query, string? code, CancellationToken ct)
    {
        var c = (code ?? "").Trim();
        if (await query.AnyAsync(s => s.Code == c, ct))
            throw new DomainException(Terms.DuplicateCode, $"{Terms.CodeNoun}代码 {code} 已存在。", 409);
    }
}
