using System.Text.RegularExpressions;

namespace ScoutElo.Scoring.Tests;

/// <summary>The namespace dependency graph of C# sources, read from the text: a file in namespace N depends on namespace M
/// when it names a type declared in M that it can see (M is an ancestor of N, M is imported with <c>using</c>, or the name
/// is written qualified, <c>M.Type</c> or a suffix of M). Comments and string literals are stripped first, so XML docs do
/// not count; qualified names do, so an inline <c>Ranking.EloRatingTable</c> cannot hide an edge.</summary>
internal sealed partial class NamespaceGraph
{
    private NamespaceGraph(Dictionary<string, Dictionary<string, SortedSet<string>>> edges) => Edges = edges;

    /// <summary>namespace → namespace it depends on → the type names that make the edge.</summary>
    public Dictionary<string, Dictionary<string, SortedSet<string>>> Edges { get; }

    public static NamespaceGraph Read(string sourceDirectory)
    {
        var files = new List<(string Namespace, HashSet<string> Usings, string Code)>();
        var owners = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(sourceDirectory, "*.cs", SearchOption.AllDirectories))
        {
            string sep = Path.DirectorySeparatorChar.ToString();
            if (path.Contains(sep + "obj" + sep, StringComparison.Ordinal) || path.Contains(sep + "bin" + sep, StringComparison.Ordinal)) continue;
            string code = Strip(File.ReadAllText(path));
            string ns = NamespaceDeclaration().Match(code) is { Success: true } m ? m.Groups[1].Value : "";
            var usings = UsingDirective().Matches(code).Select(u => u.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            foreach (Match t in TypeDeclaration().Matches(code))
            {
                if (!owners.TryGetValue(t.Groups[1].Value, out var set)) owners[t.Groups[1].Value] = set = new(StringComparer.Ordinal);
                set.Add(ns);
            }
            files.Add((ns, usings, code));
        }
        var edges = new Dictionary<string, Dictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        void Add(string from, string to, string why)
        {
            if (!edges.TryGetValue(from, out var targets)) edges[from] = targets = new(StringComparer.Ordinal);
            if (!targets.TryGetValue(to, out var names)) targets[to] = names = new(StringComparer.Ordinal);
            names.Add(why);
        }
        foreach (var (ns, usings, code) in files)
        {
            var ancestors = new HashSet<string>(StringComparer.Ordinal);
            var parts = ns.Split('.');
            for (int i = 1; i <= parts.Length; i++) ancestors.Add(string.Join('.', parts[..i]));
            foreach (var word in Word().Matches(code).Select(w => w.Value).Distinct(StringComparer.Ordinal))
            {
                foreach (var owner in owners.GetValueOrDefault(word) ?? [])
                {
                    if (owner != ns && (ancestors.Contains(owner) || usings.Contains(owner))) Add(ns, owner, word);
                }
            }
            foreach (Match q in Qualified().Matches(code))
            {
                string prefix = q.Groups[1].Value.TrimEnd('.'), type = q.Groups[2].Value;
                foreach (var owner in owners.GetValueOrDefault(type) ?? [])
                {
                    if (owner != ns && (owner == prefix || owner.EndsWith("." + prefix, StringComparison.Ordinal))) Add(ns, owner, prefix + "." + type);
                }
            }
        }
        return new NamespaceGraph(edges);
    }

    /// <summary>The strongly connected sets of more than one namespace (Tarjan), each sorted.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Circles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<IReadOnlyList<string>>();
        int counter = 0;
        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Edges.GetValueOrDefault(v)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.TryGetValue(w, out int seen)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], seen);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) result.Add([.. component.Order(StringComparer.Ordinal)]);
        }
        foreach (var v in Edges.Keys.Concat(Edges.Values.SelectMany(t => t.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v)) Visit(v);
        }
        return result;
    }

    private static string Strip(string source)
    {
        string s = LineComment().Replace(source, "");
        s = BlockComment().Replace(s, "");
        s = VerbatimString().Replace(s, "\"\"");
        s = RawString().Replace(s, "\"\"");
        s = RegularString().Replace(s, "\"\"");
        return CharLiteral().Replace(s, "''");
    }

    [GeneratedRegex(@"//[^\n]*")] private static partial Regex LineComment();
    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)] private static partial Regex BlockComment();
    [GeneratedRegex("@\"(?:[^\"]|\"\")*\"")] private static partial Regex VerbatimString();
    [GeneratedRegex("\"\"\"[\\s\\S]*?\"\"\"")] private static partial Regex RawString();
    [GeneratedRegex("\\$?\"(?:\\\\.|[^\"\\\\\\n])*\"")] private static partial Regex RegularString();
    [GeneratedRegex(@"'(?:\\.|[^'\\\n])'")] private static partial Regex CharLiteral();
    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)] private static partial Regex NamespaceDeclaration();
    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?([\w.]+)\s*;", RegexOptions.Multiline)] private static partial Regex UsingDirective();
    [GeneratedRegex(@"\b(?:class|struct|record|interface|enum)\s+(\w+)")] private static partial Regex TypeDeclaration();
    [GeneratedRegex(@"\b[A-Z]\w*\b")] private static partial Regex Word();
    [GeneratedRegex(@"\b((?:[A-Z]\w*\.)+)([A-Z]\w*)\b")] private static partial Regex Qualified();
}
