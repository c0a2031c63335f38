namespace ScoutElo.Scoring.Reporting;

/// <summary>A JSONL line that does not follow the logged-output format; names the source, the 1-based line and the field.</summary>
public sealed class JsonlFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">File name or other description of the source.</param>
    /// <param name="lineNumber">1-based line number.</param>
    /// <param name="field">JSON path of the offending field (for example <c>$.metrics.latency_ms</c>), or <c>$</c> for the whole line.</param>
    /// <param name="detail">What was wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public JsonlFormatException(string source, long lineNumber, string field, string detail, Exception? innerException = null)
        : base($"{source}:{lineNumber}: field '{field}': {detail}", innerException)
    {
        Source = source;
        LineNumber = lineNumber;
        Field = field;
        Detail = detail;
    }

    /// <summary>File name or other description of the source.</summary>
    public new string Source { get; }

    /// <summary>1-based line number of the bad line.</summary>
    public long LineNumber { get; }

    /// <summary>JSON path of the offending field.</summary>
    public string Field { get; }

    /// <summary>What was wrong, without the location prefix.</summary>
    public string Detail { get; }
}
