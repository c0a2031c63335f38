using System.CommandLine;
using System.Text.RegularExpressions;

namespace ScoutElo.Cli;

/// <summary>The command-line parser's errors in the user's words: no .NET type names, the flag first, and a "did you mean"
/// for a mistyped flag or verb.</summary>
internal static partial class ParseErrors
{
    /// <summary>One line for all of a parse's errors, e.g. "--rounds: 'abc' is not a whole number." or "unknown flag
    /// '--round'; did you mean '--rounds'?".</summary>
    public static string Describe(ParseResult parsed, RootCommand root)
    {
        var command = parsed.CommandResult.Command;
        var messages = new List<string>();
        var unknown = parsed.Errors.Select(e => Unrecognized().Match(e.Message)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        string? previousUnknownFlag = null;
        foreach (var error in parsed.Errors)
        {
            string message = error.Message;
            if (Unrecognized().Match(message) is { Success: true } u)
            {
                string token = u.Groups[1].Value;
                if (token.StartsWith('-'))
                {
                    var flags = command.Options.Concat(root.Options.Where(o => o.Recursive)).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct();
                    string? near = Cli.Closest(token, flags);
                    messages.Add($"unknown flag '{token}' for '{Verb(command, root)}'" + (near is null ? "" : $"; did you mean '{near}'?"));
                    previousUnknownFlag = token;
                }
                else if (ReferenceEquals(command, root))
                {
                    string? near = Cli.Closest(token, root.Subcommands.Select(c => c.Name));
                    messages.Add($"unknown verb '{token}'" + (near is null ? $"; the verbs are {string.Join(", ", root.Subcommands.Select(c => c.Name))}" : $"; did you mean '{near}'?"));
                }
                else if (previousUnknownFlag is null)
                {
                    messages.Add($"unexpected argument '{token}' (values follow their flag, as in --data FILE)");
                }
                continue; // a value after an unknown flag is that flag's value: one message is enough
            }
            previousUnknownFlag = null;
            if (RequiredCommand().IsMatch(message))
            {
                if (unknown.Count == 0) messages.Add($"name a verb: {string.Join(", ", root.Subcommands.Select(c => c.Name))}");
                continue;
            }
            if (CannotParse().Match(message) is { Success: true } p)
            {
                messages.Add($"{p.Groups[2].Value}: '{p.Groups[1].Value}' is not {Expected(p.Groups[3].Value)}");
                continue;
            }
            if (RequiredOption().Match(message) is { Success: true } r)
            {
                messages.Add($"{r.Groups[1].Value} is required");
                continue;
            }
            if (MissingValue().Match(message) is { Success: true } v)
            {
                messages.Add($"{v.Groups[1].Value} needs a value");
                continue;
            }
            messages.Add(message.TrimEnd('.').Replace("System.", "", StringComparison.Ordinal));
        }
        string line = string.Join("; ", messages.Distinct()).ReplaceLineEndings(" ");
        return line.Length == 0 ? "the command line could not be read" : line;
    }

    private static string Verb(Command command, RootCommand root) => ReferenceEquals(command, root) ? "scoutelo" : "scoutelo " + command.Name;

    private static string Expected(string type) => type.Replace("System.Nullable`1[", "", StringComparison.Ordinal).TrimEnd(']') switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" => "a whole number",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        _ => "a valid value",
    };

    [GeneratedRegex(@"^Unrecognized command or argument '(.*)'\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"^Required command was not provided", RegexOptions.CultureInvariant)]
    private static partial Regex RequiredCommand();

    [GeneratedRegex(@"^Cannot parse argument '(.*)' for option '(.*)' as expected type '(.*)'\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Option '(.*)' is required\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex RequiredOption();

    [GeneratedRegex(@"^Required argument missing for option: '(.*)'\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex MissingValue();
}
