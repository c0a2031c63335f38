using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.Extensions.AI;

namespace ScoutElo.Cli;

/// <summary>The tool's optional add-ons, installed beside it on demand rather than shipped in it. Today one: <c>minilm</c>,
/// the offline all-MiniLM-L6-v2 embedder (<c>ScoutElo.Scoring.Embeddings</c> with ONNX Runtime and 91 MB of weights), which
/// alone would make the tool package six times bigger. <c>scoutelo addon install minilm</c> restores that package at the
/// tool's own version and publishes it for this machine's runtime identifier into
/// <c>$SCOUTELO_ADDONS/minilm/VERSION</c> (default: <c>scoutelo/addons</c> in the user's local application data folder);
/// <c>--embedder minilm</c> loads it from there into its own load context, sharing the tool's copies of the assemblies both
/// carry so the generator implements the tool's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
internal static class Addons
{
    public const string MiniLm = "minilm";
    public const string RootVariable = "SCOUTELO_ADDONS";
    private const string PackageId = "ScoutElo.Scoring.Embeddings";
    private const string GeneratorType = "ScoutElo.Scoring.Embeddings.MiniLmEmbeddingGenerator";
    /// <summary>The published host project's assembly: its <c>.deps.json</c> is what resolves the add-on's dependencies.</summary>
    private const string HostName = "ScoutElo.Cli.MiniLmAddon";

    /// <summary>The tool's version (without the source revision): the add-on is installed and loaded at exactly this version.</summary>
    public static string ToolVersion
    {
        get
        {
            string v = typeof(Addons).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(Addons).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            int plus = v.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? v : v[..plus];
        }
    }

    /// <summary>Where add-ons live: <paramref name="dir"/> when given, else <c>$SCOUTELO_ADDONS</c>, else the user's folder.</summary>
    public static string Root(string? dir) =>
        dir is { Length: > 0 } ? Path.GetFullPath(dir)
        : Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } env ? Path.GetFullPath(env)
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "scoutelo", "addons");

    /// <summary>The directory of the MiniLM add-on for this tool version under <paramref name="root"/>.</summary>
    public static string MiniLmDirectory(string root) => Path.Combine(root, MiniLm, ToolVersion);

    /// <summary>The sentence the tool prints when the add-on is missing: what it is and the one command that installs it.</summary>
    public static string MissingMessage(string root) =>
        $"--embedder minilm: the MiniLM add-on (all-MiniLM-L6-v2 on ONNX Runtime, about 140 MB) is not installed in {MiniLmDirectory(root)}; "
        + $"install it once with 'scoutelo addon install {MiniLm}' (it needs the .NET SDK and a NuGet feed with {PackageId} {ToolVersion}), "
        + $"or set {RootVariable} to the folder it was installed in.";

    /// <summary>The MiniLM generator: the one the host already carries (a program that references
    /// <c>ScoutElo.Scoring.Embeddings</c>, as the tests do) when <paramref name="preferLoaded"/>, else the installed add-on.</summary>
    /// <exception cref="InvalidOperationException">The add-on is not installed (the message says how to install it).</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> LoadMiniLm(string root, bool preferLoaded = true)
    {
        Type? type = preferLoaded ? Type.GetType($"{GeneratorType}, {PackageId}", throwOnError: false) : null;
        if (type is null)
        {
            string host = Path.Combine(MiniLmDirectory(root), HostName + ".dll");
            if (!File.Exists(host)) throw new InvalidOperationException(MissingMessage(root));
            var assembly = new AddonLoadContext(host).LoadFromAssemblyName(new AssemblyName(PackageId));
            type = assembly.GetType(GeneratorType, throwOnError: true)!;
        }
        var create = type.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes)
            ?? throw new InvalidOperationException($"--embedder minilm: the add-on's {GeneratorType} has no Create(); reinstall it with 'scoutelo addon install {MiniLm}'.");
        return (IEmbeddingGenerator<string, Embedding<float>>)create.Invoke(null, null)!;
    }

    /// <summary>Installs the MiniLM add-on: restores <c>ScoutElo.Scoring.Embeddings</c> at the tool's version (from the
    /// configured NuGet feeds plus <paramref name="source"/>) into a small host project and publishes it for this machine's
    /// runtime identifier, into a staging folder renamed into place only when the publish succeeded: a failed install
    /// leaves the previous one (or none) as it was.</summary>
    /// <returns>The installed directory and its size in bytes.</returns>
    public static (string Directory, long Bytes) InstallMiniLm(string root, string? source, TextWriter progress, TimeSpan timeout)
    {
        string target = MiniLmDirectory(root);
        string parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        string work = Path.Combine(Path.GetTempPath(), "scoutelo-addon-" + Guid.NewGuid().ToString("N"));
        string staging = Path.Combine(parent, $".{ToolVersion}.partial-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(work);
            string project = Path.Combine(work, HostName + ".csproj");
            File.WriteAllText(project, HostProject(RuntimeInformation.RuntimeIdentifier, source));
            progress.WriteLine($"restoring {PackageId} {ToolVersion} and publishing it for {RuntimeInformation.RuntimeIdentifier} (needs the .NET SDK)...");
            var (code, output) = RunDotnet(["publish", project, "-c", "Release", "-o", staging, "--nologo"], work, timeout);
            if (code != 0)
            {
                string tail = string.Join(Environment.NewLine, output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(5));
                throw new InvalidOperationException($"addon install {MiniLm}: 'dotnet publish' failed (exit {code}); nothing was installed."
                    + (tail.Length > 0 ? Environment.NewLine + tail : ""));
            }
            // Swap in: the old install is moved aside, not deleted, until the new one is in place.
            string previous = staging + ".previous";
            if (Directory.Exists(target)) Directory.Move(target, previous);
            Directory.Move(staging, target);
            TryDelete(previous);
            return (target, Size(target));
        }
        finally
        {
            TryDelete(work);
            TryDelete(staging);
        }
    }

    /// <summary>The size in bytes of every file under <paramref name="dir"/>.</summary>
    public static long Size(string dir) => new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    private static string HostProject(string rid, string? source)
    {
        string sources = source is null ? "" : $"<RestoreAdditionalProjectSources>{System.Security.SecurityElement.Escape(Path.Exists(source) ? Path.GetFullPath(source) : source)}</RestoreAdditionalProjectSources>";
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>{HostName}</AssemblyName>
                <RuntimeIdentifier>{rid}</RuntimeIdentifier>
                <SelfContained>false</SelfContained>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
                <ImportDirectoryBuildTargets>false</ImportDirectoryBuildTargets>
                <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
                {sources}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageId}" Version="[{ToolVersion}]" />
              </ItemGroup>
            </Project>
            """;
    }

    private static (int Code, string Output) RunDotnet(string[] args, string workingDirectory, TimeSpan timeout)
    {
        // The SDK that launched a tool sets DOTNET_HOST_PATH; otherwise the dotnet on PATH.
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("addon install: could not start 'dotnet'.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"addon install {MiniLm}: the .NET SDK's 'dotnet' command was not found ({e.Message}); install the .NET 10 SDK and run it again.", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"addon install {MiniLm}: 'dotnet publish' did not finish in {timeout.TotalMinutes:0} minutes; nothing was installed.");
            }
            return (process.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; the install's outcome does not depend on it.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    /// <summary>Loads an add-on's assemblies and native libraries through its own <c>.deps.json</c>, except those the tool
    /// carries itself (its trusted platform assemblies), which stay shared so types cross the boundary.</summary>
    private sealed class AddonLoadContext(string hostPath) : AssemblyLoadContext("scoutelo-addon")
    {
        private static readonly HashSet<string> ToolAssemblies = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        private readonly AssemblyDependencyResolver resolver = new(hostPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name is { } name && ToolAssemblies.Contains(name)) return null;
            return resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }
}
