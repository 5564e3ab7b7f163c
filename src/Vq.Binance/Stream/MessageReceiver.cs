using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;

namespace Vq.Binance.Stream;

/// <summary>Receives one whole WebSocket message at a time; implemented by the market and user-data streams.</summary>
internal interface IMessageSink
{
    void OnMessage(in ReadOnlySequence<byte> message);

    void OnOversized();
}

internal enum ReceiveEnd : byte
{
    ClosedByServer,
    Cancelled,
}

/// <summary>
/// Moves bytes, never interprets them (STYLE 3): receives straight into a <see cref="Pipe"/>
/// (<c>GetMemory → ReceiveAsync → Advance</c>) and hands over each message at <c>EndOfMessage</c>.
/// </summary>
internal static class MessageReceiver
{
    /// <summary>Receive granularity: a whole market frame (~200 B) or a typical user event fits one segment.</summary>
    private const int ReceiveChunkBytes = 4096;

    public static PipeOptions CreatePipeOptions() => new(
        pool: MemoryPool<byte>.Shared,
        // The same loop writes a message and then reads it, so back-pressure could only deadlock it: messages are
        // bounded by maxMessageBytes instead.
        pauseWriterThreshold: 0,
        resumeWriterThreshold: 0,
        // One receive buffer per segment; segments are pooled and reused once the message is consumed.
        minimumSegmentSize: ReceiveChunkBytes,
        useSynchronizationContext: false);

    /// <summary>
    /// Runs until the server closes or <paramref name="cancellationToken"/> fires. Transport failures escape as
    /// <see cref="WebSocketException"/>/<see cref="IOException"/> for the reconnect supervisor; the sink never
    /// sees a partial message.
    /// </summary>
    public static async Task<ReceiveEnd> RunAsync(WebSocket socket, Pipe pipe, IMessageSink sink, long maxMessageBytes,
        CancellationToken cancellationToken)
    {
        var writer = pipe.Writer;
        var reader = pipe.Reader;
        while (true)
        {
            long size = 0;
            var oversized = false;
            while (true)
            {
                var memory = writer.GetMemory(ReceiveChunkBytes);
                ValueWebSocketReceiveResult received;
                try
                {
                    received = await socket.ReceiveAsync(memory, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return ReceiveEnd.Cancelled;
                }

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return ReceiveEnd.ClosedByServer;
                }

                size += received.Count;
                if (size > maxMessageBytes)
                {
                    // Keep draining the message without buffering it; it is counted and dropped at its end.
                    oversized = true;
                }
                else
                {
                    writer.Advance(received.Count);
                }

                if (received.EndOfMessage)
                {
                    break;
                }
            }

            await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (!reader.TryRead(out var read))
            {
                continue;
            }

            if (oversized)
            {
                sink.OnOversized();
            }
            else if (!read.Buffer.IsEmpty)
            {
                sink.OnMessage(read.Buffer);
            }

            reader.AdvanceTo(read.Buffer.End);
        }
    }
}
