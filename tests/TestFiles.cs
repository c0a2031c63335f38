namespace ScoutElo.Scoring.Tests;

/// <summary>Fresh temporary files and directories for one test.</summary>
internal static class TestFiles
{
    /// <summary>A new empty directory.</summary>
    public static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "scoutelo-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A new file with this content, in a new directory.</summary>
    public static string Temp(string name, string content)
    {
        string path = Path.Combine(TempDirectory(), name);
        File.WriteAllText(path, content);
        return path;
    }
}
