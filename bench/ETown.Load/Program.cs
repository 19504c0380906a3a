namespace ETown.Load;

// Usage (see scripts/bench-load.sh, which starts the app and passes its PID):
//   dotnet ETown.Load.dll --url http://127.0.0.1:5090 [--clients 200] [--duration 60] [--warmup 10] [--think-ms 1000]
//                         [--writes 0.10] [--password …] [--pid N]
// Not a top-level program: the test project references this assembly beside the web app's own Program.
static class LoadProgram
{
    static async Task<int> Main(string[] args)
    {
        var o = LoadOptions.Parse(args);
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.WriteLine($"==> {o.Clients} clients against {o.BaseUrl}, {o.Duration.TotalSeconds:0} s measured after {o.WarmUp.TotalSeconds:0} s warm-up, think time {o.ThinkMs} ms ± 50 %, writes {o.WriteShare:P0}");
        HttpClient NewClient() => new(new SocketsHttpHandler
        {
            UseCookies = true, CookieContainer = new System.Net.CookieContainer(), MaxConnectionsPerServer = 2,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        }) { BaseAddress = new Uri(o.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var result = await new LoadRun(o, NewClient, Console.WriteLine).RunAsync(cts.Token);
        Console.WriteLine(result.Report(o.Pid));
        return result.Errors == 0 ? 0 : 3;
    }
}
