using System.Net;
using Npgsql;
using StackExchange.Redis;

namespace ScoutElo.Fleet;

/// <summary>The two servers a fleet needs, checked before anything starts: each failure is one sentence naming the server
/// (never a password).</summary>
internal static class FleetEndpoints
{
    /// <summary>Parses <c>--redis</c>: <c>HOST:PORT</c>, optionally with StackExchange.Redis options (<c>,password=...</c>,
    /// <c>,ssl=true</c>).</summary>
    public static ConfigurationOptions Redis(string value)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(value);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("--redis: not HOST:PORT[,password=...] (a StackExchange.Redis configuration).");
        }
        if (options.EndPoints.Count == 0 || !value.Split(',')[0].Contains(':', StringComparison.Ordinal))
            throw new ArgumentException("--redis: not HOST:PORT[,password=...]: the first part must be HOST:PORT.");
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 5000;
        options.ConnectRetry = 1;
        return options;
    }

    /// <summary>Redis's endpoints, for messages (never its password).</summary>
    public static string Describe(ConfigurationOptions options) =>
        string.Join(",", options.EndPoints.Select(e => e is DnsEndPoint d ? $"{d.Host}:{d.Port}" : e.ToString()));

    /// <summary>Whether Redis answers; throws <see cref="IOException"/> naming it (never its password) when not.</summary>
    public static void CheckRedis(string value)
    {
        var options = Redis(value);
        try
        {
            using var connection = ConnectionMultiplexer.Connect(options);
            connection.GetDatabase().Ping();
        }
        catch (RedisException e)
        {
            string reason = e.Message.Split('\n')[0];
            if (!string.IsNullOrEmpty(options.Password)) reason = reason.Replace(options.Password, "*****", StringComparison.Ordinal);
            throw new IOException($"cannot reach Redis at {Describe(options)}: {reason}", e);
        }
    }

    /// <summary>Parses <c>--postgres</c>; a malformed connection string is named without its content.</summary>
    public static NpgsqlConnectionStringBuilder Postgres(string value)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--postgres: not an Npgsql connection string ({e.Message}).", e);
        }
    }

    /// <summary>The server of a connection string, for messages: host, port and database, never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder b) => $"PostgreSQL at {b.Host ?? "localhost"}:{b.Port}, database '{b.Database ?? b.Username}'";

    /// <summary>The address other silos and clients reach this one at.</summary>
    public static IPAddress Advertised(string value) =>
        IPAddress.TryParse(value, out var ip) ? ip : throw new ArgumentException($"--advertise: '{value}' is not an IP address.");
}
