using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ScoutElo.Scoring.Internal;

/// <summary>Argument guards that name the parameter and reject NaN explicitly.</summary>
internal static class Guard
{
    /// <summary>An argument exception's message without the " (Parameter 'x')" tail .NET appends, for a message that wraps it
    /// in words of the caller's (a file, a line, a field) where the parameter name means nothing to the reader.</summary>
    public static string BareMessage(ArgumentException e)
    {
        string message = e.Message;
        int tail = e.ParamName is null ? -1 : message.LastIndexOf($" (Parameter '{e.ParamName}')", StringComparison.Ordinal);
        return tail > 0 ? message[..tail] : message;
    }

    public static double UnitInterval(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value) || value is < 0 or > 1) ThrowNotUnitInterval(value, paramName);
        return value;
    }

    public static double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value) || value < 0) ThrowNotNonNegative(value, paramName);
        return value;
    }

    [DoesNotReturn]
    private static void ThrowNotUnitInterval(double v, string? p) =>
        throw new ArgumentOutOfRangeException(p, v, $"Must be a finite number in [0, 1]; got {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");

    [DoesNotReturn]
    private static void ThrowNotNonNegative(double v, string? p) =>
        throw new ArgumentOutOfRangeException(p, v, $"Must be a finite, non-negative number; got {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
}
