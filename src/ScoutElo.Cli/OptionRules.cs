using System.CommandLine;
using System.Globalization;

namespace ScoutElo.Cli;

/// <summary>Range rules on numeric options, checked by the parser: a value out of range is a parse error naming its flag
/// ("--scouts: must be at least 2, got 1"), before any work and without reading the library's messages.</summary>
internal static class OptionRules
{
    /// <summary>The value must be at least <paramref name="min"/>.</summary>
    public static Option<int> AtLeast(this Option<int> option, int min)
    {
        option.Validators.Add(result =>
        {
            if (!TryGet(result, out int value)) return;
            if (value < min) result.AddError($"{option.Name}: must be at least {min.ToString(CultureInfo.InvariantCulture)}, got {value.ToString(CultureInfo.InvariantCulture)}");
        });
        return option;
    }

    /// <summary>The value must be finite and in [<paramref name="min"/>, <paramref name="max"/>] (or [min, max) when
    /// <paramref name="maxExclusive"/>).</summary>
    public static Option<double> Within(this Option<double> option, double min, double max, bool maxExclusive = false)
    {
        option.Validators.Add(result =>
        {
            if (!TryGet(result, out double value)) return;
            if (double.IsFinite(value) && value >= min && (maxExclusive ? value < max : value <= max)) return;
            var ci = CultureInfo.InvariantCulture;
            result.AddError($"{option.Name}: must be in [{min.ToString(ci)}, {max.ToString(ci)}{(maxExclusive ? ")" : "]")}, got {value.ToString(ci)}");
        });
        return option;
    }

    /// <summary>The option's value, or false when it could not be converted (the parser reports that error itself).</summary>
    private static bool TryGet<T>(System.CommandLine.Parsing.OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
