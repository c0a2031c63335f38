using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;

namespace ScoutElo.Scoring;

/// <summary>The one vocabulary of an enum's wire names, in both directions: the names written on its members with
/// <see cref="JsonStringEnumMemberNameAttribute"/> (the member name in lower case where none is written).</summary>
/// <remarks>Every reader, writer, command-line option and suggestion list uses these, so a name is spelled once.
/// Matching is ordinal and case-sensitive, like JSON. Safe for concurrent use.</remarks>
public static class WireName
{
    private static readonly ConcurrentDictionary<Type, object> Tables = new();

    /// <summary>The wire name of <paramref name="value"/>.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="value">A defined member.</param>
    /// <returns>Its wire name, for example <c>qa</c> for <see cref="TaskKind.Qa"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a defined member.</exception>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Table<TEnum>.Instance.ByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {typeof(TEnum).Name}.");

    /// <summary>Parses a wire name.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="name">The wire name; <see langword="null"/> never parses.</param>
    /// <param name="value">The member when parsed.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> is one of <see cref="All{TEnum}"/>.</returns>
    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return name is not null && Table<TEnum>.Instance.ByName.TryGetValue(name, out value);
    }

    /// <summary>Every wire name of <typeparamref name="TEnum"/>, in declaration order.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <returns>The names.</returns>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Table<TEnum>.Instance.Names;

    /// <summary>"a, b, c or d": the wire names for a message.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="conjunction">The last separator (<c>or</c>, <c>and</c>).</param>
    /// <returns>The list.</returns>
    public static string Describe<TEnum>(string conjunction = "or") where TEnum : struct, Enum
    {
        var names = All<TEnum>();
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " " + conjunction + " " + names[^1];
    }

    private sealed class Table<TEnum> where TEnum : struct, Enum
    {
        public static readonly Table<TEnum> Instance = (Table<TEnum>)Tables.GetOrAdd(typeof(TEnum), _ => new Table<TEnum>());

        private Table()
        {
            var byValue = new Dictionary<TEnum, string>();
            var byName = new Dictionary<string, TEnum>(StringComparer.Ordinal);
            var names = new List<string>();
            foreach (var field in Fields())
            {
                var value = (TEnum)field.GetValue(null)!;
                string name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name.ToLowerInvariant();
                byValue[value] = name;
                byName[name] = value;
                names.Add(name);
            }
            ByValue = byValue.ToImmutableDictionary();
            ByName = byName.ToImmutableDictionary(StringComparer.Ordinal);
            Names = [.. names];
        }

        public ImmutableDictionary<TEnum, string> ByValue { get; }

        public ImmutableDictionary<string, TEnum> ByName { get; }

        public ImmutableArray<string> Names { get; }

        [UnconditionalSuppressMessage("Trimming", "IL2090", Justification = "Enum fields are always preserved with the enum.")]
        private static FieldInfo[] Fields() => typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static);
    }
}
