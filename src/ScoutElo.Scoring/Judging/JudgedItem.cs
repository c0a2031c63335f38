namespace ScoutElo.Scoring.Judging;

/// <summary>One item the judges saw: each judge's verdict, and the human label when there is one.</summary>
public sealed record JudgedItem
{
    /// <summary>Creates an item.</summary>
    /// <param name="id">The item's id.</param>
    /// <param name="verdicts">Verdict per judge name (a judge that did not judge the item is absent).</param>
    /// <param name="label">The human verdict (0 or 1), or null when the item is unlabelled.</param>
    /// <exception cref="ArgumentException">An empty id or judge name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label other than 0 or 1.</exception>
    public JudgedItem(string id, IReadOnlyDictionary<string, JudgeVerdict> verdicts, int? label = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(verdicts);
        foreach (var name in verdicts.Keys) if (string.IsNullOrEmpty(name)) throw new ArgumentException("Judge names must be non-empty.", nameof(verdicts));
        if (label is not (null or 0 or 1)) throw new ArgumentOutOfRangeException(nameof(label), label, "A label is 0 or 1.");
        Id = id;
        Verdicts = new Dictionary<string, JudgeVerdict>(verdicts, StringComparer.Ordinal);
        Label = label;
    }

    /// <summary>The item's id.</summary>
    public string Id { get; }

    /// <summary>Verdict per judge name.</summary>
    public IReadOnlyDictionary<string, JudgeVerdict> Verdicts { get; }

    /// <summary>The human verdict (0 or 1), or null.</summary>
    public int? Label { get; }
}
