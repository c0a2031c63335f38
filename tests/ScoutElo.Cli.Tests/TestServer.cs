using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ScoutElo.Cli.Commands.Serve;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Storage.Sqlite;

namespace ScoutElo.Cli.Tests;

/// <summary>The validator service in this process on a loopback port (port 0: the system picks), over a given store and
/// journal (SQLite files or PostgreSQL), with the options of the tests' settle (20 rounds per period, gated rule).</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ValidatorService _service;
    private readonly IDisposable? _store;

    private TestServer(WebApplication app, ValidatorService service, IDisposable? store, string url)
    {
        _app = app;
        _service = service;
        _store = store;
        Client = new HttpClient { BaseAddress = new Uri(url) };
    }

    public HttpClient Client { get; }

    public int Held => _service.Held;

    /// <summary>On a SQLite state file and its STATE.pending journal.</summary>
    public static Task<TestServer> StartAsync(string state, string keysFile, long maxBody = 1 << 20, bool readKey = false) =>
        StartAsync(new SqliteNetworkStateStore(state), new SqliteRoundJournal(state + ".pending"), keysFile, new ServeSettings("http://127.0.0.1:0", readKey, maxBody, 0));

    /// <summary>On any store and journal (both disposed with the server).</summary>
    public static async Task<TestServer> StartAsync(INetworkStateStore store, IRoundJournal journal, string keysFile, ServeSettings settings)
    {
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 20, RewardRule = Scoring.ProofOfQuality.NodeRewardRule.QualityGated }, store);
        var service = new ValidatorService(network, journal, 100_000);
        var app = ServeHost.Create(settings, service, new ApiKeys(keysFile, null), TextWriter.Null);
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, service, store as IDisposable, url);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _service.Dispose();
        _store?.Dispose();
    }
}
