using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ScoutElo.Scoring.Network;

/// <summary>The canonical encoding of <see cref="RoundContent.Hash"/>: tagged, length-prefixed fields fed to a hash.</summary>
internal readonly struct RoundContentWriter
{
    private readonly IncrementalHash h;

    public RoundContentWriter(IncrementalHash hash) => h = hash;

    public void Int(long v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, v);
        h.AppendData(b);
    }

    public void Str(string? s)
    {
        if (s is null)
        {
            Int(-1);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(s);
        Int(bytes.Length);
        h.AppendData(bytes);
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
