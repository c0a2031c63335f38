using ScoutElo.Scoring.Calibration;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>A warning in a result: about the input itself (no task, no dimension) or about the profile for a task.</summary>
/// <param name="Code">Stable code, e.g. <c>input-empty</c> or <c>weight-on-constant</c>.</param>
/// <param name="Task">The task's wire name, or null for a warning about the input.</param>
/// <param name="Dimension">The dimension concerned, or null.</param>
/// <param name="Message">One sentence for a person.</param>
public sealed record ResultWarning(string Code, string? Task, string? Dimension, string Message)
{
    /// <summary>A profile warning.</summary>
    /// <param name="warning">The warning.</param>
    /// <returns>The result's form of it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="warning"/> is null.</exception>
    public static ResultWarning From(ProfileWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return new(warning.Code, WireName.Of(warning.Task), warning.Dimension, warning.Message);
    }
}
