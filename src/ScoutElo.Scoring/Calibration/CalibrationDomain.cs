
namespace ScoutElo.Scoring.Calibration;

/// <summary>One dataset of a multi-domain calibration (<see cref="Calibrator.CalibrateDomains"/>), with its own label.</summary>
/// <remarks>Immutable: the record list is copied.</remarks>
public sealed record CalibrationDomain
{
    /// <summary>Creates a domain.</summary>
    /// <param name="name">A unique name (for example the file name).</param>
    /// <param name="data">Its labeled records.</param>
    /// <param name="label">The label that measures quality in this dataset.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="label"/> is null or empty.</exception>
    public CalibrationDomain(string name, IReadOnlyList<LoggedOutput> data, string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(label);
        Name = name;
        Data = [.. data];
        Label = label;
    }

    /// <summary>The domain's name.</summary>
    public string Name { get; }

    /// <summary>Its labeled records.</summary>
    public IReadOnlyList<LoggedOutput> Data { get; }

    /// <summary>The label name.</summary>
    public string Label { get; }
}
