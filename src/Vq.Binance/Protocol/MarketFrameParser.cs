using System.Buffers;

namespace Vq.Binance.Protocol;

/// <summary>
/// Parses one market WebSocket message (BINANCE.md §6: bookTicker, aggTrade, markPriceUpdate; raw or combined
/// wrapper) and hands the event to <typeparamref name="THandler"/>. Pure: no I/O, no allocation in steady state,
/// never throws on bad input. Thread-safety: static and re-entrant; the <see cref="SymbolTable"/> is read lock-free.
/// </summary>
public static class MarketFrameParser
{
    /// <summary>The largest market message we accept. Real frames are ~200 bytes; a 64 KiB one is not Binance.</summary>
    public const int MaxFrameBytes = 64 * 1024;

    /// <summary>Multi-segment frames up to this size are copied to the stack so they still take the fast path.</summary>
    private const int StackCopyBytes = 512;

    public static MarketParseResult Parse<THandler>(ReadOnlySpan<byte> frame, SymbolTable symbols, ref THandler handler)
        where THandler : IMarketEventHandler, allows ref struct
    {
        if (frame.IsEmpty)
        {
            return MarketParseResult.Invalid(InvalidReason.Empty);
        }

        if (frame.Length > MaxFrameBytes)
        {
            return MarketParseResult.Invalid(InvalidReason.TooLarge);
        }

        var fields = default(MarketFields);
        if (MarketFastPath.TryParse(frame, symbols, ref fields))
        {
            return fields.Complete(ref handler);
        }

        return MarketReaderPath.Parse(frame, symbols, ref handler);
    }

    /// <summary>
    /// Parses a frame that may span segments. With <paramref name="isFinalBlock"/> false an incomplete frame
    /// returns <see cref="ParseStatus.NeedMoreData"/>; with true (a whole WebSocket message) it is invalid.
    /// </summary>
    public static MarketParseResult Parse<THandler>(in ReadOnlySequence<byte> frame, bool isFinalBlock,
        SymbolTable symbols, ref THandler handler)
        where THandler : IMarketEventHandler, allows ref struct
    {
        if (frame.IsEmpty)
        {
            return isFinalBlock ? MarketParseResult.Invalid(InvalidReason.Empty) : MarketParseResult.NeedMore;
        }

        if (frame.Length > MaxFrameBytes)
        {
            return MarketParseResult.Invalid(InvalidReason.TooLarge);
        }

        if (isFinalBlock)
        {
            if (frame.IsSingleSegment)
            {
                var fields = default(MarketFields);
                if (MarketFastPath.TryParse(frame.FirstSpan, symbols, ref fields))
                {
                    return fields.Complete(ref handler);
                }
            }
            else if (frame.Length <= StackCopyBytes)
            {
                Span<byte> copy = stackalloc byte[StackCopyBytes];
                frame.CopyTo(copy);
                var fields = default(MarketFields);
                if (MarketFastPath.TryParse(copy[..(int)frame.Length], symbols, ref fields))
                {
                    return fields.Complete(ref handler);
                }
            }
        }

        return MarketReaderPath.Parse(frame, isFinalBlock, symbols, ref handler);
    }
}
