using System.Text.Json;
using System.Text.RegularExpressions;

namespace ScoutElo.Scoring.Internal;

/// <summary>Rewrites System.Text.Json's messages ("The JSON value could not be converted to System.Nullable`1[System.Double].
/// Path: … | LineNumber: 0 | BytePositionInLine: 64.") in the words of someone who never saw the code.</summary>
internal static partial class JsonErrors
{
    /// <summary>The detail of a JSON error without .NET type names or positions; the caller names the line and field.</summary>
    public static string Plain(JsonException e)
    {
        string message = e.Message;
        var converted = ConvertedTo().Match(message);
        if (converted.Success) return $"expected {Expected(converted.Groups[1].Value)}.";
        if (message.Contains("cannot be null", StringComparison.Ordinal)) return "must not be null.";
        int tail = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (tail < 0) tail = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        string head = (tail > 0 ? message[..tail] : message).Trim();
        head = head.Replace("'", "", StringComparison.Ordinal).TrimEnd('.');
        return head.Length == 0 ? "not valid JSON." : $"not valid JSON ({char.ToLowerInvariant(head[0])}{head[1..]}).";
    }

    private static string Expected(string type)
    {
        string t = type.Replace("System.Nullable`1[", "", StringComparison.Ordinal).TrimEnd(']');
        return t switch
        {
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Int32" or "System.Int64" or "System.Int16" or "System.UInt32" or "System.UInt64" => "a whole number",
            "System.String" => "a string",
            "System.Boolean" => "true or false",
            _ when t.StartsWith("System.Collections.Generic.List`1[System.Double", StringComparison.Ordinal) => "an array of numbers",
            _ when t.StartsWith("System.Collections.Generic.List`1[System.String", StringComparison.Ordinal) => "an array of strings",
            _ when t.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) => "an array",
            _ when t.StartsWith("System.Collections.Generic.SortedDictionary`2[System.String,System.Collections.Generic.List", StringComparison.Ordinal) => "an object whose values are arrays of numbers",
            _ when t.StartsWith("System.Collections.Generic.SortedDictionary`2[System.String,System.Nullable`1[System.Double", StringComparison.Ordinal) => "an object whose values are numbers",
            _ when t.Contains("Dictionary", StringComparison.Ordinal) || t.EndsWith("Dto", StringComparison.Ordinal) => "an object",
            _ => "another kind of value",
        };
    }

    [GeneratedRegex(@"could not be converted to ([^\s]+?)\.? Path", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();
}
