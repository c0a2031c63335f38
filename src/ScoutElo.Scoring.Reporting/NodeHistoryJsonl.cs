using System.Text.Json;
using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.Reporting;

/// <summary>Reads and writes node quality history as JSONL, one node per line: <c>{"node":"m1","count":100,"mean":0.72}</c>
/// (<c>mean</c> in [0, 1]). This is how <c>model-prior</c> gets at scoring time the history it had during calibration
/// (<c>scoutelo calibrate --history-out</c>, then <c>score</c>/<c>evaluate --history</c>), or a PoQ consensus store's export.</summary>
public static class NodeHistoryJsonl
{
    /// <summary>Writes a history snapshot, one line per node in the given order.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="nodes">Node id → statistics (for example <see cref="InMemoryNodeQualityHistory.Snapshot"/>).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, IEnumerable<KeyValuePair<string, NodeQualityStats>> nodes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(nodes);
        // One buffer and one JSON writer for all lines; lines end in '\n' on every platform, like LoggedOutputJsonl.Write.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var w = new Utf8JsonWriter(buffer);
        foreach (var (node, stats) in nodes)
        {
            buffer.ResetWrittenCount();
            w.Reset(buffer);
            w.WriteStartObject();
            w.WriteString("node", node);
            w.WriteNumber("count", stats.Count);
            w.WriteNumber("mean", stats.Mean);
            w.WriteEndObject();
            w.Flush();
            writer.Write(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
            writer.Write('\n');
        }
    }

    /// <summary>Reads a history file into a new in-memory history (lines of the same node are merged).</summary>
    /// <param name="path">The JSONL file.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="JsonlFormatException">A line is not an object with a non-empty <c>node</c>, a positive integer <c>count</c>
    /// and a <c>mean</c> in [0, 1]; the message names the file and line.</exception>
    public static InMemoryNodeQualityHistory ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        return Read(reader, path);
    }

    /// <summary>Reads history lines from a reader (blank lines are skipped).</summary>
    /// <param name="reader">The source.</param>
    /// <param name="sourceName">Name used in error messages.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="JsonlFormatException">A line is invalid (see <see cref="ReadFile"/>).</exception>
    public static InMemoryNodeQualityHistory Read(TextReader reader, string sourceName = "<history>")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var history = new InMemoryNodeQualityHistory();
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string? node = null;
            long count = 0;
            double mean = double.NaN;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new JsonlFormatException(sourceName, lineNumber, "(line)", "expected a JSON object");
                if (root.TryGetProperty("node", out var n) && n.ValueKind == JsonValueKind.String) node = n.GetString();
                if (string.IsNullOrEmpty(node)) throw new JsonlFormatException(sourceName, lineNumber, "node", "must be a non-empty string");
                if (!root.TryGetProperty("count", out var c) || c.ValueKind != JsonValueKind.Number || !c.TryGetInt64(out count) || count <= 0)
                    throw new JsonlFormatException(sourceName, lineNumber, "count", "must be a positive integer");
                if (!root.TryGetProperty("mean", out var m) || m.ValueKind != JsonValueKind.Number || !m.TryGetDouble(out mean) || !double.IsFinite(mean) || mean is < 0 or > 1)
                    throw new JsonlFormatException(sourceName, lineNumber, "mean", "must be a number in [0, 1]");
            }
            catch (JsonException e)
            {
                throw new JsonlFormatException(sourceName, lineNumber, "(line)", Internal.JsonErrors.Plain(e), e);
            }
            history.Record(node, new NodeQualityStats(count, mean));
        }
        return history;
    }
}
