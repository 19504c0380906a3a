using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ETown.Bench;

/// <summary>
/// --sql: prints every SQL command EF Core executes with its duration, from EF's diagnostic events — the app's own
/// logging stays as configured. Shows where a scenario's time goes (database or .NET).
/// </summary>
static class SqlLog
{
    const double SlowMs = 20;

    public static void Start() => DiagnosticListener.AllListeners.Subscribe(new Listeners());

    sealed class Listeners : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) listener.Subscribe(new Commands());
        }
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    sealed class Commands : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Value is not CommandExecutedEventData d) return;
            var text = d.Command.CommandText.ReplaceLineEndings(" ");
            // A slow command in full, with its parameters (to run it again under EXPLAIN); the others shortened.
            if (d.Duration.TotalMilliseconds >= SlowMs)
                text += "  -- " + string.Join(", ", d.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => $"{p.ParameterName}={p.Value}"));
            else if (text.Length > 160) text = text[..160] + "…";
            Console.WriteLine($"   sql {d.Duration.TotalMilliseconds,7:0.0} ms  {text}");
        }
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
