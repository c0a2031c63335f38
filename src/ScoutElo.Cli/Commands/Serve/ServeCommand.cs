using System.CommandLine;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Cli.Commands.Serve;

/// <summary>The serve verb (the validator service) and the keys verb (its API keys).</summary>
internal static class ServeCommand
{
    /// <summary>Where the service listens unless --urls says otherwise: loopback only.</summary>
    private const string DefaultUrls = "http://127.0.0.1:5080";

    internal static Command Serve()
    {
        var state = new Option<string?>("--state") { Description = "The network's state (a SQLite file, created when missing); acknowledged rounds not yet settled are kept beside it in STATE.pending. Or --postgres." };
        var postgres = new Option<string?>("--postgres") { Description = $"Keep the state and the acknowledged rounds in PostgreSQL instead of --state: an Npgsql connection string, or the name of an environment variable holding one as env:NAME (a password stays out of the process list). Default: ${PostgresVariable} when set and no --state." };
        var network = new Option<string>("--network") { Description = "With --postgres: the network's name in the database (several networks share one database).", DefaultValueFactory = _ => "default" };
        var keys = new Option<string?>("--keys") { Description = $"The API keys file (lines NAME:sha256:HEX, written by 'scoutelo keys add'; read again when it changes, so removing a line revokes a key). ${ApiKeys.Variable} may hold more lines, separated by ';'." };
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => DefaultUrls };
        var readKey = new Option<bool>("--read-key") { Description = "Reads need an API key too (default: reads are open, writes need one)." };
        var maxBody = new Option<long>("--max-body") { Description = "Largest request body in bytes (413 beyond it).", DefaultValueFactory = _ => 8L << 20 };
        var rate = new Option<int>("--rate") { Description = "Requests per second per client address (429 beyond it); 0: no limit.", DefaultValueFactory = _ => 1000 };
        var maxHeld = new Option<int>("--max-held") { Description = "Settle on its own once this many acknowledged rounds are held (otherwise on POST /v1/flush).", DefaultValueFactory = _ => 100_000 };
        var period = new Option<int>("--period") { Description = "Rounds per rating period (as settle).", DefaultValueFactory = _ => 20 }.AtLeast(1);
        var rule = new Option<string>("--reward-rule") { Description = "Node reward rule (as settle): gated or cost-aware.", DefaultValueFactory = _ => "gated" };
        var beta = new Option<double>("--beta") { Description = "Cost weight of --reward-rule cost-aware (as settle).", DefaultValueFactory = _ => 0.1 };
        var otlp = new Option<string?>("--otlp") { Description = "Also push the meters to this OTLP endpoint (default: OTEL_EXPORTER_OTLP_ENDPOINT when set); /metrics serves them to Prometheus either way." };
        var cmd = new Command("serve", Cli.Help("Serve a network over HTTP: submit traffic, flush, read the leaderboard, nodes, evaluators and ledger (docs/serve.md). Runs until SIGTERM or Ctrl+C.",
                "scoutelo keys add --keys keys.txt --name validator-1",
                "scoutelo serve --state network.db --keys keys.txt",
                "scoutelo serve --state network.db --keys keys.txt --read-key --rate 200",
                "scoutelo serve --postgres env:SCOUTELO_POSTGRES --network mainnet --keys keys.txt"))
            { state, postgres, network, keys, urls, readKey, maxBody, rate, maxHeld, period, rule, beta, otlp };
        cmd.SetAction(r => Cli.Run(r, r => Run(r, new ServeFlags(state, postgres, network, keys, urls, readKey, maxBody, rate, maxHeld, period, rule, beta, otlp))));
        return cmd;
    }

    /// <summary>Checks the flags, opens the state and its journal, and serves until SIGTERM or Ctrl+C.</summary>
    private static int Run(CliContext r, ServeFlags f)
    {
        long body = r.GetValue(f.MaxBody);
        if (body is < 1024 or > 1L << 30) throw new ArgumentException("--max-body: must be between 1024 bytes and 1 GiB.");
        if (r.GetValue(f.Rate) is < 0) throw new ArgumentException("--rate: must be 0 (no limit) or more.");
        if (r.GetValue(f.MaxHeld) is < 1) throw new ArgumentException("--max-held: must be at least 1.");
        var apiKeys = new ApiKeys(r.GetValue(f.Keys), Environment.GetEnvironmentVariable(ApiKeys.Variable));
        if (!apiKeys.Any) r.Error.WriteLine("serve: no API key is configured, so every write is refused (scoutelo keys add --keys FILE --name NAME).");
        var options = new NetworkOptions { RoundsPerPeriod = r.GetValue(f.Period), RewardRule = Settle.SettleCommand.RewardRule(r.GetValue(f.Rule)!, r.GetValue(f.Beta)) };
        var (store, journal, described) = OpenState(r, f);
        using var storeLifetime = store as IDisposable;
        using var journalLifetime = journal;
        var network = new ScoutNetwork(options, store);
        if (network.SettledRules is { } stored && stored != options.DescribeRules())
            throw new ArgumentException($"{(r.GetValue(f.State) is null ? "--network" : "--state")}: {described} was settled under other rules; serve it with the same --period, --reward-rule and --beta.");
        using var service = new ValidatorService(network, journal, r.GetValue(f.MaxHeld));
        Uri? otlpUri = r.GetValue(f.Otlp) is { } o ? JudgeCli.EndpointUri("--otlp", o) : null;
        var app = ServeHost.Create(new ServeSettings(r.GetValue(f.Urls)!, r.GetValue(f.ReadKey), body, r.GetValue(f.Rate)) { Otlp = otlpUri }, service, apiKeys, r.Error);
        app.Run(); // until SIGTERM / Ctrl+C: in-flight requests finish; held rounds stay in the journal
        return 0;
    }

    /// <summary>The environment variable --postgres defaults to.</summary>
    internal const string PostgresVariable = "SCOUTELO_POSTGRES";

    /// <summary>The state and the journal: a SQLite file and STATE.pending beside it, or a network in PostgreSQL with its
    /// journal's tables. One sentence naming the flag when neither or both are given, or the server cannot be reached; the
    /// connection string never appears in a message.</summary>
    private static (INetworkStateStore Store, IRoundJournal Journal, string Described) OpenState(CliContext r, ServeFlags f)
    {
        string? path = r.GetValue(f.State), postgres = r.GetValue(f.Postgres);
        if (path is not null && postgres is not null) throw new ArgumentException("--postgres: give --state (a SQLite file) or --postgres, not both.");
        if (path is null && postgres is null && Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 }) postgres = "env:" + PostgresVariable;
        if (path is null && postgres is null) throw new ArgumentException($"--state: required (a SQLite file), unless --postgres (or ${PostgresVariable}) names a PostgreSQL database.");
        if (path is not null)
        {
            var file = StateFiles.Open(r, path, create: true)!;
            try
            {
                return (file, new SqliteRoundJournal(path + ".pending"), $"'{path}'");
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
        string connection = postgres!.StartsWith("env:", StringComparison.Ordinal)
            ? Environment.GetEnvironmentVariable(postgres[4..]) is { Length: > 0 } v ? v : throw new ArgumentException($"--postgres: the environment variable {postgres[4..]} is not set.")
            : postgres;
        string name = r.GetValue(f.Network)!;
        Scoring.Storage.PostgreSql.PostgreSqlNetworkStateStore store;
        try
        {
            store = new Scoring.Storage.PostgreSql.PostgreSqlNetworkStateStore(connection, name);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--postgres: {Cli.WithoutParameterTail(e.Message)}");
        }
        catch (IOException e)
        {
            throw new IOException($"--postgres: {e.Message}", e);
        }
        try
        {
            return (store, new PostgresRoundJournal(connection, name), $"network '{name}'");
        }
        catch (InvalidOperationException e)
        {
            store.Dispose();
            throw new ArgumentException($"--network: {e.Message}");
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException)
        {
            store.Dispose();
            throw new IOException($"--postgres: the journal's tables could not be opened ({e.GetType().Name}).", e);
        }
    }

    internal static Command Keys()
    {
        var file = new Option<string>("--keys") { Description = "The keys file.", Required = true };
        var name = new Option<string>("--name") { Description = "The key's name (letters, digits, '-', '_', '.').", Required = true };
        var add = new Command("add", "Create a key: prints it once (keep it; only its hash is stored) and adds NAME:sha256:HASH to the file.") { file, name };
        add.SetAction(r => Cli.Run(r, r =>
        {
            string path = r.GetValue(file)!, keyName = r.GetValue(name)!;
            var existing = File.Exists(path) ? File.ReadAllLines(path) : [];
            var parsed = ApiKeys.Parse(existing, path);
            if (parsed.Any(k => k.Name == keyName)) throw new ArgumentException($"--name: '{keyName}' is already in {path}; revoke it first or pick another name.");
            var (key, line) = ApiKeys.NewKey(keyName);
            Outputs.WriteAllOrNone(r, (OutputTarget.Resolve("--keys", path), w => { foreach (var l in existing) w.WriteLine(l); w.WriteLine(line); }));
            r.Out.WriteLine(key);
            r.Error.WriteLine($"keys: added '{keyName}' to {path}; the key above is shown once.");
            return 0;
        }));
        var revoke = new Command("revoke", "Remove a key from the file (a running service stops accepting it within a second).") { file, name };
        revoke.SetAction(r => Cli.Run(r, r =>
        {
            string path = InputFiles.RequireFile("--keys", r.GetValue(file)!, "keys file"), keyName = r.GetValue(name)!;
            var lines = File.ReadAllLines(path);
            var parsed = ApiKeys.Parse(lines, path);
            if (parsed.All(k => k.Name != keyName)) throw new ArgumentException($"--name: no key '{keyName}' in {path}{Cli.Suggest(keyName, [.. parsed.Select(k => k.Name)])}");
            Outputs.WriteAllOrNone(r, (OutputTarget.Resolve("--keys", path), w => { foreach (var l in lines.Where(l => !l.Trim().StartsWith(keyName + ":", StringComparison.Ordinal))) w.WriteLine(l); }));
            r.Error.WriteLine($"keys: revoked '{keyName}'.");
            return 0;
        }));
        var list = new Command("list", "The names of the keys in the file (never the keys).") { file };
        list.SetAction(r => Cli.Run(r, r =>
        {
            string path = InputFiles.RequireFile("--keys", r.GetValue(file)!, "keys file");
            foreach (var (keyName, _) in ApiKeys.Parse(File.ReadAllLines(path), path)) r.Out.WriteLine(keyName);
            return 0;
        }));
        return new Command("keys", Cli.Help("Manage the API keys of 'scoutelo serve' (stored hashed, one per line).",
            "scoutelo keys add --keys keys.txt --name validator-1",
            "scoutelo keys revoke --keys keys.txt --name validator-1")) { add, revoke, list };
    }
}

/// <summary>The serve verb's options.</summary>
internal sealed record ServeFlags(Option<string?> State, Option<string?> Postgres, Option<string> Network, Option<string?> Keys, Option<string> Urls, Option<bool> ReadKey, Option<long> MaxBody, Option<int> Rate,
    Option<int> MaxHeld, Option<int> Period, Option<string> Rule, Option<double> Beta, Option<string?> Otlp);
