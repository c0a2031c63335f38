using System.Reflection;
using PublicApiGenerator;

namespace ScoutElo.Scoring.Tests;

/// <summary>The public API gate: an assembly's public surface, as PublicApiGenerator prints it, must equal the approved
/// snapshot committed in <c>api/</c>. A change writes <c>api/NAME.received.txt</c> and fails; review the difference and, if
/// it is intended, copy the received file over the approved one in the same commit.</summary>
internal static class ApiSnapshot
{
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ScoutElo.Scoring.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (ScoutElo.Scoring.sln) was not found above " + AppContext.BaseDirectory);
    }

    public static void Verify(Assembly assembly, string name)
    {
        string api = assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] })
            .ReplaceLineEndings("\n");
        string dir = Path.Combine(RepositoryRoot(), "api");
        string approved = Path.Combine(dir, name + ".approved.txt"), received = Path.Combine(dir, name + ".received.txt");
        string expected = File.Exists(approved) ? File.ReadAllText(approved).ReplaceLineEndings("\n") : "";
        if (expected == api)
        {
            File.Delete(received);
            return;
        }
        Directory.CreateDirectory(dir);
        File.WriteAllText(received, api);
        Assert.Fail($"The public API of {name} differs from {approved}. Review {received} (diff it against the approved file) and, if the change is intended, copy it over the approved file.");
    }
}
