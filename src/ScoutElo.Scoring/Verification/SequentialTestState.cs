namespace ScoutElo.Scoring.Verification;

/// <summary>The running state of one node's <see cref="SequentialTokenTest"/>: what it has seen and its e-value. Persisted in
/// the network snapshot, so the test survives a restart exactly.</summary>
/// <param name="Tokens">Tokens of evidence seen.</param>
/// <param name="Sum">Sum of the per-token statistics.</param>
/// <param name="LogEValue">Natural log of the current e-value (the test martingale; 0 at the start).</param>
/// <param name="PeakLogEValue">The largest <see cref="LogEValue"/> reached (the test rejects once it crosses <c>ln(1/α)</c>, and
/// stays rejected).</param>
public readonly record struct SequentialTestState(long Tokens, double Sum, double LogEValue, double PeakLogEValue)
{
    /// <summary>The mean per-token statistic seen (0 before any token).</summary>
    public double Mean => Tokens == 0 ? 0 : Sum / Tokens;

    /// <summary>Whether every field is a value the test can produce (finite, non-negative counts and sums, peak ≥ current ≥ …).</summary>
    public bool IsValid => Tokens >= 0 && double.IsFinite(Sum) && double.IsFinite(LogEValue) && double.IsFinite(PeakLogEValue)
        && Sum >= 0 && Sum <= Tokens && PeakLogEValue >= 0 && PeakLogEValue >= LogEValue;
}
