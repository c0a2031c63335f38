using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Storage.Sqlite;

namespace ScoutElo.Cli;

/// <summary>The network state files of the verbs that read or settle a network (<c>--state</c>).</summary>
internal static class StateFiles
{
    /// <summary>Opens an existing state for reading only; one sentence naming <c>--state</c> when it is missing or not a state.</summary>
    internal static SqliteNetworkStateStore OpenExisting(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--state: '{path}' not found (settle creates it).", path);
        return OpenFile(path, create: false);
    }

    /// <summary>Opens the state of <c>--state</c> for settling (created when missing) or reading; null (an in-memory state, said
    /// on stderr) without a path.</summary>
    internal static SqliteNetworkStateStore? Open(CliContext r, string? path, bool create)
    {
        if (path is null)
        {
            r.Error.WriteLine("settle: no --state given: the state is kept in memory only and discarded at exit.");
            return null;
        }
        return OpenFile(path, create);
    }

    private static SqliteNetworkStateStore OpenFile(string path, bool create)
    {
        if (Directory.Exists(path)) throw new IOException($"--state: '{path}' is a directory.");
        if (FileTypes.Of(path) == FileType.Special) throw new IOException($"--state: '{path}' is not a regular file (a FIFO or device); the state needs a SQLite database file.");
        if (create && Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir && !Directory.Exists(dir))
            throw new DirectoryNotFoundException($"--state: directory '{dir}' does not exist.");
        try
        {
            return create ? new SqliteNetworkStateStore(path) : SqliteNetworkStateStore.OpenReadOnly(path);
        }
        catch (IOException e)
        {
            throw new IOException($"--state: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new FormatException($"--state: {e.Message}", e);
        }
    }
}
