using System.Text.Json;
using System.Text.Json.Nodes;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli.Commands.Serve;

/// <summary>One served network: the engine over its store, the rounds acknowledged and not yet settled (held in memory and
/// in the <see cref="IRoundJournal"/>), and the one lock every operation takes. Rounds are held, not settled, as they arrive:
/// <see cref="Flush"/> (or holding <c>maxHeld</c> rounds) settles everything held in natural round-id order, so submitters
/// posting concurrently, in any order, get the result of settling those rounds in that order — reproducible, and for
/// traffic whose ids sort in time order (r0, r1, …) the result of <c>scoutelo settle</c> on the file.</summary>
internal sealed class ValidatorService : IDisposable
{
    private readonly ScoutNetwork _network;
    private readonly IRoundJournal _journal;
    private readonly int _maxHeld;
    private readonly Dictionary<string, RoundParts> _held = new(StringComparer.Ordinal);
    private readonly GroupCommit _commits = new();
    private readonly Lock _lock = new();

    public ValidatorService(ScoutNetwork network, IRoundJournal journal, int maxHeld)
    {
        _network = network;
        _journal = journal;
        _maxHeld = maxHeld;
        var settled = new List<RoundParts>();
        foreach (var (id, head, traffic) in journal.ReadAll())
        {
            var parts = RoundParts.Empty(id);
            parts.AddHead(RoundHead.FromJson(head));
            foreach (var t in TrafficJsonl.Read(new StringReader(traffic), "journal"))
            {
                foreach (var r in t.Round.Responses) parts.Add(r);
            }
            if (network.Contains(id)) settled.Add(parts); // settled before the crash, after its period was committed: already paid
            else _held[id] = parts;
        }
        if (settled.Count > 0) journal.MarkSettled(settled, []);
    }

    /// <summary>Rounds acknowledged and not yet settled.</summary>
    public int Held
    {
        get { lock (_lock) return _held.Count; }
    }

    /// <summary>Rounds held, periods and rounds settled, the last settled round: one consistent view.</summary>
    public StatusReport Status()
    {
        lock (_lock) return new StatusReport(_held.Count, _network.Periods, _network.RoundsSettled, _network.LastSettledRound);
    }

    /// <summary>The standings of the network's current state (built once per settlement, shared by the reads).</summary>
    public Standings Standings()
    {
        lock (_lock) return CurrentStandings();
    }

    private Standings? _standings;

    /// <summary>The standings of the current state, built when the state has changed since the last (under the lock).</summary>
    private Standings CurrentStandings() => _standings = Serve.Standings.Of(_standings, _network);

    /// <summary>The engine (read under the service's lock by the query endpoints).</summary>
    public T Read<T>(Func<ScoutNetwork, T> query)
    {
        lock (_lock) return query(_network);
    }

    /// <summary>Adds a request's rounds (or parts of rounds: the lines of one round may arrive in several requests, in any
    /// order) to what is held, after checking every one as the engine will, and returns once they are durable. Group commit:
    /// the grown rounds are held at once (the next request is checked against them) and written to the journal by one
    /// committer, the rounds of every request that arrived meanwhile in one transaction; if that write fails, every request
    /// of it (and any staged after it) gets the failure and what they added is taken back. Nothing of a request with a bad
    /// line is kept.</summary>
    /// <returns>One receipt per round of the request: accepted (it brought responses not held before), held (everything
    /// in it was held already) or settled (settled before, with the same content).</returns>
    /// <exception cref="RequestException">400: a line is invalid (the message names it and the field); 409: a round id or a
    /// response id comes with content other than what was acknowledged or settled under it.</exception>
    /// <exception cref="IOException">The journal could not commit; nothing of the request was kept.</exception>
    public async Task<List<RoundStatus>> SubmitAsync(IReadOnlyList<(TrafficRound Part, RoundHead Head)> rounds)
    {
        List<RoundStatus> receipts;
        Task durable;
        lock (_lock)
        {
            var grown = Check(rounds, out receipts);
            foreach (var (id, parts) in grown)
            {
                _commits.Stage(id, _held.GetValueOrDefault(id));
                _held[id] = parts;
            }
            durable = _commits.Durable(CommitLoop); // also a "held" receipt may rest on lines of a request still being written
        }
        await durable.ConfigureAwait(false);
        ServiceMetrics.ResponsesAccepted.Add(receipts.Sum(r => r.Responses));
        lock (_lock)
        {
            if (_held.Count >= _maxHeld) SettleHeld();
        }
        return receipts;
    }

    /// <summary>The committer: writes what is staged, batch after batch, until nothing is; on a failure takes back every round
    /// not yet durable.</summary>
    private void CommitLoop()
    {
        while (true)
        {
            List<RoundParts> batch;
            lock (_lock)
            {
                if (!_commits.Begin()) return;
                batch = [.. _commits.Writing.Where(_held.ContainsKey).Select(id => _held[id])];
            }
            Exception? failure = null;
            try
            {
                _journal.Add(batch);
            }
            catch (Exception e)
            {
                failure = e;
            }
            lock (_lock) _commits.End(failure, _held);
        }
    }

    /// <summary>Checks a request's rounds against what is held and settled; the rounds it grows (copies: nothing held changes
    /// here) and a receipt per round.</summary>
    private Dictionary<string, RoundParts> Check(IReadOnlyList<(TrafficRound Part, RoundHead Head)> rounds, out List<RoundStatus> receipts)
    {
        var grown = new Dictionary<string, RoundParts>(StringComparer.Ordinal);
        receipts = new List<RoundStatus>(rounds.Count);
        foreach (var (t, head) in rounds)
        {
            string where = t.FirstLine == t.LastLine ? $"line {t.FirstLine}" : $"lines {t.FirstLine}-{t.LastLine}";
            string id = t.Round.RoundId ?? "";
            if (!grown.ContainsKey(id) && !_held.ContainsKey(id) && id.Length > 0 && _network.Contains(id))
            {
                CheckSettled(t.Round, head, where);
                receipts.Add(new RoundStatus(id, "settled", 0));
                continue;
            }
            var parts = grown.GetValueOrDefault(id) ?? _held.GetValueOrDefault(id)?.Copy() ?? RoundParts.Empty(id);
            if (parts.AddHead(head) is { } field)
                throw new RequestException(409, $"{where}: round '{id}' came before with another {field}; a round id names one round; nothing of this request was kept.");
            int added = 0;
            foreach (var response in t.Round.Responses)
            {
                switch (response is null ? true : parts.Add(response))
                {
                    case true: added++; break;
                    case null: throw new RequestException(409, $"{where}: response '{response!.ResponseId}' of round '{id}' came before with other content; nothing of this request was kept.");
                }
            }
            try
            {
                _network.ValidateRound(parts.Build());
            }
            catch (ArgumentException e)
            {
                throw new RequestException(400, $"{where}: {Cli.WithoutParameterTail(e.Message)}; nothing of this request was kept.");
            }
            grown[id] = parts;
            receipts.Add(new RoundStatus(id, added > 0 ? "accepted" : "held", added));
        }
        return grown;
    }

    /// <summary>A round (or part) whose id was settled: the same content as settled, else 409.</summary>
    private void CheckSettled(ObservedRound part, RoundHead head, string where)
    {
        string id = part.RoundId;
        if (_journal.Settled(id) is { } record)
        {
            if (RoundHead.FromJson(record.Header).Merge(head) is { Conflict: { } field })
                throw new RequestException(409, $"{where}: round '{id}' was settled with another {field} (a settled round does not change); nothing of this request was kept.");
            foreach (var r in part.Responses)
            {
                if (r is null || !record.Responses.TryGetValue(r.ResponseId ?? "", out var hash) || hash != RoundParts.ResponseHash(id, r))
                    throw new RequestException(409, $"{where}: round '{id}' was settled without this response '{r?.ResponseId}' or with other content (a settled round does not change); nothing of this request was kept.");
            }
            return;
        }
        try
        {
            _network.ValidateRound(part); // settled by another tool: the engine compares the whole round's content
        }
        catch (ArgumentException e)
        {
            throw new RequestException(409, $"{where}: {Cli.WithoutParameterTail(e.Message)} (a round settled outside this service is recognized only whole); nothing of this request was kept.");
        }
    }

    /// <summary>Settles everything held, in natural round-id order, and the engine's last (shorter) period; returns the
    /// result in the shape of <c>scoutelo settle --json</c> (this flush's rounds settled and skipped).</summary>
    public SettlementReport Flush()
    {
        lock (_lock)
        {
            var (settled, skipped) = SettleHeld();
            return CurrentStandings().Report with { RoundsSettled = settled, RoundsSkipped = skipped };
        }
    }

    private (long Settled, long Skipped) SettleHeld()
    {
        // Only durable rounds: one whose lines are still being written (by a request not yet answered) waits for the next flush.
        var order = _held.Where(h => !_commits.Pending(h.Key)).OrderBy(h => h.Key, NaturalOrder.Instance).Select(h => h.Value).ToList();
        long settled = 0, skipped = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var points = new List<RatingPoint>();
        foreach (var parts in order)
        {
            var receipt = _network.Submit(parts.Build());
            if (receipt.Accepted) settled++;
            else skipped++;
            RecordPoints(receipt.Settlement, points);
        }
        RecordPoints(_network.Flush(), points);
        _journal.MarkSettled(order, points);
        foreach (var parts in order) _held.Remove(parts.Id);
        ServiceMetrics.RoundsSettled.Add(settled);
        ServiceMetrics.FlushSeconds.Record(watch.Elapsed.TotalSeconds);
        return (settled, skipped);
    }

    /// <summary>Each node of a settled period at its standing right after it (the period's nodes only: its cost follows the
    /// period, not the network).</summary>
    private void RecordPoints(PeriodSettlement? period, List<RatingPoint> points)
    {
        if (period is null) return;
        foreach (var node in period.Rounds.SelectMany(r => r.Responses).Select(r => r.Node).Distinct(StringComparer.Ordinal))
        {
            if (_network.TryGetNode(node, out var s)) points.Add(new RatingPoint(node, period.Period, s.Rating, s.Deviation, s.Reward));
        }
    }

    /// <summary>A node's rating after each period this service settled with it, oldest first.</summary>
    public List<RatingPoint> History(string node)
    {
        lock (_lock) return _journal.History(node);
    }

    public void Dispose()
    {
        _commits.WaitIdle(); // a write in flight finishes before the journal closes
        _journal.Dispose();
    }
}

/// <summary>A round's receipt: accepted (it brought new responses, now held), held (held already) or settled (settled
/// before), and how many of its responses this request added.</summary>
internal sealed record RoundStatus(string Round, string Status, int Responses);

/// <summary>A request the service refuses, with its HTTP status and one sentence.</summary>
internal sealed class RequestException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>The service's own meters (beside the engine's <see cref="ScoutNetwork.MeterName"/>).</summary>
internal static class ServiceMetrics
{
    public const string MeterName = "ScoutElo.Service";

    /// <summary>The service's activity source: one server activity per request (method and route template, status, counts).</summary>
    public const string ActivitySourceName = "ScoutElo.Service";

    public static readonly System.Diagnostics.ActivitySource Activities = new(ActivitySourceName);
    private static readonly System.Diagnostics.Metrics.Meter Meter = new(MeterName);
    public static readonly System.Diagnostics.Metrics.Counter<long> ResponsesAccepted = Meter.CreateCounter<long>("scoutelo.service.responses_accepted", "{response}", "Responses acknowledged (durable, held for settlement).");
    public static readonly System.Diagnostics.Metrics.Counter<long> RoundsSettled = Meter.CreateCounter<long>("scoutelo.service.rounds_settled", "{round}", "Rounds settled by the service.");
    public static readonly System.Diagnostics.Metrics.Counter<long> AuthFailures = Meter.CreateCounter<long>("scoutelo.service.auth_failures", "{request}", "Requests refused for a missing or wrong key.");
    public static readonly System.Diagnostics.Metrics.Histogram<double> FlushSeconds = Meter.CreateHistogram<double>("scoutelo.service.flush_duration", "s", "Time to settle what was held.");
}

/// <summary>Reads a request body of traffic: JSONL lines, or a JSON array of the same objects.</summary>
internal static class TrafficBody
{
    /// <summary>The request's rounds (or parts), each with the round fields its lines declare; parsed before the service's
    /// lock is taken.</summary>
    public static List<(TrafficRound Part, RoundHead Head)> Parse(string body)
    {
        string text = body;
        if (body.TrimStart().StartsWith('['))
        {
            JsonArray array;
            try
            {
                array = JsonNode.Parse(body) as JsonArray ?? throw new RequestException(400, "the body is not a JSON array of traffic lines.");
            }
            catch (JsonException e)
            {
                throw new RequestException(400, $"the body is not valid JSON ({e.Message.Split('.')[0]}).");
            }
            text = string.Join('\n', array.Select((e, i) => e is JsonObject o ? o.ToJsonString() : throw new RequestException(400, $"element {i + 1}: expected an object (a traffic line).")));
        }
        try
        {
            return [.. TrafficJsonl.Read(new StringReader(text), "body").Select(t => (t, RoundHead.Of(t)))];
        }
        catch (Exception e) when (e is FormatException or JsonlFormatException or ArgumentException)
        {
            throw new RequestException(400, Cli.WithoutParameterTail(e.Message.Replace("body:", "line ", StringComparison.Ordinal)) + " Nothing of this request was kept.");
        }
    }
}
