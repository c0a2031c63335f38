namespace ScoutElo.Scoring.Internal;

/// <summary>Seed derivation and a small deterministic generator (xoshiro256**), identical on every runtime.</summary>
internal static class Seeds
{
    /// <summary>SplitMix64 finalizer over <c>seed + (stream + 1)·φ</c>: independent streams from one seed.</summary>
    public static ulong Derive(ulong seed, ulong stream)
    {
        ulong z = seed + ((stream + 1) * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>xoshiro256** seeded through SplitMix64; its sequence is fixed by this code, not by the runtime.</summary>
internal struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256(ulong seed)
    {
        _s0 = Seeds.Derive(seed, 0);
        _s1 = Seeds.Derive(seed, 1);
        _s2 = Seeds.Derive(seed, 2);
        _s3 = Seeds.Derive(seed, 3);
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1;
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive) (Lemire's multiply-shift with rejection, "nearly divisionless": the
    /// threshold's division runs only when the low word falls below the bound, which the threshold never exceeds, so the
    /// accepted draws are exactly those of the plain rejection test).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 1) return 0;
        ulong bound = (ulong)maxExclusive;
        while (true)
        {
            ulong high = Math.BigMul(NextUInt64(), bound, out ulong low);
            if (low >= bound || low >= (0UL - bound) % bound) return (int)high;
        }
    }

    /// <summary>Standard normal deviate (Box–Muller, one of the pair).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
