using Spectre.Console;

namespace ScoutElo.Cli;


/// <summary>Progress of long work on stderr: a live line on a terminal, percentages otherwise.</summary>
internal static class ProgressLine
{
    /// <summary>Runs long work with the same progress on stderr for every verb: a bar on a terminal; when stderr is redirected,
    /// a "what: 40% (n/total)" line every 10% for jobs of at least 1,000 steps. Either way it ends with "what: done in 1.2 s".
    /// <paramref name="total"/> 0 means the work cannot report steps (a start line, then the closing line).</summary>
    public static void Track(CliContext r, string what, int total, Action<Action<int>> work)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (total > 0 && r.ErrorIsTerminal)
        {
            var stderr = r.Ansi(r.Error);
            stderr.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask(what, maxValue: total);
                work(done => task.Value = done);
                task.Value = total;
            });
        }
        else
        {
            if (total == 0) r.Error.WriteLine($"{what}...");
            var lines = new Progress(r.Error, what, total);
            work(lines.Report);
        }
        r.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what}: done in {clock.Elapsed.TotalSeconds:0.0} s"));
    }
    /// <summary>A progress sink that runs its callback on the reporting thread (<see cref="Progress{T}"/> posts to the thread
    /// pool, where reports can arrive out of order and after the work ended).</summary>
    public sealed class Inline(Action<int> report) : IProgress<int>
    {
        private readonly Lock _gate = new();
        private int _last;

        public void Report(int value)
        {
            lock (_gate)
            {
                if (value <= _last) return;
                _last = value;
                report(value);
            }
        }
    }
    /// <summary>A throttled progress line on stderr (every 10%), silent for small jobs; <see cref="Track"/>'s redirected form.</summary>
    private sealed class Progress(TextWriter error, string what, int total)
    {
        private int _last = -1;

        public void Report(int done)
        {
            if (total < 1000) return;
            int pct = (int)(100L * done / total) / 10 * 10;
            if (pct == _last) return;
            _last = pct;
            error.WriteLine($"{what}: {pct}% ({done}/{total})");
        }
    }
}
