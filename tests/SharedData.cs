namespace ScoutElo.Scoring.Tests;

/// <summary>Locates ../shared (beside the repository root) from the test binaries.</summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ScoutElo.Scoring.sln"))) dir = dir.Parent;
        return dir is null ? null : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
    });

    public static string SharedRoot => Root.Value ?? Path.Combine(AppContext.BaseDirectory, "shared-not-found");

    public static string PathOf(string jsonlFile) => Path.Combine(SharedRoot, "data", "jsonl", jsonlFile);

    public static string VectorPath(string file) => Path.Combine(SharedRoot, "vectors", file);
}

/// <summary>A fact over ../shared/data that skips with a reason when the file is absent.</summary>
public sealed class DataFactAttribute : FactAttribute
{
    public DataFactAttribute(params string[] files)
    {
        foreach (var f in files)
        {
            if (!File.Exists(SharedData.PathOf(f))) { Skip = $"{f} not found under ../shared/data/jsonl"; break; }
        }
    }
}

/// <summary>A fact over ../shared/vectors that skips with a reason when the file is absent.</summary>
public sealed class VectorFactAttribute : FactAttribute
{
    public VectorFactAttribute(string file)
    {
        if (!File.Exists(SharedData.VectorPath(file))) Skip = $"{file} not found under ../shared/vectors";
    }
}
