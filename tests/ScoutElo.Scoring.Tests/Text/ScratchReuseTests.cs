using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Tests.Text;

/// <summary>The per-thread interning tables are reused and cleared slot by slot: a metric never depends on what the thread
/// computed before (stale slots from a larger earlier text would resolve new tokens to old ids).</summary>
public sealed class ScratchReuseTests
{
    [Fact]
    public void Metrics_do_not_depend_on_what_the_thread_computed_before()
    {
        string big = string.Join(' ', Enumerable.Range(0, 5_000).Select(i => "w" + i + (i % 7 == 0 ? "." : ""))); // grows and rehashes the tables
        const string Hyp = "the cat sat on the mat. Ünïcode ok", Reference = "the cat lay on a mat. ünicode OK";
        double Run() =>
            TextMetrics.RougeN(Reference, Hyp, 2).F + TextMetrics.ChrF(Hyp, [Reference], wordOrder: 2) + TextMetrics.RougeL(Reference, Hyp, useStemmer: true).F
            + TextMetrics.SquadF1(Hyp, Reference) + TextMetrics.SentenceBleu(Hyp, [Reference]) + TextMetrics.DistinctN(Hyp, 2);
        double fresh = 0;
        var thread = new Thread(() => fresh = Run());
        thread.Start();
        thread.Join();
        TextMetrics.ChrF(big, [big], wordOrder: 2);
        TextMetrics.RougeN(big, big, 3, useStemmer: true);
        Assert.Equal(fresh, Run());
        TextMetrics.DistinctN("a b", 1); // and after a tiny text, the big one again
        Assert.Equal(1.0, TextMetrics.RougeN(big, big, 3).F);
    }
}
