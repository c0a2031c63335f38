using System.Globalization;
using System.Text;

namespace ScoutElo.Cli;

/// <summary>Text for a person's terminal: control characters (C0 except tab and line feed, DEL, C1) would move the cursor,
/// retitle the window, clear the screen or hide text, so they are shown as <c>\x1B</c>-style escapes instead.</summary>
internal static class TerminalText
{
    /// <summary>Whether a character must be escaped.</summary>
    public static bool IsControl(char c) => (c < ' ' && c is not '\n' and not '\t') || c is >= '\u007F' and <= '\u009F';

    /// <summary>The text with every control character escaped; the same string when it has none.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!text.Any(IsControl)) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text) Append(sb, c);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, char c)
    {
        if (IsControl(c)) sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
        else sb.Append(c);
    }

    /// <summary>A writer for a person: escapes control characters on their way to the inner writer (JSON results pass
    /// unchanged, since JSON escapes them itself). Disposing flushes and leaves the inner writer open.</summary>
    public sealed class Writer(TextWriter inner) : ForwardingWriter(inner)
    {
        public override void Write(char value)
        {
            if (IsControl(value)) Inner.Write(Escape(value.ToString()));
            else Inner.Write(value);
        }

        public override void Write(string? value) => Inner.Write(Escape(value));

        public override void WriteLine(string? value) => Inner.WriteLine(Escape(value));
    }
}
