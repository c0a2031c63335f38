using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Tests.Network;

/// <summary>Issue 36: the in-memory store's rows live in shared chunks (rewritten in place when they fit, moved and compacted
/// when they do not); what it gives back is exactly what was written last, and its memory stays bounded by the live rows.</summary>
public sealed class RowArenaTests
{
    [Property(MaxTest = 200)]
    public Property Rows_read_back_as_last_written_and_memory_stays_within_twice_the_live_rows(PositiveInt seed, PositiveInt count)
    {
        var rng = new Random(seed.Get);
        const int Chunk = 64; // every row (100 characters or more) gets a chunk of its own: the chunks hold rows and garbage only
        // Rows grow as the test goes, so most writes outgrow their room and move: without compaction the garbage would grow without bound.
        var arena = new RowArena(2, Chunk);
        var model = new[] { new Dictionary<string, string>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal) };
        var room = new Dictionary<(int, string), long>();
        int ops = 100 + (count.Get % 400);
        bool bounded = true;
        for (int i = 0; i < ops; i++)
        {
            int table = rng.Next(2);
            string id = "n" + rng.Next(12);
            string json = new(Enumerable.Range(0, 100 + (5 * i) + rng.Next(100)).Select(_ => (char)('a' + rng.Next(26))).ToArray());
            arena.Set(table, id, json);
            model[table][id] = json;
            // The room a row holds: kept while its rows fit, else the new row's length and an eighth, in steps of 16.
            if (!room.TryGetValue((table, id), out long held) || json.Length > held) room[(table, id)] = (json.Length + (json.Length / 8) + 15) & ~15;
            long live = room.Values.Sum();
            bounded &= arena.Held <= (2 * live) + Chunk + 512;
        }
        bool same = Enumerable.Range(0, 2).All(t =>
            arena.Sorted(t).Select(r => (r.Id, r.Json)).SequenceEqual(model[t].OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))));
        return (same && bounded).Label($"same {same}, bounded {bounded}, held {arena.Held}");
    }

    [Fact]
    public void A_row_that_fits_its_room_is_rewritten_in_place_and_one_that_outgrows_it_moves()
    {
        var arena = new RowArena(1, 1 << 10);
        arena.Set(0, "a", new string('x', 100));
        long held = arena.Held;
        arena.Set(0, "a", new string('y', 110)); // within the eighth of room it was given
        Assert.Equal(held, arena.Held);
        Assert.Equal(new string('y', 110), Assert.Single(arena.Sorted(0)).Json);
        arena.Set(0, "a", new string('z', 2000)); // outgrows a chunk: a chunk of its own
        Assert.Equal(new string('z', 2000), Assert.Single(arena.Sorted(0)).Json);
        Assert.True(arena.Held > held);
        arena.Set(0, "a", "");
        Assert.Equal("", Assert.Single(arena.Sorted(0)).Json);
    }
}
