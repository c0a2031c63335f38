using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Storage.PostgreSql;

public sealed partial class PostgreSqlNetworkStateStore
{
    /// <summary>The SQLSTATE <c>scoutelo_expect_period</c> raises when the stored period is not the one a commit follows (ours:
    /// class <c>SE</c> is not used by PostgreSQL).</summary>
    private const string PeriodCheckFailed = "SE001";

    /// <summary>A period's commit sent inside <see cref="InOneTransaction"/> whose answer has not been read yet.</summary>
    private sealed record InFlight(Task Answer, NpgsqlBatch Batch, NetworkChangeSet Changes);

    private InFlight? _inFlight;

    /// <inheritdoc/>
    /// <remarks>A commit is one batch of statements, sent in one round trip: the period check (which locks the network's header
    /// row), the node, evaluator, round and ledger rows, the header. Inside <see cref="InOneTransaction"/> the batch is sent and
    /// the engine goes on settling the next period while the server writes this one; its answer is read before anything else
    /// is sent on the transaction (the next period's commit, a read, the end of the transaction), so a refused commit fails
    /// that next operation — and with it the whole transaction, of which nothing is stored.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The changes do not follow the stored period (another writer committed first),
    /// or a round id was settled before; nothing changed.</exception>
    /// <exception cref="IOException">The server failed or could not be reached; if the connection failed during the commit, its
    /// outcome is unknown (reload to find out).</exception>
    public void Commit(NetworkChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        Run((connection, batch) =>
        {
            if (batch is not null) // Run has read the previous commit's answer: the connection is free
            {
                var sent = CommitBatch(changes, connection, batch);
                try
                {
                    _inFlight = new InFlight(sent.ExecuteNonQueryAsync(), sent, changes);
                }
                catch
                {
                    sent.Dispose();
                    throw;
                }
                return 0;
            }
            using var own = connection.BeginTransaction(System.Data.IsolationLevel.Serializable);
            using var statements = CommitBatch(changes, connection, own);
            Answered(() =>
            {
                statements.ExecuteNonQuery();
                own.Commit(); // a serializable transaction may also be refused here
            }, changes);
            return 0;
        }, $"commit period {changes.Period} of network '{Network}'");
    }

    /// <summary>Reads the answer of the commit in flight, if any (its failure thrown as <see cref="Commit"/> documents).</summary>
    private void Drain()
    {
        if (_inFlight is not { } f) return;
        _inFlight = null;
        using (f.Batch) Answered(() => f.Answer.GetAwaiter().GetResult(), f.Changes);
    }

    /// <summary>Reads the answer of a commit in flight after another failure: the first failure is the one reported.</summary>
    private void DrainQuietly()
    {
        try
        {
            Drain();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // the transaction is rolled back: what this commit would have stored is not stored either
        }
    }

    /// <summary>Runs <paramref name="send"/> (a commit's statements) and turns the server's refusals into the exceptions
    /// <see cref="Commit"/> documents.</summary>
    private void Answered(Action send, NetworkChangeSet changes)
    {
        try
        {
            send();
        }
        catch (PostgresException e) when (e.SqlState == PeriodCheckFailed)
        {
            string stored = e.MessageText[(e.MessageText.LastIndexOf(' ') + 1)..];
            throw new InvalidOperationException($"Changes of period {changes.Period} follow period {changes.PreviousPeriod}, but network '{Network}' holds period {stored} "
                + "(another writer settled first?); nothing was written.", e);
        }
        catch (PostgresException e) when (e.SqlState == "23505" && e.ConstraintName == "scoutelo_header_pkey") // two first commits at once
        {
            throw new InvalidOperationException($"Period {changes.Period} of network '{Network}' conflicted with a concurrent first commit (another writer settled first?); nothing was written.", e);
        }
        catch (PostgresException e) when (e.SqlState == "23505") // unique_violation: a round id settled before
        {
            throw new InvalidOperationException($"{Repeated(changes)} of period {changes.Period} was settled before in network '{Network}'; nothing was written.", e);
        }
        catch (PostgresException e) when (e.SqlState == "40001") // serialization_failure: a concurrent writer
        {
            throw new InvalidOperationException($"Period {changes.Period} of network '{Network}' conflicted with a concurrent commit (another writer settled first?); nothing was written.", e);
        }
        catch (NpgsqlException e)
        {
            throw new IOException($"Could not commit period {changes.Period} of network '{Network}' on {_where}: {e.Message}", e);
        }
    }

    /// <summary>Names the first round of the changes that the store already holds (or that the changes repeat).</summary>
    private string Repeated(NetworkChangeSet changes)
    {
        if (_batchTransaction is not null) return "A round"; // the batch's transaction is aborted: nothing more can be read in it
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in changes.Rounds)
        {
            if (!seen.Add(r.RoundId) || (FindRound(r.RoundId) is { } s && s.Sequence < r.Sequence)) return $"Round '{r.RoundId}'";
        }
        return "A round";
    }

    /// <summary>The statements of one commit, in the order the server runs them (it stops at the first that fails).</summary>
    private NpgsqlBatch CommitBatch(NetworkChangeSet changes, NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        var batch = new NpgsqlBatch(connection, tx);
        var check = Statement(batch, "SELECT scoutelo_expect_period($1, $2);");
        check.Parameters.Add(new NpgsqlParameter { Value = changes.PreviousPeriod, NpgsqlDbType = NpgsqlDbType.Bigint });
        Upsert(batch, "scoutelo_nodes", changes.Nodes);
        Upsert(batch, "scoutelo_evaluators", changes.Evaluators);
        InsertRounds(batch, changes.Rounds);
        InsertLedger(batch, changes.Payouts);
        var header = Statement(batch, "INSERT INTO scoutelo_header (network, periods, json) VALUES ($1, $2, $3) ON CONFLICT (network) DO UPDATE SET periods = excluded.periods, json = excluded.json;");
        header.Parameters.Add(new NpgsqlParameter { Value = changes.Period, NpgsqlDbType = NpgsqlDbType.Bigint });
        header.Parameters.Add(new NpgsqlParameter { Value = changes.Header, NpgsqlDbType = NpgsqlDbType.Text });
        return batch;
    }

    /// <summary>Adds a statement whose first parameter (<c>$1</c>) is the network's name.</summary>
    private NpgsqlBatchCommand Statement(NpgsqlBatch batch, string sql)
    {
        var statement = new NpgsqlBatchCommand(sql);
        statement.Parameters.Add(NetworkParameter());
        batch.BatchCommands.Add(statement);
        return statement;
    }

    private void Upsert(NpgsqlBatch batch, string table, IReadOnlyList<NetworkStateRow> rows)
    {
        if (rows.Count == 0) return;
        var s = Statement(batch, $"INSERT INTO {table} (network, id, json) SELECT $1, id, json FROM unnest($2::text[], $3::text[]) AS t(id, json) "
            + "ON CONFLICT (network, id) DO UPDATE SET json = excluded.json;");
        s.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray() });
        s.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Json).ToArray() });
    }

    private void InsertRounds(NpgsqlBatch batch, IReadOnlyList<SettledRound> rounds)
    {
        if (rounds.Count == 0) return;
        var s = Statement(batch, "INSERT INTO scoutelo_rounds (network, seq, round_id, period, hash) SELECT $1, seq, id, period, hash "
            + "FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::text[]) AS t(seq, id, period, hash);");
        s.Parameters.Add(new NpgsqlParameter { Value = rounds.Select(r => r.Sequence).ToArray() });
        s.Parameters.Add(new NpgsqlParameter { Value = rounds.Select(r => r.RoundId).ToArray() });
        s.Parameters.Add(new NpgsqlParameter { Value = rounds.Select(r => r.Period).ToArray() });
        s.Parameters.Add(new NpgsqlParameter { Value = rounds.Select(r => r.ContentHash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }

    private void InsertLedger(NpgsqlBatch batch, IReadOnlyList<PayoutEntry> payouts)
    {
        if (payouts.Count == 0) return;
        var s = Statement(batch, "INSERT INTO scoutelo_ledger (network, period, round_id, party, recipient, amount, reason) "
            + "SELECT $1, period, round_id, party, recipient, amount::numeric(39, 0), reason "
            + "FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS t(period, round_id, party, recipient, amount, reason, n) ORDER BY n;");
        s.Parameters.Add(new NpgsqlParameter { Value = payouts.Select(p => p.Period).ToArray() });
        s.Parameters.Add(new NpgsqlParameter { Value = payouts.Select(p => p.RoundId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        s.Parameters.Add(new NpgsqlParameter { Value = payouts.Select(p => WireName.Of(p.Party)).ToArray() });
        s.Parameters.Add(new NpgsqlParameter { Value = payouts.Select(p => p.Recipient).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        s.Parameters.Add(new NpgsqlParameter { Value = payouts.Select(p => p.Amount.ToString(CultureInfo.InvariantCulture)).ToArray() });
        s.Parameters.Add(new NpgsqlParameter { Value = payouts.Select(p => WireName.Of(p.Reason)).ToArray() });
    }
}
