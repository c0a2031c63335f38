namespace ScoutElo.Scoring.Text;

/// <summary>Receives tokens from the allocation-free scanner.</summary>
internal interface ITokenSink
{
    /// <summary>One lower-cased token; <paramref name="stem"/> says it must be Porter-stemmed (the sink may cache stems).</summary>
    void OnToken(ReadOnlySpan<char> token, bool stem);
}
