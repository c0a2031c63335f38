using System.Globalization;
using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.Tests.Calibration;

/// <summary>A test dimension that reads feature k from the query "v0 v1 v2 ..." (values in [0, 1]; "-" means not applicable).</summary>
internal sealed class QueryFeature(int k) : IQualityDimension
{
    public string Name => "f" + k;

    public DimensionScore Score(ScoringInput input)
    {
        var part = input.Query.Split(' ')[k];
        return part == "-" ? DimensionScore.NotApplicable("marked") : DimensionScore.Of(double.Parse(part, CultureInfo.InvariantCulture));
    }
}
