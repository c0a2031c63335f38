using System.Collections;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Tests.Reliability;

/// <summary>Issue 14: public collections are read-only views; casting one back to its mutable interface and writing
/// through it is refused, so no caller can corrupt a scorer, a map, a ledger or a rating table.</summary>
public sealed class ReadOnlyViewTests
{
    public static TheoryData<string, Func<object>> Views() => new()
    {
        { "QualityScorer.Dimensions", () => BuiltInDimensions.CreateScorer().Dimensions },
        { "IsotonicMap.X", () => IsotonicMap.Fit([0.1, 0.5, 0.9], [1.0, 2.0, 3.0]).X },
        { "IsotonicMap.Y", () => IsotonicMap.Fit([0.1, 0.5, 0.9], [1.0, 2.0, 3.0]).Y },
        { "RewardLedger.Cumulative", () => { var l = new RewardLedger(); l.PayRound(10, new Dictionary<string, double> { ["a"] = 1 }); return l.Cumulative; } },
        { "RewardLedger.Rounds", () => { var l = new RewardLedger(); l.PayRound(10, new Dictionary<string, double> { ["a"] = 1 }); return l.Rounds; } },
        { "EloRatingTable.Nodes", () => { var t = new EloRatingTable(); t.Apply(new MatchResult("a", "b", 1)); return t.Nodes; } },
        { "Glicko2RatingTable.Nodes", () => { var t = new Glicko2RatingTable(); t.ApplyBatch([new MatchResult("a", "b", 1)]); return t.Nodes; } },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public void Casting_a_public_collection_back_never_allows_a_write(string what, Func<object> view)
    {
        var v = view();
        bool refused = v switch
        {
            IList list => list.IsReadOnly && Throws(() => list[0] = list[0]),
            IDictionary dictionary => dictionary.IsReadOnly && Throws(() => dictionary.Clear()),
            _ => false,
        };
        Assert.True(refused, $"{what}: {v.GetType().Name} accepts writes");
    }

    private static bool Throws(Action write)
    {
        try
        {
            write();
            return false;
        }
        catch (NotSupportedException)
        {
            return true;
        }
    }
}
