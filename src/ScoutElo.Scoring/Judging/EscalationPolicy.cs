using System.Globalization;
using System.Text.Json;

namespace ScoutElo.Scoring.Judging;

/// <summary>A calibrated cascade of judges (<see cref="SelectiveJudging.Calibrate"/>): on an item, the first judge (in order)
/// whose confidence reaches its threshold decides; an item nobody can decide safely is escalated.</summary>
public sealed class EscalationPolicy
{
    internal EscalationPolicy(IReadOnlyList<JudgeThreshold> judges, SelectiveJudgingOptions options)
    {
        Judges = judges;
        Options = options;
    }

    /// <summary>The judges in cascade order with their thresholds.</summary>
    public IReadOnlyList<JudgeThreshold> Judges { get; }

    /// <summary>The target the policy was calibrated for.</summary>
    public SelectiveJudgingOptions Options { get; }

    /// <summary>The decision on one item.</summary>
    /// <param name="id">The item's id.</param>
    /// <param name="verdicts">Verdict per judge name (judges without one are skipped).</param>
    /// <returns>The decision and its judge, or escalation.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public EscalationDecision Decide(string id, IReadOnlyDictionary<string, JudgeVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(verdicts);
        foreach (var j in Judges)
        {
            if (j.Threshold is { } lambda && verdicts.TryGetValue(j.Judge, out var v) && v.Confidence >= lambda)
                return new EscalationDecision(id, v.Decision, j.Judge);
        }
        return new EscalationDecision(id, null, null);
    }

    /// <summary>Applies the policy to items and measures coverage and, where labels exist, agreement.</summary>
    /// <param name="items">The items.</param>
    /// <param name="confidence">The coverage of the reported intervals, in (0, 1); default 0.95.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null or holds null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidence"/> is not in (0, 1).</exception>
    public EscalationReport Apply(IReadOnlyList<JudgedItem> items, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!double.IsFinite(confidence) || confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
        var decisions = new List<EscalationDecision>(items.Count);
        var byJudge = Judges.ToDictionary(j => j.Judge, _ => 0, StringComparer.Ordinal);
        int decided = 0, labelled = 0, agreed = 0;
        bool anyLabel = false;
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            var d = Decide(item.Id, item.Verdicts);
            decisions.Add(d);
            anyLabel |= item.Label is not null;
            if (d.Judge is null) continue;
            decided++;
            byJudge[d.Judge]++;
            if (item.Label is not { } label) continue;
            labelled++;
            if (label == d.Decision) agreed++;
        }
        return new EscalationReport(decisions, ProportionInterval.Of(decided, items.Count, confidence),
            anyLabel ? ProportionInterval.Of(agreed, labelled, confidence) : null,
            [.. Judges.Select(j => KeyValuePair.Create(j.Judge, byJudge[j.Judge]))]);
    }

    /// <summary>The policy as JSON (<see cref="FromJson"/> restores it exactly).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", 1);
            w.WriteNumber("alpha", Options.Alpha);
            w.WriteNumber("delta", Options.Delta);
            w.WriteNumber("minItems", Options.MinItems);
            w.WriteNumber("gridSize", Options.GridSize);
            w.WriteBoolean("splitDelta", Options.SplitDelta);
            w.WriteStartArray("judges");
            foreach (var j in Judges)
            {
                w.WriteStartObject();
                w.WriteString("judge", j.Judge);
                Number(w, "threshold", j.Threshold);
                w.WriteNumber("calibrationItems", j.CalibrationItems);
                w.WriteNumber("calibrationDecided", j.CalibrationDecided);
                Number(w, "calibrationAgreement", j.CalibrationAgreement);
                Number(w, "disagreementBound", j.DisagreementBound);
                if (j.Abstains is null) w.WriteNull("abstains");
                else w.WriteString("abstains", j.Abstains);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());

        static void Number(Utf8JsonWriter w, string name, double? v)
        {
            if (v is { } x) w.WriteNumber(name, x);
            else w.WriteNull(name);
        }
    }

    /// <summary>Reads a policy written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a valid policy (the message names the field).</exception>
    public static EscalationPolicy FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (Get(root, "schema").GetInt32() != 1) throw new FormatException("$.schema: this library reads policy schema 1.");
            var options = new SelectiveJudgingOptions
            {
                Alpha = Get(root, "alpha").GetDouble(),
                Delta = Get(root, "delta").GetDouble(),
                MinItems = Get(root, "minItems").GetInt32(),
                GridSize = Get(root, "gridSize").GetInt32(),
                SplitDelta = Get(root, "splitDelta").GetBoolean(),
            };
            options.Validate(nameof(json));
            var judges = new List<JudgeThreshold>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            int at = 0;
            foreach (var j in Get(root, "judges").EnumerateArray())
            {
                string where = $"$.judges[{at++}]";
                string name = Get(j, "judge").GetString() is { Length: > 0 } n && names.Add(n) ? n : throw new FormatException($"{where}.judge: a non-empty, distinct judge name is required.");
                double? threshold = Nullable(j, "threshold");
                if (threshold is { } t && (!double.IsFinite(t) || t is < 0 or > 1)) throw new FormatException($"{where}.threshold: must be in [0, 1] or null.");
                judges.Add(new JudgeThreshold(name, threshold, Get(j, "calibrationItems").GetInt32(), Get(j, "calibrationDecided").GetInt32(),
                    Nullable(j, "calibrationAgreement"), Nullable(j, "disagreementBound"), Get(j, "abstains").GetString()));
            }
            if (judges.Count == 0) throw new FormatException("$.judges: at least one judge is required.");
            return new EscalationPolicy(judges, options);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw new FormatException($"Not a valid escalation policy: {e.Message}", e);
        }

        static JsonElement Get(JsonElement o, string name) =>
            o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) ? v : throw new FormatException($"The field '{name}' is missing.");

        static double? Nullable(JsonElement o, string name) => Get(o, name) is { ValueKind: JsonValueKind.Null } ? null : Get(o, name).GetDouble();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join("; ", Judges.Select(j =>
        j.Threshold is { } t ? string.Create(CultureInfo.InvariantCulture, $"{j.Judge} ≥ {t:0.####}") : $"{j.Judge} abstains"));
}
