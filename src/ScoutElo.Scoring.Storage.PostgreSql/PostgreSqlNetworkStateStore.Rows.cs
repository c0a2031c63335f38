using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Storage.PostgreSql;

public sealed partial class PostgreSqlNetworkStateStore
{
    /// <inheritdoc/>
    /// <exception cref="IOException">The server cannot be reached.</exception>
    public NetworkStoredState? Load() => Run((connection, batch) =>
    {
        using var own = batch is null ? connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead) : null; // one consistent view of the rows
        var tx = batch ?? own!;
        string? header;
        using (var cmd = Command("SELECT json FROM scoutelo_header WHERE network = $1;", connection, tx)) header = cmd.ExecuteScalar() as string;
        if (header is null) return null;
        return new NetworkStoredState(header, Rows("scoutelo_nodes", connection, tx), Rows("scoutelo_evaluators", connection, tx));
    }, "load the state");

    private List<NetworkStateRow> Rows(string table, NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        var rows = new List<NetworkStateRow>();
        using var cmd = Command($"SELECT id, json FROM {table} WHERE network = $1;", connection, tx);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) rows.Add(new NetworkStateRow(reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction? tx = null)
    {
        var cmd = new NpgsqlCommand(sql, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = Network, NpgsqlDbType = NpgsqlDbType.Text });
        return cmd;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The changes do not follow the stored period (another writer committed first),
    /// or a round id was settled before; nothing changed.</exception>
    /// <exception cref="IOException">The server failed or could not be reached; if the connection failed during the commit, its
    /// outcome is unknown (reload to find out).</exception>
    public void Commit(NetworkChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        try
        {
            Run((connection, batch) =>
            {
                using var own = batch is null ? connection.BeginTransaction(System.Data.IsolationLevel.Serializable) : null;
                var tx = batch ?? own!;
                long stored;
                using (var cmd = Command("SELECT periods FROM scoutelo_header WHERE network = $1 FOR UPDATE;", connection, tx)) stored = cmd.ExecuteScalar() is long p ? p : 0;
                if (stored != changes.PreviousPeriod)
                {
                    throw new InvalidOperationException($"Changes of period {changes.Period} follow period {changes.PreviousPeriod}, but network '{Network}' holds period {stored} "
                        + "(another writer settled first?); nothing was written.");
                }
                Upsert("scoutelo_nodes", changes.Nodes, connection, tx);
                Upsert("scoutelo_evaluators", changes.Evaluators, connection, tx);
                InsertRounds(changes.Rounds, connection, tx);
                InsertLedger(changes.Payouts, connection, tx);
                using (var cmd = Command("INSERT INTO scoutelo_header (network, periods, json) VALUES ($1, $2, $3) ON CONFLICT (network) DO UPDATE SET periods = excluded.periods, json = excluded.json;", connection, tx))
                {
                    cmd.Parameters.Add(new NpgsqlParameter { Value = changes.Period });
                    cmd.Parameters.Add(new NpgsqlParameter { Value = changes.Header, NpgsqlDbType = NpgsqlDbType.Text });
                    cmd.ExecuteNonQuery();
                }
                own?.Commit(); // inside a batch, the batch commits
                return 0;
            }, $"commit period {changes.Period} of network '{Network}'");
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

    private void Upsert(string table, IReadOnlyList<NetworkStateRow> rows, NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        if (rows.Count == 0) return;
        using var cmd = Command($"INSERT INTO {table} (network, id, json) SELECT $1, id, json FROM unnest($2::text[], $3::text[]) AS t(id, json) "
            + "ON CONFLICT (network, id) DO UPDATE SET json = excluded.json;", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Json).ToArray() });
        cmd.ExecuteNonQuery();
    }

    private void InsertRounds(IReadOnlyList<SettledRound> rounds, NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        if (rounds.Count == 0) return;
        using var cmd = Command("INSERT INTO scoutelo_rounds (network, seq, round_id, period, hash) SELECT $1, seq, id, period, hash "
            + "FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::text[]) AS t(seq, id, period, hash);", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = rounds.Select(r => r.Sequence).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rounds.Select(r => r.RoundId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rounds.Select(r => r.Period).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rounds.Select(r => r.ContentHash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.ExecuteNonQuery();
    }

    private void InsertLedger(IReadOnlyList<PayoutEntry> payouts, NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        if (payouts.Count == 0) return;
        using var cmd = Command("INSERT INTO scoutelo_ledger (network, period, round_id, party, recipient, amount, reason) "
            + "SELECT $1, period, round_id, party, recipient, amount::numeric(39, 0), reason "
            + "FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS t(period, round_id, party, recipient, amount, reason, n) ORDER BY n;",
            connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = payouts.Select(p => p.Period).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = payouts.Select(p => p.RoundId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = payouts.Select(p => WireName.Of(p.Party)).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = payouts.Select(p => p.Recipient).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = payouts.Select(p => p.Amount.ToString(CultureInfo.InvariantCulture)).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = payouts.Select(p => WireName.Of(p.Reason)).ToArray() });
        cmd.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="roundId"/> is null.</exception>
    /// <exception cref="IOException">The server cannot be reached.</exception>
    public SettledRound? FindRound(string roundId)
    {
        ArgumentNullException.ThrowIfNull(roundId);
        return Run((connection, batch) =>
        {
            using var cmd = Command("SELECT round_id, seq, period, hash FROM scoutelo_rounds WHERE network = $1 AND round_id = $2;", connection, batch);
            cmd.Parameters.Add(new NpgsqlParameter { Value = roundId, NpgsqlDbType = NpgsqlDbType.Text });
            using var reader = cmd.ExecuteReader();
            return reader.Read() ? RoundOf(reader) : null;
        }, "find a round");
    }

    private static SettledRound RoundOf(NpgsqlDataReader r) => new(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3));

    /// <inheritdoc/>
    /// <remarks>Read in one query into a list (a store's rounds are read once, when an engine starts or exports).</remarks>
    /// <exception cref="IOException">The server cannot be reached.</exception>
    public IEnumerable<SettledRound> ReadRounds() => Run((connection, batch) =>
    {
        var rounds = new List<SettledRound>();
        using var cmd = Command("SELECT round_id, seq, period, hash FROM scoutelo_rounds WHERE network = $1 ORDER BY seq;", connection, batch);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) rounds.Add(RoundOf(reader));
        return rounds;
    }, "read the settled rounds");

    /// <inheritdoc/>
    /// <exception cref="IOException">The server cannot be reached.</exception>
    /// <exception cref="FormatException">A stored ledger row is invalid.</exception>
    public IReadOnlyList<PayoutEntry> ReadLedger(LedgerQuery? query = null) => Run((connection, batch) =>
    {
        using var cmd = LedgerCommand(query, connection, batch);
        using var reader = cmd.ExecuteReader();
        var rows = new List<PayoutEntry>();
        while (reader.Read())
        {
            if (!WireName.TryParse(reader.GetString(2), out PayoutParty p) || !WireName.TryParse(reader.GetString(5), out PayoutReason why)
                || !UInt128.TryParse(reader.GetString(4), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
                throw new FormatException($"Network '{Network}' holds an invalid ledger row (period {reader.GetInt64(0)}).");
            rows.Add(new PayoutEntry(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), p, reader.IsDBNull(3) ? null : reader.GetString(3), amount, why));
        }
        return rows;
    }, "read the ledger");

    /// <summary>The ledger query by the index on (network, period, recipient): a round's rows from its period; a recipient's
    /// by one seek per period (the periods are few beside the rows; one when the period is given); else the network's whole
    /// ledger (or one period's) in order.</summary>
    private NpgsqlCommand LedgerCommand(LedgerQuery? query, NpgsqlConnection connection, NpgsqlTransaction? tx)
    {
        const string Columns = "SELECT l.period, l.round_id, l.party, l.recipient, l.amount::text, l.reason, l.seq FROM ";
        string sql;
        if (query?.RoundId is not null)
        {
            sql = Columns + "scoutelo_rounds r JOIN scoutelo_ledger l ON l.network = r.network AND l.period = r.period AND l.round_id = r.round_id "
                + "WHERE r.network = $1 AND r.round_id = $3 AND ($2::text IS NULL OR l.recipient = $2)";
        }
        else if (query?.Recipient is not null)
        {
            sql = Columns + "generate_series(coalesce($5, (SELECT min(period) FROM scoutelo_ledger WHERE network = $1)), coalesce($5, (SELECT max(period) FROM scoutelo_ledger WHERE network = $1))) AS p(n) "
                + "CROSS JOIN LATERAL (SELECT * FROM scoutelo_ledger x WHERE x.network = $1 AND x.period = p.n AND x.recipient = $2) l WHERE $3::text IS NULL";
        }
        else
        {
            sql = Columns + "scoutelo_ledger l WHERE l.network = $1 AND $2::text IS NULL AND $3::text IS NULL";
        }
        var cmd = Command(sql + " AND ($4::text IS NULL OR l.party = $4) AND ($5::bigint IS NULL OR l.period = $5) ORDER BY l.seq;", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query?.Recipient ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query?.RoundId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = query?.Party is { } party ? WireName.Of(party) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query?.Period ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        return cmd;
    }
}
