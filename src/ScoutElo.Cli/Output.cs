using System.Runtime.InteropServices;
using System.Text;

namespace ScoutElo.Cli;

/// <summary>How an output is written: staged in a temporary file and renamed (regular files, after following symlinks), or
/// streamed straight through (<c>-</c> for stdout, FIFOs, character and block devices, sockets).</summary>
internal enum OutputKind
{
    /// <summary>A regular file, existing or not: written to a temporary file beside it and renamed over it.</summary>
    File,

    /// <summary>A FIFO, device or socket: opened and written in place; a write failure (disk full) is an error.</summary>
    Stream,

    /// <summary><c>-</c>: the process's standard output.</summary>
    Stdout,
}

/// <summary>One resolved output of a verb: the flag that named it (for messages), what the user typed, and the path that is
/// actually written (a symlink's final target, so the link survives and its target gets the new content).</summary>
internal sealed record OutputTarget(string Flag, string Given, OutputKind Kind, string Path)
{
    /// <summary>Resolves an output path before any work starts, so a bad one fails before progress is printed.</summary>
    /// <param name="flag">The flag that named the path, e.g. <c>--out</c>.</param>
    /// <param name="given">The path as typed; <c>-</c> is stdout.</param>
    /// <param name="json">Whether <c>--json</c> is on: stdout then carries the JSON result and cannot also carry data.</param>
    public static OutputTarget Resolve(string flag, string given, bool json = false)
    {
        if (given == "-")
        {
            if (json) throw new ArgumentException($"{flag} -: stdout already carries the --json result; write the data to a file or drop --json.");
            return new(flag, given, OutputKind.Stdout, "-");
        }
        if (given.Length == 0) throw new ArgumentException($"{flag}: the path is empty.");
        string full = System.IO.Path.GetFullPath(given);
        if (given.EndsWith(System.IO.Path.DirectorySeparatorChar) || Directory.Exists(full))
            throw new IOException($"{flag}: '{given}' is a directory; give a file name.");
        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
        {
            FileSystemInfo? final;
            try
            {
                final = info.ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException e)
            {
                throw new IOException($"{flag}: the symlink '{given}' cannot be followed ({e.Message.TrimEnd('.')}).", e);
            }
            if (final is null) throw new IOException($"{flag}: the symlink '{given}' cannot be followed.");
            full = final.FullName;
            if (Directory.Exists(full)) throw new IOException($"{flag}: '{given}' links to a directory; give a file name.");
        }
        var kind = FileTypes.Of(full);
        if (kind is FileType.Missing)
        {
            string dir = System.IO.Path.GetDirectoryName(full)!;
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{flag}: the directory '{dir}' does not exist (for '{given}').");
            return new(flag, given, OutputKind.File, full);
        }
        return new(flag, given, kind == FileType.Regular ? OutputKind.File : OutputKind.Stream, full);
    }

    /// <summary>Opens the writer for a streamed target (stdout or a device); not for <see cref="OutputKind.File"/>.</summary>
    internal TextWriter OpenStream(CliContext c)
    {
        if (Kind == OutputKind.Stdout) return c.OpenStdout();
        var stream = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
        return new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    }

    /// <summary>Where the data went, for the closing line of a verb.</summary>
    public override string ToString() => Kind == OutputKind.Stdout ? "stdout" : Given;

    /// <summary>Turns a write failure (disk full, a closed pipe) into one sentence naming the flag.</summary>
    internal IOException WriteFailed(Exception e)
    {
        string reason = e.Message;
        int path = reason.IndexOf(" : '", StringComparison.Ordinal); // .NET appends " : 'the path'"
        if (path > 0) reason = reason[..path];
        return new($"{Flag}: could not write '{this}': {reason.Trim().TrimEnd('.')}.", e);
    }
}

/// <summary>All-or-none writing of a verb's outputs.</summary>
internal static class Outputs
{
    /// <summary>Writes every output or none of the files: regular files go to temporary files beside their targets; streamed
    /// targets are written once every temporary file is complete; only then are the temporary files renamed over their
    /// targets (keeping an existing target's permissions). A failure (or a kill) before the renames leaves every regular
    /// target untouched; a streamed target cannot be taken back and may hold part of its data.</summary>
    public static void WriteAllOrNone(CliContext c, params (OutputTarget Target, Action<TextWriter> Write)[] files)
    {
        var temps = new List<(string Temp, OutputTarget Target)>();
        try
        {
            foreach (var (target, write) in files.Where(f => f.Target.Kind == OutputKind.File))
            {
                string temp = TempBeside(target.Path);
                temps.Add((temp, target));
                using var writer = new StreamWriter(temp, false, new UTF8Encoding(false)) { NewLine = "\n" };
                write(writer);
            }
            foreach (var (target, write) in files.Where(f => f.Target.Kind != OutputKind.File))
            {
                Stream(c, target, write);
            }
            foreach (var (temp, target) in temps) Rename(temp, target.Path);
        }
        catch
        {
            foreach (var (temp, _) in temps)
            {
                try { File.Delete(temp); } catch (IOException) { } // best effort; the original error matters
            }
            throw;
        }
    }

    private static void Stream(CliContext c, OutputTarget target, Action<TextWriter> write)
    {
        try
        {
            using var writer = target.OpenStream(c);
            write(writer);
            writer.Flush();
        }
        catch (IOException e)
        {
            throw target.WriteFailed(e);
        }
    }

    internal static string TempBeside(string path) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".{System.IO.Path.GetFileName(path)}.{Environment.ProcessId}.tmp");

    internal static void Rename(string temp, string final)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(final))
        {
            try { File.SetUnixFileMode(temp, File.GetUnixFileMode(final)); } catch (UnauthorizedAccessException) { } // not the owner: keep the default mode
        }
        File.Move(temp, final, overwrite: true);
    }

    /// <summary>An output written progressively: through a temporary file beside a regular target, renamed into place by
    /// <see cref="Commit"/> (disposed without a commit, the temporary file is deleted and the target is untouched), or
    /// straight into a streamed target.</summary>
    public sealed class Progressive : IDisposable
    {
        private readonly string? _temp;
        private bool _done;

        public Progressive(CliContext c, OutputTarget target)
        {
            Target = target;
            if (target.Kind == OutputKind.File)
            {
                _temp = TempBeside(target.Path);
                Writer = new StreamWriter(_temp, false, new UTF8Encoding(false)) { NewLine = "\n" };
            }
            else
            {
                Writer = target.OpenStream(c);
            }
        }

        public OutputTarget Target { get; }

        public TextWriter Writer { get; }

        public void Commit()
        {
            try
            {
                Writer.Flush();
                Writer.Dispose();
            }
            catch (IOException e) when (_temp is null)
            {
                throw Target.WriteFailed(e);
            }
            if (_temp is not null) Rename(_temp, Target.Path);
            _done = true;
        }

        public void Dispose()
        {
            try { Writer.Dispose(); } catch (IOException) { } // a failed run: the original error matters
            if (!_done && _temp is not null)
            {
                try { File.Delete(_temp); } catch (IOException) { } // best effort
            }
        }
    }
}

/// <summary>The kind of file system node at a path (symlinks followed).</summary>
internal enum FileType
{
    Missing,
    Regular,
    Directory,
    Special,
}

/// <summary>Tells regular files from FIFOs and devices. .NET has no portable API for the node type; on Linux this asks the
/// kernel through <c>statx(2)</c>, whose structure is the same on every architecture. Elsewhere an existing non-directory
/// counts as a regular file, except the character devices under <c>/dev</c> on other Unix systems.</summary>
internal static partial class FileTypes
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 1;
    private const int ModeOffset = 28;
    private const int SIfMt = 0xF000, SIfReg = 0x8000, SIfDir = 0x4000;

    public static FileType Of(string path)
    {
        if (Directory.Exists(path)) return FileType.Directory;
        if (!File.Exists(path)) return FileType.Missing;
        if (OperatingSystem.IsLinux())
        {
            var buffer = new byte[256];
            try
            {
                if (Statx(AtFdCwd, path, 0, StatxType, buffer) == 0)
                {
                    int mode = BitConverter.ToUInt16(buffer, ModeOffset) & SIfMt;
                    return mode switch { SIfReg => FileType.Regular, SIfDir => FileType.Directory, _ => FileType.Special };
                }
            }
            catch (EntryPointNotFoundException)
            {
                // a C library without statx (glibc before 2.28, some musl builds): fall through
            }
            catch (DllNotFoundException)
            {
            }
        }
        if (!OperatingSystem.IsWindows() && path.StartsWith("/dev/", StringComparison.Ordinal)) return FileType.Special;
        return FileType.Regular;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);
}
