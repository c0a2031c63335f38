using System.Diagnostics;
using System.Net;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>A real <c>scoutelo serve</c> process on a free loopback port, for the tests that kill it, signal it or read its
/// output.</summary>
internal static class ServeProcess
{
    /// <summary>A client for a free loopback port (nothing listens on it yet).</summary>
    public static HttpClient ClientOnFreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Starts <c>scoutelo serve ARGS --urls</c> the client's address and waits (30 s at most) until it answers
    /// <c>/v1/status</c>; its stdout and stderr are read in the background (together, once it has exited).</summary>
    public static async Task<(Process Process, Task<string> Output)> StartAsync(HttpClient http, Action<ProcessStartInfo>? configure, params string[] args)
    {
        var psi = StartInfo(["serve", .. args, "--urls", http.BaseAddress!.AbsoluteUri.TrimEnd('/')]);
        configure?.Invoke(psi);
        var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var output = Task.WhenAll(stdout, stderr).ContinueWith(_ => stdout.Result + stderr.Result, TaskScheduler.Default);
        for (int i = 0; i < 300; i++)
        {
            try
            {
                using var ready = await http.GetAsync("/v1/status");
                if (ready.IsSuccessStatusCode) return (p, output);
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            Assert.False(p.HasExited, "serve exited at start: " + (p.HasExited ? await output : ""));
            await Task.Delay(100);
        }
        throw new TimeoutException("serve did not listen within 30 s");
    }

    /// <summary>Sends SIGTERM (a graceful shutdown).</summary>
    public static void Terminate(Process p)
    {
        using var term = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        term.WaitForExit();
    }
}
