using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ScoutElo.Scoring.Network;

/// <summary>Hashes of rounds: the content hash a store keeps per settled round (so a reused id with other content is caught),
/// and the 64-bit id hash the engine keeps in memory instead of the ids (a hit is confirmed with the store).</summary>
/// <remarks>ScoutElo's canonical encoding (ours): every field settlement reads, in declaration order, each tagged and
/// length-prefixed (strings as UTF-8, numbers as their IEEE-754 bits with −0 as +0, absent values as a distinct tag, score
/// maps in ordinal key order), fed to SHA-256. The request id is not content (it does not change what is settled), nor is the
/// order of the responses: they are encoded in ordinal order of their response ids, so a round assembled from parts that
/// arrived in any order hashes as the round written whole. <see cref="HashInOrder"/> is the encoding before that (responses
/// as listed), which states settled then still hold.</remarks>
internal static class RoundContent
{
    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    public static ulong IdHash(string roundId)
    {
        int max = Encoding.UTF8.GetMaxByteCount(roundId.Length);
        byte[]? rented = null;
        Span<byte> utf8 = max <= 512 ? stackalloc byte[max] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        int n = Encoding.UTF8.GetBytes(roundId, utf8);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(utf8[..n], hash);
        if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    public static string Hash(ObservedRound round) => Encode(round, canonical: true);

    /// <summary>The content hash with the responses in their listed order (the encoding of states settled before response
    /// order stopped counting): accepted as the same content when a stored hash is of that kind.</summary>
    public static string HashInOrder(ObservedRound round) => Encode(round, canonical: false);

    /// <summary>The round with its responses in ordinal order of their ids — the order the engine settles and hashes them
    /// in; the round itself when already in that order, or when a response is missing (invalid: validation names it, as
    /// listed).</summary>
    public static ObservedRound InResponseIdOrder(ObservedRound round)
    {
        var responses = round.Responses;
        if (responses is null) return round;
        bool sorted = true;
        for (int i = 0; i < responses.Count; i++)
        {
            if (responses[i] is null) return round;
            if (i > 0 && string.CompareOrdinal(responses[i - 1].ResponseId, responses[i].ResponseId) > 0) sorted = false;
        }
        return sorted ? round : round with { Responses = [.. responses.OrderBy(r => r.ResponseId, StringComparer.Ordinal)] };
    }

    private static string Encode(ObservedRound round, bool canonical)
    {
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var w = new RoundContentWriter(buffer);
        w.Str(round.RoundId);
        w.Int((int)round.Task);
        w.Str(round.Query);
        w.Str(round.Context);
        w.Int(round.References.Count);
        foreach (var r in round.References) w.Str(r);
        w.Int(round.Responses.Count);
        foreach (var r in (canonical ? InResponseIdOrder(round) : round).Responses)
        {
            if (r is null) // invalid (validation names it); hashed so a conflict check never throws first
            {
                w.Int(-2);
                continue;
            }
            w.Str(r.ResponseId);
            w.Str(r.Node);
            w.Str(r.ClaimedModel);
            w.Str(r.Response);
            var m = r.Metrics;
            w.Num(m.LatencyMs);
            w.Num(m.TimeToFirstTokenMs);
            w.Num(m.OutputTokens);
            w.Num(m.CostUsd);
            w.Num(m.Uptime);
            w.Scores(r.Scores);
            if (r.SpotCheck is { } sc)
            {
                w.Int(1);
                w.Str(sc.Response);
                w.Scores(sc.Scores);
            }
            else
            {
                w.Int(0);
            }
            w.Int(r.BaselineVerdicts.Count);
            foreach (var v in r.BaselineVerdicts) w.Num(v);
            w.Tokens(r.Tokens);
            w.Reference(r.Reference);
        }
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer.WrittenSpan, hash);
        if (buffer.Capacity > 1 << 20) t_buffer = null; // do not keep a huge round's buffer alive
        return Convert.ToHexStringLower(hash);
    }
}
