using System.CommandLine;

namespace ScoutElo.Cli.Commands.Addon;

/// <summary>The addon verb: installs and lists the tool's optional add-ons (see <see cref="Addons"/>).</summary>
internal static class AddonCommand
{
    internal static Command Create()
    {
        var dir = new Option<string?>("--dir") { Description = $"Where add-ons live (default: ${Addons.RootVariable}, else scoutelo/addons in the user's local application data folder)." };
        var source = new Option<string?>("--source") { Description = "An extra NuGet feed (a folder or URL) to restore the add-on's package from, besides the configured ones." };
        var name = new Argument<string>("name") { Description = $"The add-on: {Addons.MiniLm} (the offline all-MiniLM-L6-v2 embedder for --embedder minilm)." };
        var install = new Command("install", "Restore an add-on's package at this tool's version and publish it for this machine (needs the .NET SDK).") { name, dir, source };
        install.SetAction(r => Cli.Run(r, r =>
        {
            string which = r.Parse.GetValue(name)!;
            if (which != Addons.MiniLm)
            {
                string hint = Cli.Closest(which, [Addons.MiniLm]) is { } close ? $" (did you mean '{close}'?)" : "";
                throw new ArgumentException($"addon install: unknown add-on '{which}'{hint}; the one add-on is '{Addons.MiniLm}'.");
            }
            var (path, bytes) = Addons.InstallMiniLm(Addons.Root(r.GetValue(dir)), r.GetValue(source), r.Error, TimeSpan.FromMinutes(15));
            r.Out.WriteLine($"installed {Addons.MiniLm} {Addons.ToolVersion} in {path} ({bytes / 1e6:0.0} MB); --embedder minilm now uses it.");
            return 0;
        }));
        var list = new Command("list", "Where add-ons are looked for and which are installed for this tool version.") { dir };
        list.SetAction(r => Cli.Run(r, r =>
        {
            string root = Addons.Root(r.GetValue(dir));
            string miniLm = Addons.MiniLmDirectory(root);
            r.Out.WriteLine($"add-ons for scoutelo {Addons.ToolVersion} in {root}");
            r.Out.WriteLine(Directory.Exists(miniLm)
                ? $"  {Addons.MiniLm,-8} installed ({Addons.Size(miniLm) / 1e6:0.0} MB)"
                : $"  {Addons.MiniLm,-8} not installed (scoutelo addon install {Addons.MiniLm})");
            return 0;
        }));
        return new Command("addon", Cli.Help("Install or list optional add-ons the tool loads only when asked for (minilm: --embedder minilm).",
            "scoutelo addon install minilm",
            "scoutelo addon list")) { install, list };
    }
}
