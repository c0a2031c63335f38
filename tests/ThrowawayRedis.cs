using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ScoutElo.Scoring.Tests;

/// <summary>A throw-away <c>redis-server</c> on 127.0.0.1 and a free port, without persistence; killed on dispose. Starting is
/// bounded in time.</summary>
public sealed class ThrowawayRedis : IDisposable
{
    private readonly Process _process;

    /// <summary>The redis-server binary, or null when none is installed.</summary>
    public static string? Binary { get; } = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);

    /// <summary>Why tests that need Redis skip here; null when they can run.</summary>
    public static string? SkipReason => Binary is null ? "no redis-server on this machine (apt-get install redis-server; .ci/run installs it)" : null;

    /// <summary>Starts a server.</summary>
    public ThrowawayRedis()
    {
        if (Binary is null) throw new InvalidOperationException(SkipReason);
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            Port = ((IPEndPoint)l.LocalEndpoint).Port;
        }
        var info = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!Ping())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30) || _process.HasExited)
            {
                Dispose();
                throw new TimeoutException($"redis-server did not answer on 127.0.0.1:{Port} within 30 s.");
            }
            Thread.Sleep(100);
        }
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    private bool Ping()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            int n = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, n).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
    }
}
