using System.IO.Compression;
using System.Text;

namespace ScoutElo.Scoring.Text;

public static partial class TextMetrics
{
    /// <summary>distinct-n: the number of distinct word n-grams over the number of n-grams, in [0, 1].</summary>
    /// <param name="text">The text (tokenized with <see cref="WordTokenizer.Unicode"/>).</param>
    /// <param name="n">The n-gram order, at least 1.</param>
    /// <returns>distinct / total; 1 when the text has no n-gram (nothing is repeated).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static double DistinctN(string text, int n)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckN(n);
        var s = TextScratch.Rent();
        try
        {
            var tokens = s.Tokenize(text, WordTokenizerMode.Unicode, stem: false);
            int count = s.NgramIds(tokens, n, 0);
            if (count == 0) return 1.0;
            return (double)s.Distinct(s.NgramBuffer(0, count)) / count;
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    /// <summary>rep-n: the fraction of word n-grams that repeat an earlier one, <c>1 − distinct-n</c>, in [0, 1].</summary>
    /// <param name="text">The text (tokenized with <see cref="WordTokenizer.Unicode"/>).</param>
    /// <param name="n">The n-gram order, at least 1.</param>
    /// <returns><c>1 − DistinctN(text, n)</c>; 0 when the text has no n-gram.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static double RepetitionRate(string text, int n) => 1.0 - DistinctN(text, n);

    /// <summary>Compression ratio: UTF-8 byte length over raw-deflate-compressed length (optimal level).</summary>
    /// <param name="text">The text.</param>
    /// <returns>A positive ratio; degenerate, repetitive text compresses far better than natural text (natural English prose
    /// of a few hundred words is typically around 1.5–2.5, loops of a phrase reach 10 and more). 1 for the empty string.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static double CompressionRatio(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return 1.0;
        int bytes = Encoding.UTF8.GetByteCount(text);
        var counter = new CountingStream();
        using (var deflate = new DeflateStream(counter, CompressionLevel.Optimal, leaveOpen: true))
        {
            var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(bytes);
            try
            {
                int written = Encoding.UTF8.GetBytes(text, rented);
                deflate.Write(rented, 0, written);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
        return (double)bytes / Math.Max(counter.Count, 1);
    }

    private sealed class CountingStream : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Count += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;
    }
}
