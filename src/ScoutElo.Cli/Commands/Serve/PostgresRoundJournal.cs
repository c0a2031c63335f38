using System.Globalization;
using Npgsql;

namespace ScoutElo.Cli.Commands.Serve;

/// <summary>The service's journal beside a PostgreSQL state: tables <c>scoutelo_serve_pending</c>, <c>scoutelo_serve_settled</c>,
/// <c>scoutelo_serve_responses</c> and <c>scoutelo_serve_history</c>, every row keyed by the network's name, so several served
/// networks share one database and no service needs a local disk. Each write is one transaction (durable on commit, PostgreSQL's
/// <c>synchronous_commit</c>). While it is open it holds a session advisory lock on its network, so a second service on the same
/// network refuses to start instead of settling the same rounds beside the first.</summary>
internal sealed class PostgresRoundJournal : IRoundJournal
{
    private readonly NpgsqlDataSource _source;
    private readonly NpgsqlConnection _owner;
    private readonly string _network;

    /// <summary>Opens (creating the tables when missing) the journal of a network.</summary>
    /// <exception cref="InvalidOperationException">Another service holds the network.</exception>
    public PostgresRoundJournal(string connectionString, string network)
    {
        _source = NpgsqlDataSource.Create(connectionString);
        _network = network;
        NpgsqlConnection? owner = null;
        try
        {
            owner = _source.OpenConnection();
            using (var tx = owner.BeginTransaction())
            {
                Execute(owner, tx, "SELECT pg_advisory_xact_lock(7275846318230512451);"); // services starting together create the tables once
                Execute(owner, tx, """
                    CREATE TABLE IF NOT EXISTS scoutelo_serve_pending (network text NOT NULL, round_id text NOT NULL, head text NOT NULL, traffic text NOT NULL, PRIMARY KEY (network, round_id));
                    CREATE TABLE IF NOT EXISTS scoutelo_serve_settled (network text NOT NULL, round_id text NOT NULL, header text NOT NULL, PRIMARY KEY (network, round_id));
                    CREATE TABLE IF NOT EXISTS scoutelo_serve_responses (network text NOT NULL, round_id text NOT NULL, response_id text NOT NULL, hash text NOT NULL, PRIMARY KEY (network, round_id, response_id));
                    CREATE TABLE IF NOT EXISTS scoutelo_serve_history (network text NOT NULL, node text NOT NULL, period bigint NOT NULL, rating float8 NOT NULL, deviation float8 NOT NULL,
                        reward numeric(39, 0) NOT NULL, PRIMARY KEY (network, node, period));
                    """);
                tx.Commit();
            }
            using var claim = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext('scoutelo-serve'), hashtext($1));", owner);
            claim.Parameters.Add(new NpgsqlParameter { Value = network });
            if (claim.ExecuteScalar() is not true)
                throw new InvalidOperationException($"network '{network}' is served by another process on this database; stop it first or serve another --network.");
            _owner = owner;
        }
        catch
        {
            owner?.Dispose();
            _source.Dispose();
            throw;
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection, tx);
        cmd.ExecuteNonQuery();
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params object[] values)
    {
        var cmd = new NpgsqlCommand(sql, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = _network });
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return cmd;
    }

    /// <inheritdoc/>
    public List<(string RoundId, string Head, string Traffic)> ReadAll()
    {
        using var connection = _source.OpenConnection();
        using var cmd = Command(connection, null, "SELECT round_id, head, traffic FROM scoutelo_serve_pending WHERE network = $1 ORDER BY round_id;");
        using var reader = cmd.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    /// <inheritdoc/>
    public void Add(IReadOnlyList<RoundParts> rounds)
    {
        using var connection = _source.OpenConnection();
        using var tx = connection.BeginTransaction();
        using (var cmd = Command(connection, tx, """
            INSERT INTO scoutelo_serve_pending (network, round_id, head, traffic) SELECT $1, id, h, t FROM unnest($2::text[], $3::text[], $4::text[]) AS r(id, h, t)
            ON CONFLICT (network, round_id) DO UPDATE SET head = excluded.head, traffic = excluded.traffic;
            """, rounds.Select(r => r.Id).ToArray(), rounds.Select(r => r.Head.ToJson()).ToArray(), rounds.Select(r => r.ToJsonl()).ToArray()))
            cmd.ExecuteNonQuery();
        tx.Commit();
    }

    /// <inheritdoc/>
    public void MarkSettled(IReadOnlyList<RoundParts> rounds, IReadOnlyList<RatingPoint> points)
    {
        var responses = rounds.SelectMany(r => r.ResponseHashes.Select(h => (Round: r.Id, h.ResponseId, h.Hash))).ToList();
        using var connection = _source.OpenConnection();
        using var tx = connection.BeginTransaction();
        string[] ids = [.. rounds.Select(r => r.Id)];
        using (var cmd = Command(connection, tx, "DELETE FROM scoutelo_serve_pending WHERE network = $1 AND round_id = ANY($2);", (object)ids)) cmd.ExecuteNonQuery();
        using (var cmd = Command(connection, tx, """
            INSERT INTO scoutelo_serve_settled (network, round_id, header) SELECT $1, id, h FROM unnest($2::text[], $3::text[]) AS r(id, h)
            ON CONFLICT (network, round_id) DO UPDATE SET header = excluded.header;
            """, ids, rounds.Select(r => r.Head.ToJson()).ToArray()))
            cmd.ExecuteNonQuery();
        using (var cmd = Command(connection, tx, """
            INSERT INTO scoutelo_serve_responses (network, round_id, response_id, hash) SELECT $1, id, rid, h FROM unnest($2::text[], $3::text[], $4::text[]) AS r(id, rid, h)
            ON CONFLICT (network, round_id, response_id) DO UPDATE SET hash = excluded.hash;
            """, responses.Select(r => r.Round).ToArray(), responses.Select(r => r.ResponseId).ToArray(), responses.Select(r => r.Hash).ToArray()))
            cmd.ExecuteNonQuery();
        using (var cmd = Command(connection, tx, """
            INSERT INTO scoutelo_serve_history (network, node, period, rating, deviation, reward)
            SELECT $1, n, p, r, d, w::numeric FROM unnest($2::text[], $3::bigint[], $4::float8[], $5::float8[], $6::text[]) AS h(n, p, r, d, w)
            ON CONFLICT (network, node, period) DO UPDATE SET rating = excluded.rating, deviation = excluded.deviation, reward = excluded.reward;
            """, points.Select(p => p.Node).ToArray(), points.Select(p => p.Period).ToArray(), points.Select(p => p.Rating).ToArray(),
            points.Select(p => p.Deviation).ToArray(), points.Select(p => p.Reward.ToString(CultureInfo.InvariantCulture)).ToArray()))
            cmd.ExecuteNonQuery();
        tx.Commit();
    }

    /// <inheritdoc/>
    public (string Header, Dictionary<string, string> Responses)? Settled(string roundId)
    {
        using var connection = _source.OpenConnection();
        string header;
        using (var cmd = Command(connection, null, "SELECT header FROM scoutelo_serve_settled WHERE network = $1 AND round_id = $2;", roundId))
        {
            if (cmd.ExecuteScalar() is not string h) return null;
            header = h;
        }
        var responses = new Dictionary<string, string>(StringComparer.Ordinal);
        using var rows = Command(connection, null, "SELECT response_id, hash FROM scoutelo_serve_responses WHERE network = $1 AND round_id = $2;", roundId);
        using var reader = rows.ExecuteReader();
        while (reader.Read()) responses[reader.GetString(0)] = reader.GetString(1);
        return (header, responses);
    }

    /// <inheritdoc/>
    public List<RatingPoint> History(string node)
    {
        using var connection = _source.OpenConnection();
        using var cmd = Command(connection, null, "SELECT period, rating, deviation, reward::text FROM scoutelo_serve_history WHERE network = $1 AND node = $2 ORDER BY period;", node);
        using var reader = cmd.ExecuteReader();
        var points = new List<RatingPoint>();
        while (reader.Read())
            points.Add(new RatingPoint(node, reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), UInt128.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
        return points;
    }

    /// <summary>Releases the network (the advisory lock goes with the session) and closes the pool.</summary>
    public void Dispose()
    {
        _owner.Dispose();
        _source.Dispose();
    }
}
