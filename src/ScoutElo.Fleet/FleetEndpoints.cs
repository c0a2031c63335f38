using System.Net;
using Npgsql;
using StackExchange.Redis;

namespace ScoutElo.Fleet;

/// <summary>The two servers a fleet needs, checked before anything starts: each failure is one sentence naming the server
/// (never a password).</summary>
internal static class FleetEndpoints
{
    /// <summary>Parses <c>HOST:PORT</c> of <c>--redis</c>.</summary>
    public static ConfigurationOptions Redis(string value)
    {
        var options = new ConfigurationOptions { AbortOnConnectFail = true, ConnectTimeout = 5000, ConnectRetry = 1 };
        try
        {
            options.EndPoints.Add(value);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--redis: '{value}' is not HOST:PORT ({e.Message}).", e);
        }
        if (!value.Contains(':', StringComparison.Ordinal)) throw new ArgumentException($"--redis: '{value}' is not HOST:PORT.");
        return options;
    }

    /// <summary>Whether Redis answers; throws <see cref="IOException"/> naming it when not.</summary>
    public static void CheckRedis(string value)
    {
        try
        {
            using var connection = ConnectionMultiplexer.Connect(Redis(value));
            connection.GetDatabase().Ping();
        }
        catch (RedisException e)
        {
            throw new IOException($"cannot reach Redis at {value}: {e.Message.Split('\n')[0]}", e);
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
