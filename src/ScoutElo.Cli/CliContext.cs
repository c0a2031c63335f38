using System.CommandLine;
using System.Text;
using ScoutElo.Scoring.Calibration;
using Spectre.Console;

namespace ScoutElo.Cli;

/// <summary>One invocation of a verb: its parsed command line, the writers it prints to (the process's console, or the
/// writers a test or a host passes to <see cref="ScoutEloCommand.Invoke"/>), and what the run gathers as it goes (input and
/// adaptation warnings, whether stdout carries data). Created per invocation, so nothing of one run leaks into the next.</summary>
internal sealed class CliContext
{
    private readonly bool _processConsole;
    private readonly TextWriter _rawOut;
    private readonly TextWriter _rawError;

    /// <summary>Binds a parsed command line to the writers of its invocation.</summary>
    public CliContext(ParseResult parse)
    {
        Parse = parse;
        _rawOut = parse.InvocationConfiguration.Output;
        _rawError = parse.InvocationConfiguration.Error;
        Out = new TerminalText.Writer(_rawOut);
        Error = new TerminalText.Writer(_rawError);
        _processConsole = ReferenceEquals(_rawOut, Console.Out);
        ErrorIsTerminal = ReferenceEquals(_rawError, Console.Error) && !Console.IsErrorRedirected;
        NoColor = parse.GetValue(Cli.NoColor) || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
    }

    /// <summary>The parsed command line.</summary>
    public ParseResult Parse { get; }

    /// <summary>Standard output for results and text: control characters in names from the input are shown escaped
    /// (<see cref="TerminalText"/>); data for <c>-</c> outputs goes through <see cref="OpenStdout"/> unchanged.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: progress, warnings and errors, control characters escaped.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether stderr is an interactive terminal (a live progress bar) rather than a file, pipe or test writer.</summary>
    public bool ErrorIsTerminal { get; }

    /// <summary>Plain text: <c>--no-color</c> or <c>NO_COLOR</c>.</summary>
    public bool NoColor { get; }

    /// <summary>True once the verb has written data to stdout: its closing summary then goes to stderr.</summary>
    public bool StdoutTaken { get; private set; }

    /// <summary>The writer for a verb's human summary: stdout, unless stdout carries data (<c>--out -</c>).</summary>
    public TextWriter Summary => StdoutTaken ? Error : Out;

    /// <summary>Warnings about the input itself (an empty file, rows of another format), for the <c>warnings</c> of <c>--json</c>.</summary>
    public List<(string Code, string Message)> InputWarnings { get; } = [];

    /// <summary>What reading each input file did (format, tasks, judgment columns), for the <c>import</c> of <c>--json</c>.</summary>
    public List<Scoring.Reporting.Results.ImportFigures> Imports { get; } = [];

    /// <summary>What label-free adaptation moved in this run, for the <c>warnings</c> of <c>--json</c>.</summary>
    public List<ProfileWarning> AdaptationWarnings { get; } = [];

    /// <summary>The value of an option of this command line.</summary>
    public T? GetValue<T>(Option<T> option) => Parse.GetValue(option);

    /// <summary>The parse result of an option (null when the command has no such option).</summary>
    public System.CommandLine.Parsing.OptionResult? GetResult(Option option) => Parse.GetResult(option);

    /// <summary>Whether the invoked command declares <paramref name="option"/>.</summary>
    public bool Declares(Option option) => Parse.CommandResult.Command.Options.Contains(option);

    /// <summary>Opens stdout for data (a <c>-</c> output): the process's raw standard output with a large buffer, or a
    /// writer over <see cref="Out"/> that leaves it open. Marks stdout as taken.</summary>
    public TextWriter OpenStdout()
    {
        StdoutTaken = true;
        if (_processConsole) return new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        return new ForwardingWriter(_rawOut);
    }

    /// <summary>A Spectre console over the summary stream (tables and markup), plain when colors are off or it is no terminal.
    /// Spectre writes its own escape sequences for colors, so it gets the raw stream: escape cell text with <see cref="Cell"/>.</summary>
    public IAnsiConsole Ansi() => Ansi(StdoutTaken ? _rawError : _rawOut);

    /// <summary>Text from the input for a Spectre table cell or markup: control characters and markup escaped.</summary>
    public static string Cell(string? text) => Markup.Escape(TerminalText.Escape(text));

    /// <summary>A Spectre console over <paramref name="writer"/>: the terminal's colors and width for the process's own
    /// console, plain text at Spectre's default width of 80 columns for any other writer (a test's or a host's).</summary>
    public IAnsiConsole Ansi(TextWriter writer)
    {
        if (writer is TerminalText.Writer safe) writer = safe.Inner;
        bool console = ReferenceEquals(writer, Console.Out) || ReferenceEquals(writer, Console.Error);
        bool plain = NoColor || !console;
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = console ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!console) ansi.Profile.Width = 80;
        return ansi;
    }
}
