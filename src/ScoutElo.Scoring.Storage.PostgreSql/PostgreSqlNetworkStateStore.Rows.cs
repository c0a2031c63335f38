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
        cmd.Parameters.Add(NetworkParameter());
        return cmd;
    }

    /// <summary>The network's name as a statement's first parameter (<c>$1</c>): every row carries it.</summary>
    private NpgsqlParameter NetworkParameter() => new() { Value = Network, NpgsqlDbType = NpgsqlDbType.Text };

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
        var cmd = Command(sql + " AND ($4::text IS NULL OR l.party = $4) AND ($5::bigint IS NULL OR l.period = $5) ORDER BY l.period, l.seq;", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query?.Recipient ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query?.RoundId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = query?.Party is { } party ? WireName.Of(party) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query?.Period ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        return cmd;
    }
}
