using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ScoutElo.Scoring.Tests;

/// <summary>A throw-away PostgreSQL server for one test run: initdb into a fresh directory, started on 127.0.0.1 and a free
/// port with trust authentication, stopped (immediately) and deleted on dispose. Every step is bounded in time. When this
/// process runs as root, the server runs as the <c>postgres</c> user (PostgreSQL refuses root).</summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private readonly string _dir;
    private int _databases;

    /// <summary>The PostgreSQL binaries' directory (initdb, pg_ctl), or null when none is installed.</summary>
    public static string? BinDirectory { get; } = FindBinaries();

    /// <summary>Why tests that need PostgreSQL skip here; null when they can run.</summary>
    public static string? SkipReason => BinDirectory is null
        ? "no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on PATH; install PostgreSQL to run these tests" : null;

    /// <summary>Starts a server.</summary>
    /// <param name="fsync">Whether the server syncs to disk (off for tests; on where durability is measured).</param>
    public ThrowawayPostgres(bool fsync = false)
    {
        if (BinDirectory is null) throw new InvalidOperationException(SkipReason);
        _dir = Path.Combine(Path.GetTempPath(), "scoutelo-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_dir);
        if (Environment.UserName == "root") Run("chown", ["-R", "postgres:postgres", _dir], asPostgres: false);
        Port = FreePort();
        Run(Path.Combine(BinDirectory, "initdb"), ["-D", Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
        string options = $"-h 127.0.0.1 -p {Port} -k {_dir} -c max_connections=200" + (fsync ? "" : " -F");
        Run(Path.Combine(BinDirectory, "pg_ctl"), ["-D", Data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60", "-o", options, "start"]);
    }

    private string Data => Path.Combine(_dir, "data");

    /// <summary>The server's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>A connection string to a database of this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=15;Command Timeout=60";

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        string name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
        cmd.ExecuteNonQuery();
        return ConnectionString(name);
    }

    /// <summary>Stops the server without a shutdown checkpoint (it is thrown away) and deletes its files.</summary>
    public void Dispose()
    {
        try
        {
            Run(Path.Combine(BinDirectory!, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "-t", "30", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string? FindBinaries()
    {
        var installed = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        foreach (var dir in installed.OrderByDescending(d => d, StringComparer.Ordinal))
        {
            string bin = Path.Combine(dir, "bin");
            if (File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl"))) return bin;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a command (as <c>postgres</c> when this process is root), bounded in time; throws with its output on failure.</summary>
    private static void Run(string file, string[] args, bool asPostgres = true)
    {
        var info = new ProcessStartInfo(asPostgres && Environment.UserName == "root" ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && Environment.UserName == "root")
        {
            foreach (var a in new[] { "-u", "postgres", "--", file }) info.ArgumentList.Add(a);
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(StepTimeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} did not finish within {StepTimeout.TotalSeconds} s.");
        }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(file)} exited {p.ExitCode}: {stderr.Result}{stdout.Result}");
    }
}
