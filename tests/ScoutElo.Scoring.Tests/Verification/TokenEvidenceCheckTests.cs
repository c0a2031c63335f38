using ScoutElo.Scoring.Verification;

namespace ScoutElo.Scoring.Tests.Verification;

/// <summary>Issue 35: bad evidence is an error naming the field, never a verdict.</summary>
public sealed class TokenEvidenceCheckTests
{
    private static readonly TokenEvidence Node = new() { TokenIds = [1, 2, 3], Logprobs = [-0.1, -0.2, -0.3] };
    private static readonly ReferenceEvidence Reference = new() { TokenIds = [1, 2, 3], Logprobs = [-0.1, -0.2, -0.3], Ranks = [1, 1, 2] };

    public static TheoryData<TokenEvidence, ReferenceEvidence?, string, string> Bad() => new()
    {
        { Node with { Logprobs = [-0.1, -0.2] }, null, "tokens.logprobs holds 2 values for 3", "node" },
        { Node with { Logprobs = [-0.1, 0.2, -0.3] }, null, "tokens.logprobs[1] = 0.2 is positive", "node" },
        { Node with { Logprobs = [-0.1, double.NaN, -0.3] }, null, "tokens.logprobs[1] = NaN", "node" },
        { Node with { TokenIds = [], Logprobs = [] }, null, "tokens.ids must hold at least one", "node" },
        { Node with { TopLogprobs = [[new(1, -0.5), new(4, -0.1)], [], []] }, null, "tokens.top[0] is out of order at [1]", "node" },
        { Node with { TopLogprobs = [[new(1, -0.1), new(1, -0.5)], [], []] }, null, "tokens.top[0][1].id repeats token id 1", "node" },
        { Node with { TopLogprobs = [[], []] }, null, "tokens.top holds 2 lists for 3", "node" },
        { Node with { Sampling = new SamplingParameters { Temperature = -1 } }, null, "tokens.sampling.temperature", "node" },
        { Node, Reference with { TokenIds = [1, 2, 4] }, "reference.ids[2] = 4 differs from the node's token id 3", "reference" },
        { Node, Reference with { Ranks = [1, 0, 1] }, "reference.ranks[1] = 0 is below 1", "reference" },
        { Node, Reference with { Logprobs = [-0.1, -0.2] }, "reference.logprobs holds 2 values", "reference" },
        { Node, Reference with { Margins = [0, 0.5, 0] }, "reference.margins[1] = 0.5", "reference" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Bad_evidence_names_the_field(TokenEvidence node, ReferenceEvidence? reference, string message, string param)
    {
        var e = Assert.Throws<ArgumentException>(() => TokenEvidenceCheck.Validate(node, reference));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(param, e.ParamName);
        if (reference is not null)
        {
            Assert.Throws<ArgumentException>(() => TokenRulePolicy.TargonV5.Verify(node, reference));
            Assert.Throws<ArgumentException>(() => new SequentialTokenTest().Update(default, node, reference));
        }
    }

    [Fact]
    public void Good_evidence_passes_and_collections_are_copied_in()
    {
        TokenEvidenceCheck.Validate(Node, Reference);
        var ids = new List<int> { 1, 2 };
        var e = new TokenEvidence { TokenIds = ids, Logprobs = [-1, -2] };
        ids.Add(3);
        Assert.Equal(2, e.TokenIds.Count);
    }
}
