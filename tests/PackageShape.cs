using System.Reflection;

namespace ScoutElo.Scoring.Tests;

/// <summary>The shape rules every package's public surface keeps (each package's test project runs them on its assembly).</summary>
internal static class PackageShape
{
    public static void PublicClassesAreSealedStaticOrAbstract(Assembly assembly) =>
        Assert.Empty(assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).Select(t => t.FullName));

    public static void NoPublicMutableField(Assembly assembly) =>
        Assert.Empty(assembly.GetExportedTypes().SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(f => !f.IsInitOnly && !f.IsLiteral && !f.DeclaringType!.IsEnum)
            .Select(f => $"{f.DeclaringType!.Name}.{f.Name}"));

    public static void NoPublicSetterOtherThanInit(Assembly assembly)
    {
        var exported = assembly.GetExportedTypes();
        Assert.Empty(exported.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => exported.Contains(p.DeclaringType) && p.SetMethod is { IsPublic: true } set
                && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}"));
    }

    /// <summary>All the rules above plus the approved API snapshot.</summary>
    public static void Verify(Assembly assembly, string name)
    {
        PublicClassesAreSealedStaticOrAbstract(assembly);
        NoPublicMutableField(assembly);
        NoPublicSetterOtherThanInit(assembly);
        ApiSnapshot.Verify(assembly, name);
    }
}
