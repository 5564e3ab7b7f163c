using System.Buffers;
using System.Text;

namespace Vq.Binance.Tests.Support;

/// <summary>Builds multi-segment buffers so parsers are exercised at every split (STYLE 23).</summary>
public static class Sequences
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static ReadOnlySequence<byte> Split(ReadOnlySpan<byte> data, int at)
    {
        var first = new Segment(data[..at].ToArray());
        var last = first.Append(data[at..].ToArray());
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    public static ReadOnlySequence<byte> OneBytePerSegment(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(data[..1].ToArray());
        var last = first;
        for (var i = 1; i < data.Length; i++)
        {
            last = last.Append(data.Slice(i, 1).ToArray());
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] memory) => Memory = memory;

        public Segment Append(byte[] memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
