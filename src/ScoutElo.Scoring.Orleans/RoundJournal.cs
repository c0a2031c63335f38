using Npgsql;

namespace ScoutElo.Scoring.Orleans;

/// <summary>Acknowledged rounds of a network's current period, in PostgreSQL beside its state: a grain that dies mid-period is
/// activated on another silo and replays them. After every batch the journal is made equal to the engine's queue in the same
/// transaction that commits the batch's periods, so the two never disagree.</summary>
internal sealed class RoundJournal : IDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly string _network;

    public RoundJournal(string connectionString, string network)
    {
        _source = NpgsqlDataSource.Create(connectionString);
        _network = network;
        using var connection = _source.OpenConnection();
        using var tx = connection.BeginTransaction();
        using (var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7275846318230512450);", connection, tx)) cmd.ExecuteNonQuery();
        using (var cmd = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS scoutelo_journal (network text NOT NULL, seq int NOT NULL, round_id text NOT NULL, jsonl text NOT NULL, PRIMARY KEY (network, seq));", connection, tx))
            cmd.ExecuteNonQuery();
        tx.Commit();
    }

    /// <summary>The journaled rounds' lines, in submission order.</summary>
    public List<string> ReadAll()
    {
        using var connection = _source.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT jsonl FROM scoutelo_journal WHERE network = $1 ORDER BY seq;", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = _network });
        using var reader = cmd.ExecuteReader();
        var list = new List<string>();
        while (reader.Read()) list.Add(reader.GetString(0));
        return list;
    }

    /// <summary>Replaces the journal with the queued rounds (id, lines), inside the caller's transaction (the one that commits the
    /// periods they follow).</summary>
    public void Replace(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<(string RoundId, string Jsonl)> queued)
    {
        using (var cmd = new NpgsqlCommand("DELETE FROM scoutelo_journal WHERE network = $1;", connection, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = _network });
            cmd.ExecuteNonQuery();
        }
        if (queued.Count > 0)
        {
            using var insert = new NpgsqlCommand("INSERT INTO scoutelo_journal (network, seq, round_id, jsonl) SELECT $1, n, id, jsonl FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(id, jsonl, n);", connection, tx);
            insert.Parameters.Add(new NpgsqlParameter { Value = _network });
            insert.Parameters.Add(new NpgsqlParameter { Value = queued.Select(q => q.RoundId).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = queued.Select(q => q.Jsonl).ToArray() });
            insert.ExecuteNonQuery();
        }
    }

    public void Dispose() => _source.Dispose();
}
