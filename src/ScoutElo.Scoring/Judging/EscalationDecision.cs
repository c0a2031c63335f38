namespace ScoutElo.Scoring.Judging;

/// <summary>What a calibrated cascade does with one item.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Decision">The decision (0 or 1) of the first judge confident enough, or null when the item is escalated
/// (to a person or a stronger judge).</param>
/// <param name="Judge">The judge that decided, or null when escalated.</param>
public sealed record EscalationDecision(string Id, int? Decision, string? Judge)
{
    /// <summary>Whether no judge could decide the item safely.</summary>
    public bool Escalated => Decision is null;
}
