using System.Net;
using System.Net.Sockets;
using Npgsql;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Tests;
using static ScoutElo.Scoring.Tests.ObservedTraffic;

namespace ScoutElo.Scoring.Storage.PostgreSql.Tests;

/// <summary>What only a server store has: connection failures, migrations, several networks in one database, concurrent writers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlStoreTests(PostgresServerFixture fixture)
{
    [StoreFact]
    public void A_server_that_cannot_be_reached_is_named_without_the_password()
    {
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            port = ((IPEndPoint)l.LocalEndpoint).Port;
        } // nothing listens there now
        var e = Assert.Throws<IOException>(() => new PostgreSqlNetworkStateStore($"Host=127.0.0.1;Port={port};Database=ledger;Username=u;Password=hunter2-secret;Timeout=3"));
        Assert.Contains($"127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
        Assert.Contains("'ledger'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.ToString(), StringComparison.Ordinal);
        Assert.Equal("connectionString", Assert.Throws<ArgumentException>(() => new PostgreSqlNetworkStateStore("Host=x;Bogus Key=1")).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentException>(() => new PostgreSqlNetworkStateStore(fixture.Server.ConnectionString(), "")).ParamName);
    }

    [StoreFact]
    public void Migrations_run_once_and_a_newer_schema_is_refused_untouched()
    {
        string db = fixture.Server.CreateDatabase();
        Parallel.For(0, 4, _ => new PostgreSqlNetworkStateStore(db).Dispose()); // silos starting together migrate once
        using (var c = new NpgsqlConnection(db))
        {
            c.Open();
            using var cmd = new NpgsqlCommand("SELECT count(*) FROM scoutelo_schema;", c);
            Assert.Equal((long)PostgreSqlNetworkStateStore.SchemaVersion, cmd.ExecuteScalar());
            // A database at version 1 (two ledger indexes beside its primary key, the period checked by the client) is brought
            // to version 3 (one index led by the period, no primary key, the period checked by the server).
            cmd.CommandText = "DELETE FROM scoutelo_schema WHERE version > 1; DROP INDEX scoutelo_ledger_period; DROP FUNCTION scoutelo_expect_period; "
                + "ALTER TABLE scoutelo_ledger ADD PRIMARY KEY (network, seq); "
                + "CREATE INDEX scoutelo_ledger_recipient ON scoutelo_ledger (network, recipient); CREATE INDEX scoutelo_ledger_round ON scoutelo_ledger (network, round_id);";
            cmd.ExecuteNonQuery();
        }
        using (var upgraded = new PostgreSqlNetworkStateStore(db))
        {
            var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, upgraded);
            network.Submit(Round("r1", Answer("x", "n1")));
            network.Submit(Round("r2", Answer("y", "n1")));
            Assert.Equal(2, new ScoutNetwork(null, upgraded).Periods);
        }
        using (var c = new NpgsqlConnection(db))
        {
            c.Open();
            using var cmd = new NpgsqlCommand("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'scoutelo_ledger';", c);
            Assert.Equal("scoutelo_ledger_period", cmd.ExecuteScalar());
            cmd.CommandText = "SELECT max(version) FROM scoutelo_schema;";
            Assert.Equal(PostgreSqlNetworkStateStore.SchemaVersion, cmd.ExecuteScalar());
            cmd.CommandText = "INSERT INTO scoutelo_schema (version) VALUES (99);";
            cmd.ExecuteNonQuery();
        }
        Assert.Contains("version 99", Assert.Throws<FormatException>(() => new PostgreSqlNetworkStateStore(db)).Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public void Networks_in_one_database_are_apart()
    {
        string db = fixture.Server.CreateDatabase();
        using var a = new PostgreSqlNetworkStateStore(db, "a");
        using var b = new PostgreSqlNetworkStateStore(db, "b");
        new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, a).Submit(Round("r1", Answer("x", "n1")));
        var other = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, b);
        Assert.Equal(0, other.Periods);
        Assert.True(other.Submit(Round("r1", Answer("x", "n2"))).Accepted); // the same id in another network is another round
        Assert.Equal(["n1"], new ScoutNetwork(null, a).Nodes().Select(n => n.Node));
        Assert.Equal(["n2"], new ScoutNetwork(null, b).Nodes().Select(n => n.Node));
        Assert.Single(a.ReadLedger(new LedgerQuery { Party = PayoutParty.Node }));
    }

    [StoreFact]
    public void Of_writers_racing_for_the_same_period_exactly_one_commits()
    {
        string db = fixture.Server.CreateDatabase();
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgreSqlNetworkStateStore(db, "race")).ToArray();
        var engines = stores.Select(s => new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, s)).ToArray();
        var outcomes = new string[engines.Length];
        Parallel.For(0, engines.Length, i =>
        {
            try
            {
                engines[i].Submit(Round($"r{i}", Answer("x", $"n{i}")));
                outcomes[i] = "committed";
            }
            catch (InvalidOperationException)
            {
                outcomes[i] = "refused";
            }
        });
        Assert.Equal(1, outcomes.Count(o => o == "committed"));
        var state = new ScoutNetwork(null, stores[0]);
        Assert.Equal(1, state.Periods);
        Assert.Single(stores[0].ReadRounds());
        LedgerAssert.SumsToStandings(state, stores[0].ReadLedger());
        foreach (var s in stores) s.Dispose();
    }

    [StoreFact]
    public void Periods_settled_in_one_transaction_are_stored_together_or_not_at_all()
    {
        string db = fixture.Server.CreateDatabase();
        using var store = new PostgreSqlNetworkStateStore(db, "batch");
        using var reader = new PostgreSqlNetworkStateStore(db, "batch");
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 2 }, store);
        store.InOneTransaction(() =>
        {
            for (int i = 0; i < 6; i++) network.Submit(Round($"r{i}", Answer("x", $"n{i % 3}")));
            Assert.Equal(3, network.Periods);
            Assert.Empty(reader.ReadRounds()); // not visible outside before the end
            Assert.NotNull(store.FindRound("r5")); // visible inside
        });
        Assert.Equal(6, reader.ReadRounds().Count());
        Assert.Equal(3, new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 2 }, reader).Periods);

        string before = Dump(reader);
        Assert.Throws<TimeoutException>(() => store.InOneTransaction(() =>
        {
            for (int i = 6; i < 10; i++) network.Submit(Round($"r{i}", Answer("x", $"n{i % 3}")));
            throw new TimeoutException("the host failed before acknowledging");
        }));
        Assert.Equal(before, Dump(reader)); // nothing of the failed batch
        Assert.Equal(3, new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 2 }, reader).Periods);
        Assert.Throws<InvalidOperationException>(() => store.InOneTransaction(() => store.InOneTransaction(() => { })));
    }

    [StoreFact]
    public void A_commit_refused_inside_one_transaction_fails_it_naming_why_and_stores_nothing()
    {
        // Inside a transaction a period's statements are answered while the next period settles: a refusal must still fail
        // the transaction, with the same sentence as outside, and nothing of the transaction may be stored; the store then
        // works on.
        string db = fixture.Server.CreateDatabase();
        using var store = new PostgreSqlNetworkStateStore(db, "late");
        using var other = new PostgreSqlNetworkStateStore(db, "late");
        var options = new NetworkOptions { RoundsPerPeriod = 2 };
        var behind = new ScoutNetwork(options, store); // loaded at period 0
        var first = new ScoutNetwork(options, other);
        first.Submit(Round("a0", Answer("x", "n0")));
        first.Submit(Round("a1", Answer("y", "n1"))); // the other writer settles period 1
        string before = Dump(other);
        var e = Assert.Throws<InvalidOperationException>(() => store.InOneTransaction(() =>
        {
            for (int i = 0; i < 6; i++) behind.Submit(Round($"b{i}", Answer("x", $"n{i % 3}"))); // refused at the first period
        }));
        Assert.Contains("holds period 1", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Dump(other));

        // The refused commit is the transaction's last: its answer is still unread when the work returns.
        var behindAgain = new ScoutNetwork(options, store); // loaded at period 1
        first.Submit(Round("a2", Answer("x", "n0")));
        first.Submit(Round("a3", Answer("y", "n1"))); // the other writer settles period 2
        before = Dump(other);
        var last = Assert.Throws<InvalidOperationException>(() => store.InOneTransaction(() =>
        {
            behindAgain.Submit(Round("c0", Answer("x", "n0")));
            behindAgain.Submit(Round("c1", Answer("y", "n2")));
        }, (_, _) => { }));
        Assert.Contains("holds period 2", last.Message, StringComparison.Ordinal);
        Assert.Equal(before, Dump(other));

        var current = new ScoutNetwork(options, store); // the store works on
        store.InOneTransaction(() =>
        {
            for (int i = 0; i < 6; i++) current.Submit(Round($"d{i}", Answer("x", $"n{i % 3}")));
        });
        Assert.Equal(5, new ScoutNetwork(options, other).Periods);
    }

    private static string Dump(PostgreSqlNetworkStateStore store) =>
        string.Join("\n", store.ReadRounds()) + "|" + string.Join("\n", store.ReadLedger()) + "|" + store.Load()?.Header;
}
