using System.CommandLine;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli.Commands.Cache;

/// <summary>The cache verb.</summary>
internal static class CacheCommand
{
    internal static Command Create()
    {
        var file = new Option<string?>("--cache") { Description = "The cache file (default: scoutelo/cache.db in the user's cache folder)." };
        var olderThan = new Option<double?>("--older-than") { Description = "clean: remove only entries older than this many days." };
        var stats = new Command("stats", "Entries per judge endpoint and model, and the file's size.") { file, Cli.Json };
        stats.SetAction(r => Cli.Run(r, r =>
        {
            string path = r.GetValue(file) ?? JudgeCli.DefaultCachePath();
            var (stored, bytes) = SqliteJudgeCache.Stats(path);
            var plain = new Scoring.AI.SecretRedactor([]); // a cache written before redaction may key a scope by a URL with credentials
            var scopes = stored.Select(s => (Scope: plain.Redact(s.Scope), s.Entries)).ToList();
            if (r.GetValue(Cli.Json))
            {
                r.Out.WriteLine(ReportJson.Serialize(new CacheStatsReport(path, bytes, scopes.Sum(s => s.Entries), [.. scopes.Select(s => new CacheScope(s.Scope, s.Entries))])));
            }
            else
            {
                r.Out.WriteLine($"{path}: {scopes.Sum(s => s.Entries)} entries, {bytes} bytes");
                foreach (var (scope, entries) in scopes) r.Out.WriteLine($"  {entries,8}  {scope}");
            }
            return 0;
        }));
        var clean = new Command("clean", "Remove cached answers (all, or those older than --older-than days) and compact the file.") { file, olderThan, Cli.Json };
        clean.SetAction(r => Cli.Run(r, r =>
        {
            string path = r.GetValue(file) ?? JudgeCli.DefaultCachePath();
            if (r.GetValue(olderThan) is { } days && (!double.IsFinite(days) || days < 0)) throw new ArgumentException("--older-than: must be a non-negative number of days.");
            long removed = SqliteJudgeCache.Clean(path, r.GetValue(olderThan) is { } d ? TimeSpan.FromDays(d) : null);
            if (r.GetValue(Cli.Json)) r.Out.WriteLine(ReportJson.Serialize(new CacheCleanReport(path, removed)));
            else r.Out.WriteLine($"{path}: removed {removed} entries");
            return 0;
        }));
        return new Command("cache", Cli.Help("Inspect or clean the judge answer cache (SQLite) that score, evaluate and calibrate use with --judge-endpoint.",
            "scoutelo cache stats",
            "scoutelo cache clean --older-than 30")) { stats, clean };
    }
}
