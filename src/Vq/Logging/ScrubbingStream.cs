using System.Buffers;

namespace Vq.Logging;

/// <summary>
/// A write-only stream that scrubs secrets (<see cref="SecretScrubber"/>) and forwards to an inner stream, used for
/// the console. Called by one ZLogger background writer at a time.
/// </summary>
internal sealed class ScrubbingStream(Stream inner, SecretScrubber scrubber, bool ownsInner) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (scrubber.IsEmpty)
        {
            inner.Write(buffer);
            return;
        }

        var copy = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var span = copy.AsSpan(0, buffer.Length);
            buffer.CopyTo(span);
            scrubber.Scrub(span);
            inner.Write(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy, clearArray: true);
        }
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
