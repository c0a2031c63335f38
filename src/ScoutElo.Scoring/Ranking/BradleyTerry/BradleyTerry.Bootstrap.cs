using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Ranking;

public static partial class BradleyTerry
{
    /// <summary>Every cell's resampled weight, Unit · Poisson(Count), drawn exactly: Knuth's product of uniforms below λ = 10,
    /// Hörmann's transformed rejection with squeeze (PTRS, 1993) above, with its per-λ constants computed once per cell
    /// (a cell's λ is the same in every round).</summary>
    internal sealed class PoissonTable
    {
        private readonly double[] _lambda, _unit, _c;
        private const int Stride = 7;

        public PoissonTable(Model md)
            : this(md.Count[..md.CellCount], md.Unit[..md.CellCount])
        {
        }

        /// <summary>Draws Unit[c] · Poisson(means[c]) for every c.</summary>
        public PoissonTable(double[] means, double[] unit)
        {
            int cells = means.Length;
            _lambda = means;
            _unit = unit;
            _c = new double[cells * Stride];
            for (int c = 0; c < cells; c++)
            {
                double lambda = _lambda[c];
                if (lambda < 10)
                {
                    _c[c * Stride] = Math.Exp(-lambda);
                    continue;
                }
                double slam = Math.Sqrt(lambda), b = 0.931 + (2.53 * slam), a = -0.059 + (0.02483 * b);
                double invAlpha = 1.1239 + (1.1328 / (b - 3.4)), vr = 0.9277 - (3.6224 / (b - 2));
                (_c[c * Stride], _c[(c * Stride) + 1], _c[(c * Stride) + 2], _c[(c * Stride) + 3]) = (a, b, vr, Math.Log(invAlpha));
                _c[(c * Stride) + 4] = Math.Log(lambda);
            }
        }

        private static readonly double[] SmallLogFactorials = [.. Enumerable.Range(0, 16).Select(k => Enumerable.Range(1, k).Sum(x => Math.Log(x)))];

        /// <summary>ln k! for a non-negative integer k: exact sums below 16, Stirling's series with four correction terms
        /// above (absolute error below 1e-13 there), much cheaper than a general log-gamma.</summary>
        internal static double LogFactorial(double k)
        {
            if (k < 16) return SmallLogFactorials[(int)k];
            double x = k + 1, inv = 1 / x, inv2 = inv * inv;
            return ((x - 0.5) * Math.Log(x)) - x + 0.91893853320467274178 + (inv * ((1.0 / 12) - (inv2 * ((1.0 / 360) - (inv2 * ((1.0 / 1260) - (inv2 / 1680)))))));
        }

        public void Draw(ref Xoshiro256 rng, double[] w)
        {
            for (int c = 0; c < _lambda.Length; c++)
            {
                double lambda = _lambda[c], k;
                int at = c * Stride;
                if (lambda < 10)
                {
                    double limit = _c[at], product = 1;
                    int count = 0;
                    do
                    {
                        count++;
                        product *= rng.NextDouble();
                    }
                    while (product > limit);
                    k = count - 1;
                }
                else
                {
                    double a = _c[at], b = _c[at + 1], vr = _c[at + 2], logInvAlpha = _c[at + 3], logLam = _c[at + 4];
                    while (true)
                    {
                        double u = rng.NextDouble() - 0.5, v = rng.NextDouble(), us = 0.5 - Math.Abs(u);
                        k = Math.Floor((((2 * a / us) + b) * u) + lambda + 0.43);
                        if (us >= 0.07 && v <= vr) break;
                        if (k < 0 || (us < 0.013 && v > us)) continue;
                        if (Math.Log(v) + logInvAlpha - Math.Log((a / (us * us)) + b) <= -lambda + (k * logLam) - LogFactorial(k)) break;
                    }
                }
                w[c] = _unit[c] * k;
            }
        }
    }
}
