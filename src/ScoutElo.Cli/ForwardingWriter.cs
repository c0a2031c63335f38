using System.Text;

namespace ScoutElo.Cli;

/// <summary>Writes through to a writer it does not own: disposing flushes and leaves the target open (stdout handed to a
/// verb as a data stream, or the base of <see cref="TerminalText.Writer"/>, which changes what passes).</summary>
internal class ForwardingWriter(TextWriter target) : TextWriter
{
    /// <summary>The writer underneath.</summary>
    public TextWriter Inner => target;

    public override Encoding Encoding => target.Encoding;

    public override string NewLine
    {
        get => target.NewLine;
#pragma warning disable CS8765 // the base allows null, which resets to the default
        set => target.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => target.Write(value);

    public override void Write(string? value) => target.Write(value);

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => target.WriteLine(value);

    public override void Flush() => target.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) target.Flush();
        base.Dispose(disposing);
    }
}
