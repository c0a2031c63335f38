using System.Buffers.Binary;
using System.Text;

namespace ScoutElo.Scoring.Network;

/// <summary>The canonical encoding of <see cref="RoundContent.Hash"/>: tagged, length-prefixed fields written to one buffer,
/// hashed once.</summary>
internal readonly struct RoundContentWriter
{
    private readonly System.Buffers.ArrayBufferWriter<byte> h;

    public RoundContentWriter(System.Buffers.ArrayBufferWriter<byte> buffer) => h = buffer;

    public void Int(long v)
    {
        BinaryPrimitives.WriteInt64LittleEndian(h.GetSpan(8), v);
        h.Advance(8);
    }

    public void Str(string? s)
    {
        if (s is null)
        {
            Int(-1);
            return;
        }
        var span = h.GetSpan(8 + Encoding.UTF8.GetMaxByteCount(s.Length));
        int n = Encoding.UTF8.GetBytes(s, span[8..]);
        BinaryPrimitives.WriteInt64LittleEndian(span, n);
        h.Advance(8 + n);
    }

    public void Num(double? v)
    {
        if (v is not { } x)
        {
            Int(0);
            return;
        }
        Int(1);
        Int(BitConverter.DoubleToInt64Bits(x == 0 ? 0.0 : x));
    }

    public void Scores(IReadOnlyDictionary<string, double> scores)
    {
        Int(scores.Count);
        if (scores is OrdinalMap<double> sorted)
        {
            // ObservedResponse keeps its scores ordinal already.
            var keys = sorted.KeySpan;
            var values = sorted.ValueSpan;
            for (int i = 0; i < keys.Length; i++)
            {
                Str(keys[i]);
                Num(values[i]);
            }
            return;
        }
        foreach (var (e, v) in scores.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Str(e);
            Num(v);
        }
    }

    public void Ints(IReadOnlyList<int>? list)
    {
        Int(list?.Count ?? -1);
        if (list is not null) foreach (int v in list) Int(v);
    }

    public void Nums(IReadOnlyList<double>? list)
    {
        Int(list?.Count ?? -1);
        if (list is not null) foreach (double v in list) Num(v);
    }

    public void Top(IReadOnlyList<IReadOnlyList<Verification.TokenLogprob>>? top)
    {
        Int(top?.Count ?? -1);
        if (top is null) return;
        foreach (var position in top)
        {
            Int(position.Count);
            foreach (var t in position)
            {
                Int(t.TokenId);
                Num(t.Logprob);
            }
        }
    }

    public void Tokens(Verification.TokenEvidence? t)
    {
        if (t is null)
        {
            Int(0);
            return;
        }
        Int(1);
        Ints(t.TokenIds);
        Nums(t.Logprobs);
        Top(t.TopLogprobs);
        var s = t.Sampling;
        Int(s is null ? 0 : 1);
        if (s is null) return;
        Num(s.Temperature);
        Num(s.TopP);
        Int(s.Seed is null ? 0 : 1);
        Int(s.Seed ?? 0);
        Num(s.MaxTokens);
    }

    public void Reference(Verification.ReferenceEvidence? r)
    {
        if (r is null)
        {
            Int(0);
            return;
        }
        Int(1);
        Ints(r.TokenIds);
        Nums(r.Logprobs);
        Ints(r.Ranks);
        Top(r.TopLogprobs);
        Nums(r.Margins);
    }
}
