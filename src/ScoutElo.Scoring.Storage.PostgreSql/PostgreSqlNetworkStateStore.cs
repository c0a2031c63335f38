using Npgsql;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Storage.PostgreSql;

/// <summary>An <see cref="INetworkStateStore"/> in a PostgreSQL database: one row per node, per evaluator, per settled round and
/// per payout, one serializable transaction per rating period. Several networks share one database (every row carries its
/// network's name), so a fleet of silos on several machines keeps every network's state in one server.</summary>
/// <remarks>
/// <para>Schema (ours, migrated in place: <c>scoutelo_schema</c> holds the applied version; migrations run under a transaction
/// advisory lock, so silos starting together migrate once): <c>scoutelo_header(network, periods, json)</c>,
/// <c>scoutelo_nodes(network, id, json)</c>, <c>scoutelo_evaluators(network, id, json)</c>,
/// <c>scoutelo_rounds(network, seq, round_id, period, hash)</c> with <c>UNIQUE (network, round_id)</c>, and
/// <c>scoutelo_ledger(network, seq, period, round_id, party, recipient, amount numeric(39,0), reason)</c>.</para>
/// <para>A commit is one <c>SERIALIZABLE</c> transaction that locks the network's header row, checks the stored period against
/// <see cref="NetworkChangeSet.PreviousPeriod"/> (an optimistic check: a second writer that committed first makes it fail with
/// <see cref="InvalidOperationException"/>), and writes the rows with one statement per table, all sent in one round trip
/// (the check is the function <c>scoutelo_expect_period</c>, so the server stops at a refusal). Round ids are unique per
/// network: a repeated id fails the whole commit naming the round. A commit is durable when <see cref="Commit"/> returns
/// (PostgreSQL's <c>synchronous_commit</c>, on by default). If the connection fails during the commit its outcome is unknown
/// to the caller (<see cref="IOException"/>); the engine then reloads the state and finds out. The ledger has no primary
/// key: a row is found by its one index, <c>(network, period, recipient)</c>, and ordered by <c>seq</c> (an identity).</para>
/// <para>Connection errors name the host, port and database, never the password. Thread-safe (a pooled data source). Dispose to
/// close the pool.</para>
/// </remarks>
public sealed partial class PostgreSqlNetworkStateStore : INetworkStateStore, IDisposable
{
    /// <summary>The schema version this library writes (the newest migration).</summary>
    public const int SchemaVersion = 3;

    private readonly NpgsqlDataSource _source;
    private readonly string _where;

    /// <summary>Connects to the database and applies the schema's migrations (creating the tables on first use).</summary>
    /// <param name="connectionString">An Npgsql connection string (for example <c>Host=127.0.0.1;Port=5432;Database=scoutelo;Username=scoutelo</c>).</param>
    /// <param name="network">The network's name: its rows are apart from every other network's in the same database.</param>
    /// <exception cref="ArgumentException">An argument is null or empty, or the connection string is malformed.</exception>
    /// <exception cref="IOException">The server cannot be reached or refused the connection (host, port and database named).</exception>
    /// <exception cref="FormatException">The database holds a schema of a newer version than this library knows.</exception>
    public PostgreSqlNetworkStateStore(string connectionString, string network = "default")
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(network);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The PostgreSQL connection string is malformed: {e.Message}", nameof(connectionString), e);
        }
        Network = network;
        _where = $"PostgreSQL at {builder.Host ?? "localhost"}:{builder.Port}, database '{builder.Database ?? builder.Username}'";
        _source = NpgsqlDataSource.Create(builder);
        try
        {
            Migrate();
        }
        catch
        {
            _source.Dispose();
            throw;
        }
    }

    /// <summary>The network's name.</summary>
    public string Network { get; }

    private static readonly string[] Migrations =
    [
        // 1: the tables of schema 1.
        """
        CREATE TABLE IF NOT EXISTS scoutelo_header (network text PRIMARY KEY, periods bigint NOT NULL, json text NOT NULL);
        CREATE TABLE IF NOT EXISTS scoutelo_nodes (network text NOT NULL, id text NOT NULL, json text NOT NULL, PRIMARY KEY (network, id));
        CREATE TABLE IF NOT EXISTS scoutelo_evaluators (network text NOT NULL, id text NOT NULL, json text NOT NULL, PRIMARY KEY (network, id));
        CREATE TABLE IF NOT EXISTS scoutelo_rounds (network text NOT NULL, seq bigint NOT NULL, round_id text NOT NULL, period bigint NOT NULL, hash text,
            PRIMARY KEY (network, seq), UNIQUE (network, round_id));
        CREATE TABLE IF NOT EXISTS scoutelo_ledger (network text NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY, period bigint NOT NULL, round_id text,
            party text NOT NULL, recipient text, amount numeric(39, 0) NOT NULL CHECK (amount >= 0), reason text NOT NULL, PRIMARY KEY (network, seq));
        CREATE INDEX IF NOT EXISTS scoutelo_ledger_recipient ON scoutelo_ledger (network, recipient);
        CREATE INDEX IF NOT EXISTS scoutelo_ledger_round ON scoutelo_ledger (network, round_id);
        """,
        // 2: one ledger index, led by the period: a period's rows land at its right edge. The indexes by recipient and by round
        // took a page per paid recipient per commit; a recipient's rows are found with one index seek per period instead.
        """
        DROP INDEX IF EXISTS scoutelo_ledger_recipient;
        DROP INDEX IF EXISTS scoutelo_ledger_round;
        CREATE INDEX IF NOT EXISTS scoutelo_ledger_period ON scoutelo_ledger (network, period, recipient);
        """,
        // 3: a ledger row is kept by one index (the period's): the primary key on (network, seq) cost a second index entry per
        // payout and served only the order of a whole ledger, which the period index gives too (seq grows with the period).
        // The period check moves to the server, so that a commit is one batch of statements the server stops at the first
        // failure of: it locks the network's header row and raises SE001 naming the stored period when it is not the expected.
        """
        ALTER TABLE scoutelo_ledger DROP CONSTRAINT IF EXISTS scoutelo_ledger_pkey;
        CREATE OR REPLACE FUNCTION scoutelo_expect_period(p_network text, p_expected bigint) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE stored bigint;
        BEGIN
            SELECT periods INTO stored FROM scoutelo_header WHERE network = p_network FOR UPDATE;
            IF coalesce(stored, 0) <> p_expected THEN
                RAISE EXCEPTION 'scoutelo: the network holds period %', coalesce(stored, 0) USING ERRCODE = 'SE001';
            END IF;
        END $$;
        """,
    ];

    /// <summary>Applies the migrations not applied yet, each in the transaction that records it, under an advisory lock.</summary>
    private void Migrate()
    {
        Run((connection, _) =>
        {
            using var tx = connection.BeginTransaction();
            Execute(connection, tx, "SELECT pg_advisory_xact_lock(7275846318230512449);"); // "scoutelo" as a lock key: one migrator at a time
            Execute(connection, tx, "CREATE TABLE IF NOT EXISTS scoutelo_schema (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());");
            int applied;
            using (var cmd = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM scoutelo_schema;", connection, tx)) applied = (int)cmd.ExecuteScalar()!;
            if (applied > SchemaVersion)
                throw new FormatException($"{_where} holds a ScoutElo schema of version {applied}; this library knows versions up to {SchemaVersion}.");
            for (int v = applied + 1; v <= SchemaVersion; v++)
            {
                Execute(connection, tx, Migrations[v - 1]);
                Execute(connection, tx, $"INSERT INTO scoutelo_schema (version) VALUES ({v});");
            }
            tx.Commit();
            return 0;
        }, "apply the schema");
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection, tx);
        cmd.ExecuteNonQuery();
    }

    private NpgsqlConnection? _batchConnection;
    private NpgsqlTransaction? _batchTransaction;

    /// <summary>Runs <paramref name="work"/> with every operation of this store joining one transaction, committed once at the
    /// end together with <paramref name="alsoWrite"/>'s writes (a host's own rows, for example its journal): the periods an
    /// engine settles inside become durable together, with one sync instead of one per period. If anything throws, nothing of
    /// it is stored — and an engine that settled inside has run ahead of the store: the caller starts a new one from the store.</summary>
    /// <param name="work">What to run (for example submitting a batch of rounds to a <see cref="ScoutNetwork"/> on this store).</param>
    /// <param name="alsoWrite">More writes in the same transaction, after <paramref name="work"/>; null for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A transaction of this store is already open, or a commit inside was refused.</exception>
    /// <exception cref="IOException">The server failed; nothing was stored.</exception>
    /// <remarks>Operations of this store from other threads while the transaction is open join it too: use one store per writer.</remarks>
    public void InOneTransaction(Action work, Action<NpgsqlConnection, NpgsqlTransaction>? alsoWrite = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_batchConnection is not null) throw new InvalidOperationException("A transaction of this store is already open.");
        Run((connection, _) =>
        {
            using var tx = connection.BeginTransaction(System.Data.IsolationLevel.Serializable);
            _batchConnection = connection;
            _batchTransaction = tx;
            try
            {
                work();
                Drain();
                alsoWrite?.Invoke(connection, tx);
            }
            catch
            {
                DrainQuietly(); // a commit still in flight is answered before the transaction is rolled back
                throw;
            }
            finally
            {
                _batchConnection = null;
                _batchTransaction = null;
            }
            try
            {
                tx.Commit();
            }
            catch (PostgresException e) when (e.SqlState == "40001") // serialization_failure at commit: a concurrent writer
            {
                throw new InvalidOperationException($"A batch of network '{Network}' conflicted with a concurrent commit (another writer settled first?); nothing was written.", e);
            }
            return 0;
        }, $"commit a batch of network '{Network}'");
    }

    /// <summary>Runs <paramref name="work"/> on the open batch's connection and transaction, or on a pooled connection (no
    /// transaction); a connection or server failure becomes an <see cref="IOException"/> naming the server (never the password)
    /// and what was being done.</summary>
    private T Run<T>(Func<NpgsqlConnection, NpgsqlTransaction?, T> work, string doing)
    {
        try
        {
            if (_batchConnection is { } open)
            {
                Drain(); // one statement at a time on a connection: the answer of a commit in flight first
                return work(open, _batchTransaction);
            }
            using var connection = _source.OpenConnection();
            return work(connection, null);
        }
        catch (NpgsqlException e)
        {
            throw new IOException($"Could not {doing} on {_where}: {e.Message}", e);
        }
    }

    /// <summary>Closes the connection pool.</summary>
    public void Dispose() => _source.Dispose();
}
