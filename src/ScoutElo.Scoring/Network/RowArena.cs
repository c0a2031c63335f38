using System.Runtime.InteropServices;

namespace ScoutElo.Scoring.Network;

/// <summary>The rows of an <see cref="InMemoryNetworkStateStore"/> (id → JSON), their text copied into large shared chunks
/// instead of kept as one string each. A period replaces a few hundred rows among up to millions; kept as strings, each new
/// row would be a young object referenced from an old table, surviving the collections until its node is written again — on a
/// large network, every row of every period is promoted, and collections cost more the larger the network. Copied into
/// chunks that are themselves old, a period allocates nothing that outlives it. Each row gets about an eighth more room than
/// its text, so a node's next row (the same fields, other digits) is written over its last one in place; a row that
/// outgrows its room moves and leaves garbage, and when the garbage exceeds the live text (and a chunk's size) the live rows
/// are copied into fresh chunks, so the memory stays within about twice the live text and the copying costs O(1) per
/// written character, amortized. Not thread-safe (the store locks).</summary>
internal sealed class RowArena
{
    private readonly int _chunkSize; // characters (by default 2^20, 2 MiB: on the large-object heap, collected with generation 2)

    private readonly record struct Slot(int Chunk, int Offset, int Length, int Capacity);

    private readonly Dictionary<string, Slot>[] _tables;
    private List<char[]> _chunks = [];
    private int _used; // characters used in the last chunk (full at first: the first write opens one)
    private long _live;
    private long _garbage;

    /// <summary>An arena holding <paramref name="tables"/> tables of rows, in chunks of <paramref name="chunkSize"/> characters
    /// (smaller only in tests, to exercise compaction).</summary>
    public RowArena(int tables, int chunkSize = 1 << 20)
    {
        _chunkSize = chunkSize;
        _used = chunkSize;
        _tables = new Dictionary<string, Slot>[tables];
        for (int i = 0; i < tables; i++) _tables[i] = new Dictionary<string, Slot>(StringComparer.Ordinal);
    }

    /// <summary>Sets (adds or replaces) a row of a table.</summary>
    public void Set(int table, string id, string json)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_tables[table], id, out bool existed);
        if (existed && json.Length <= slot.Capacity)
        {
            json.CopyTo(_chunks[slot.Chunk].AsSpan(slot.Offset)); // in place: the common case
            slot = slot with { Length = json.Length };
            return;
        }
        if (existed)
        {
            _garbage += slot.Capacity;
            _live -= slot.Capacity;
        }
        slot = Write(json);
        _live += slot.Capacity;
        if (_garbage > _live && _garbage > _chunkSize) Compact();
    }

    /// <summary>Characters held in chunks (live rows' room and garbage), for tests of the memory bound.</summary>
    public long Held => _chunks.Sum(c => (long)c.Length);

    /// <summary>A table's rows, sorted by ordinal id.</summary>
    public List<NetworkStateRow> Sorted(int table) =>
        [.. _tables[table].OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new NetworkStateRow(p.Key, new string(Text(p.Value))))];

    private ReadOnlySpan<char> Text(Slot s) => _chunks[s.Chunk].AsSpan(s.Offset, s.Length);

    private Slot Write(ReadOnlySpan<char> text)
    {
        int capacity = (int)Math.Min(int.MaxValue, (text.Length + (text.Length / 8L) + 15) & ~15L);
        if (capacity > _chunkSize - _used)
        {
            _chunks.Add(new char[Math.Max(_chunkSize, capacity)]);
            _used = 0;
        }
        var slot = new Slot(_chunks.Count - 1, _used, text.Length, capacity);
        text.CopyTo(_chunks[^1].AsSpan(_used));
        _used += capacity;
        return slot;
    }

    /// <summary>Copies the live rows into fresh chunks and drops the old ones.</summary>
    private void Compact()
    {
        var old = _chunks;
        _chunks = [];
        _used = _chunkSize;
        foreach (var table in _tables)
        {
            foreach (var id in table.Keys.ToList())
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(table, id);
                slot = Write(old[slot.Chunk].AsSpan(slot.Offset, slot.Length));
            }
        }
        _garbage = 0;
    }
}
