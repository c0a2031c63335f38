using System.Net;
using System.Text.Json;
using ScoutElo.Cli.Commands.Serve;
using static ScoutElo.Cli.Tests.CliBadInputTests;
using static ScoutElo.Cli.Tests.ServeTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 39: the service's group commit — concurrent requests share journal transactions, each is answered only once
/// its lines are durable, and a failed transaction fails every request in it and takes back what they added.</summary>
public sealed class ServeGroupCommitTests
{
    /// <summary>A journal that counts its writes, can be slowed (so requests pile up behind a write) and made to fail.</summary>
    private sealed class ProbedJournal(IRoundJournal inner) : IRoundJournal
    {
        private int _writes;

        public int Writes => _writes;

        public volatile bool Fail;

        public int DelayMs { get; set; }

        public List<(string RoundId, string Head, string Traffic)> ReadAll() => inner.ReadAll();

        public void Add(IReadOnlyList<RoundParts> rounds)
        {
            Interlocked.Increment(ref _writes);
            if (DelayMs > 0) Thread.Sleep(DelayMs);
            if (Fail) throw new IOException("disk full");
            inner.Add(rounds);
        }

        public void MarkSettled(IReadOnlyList<RoundParts> rounds, IReadOnlyList<RatingPoint> points) => inner.MarkSettled(rounds, points);

        public (string Header, Dictionary<string, string> Responses)? Settled(string roundId) => inner.Settled(roundId);

        public List<RatingPoint> History(string node) => inner.History(node);

        public void Dispose() => inner.Dispose();
    }

    [Fact]
    public async Task Concurrent_requests_share_transactions_and_a_failed_one_fails_them_all_and_keeps_nothing()
    {
        var (traffic, expected) = Simulated.Value;
        var (keys, key) = NewKeys();
        string state = Path.Combine(TempDirectory(), "s.db");
        var journal = new ProbedJournal(new SqliteRoundJournal(state + ".pending")) { DelayMs = 40 };
        var chunks = File.ReadAllLines(traffic).Chunk(23).Select(c => string.Join('\n', c)).ToList(); // rounds cut across requests
        var settings = new ServeSettings("http://127.0.0.1:0", false, 1 << 20, 0);
        await using (var server = await TestServer.StartAsync(new Scoring.Storage.Sqlite.SqliteNetworkStateStore(state), journal, keys, settings))
        {
            var first = chunks.Take(chunks.Count / 2).ToList();
            Assert.All(await PostConcurrently(server.Client, first, key, int.MaxValue), c => Assert.Equal(HttpStatusCode.Accepted, c));
            Assert.True(journal.Writes < first.Count, $"{journal.Writes} journal writes for {first.Count} concurrent requests: no group commit");
            int held = server.Held;

            // The journal fails: every request of the batch gets 503, and what they added is taken back.
            journal.Fail = true;
            var second = chunks.Skip(chunks.Count / 2).ToList();
            Assert.All(await PostConcurrently(server.Client, second, key, int.MaxValue), c => Assert.Equal(HttpStatusCode.ServiceUnavailable, c));
            Assert.Equal(held, server.Held);
            var status = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/status")).RootElement;
            Assert.Equal(0, status.GetProperty("periods").GetInt64());

            // Healthy again: everything posted again is taken; a flush settles exactly what settle does.
            journal.Fail = false;
            Assert.All(await PostConcurrently(server.Client, chunks, key, int.MaxValue), c => Assert.Equal(HttpStatusCode.Accepted, c));
            using var flush = await server.Client.SendAsync(Post("/v1/flush", "", key));
            Assert.Equal(expected, Rewards(await flush.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task A_restart_after_a_failed_write_holds_only_what_was_acknowledged()
    {
        var (traffic, expected) = Simulated.Value;
        var (keys, key) = NewKeys();
        string state = Path.Combine(TempDirectory(), "s.db");
        var chunks = File.ReadAllLines(traffic).Chunk(40).Select(c => string.Join('\n', c)).ToList();
        var settings = new ServeSettings("http://127.0.0.1:0", false, 1 << 20, 0);
        var journal = new ProbedJournal(new SqliteRoundJournal(state + ".pending"));
        int acknowledged;
        await using (var server = await TestServer.StartAsync(new Scoring.Storage.Sqlite.SqliteNetworkStateStore(state), journal, keys, settings))
        {
            using (var ok = await server.Client.SendAsync(Post("/v1/rounds", chunks[0], key))) Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
            acknowledged = server.Held;
            journal.Fail = true;
            using (var failed = await server.Client.SendAsync(Post("/v1/rounds", chunks[1], key))) Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }
        await using var restarted = await TestServer.StartAsync(state, keys);
        Assert.Equal(acknowledged, restarted.Held);
        Assert.All(await PostConcurrently(restarted.Client, chunks, key, int.MaxValue), c => Assert.Equal(HttpStatusCode.Accepted, c));
        using var flush = await restarted.Client.SendAsync(Post("/v1/flush", "", key));
        Assert.Equal(expected, Rewards(await flush.Content.ReadAsStringAsync()));
    }
}
