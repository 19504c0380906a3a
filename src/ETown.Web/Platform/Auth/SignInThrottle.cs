using System.Collections.Concurrent;

namespace ETown.Web.Platform.Auth;

/// <summary>
/// Sign-in failure throttling without account enumeration (issue #17 finding 7, 等保 2.0 8.1.4.1 登录失败处理):
/// failures are counted per (name, IP) — known and unknown names alike, so "locked" reveals nothing — and per
/// IP; nobody can lock a colleague out from another address by typing his name. A name attacked from many
/// addresses is still locked once its failures from everywhere pass <see cref="AccountLimit"/>.
/// In memory per instance: with several instances each counts its own share (documented in operations.md).
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IConfiguration config)
{
    // The address limit is high: a whole office behind one NAT address shares it.
    public const int PairLimit = 5, IpLimit = 100, AccountLimit = 50;
    readonly TimeSpan _window = TimeSpan.FromMinutes(config.GetValue("Security:LockoutMinutes", 10));
    readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    sealed class Counter { public int Failures; public DateTimeOffset Since; }

    static string Name(string userName) => userName.Trim().ToLowerInvariant();
    static IEnumerable<(string Key, int Limit)> Keys(string userName, string? ip) => ip is null
        ? [("p:" + Name(userName) + "|", PairLimit), ("a:" + Name(userName), AccountLimit)] // no address known (in-process host): no per-address counter
        : [("p:" + Name(userName) + "|" + ip, PairLimit), ("i:" + ip, IpLimit), ("a:" + Name(userName), AccountLimit)];

    /// <summary>Minutes left when this name from this address is currently blocked; else null.</summary>
    public int? BlockedMinutes(string userName, string? ip)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, limit) in Keys(userName, ip))
            if (_counters.TryGetValue(key, out var c))
                lock (c)
                {
                    if (now - c.Since >= _window) continue;
                    if (c.Failures >= limit) return Math.Max(1, (int)Math.Ceiling((c.Since + _window - now).TotalMinutes));
                }
        return null;
    }

    public void Failed(string userName, string? ip)
    {
        var now = clock.GetUtcNow();
        if (_counters.Count > 100_000) Sweep(now);
        foreach (var (key, _) in Keys(userName, ip))
        {
            var c = _counters.GetOrAdd(key, _ => new Counter { Since = now });
            lock (c)
            {
                if (now - c.Since >= _window) { c.Failures = 0; c.Since = now; }
                c.Failures++;
            }
        }
    }

    /// <summary>A successful sign-in clears the pair's count (not the IP's or the account's).</summary>
    public void Succeeded(string userName, string? ip) => _counters.TryRemove("p:" + Name(userName) + "|" + (ip ?? ""), out _);

    /// <summary>The system administrator unlocks an account: its counters go.</summary>
    public void Reset(string userName)
    {
        var n = Name(userName);
        foreach (var k in _counters.Keys.Where(k => k == "a:" + n || k.StartsWith("p:" + n + "|", StringComparison.Ordinal))) _counters.TryRemove(k, out _);
    }

    void Sweep(DateTimeOffset now)
    {
        foreach (var (k, c) in _counters) if (now - c.Since >= _window) _counters.TryRemove(k, out _);
    }
}
