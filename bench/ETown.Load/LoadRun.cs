using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ETown.Load;

public sealed record LoadOptions(string BaseUrl, int Clients, TimeSpan Duration, TimeSpan WarmUp, int ThinkMs, double WriteShare,
    string Password, int? Pid, int Seed, string? Period = null)
{
    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions("http://127.0.0.1:5090", 200, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), 1000, 0.10,
            Environment.GetEnvironmentVariable("ETOWN_DEMO_PASSWORD") ?? "Etown@2026", null, 20261205);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--url" => o with { BaseUrl = Next() },
                "--clients" => o with { Clients = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--duration" => o with { Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--warmup" => o with { WarmUp = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--think-ms" => o with { ThinkMs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--writes" => o with { WriteShare = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--password" => o with { Password = Next() },
                "--pid" => o with { Pid = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => o with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                // The month the dashboards show (default: the newest month with received reports).
                "--period" => o with { Period = System.Text.RegularExpressions.Regex.IsMatch(Next(), @"^\d{4}-(0[1-9]|1[0-2])$") ? args[i] : throw new ArgumentException("--period YYYY-MM") },
                var a => throw new ArgumentException($"unknown argument {a}"),
            };
        }
        if (o.Clients < 1 || o.Duration <= TimeSpan.Zero || o.WriteShare is < 0 or > 1) throw new ArgumentException("bad options");
        return o;
    }
}

/// <summary>
/// A closed-loop load of signed-in users (issue #16 target 4): each client is one person with their own session,
/// signed in with a demo account of their level (province, city, county, operating company), who reads the pages
/// of the daily work — e-town list, statistics list and report, the dashboard's APIs, the compliance matrix, the
/// public column — and, on a share of their actions, saves a statistics value of a report of their own e-town.
/// Two saves never race on one report (one report is edited by one liaison at a time), so a 409 is an error here.
/// Reads a role may not make (a county does not open the province ranking) are dropped for that role at set-up and
/// listed. Every non-2xx answer and every exception counts as an error.
/// </summary>
public sealed class LoadRun(LoadOptions o, Func<HttpClient> newClient, Action<string> log)
{
    static readonly string[] Accounts = ["province", "changzhi", "shuozhou", "lucheng", "kelan", "linyi", "shanyin", "yingxian", "huairen", "youyu", "operator"];
    const string Indicator = "online_retail";

    sealed record Op(string Name, Func<HttpClient, Random, string> Url);
    sealed class WriteTarget(Guid etownId, string period)
    {
        public Guid EtownId { get; } = etownId;
        public string Period { get; } = period;
        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
    sealed record Profile(string Account, IReadOnlyList<Op> Reads, IReadOnlyList<WriteTarget> Targets);

    public async Task<LoadResult> RunAsync(CancellationToken ct)
    {
        var setup = Stopwatch.StartNew();
        using var province = await SignInAsync("province", ct);
        var period = o.Period ?? await LatestPeriodAsync(province, ct);
        var publicIds = new List<Guid>();
        foreach (var id in await EtownIdsAsync(province, ct))
            if ((await province.GetAsync($"/api/v1/public/etowns/{id}/column", ct)).IsSuccessStatusCode) publicIds.Add(id);
        log($"   statistics period {period}; {publicIds.Count} e-town(s) on the public column");

        var perAccount = (int)Math.Ceiling(o.Clients / (double)Accounts.Length);
        var profiles = new Dictionary<string, Profile>();
        var claimed = new HashSet<(Guid, string)>(); // a county and its operating company see the same e-town: one report, one writer
        foreach (var account in Accounts)
        {
            using var probe = await SignInAsync(account, ct);
            profiles[account] = await ProfileAsync(account, probe, period, publicIds, perAccount, claimed, ct);
        }

        var clients = new List<(HttpClient Http, Profile Profile, WriteTarget? Target)>();
        try
        {
            for (var i = 0; i < o.Clients; i++)
            {
                var p = profiles[Accounts[i % Accounts.Length]];
                var target = p.Targets.Count == 0 ? null : p.Targets[i / Accounts.Length % p.Targets.Count];
                clients.Add((await SignInAsync(p.Account, ct), p, target));
            }
            log($"   {clients.Count} clients signed in, set-up {setup.Elapsed.TotalSeconds:0.0} s; {clients.Count(c => c.Target is not null)} of them also save values");

            var samples = new ConcurrentBag<Sample>();
            var start = Stopwatch.GetTimestamp();
            var measureFrom = start + (long)(o.WarmUp.TotalSeconds * Stopwatch.Frequency);
            var end = measureFrom + (long)(o.Duration.TotalSeconds * Stopwatch.Frequency);
            using var memory = MemorySampler.Start(o.Pid);
            await Task.WhenAll(clients.Select((c, i) => Task.Run(() => ClientLoopAsync(c.Http, c.Profile, c.Target, new Random(o.Seed + i), measureFrom, end, samples, ct), ct)));
            return new LoadResult(o, samples.ToList(), memory?.PeakKb, profiles.Values.Select(p => (p.Account, p.Reads.Select(r => r.Name).ToList())).ToList(),
                clients.Count(c => c.Target is not null));
        }
        finally
        {
            foreach (var c in clients) c.Http.Dispose();
        }
    }

    async Task ClientLoopAsync(HttpClient http, Profile p, WriteTarget? target, Random rnd, long measureFrom, long end,
        ConcurrentBag<Sample> samples, CancellationToken ct)
    {
        // Spread the first requests over one think time so 200 clients do not start in the same millisecond.
        await Task.Delay(rnd.Next(Math.Max(1, o.ThinkMs)), ct);
        while (Stopwatch.GetTimestamp() < end && !ct.IsCancellationRequested)
        {
            var write = target is not null && rnd.NextDouble() < o.WriteShare;
            var op = write ? "statistics value save" : p.Reads[rnd.Next(p.Reads.Count)].Name;
            var t0 = Stopwatch.GetTimestamp();
            int status;
            try
            {
                if (write)
                {
                    await target!.Gate.WaitAsync(ct);
                    t0 = Stopwatch.GetTimestamp(); // the driver's own queue is not the server's latency
                    try
                    {
                        var body = new { etownId = target.EtownId, period = target.Period, values = new[] { new { indicator = Indicator, value = 100 + rnd.Next(900), comment = (string?)null } } };
                        using var r = await http.PutAsJsonAsync("/api/v1/statistics/values", body, ct);
                        status = (int)r.StatusCode;
                        await r.Content.CopyToAsync(Stream.Null, ct);
                    }
                    finally { target.Gate.Release(); }
                }
                else
                {
                    using var r = await http.GetAsync(p.Reads.First(x => x.Name == op).Url(http, rnd), HttpCompletionOption.ResponseContentRead, ct);
                    status = (int)r.StatusCode;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                status = 0;
            }
            var t1 = Stopwatch.GetTimestamp();
            if (t0 >= measureFrom && t1 <= end)
                samples.Add(new Sample(op, (t1 - t0) * 1000.0 / Stopwatch.Frequency, status));
            if (o.ThinkMs > 0) await Task.Delay(o.ThinkMs / 2 + rnd.Next(o.ThinkMs + 1), ct);
        }
    }

    async Task<Profile> ProfileAsync(string account, HttpClient http, string period, IReadOnlyList<Guid> publicIds, int wantTargets,
        HashSet<(Guid, string)> claimed, CancellationToken ct)
    {
        var ids = await EtownIdsAsync(http, ct);
        Guid Any(Random r, IReadOnlyList<Guid> list) => list[r.Next(list.Count)];
        var candidates = new List<Op>
        {
            new("e-town list", (_, _) => "/api/v1/etowns/?page=1&pageSize=20"),
            new("statistics list", (_, _) => $"/api/v1/statistics/reports?period={period}"),
            new("dashboard completeness", (_, _) => $"/api/v1/statistics/dashboard/completeness?period={period}"),
            new("dashboard ranking", (_, _) => $"/api/v1/statistics/dashboard/ranking?period={period}&indicator={Indicator}"),
            new("dashboard standards", (_, _) => $"/api/v1/statistics/dashboard/standards?period={period}"),
            new("compliance matrix", (_, _) => "/api/v1/compliance/matrix"),
            new("public e-town list (page)", (_, _) => "/public/etowns"),
        };
        if (ids.Count > 0)
        {
            candidates.Add(new("statistics report", (_, r) => $"/api/v1/statistics/etowns/{Any(r, ids)}/{period}"));
            candidates.Add(new("dashboard e-town trend", (_, r) => $"/api/v1/statistics/dashboard/trend?etownId={Any(r, ids)}&indicator={Indicator}"));
        }
        if (publicIds.Count > 0)
        {
            candidates.Add(new("public column (page)", (_, r) => $"/public/etowns/{Any(r, publicIds)}"));
            candidates.Add(new("public column API", (_, r) => $"/api/v1/public/etowns/{Any(r, publicIds)}/column"));
        }
        var reads = new List<Op>();
        var rnd = new Random(o.Seed);
        foreach (var op in candidates)
        {
            using var r = await http.GetAsync(op.Url(http, rnd), ct);
            if (r.IsSuccessStatusCode) reads.Add(op);
            else if (r.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                throw new InvalidOperationException($"{account}: {op.Name} answered {(int)r.StatusCode} at set-up: {await r.Content.ReadAsStringAsync(ct)}");
        }
        var dropped = candidates.Except(reads).Select(c => c.Name).ToList();
        if (dropped.Count > 0) log($"   {account}: not permitted for this role, left out: {string.Join(", ", dropped)}");

        // Reports this account may save: its own e-towns' months still open (a save answers 200), newest first.
        var targets = new List<WriteTarget>();
        if (o.WriteShare > 0)
        {
            var month = ChinaNow();
            foreach (var id in ids)
                for (var back = 0; back < 36 && targets.Count < wantTargets; back++)
                {
                    var p = month.AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);
                    if (claimed.Contains((id, p))) continue;
                    var view = await http.GetFromJsonAsync<JsonElement>($"/api/v1/statistics/etowns/{id}/{p}", ct);
                    var status = view.TryGetProperty("status", out var s) ? s.GetString() : null;
                    if (view.GetProperty("exists").GetBoolean() && status != "Draft") continue;
                    var body = new { etownId = id, period = p, values = new[] { new { indicator = Indicator, value = 100, comment = (string?)null } } };
                    using var r = await http.PutAsJsonAsync("/api/v1/statistics/values", body, ct);
                    if (r.IsSuccessStatusCode && claimed.Add((id, p))) targets.Add(new WriteTarget(id, p));
                }
        }
        return new Profile(account, reads, targets);
    }

    async Task<HttpClient> SignInAsync(string account, CancellationToken ct)
    {
        var http = newClient();
        using var r = await http.PostAsJsonAsync("/api/v1/auth/login", new { userName = account, password = o.Password }, ct);
        if (!r.IsSuccessStatusCode)
        {
            var text = await r.Content.ReadAsStringAsync(ct);
            http.Dispose();
            throw new InvalidOperationException($"sign-in of {account} failed: {(int)r.StatusCode} {text}");
        }
        return http;
    }

    static async Task<IReadOnlyList<Guid>> EtownIdsAsync(HttpClient http, CancellationToken ct)
    {
        var page = await http.GetFromJsonAsync<JsonElement>("/api/v1/etowns/?page=1&pageSize=100", ct);
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
    }

    /// <summary>The newest month for which the province has received reports: what the dashboards show at month-end.</summary>
    static async Task<string> LatestPeriodAsync(HttpClient http, CancellationToken ct)
    {
        var month = ChinaNow();
        var seen = new List<string>();
        for (var back = 0; back < 60; back++)
        {
            var p = month.AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            using var r = await http.GetAsync($"/api/v1/statistics/reports?period={p}", ct);
            var text = await r.Content.ReadAsStringAsync(ct);
            if (r.IsSuccessStatusCode && JsonDocument.Parse(text).RootElement.GetProperty("received").GetInt32() > 0) return p;
            if (seen.Count < 3) seen.Add($"{p}: {(int)r.StatusCode} {text[..Math.Min(300, text.Length)]}");
        }
        throw new InvalidOperationException("no month with received statistics reports in the last 60 months; " + string.Join(" | ", seen));
    }

    static DateTime ChinaNow() => DateTime.UtcNow.AddHours(8); // the driver is not the app: no ChinaTime here
}

public readonly record struct Sample(string Op, double Ms, int Status)
{
    public bool Ok => Status is >= 200 and < 300;
}

public sealed record LoadResult(LoadOptions Options, IReadOnlyList<Sample> Samples, long? PeakRssKb,
    IReadOnlyList<(string Account, List<string> Reads)> Profiles, int WritingClients)
{
    public int Errors => Samples.Count(s => !s.Ok);
    public double RequestsPerSecond => Samples.Count / Options.Duration.TotalSeconds;

    public static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    public string Report(int? pid)
    {
        var sb = new StringBuilder();
        var all = Samples.Select(s => s.Ms).Order().ToList();
        string Line(string name, IReadOnlyList<Sample> s)
        {
            var ms = s.Select(x => x.Ms).Order().ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {s.Count} | {s.Count(x => !x.Ok)} | {Percentile(ms, 0.5):0} | {Percentile(ms, 0.95):0} | {Percentile(ms, 0.99):0} | {(ms.Count == 0 ? 0 : ms[^1]):0} |");
        }
        sb.AppendLine("| request | count | errors | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var g in Samples.GroupBy(s => s.Op).OrderBy(g => g.Key, StringComparer.Ordinal)) sb.AppendLine(Line(g.Key, g.ToList()));
        sb.AppendLine(Line("**all**", Samples));
        foreach (var g in Samples.Where(s => !s.Ok).GroupBy(s => (s.Op, s.Status)))
            sb.AppendLine(CultureInfo.InvariantCulture, $"   errors: {g.Key.Op} → {(g.Key.Status == 0 ? "no answer (timeout or connection)" : g.Key.Status.ToString(CultureInfo.InvariantCulture))} × {g.Count()}");
        var writes = Samples.Count(s => s.Op == "statistics value save");
        sb.Append(CultureInfo.InvariantCulture,
            $"RESULT clients={Options.Clients} duration={Options.Duration.TotalSeconds:0}s think={Options.ThinkMs}ms requests={Samples.Count} rps={RequestsPerSecond:0.0} writes={writes} ({(Samples.Count == 0 ? 0 : 100.0 * writes / Samples.Count):0.0}%) errors={Errors} p50={Percentile(all, 0.5):0}ms p95={Percentile(all, 0.95):0}ms p99={Percentile(all, 0.99):0}ms");
        if (PeakRssKb is { } kb) sb.Append(CultureInfo.InvariantCulture, $" app-peak-rss={kb / 1024.0:0}MB (pid {pid})");
        return sb.ToString();
    }
}

/// <summary>The app's peak resident memory: VmHWM of /proc/PID/status at the end (Linux), with VmRSS sampled as a fallback.</summary>
sealed class MemorySampler : IDisposable
{
    readonly int _pid;
    readonly Timer _timer;
    long _maxRss;

    MemorySampler(int pid)
    {
        _pid = pid;
        _timer = new Timer(_ => Sample(), null, 0, 500);
    }

    public static MemorySampler? Start(int? pid) => pid is { } p && File.Exists($"/proc/{p}/status") ? new MemorySampler(p) : null;

    public long PeakKb => Math.Max(_maxRss, Read("VmHWM:"));

    void Sample()
    {
        var rss = Read("VmRSS:");
        if (rss > Interlocked.Read(ref _maxRss)) Interlocked.Exchange(ref _maxRss, rss);
    }

    long Read(string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
                if (line.StartsWith(key, StringComparison.Ordinal))
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return 0;
    }

    public void Dispose() => _timer.Dispose();
}
