using System.Buffers;
using System.Text.Json;

namespace Vq.Binance.Protocol;

/// <summary>
/// The reference market-frame parser: a hand-written <see cref="Utf8JsonReader"/> loop over a possibly
/// multi-segment buffer (STYLE 8). Accepts the raw event object or the combined wrapper
/// <c>{"stream":..,"data":{..}}</c> with keys in any order, whitespace, escapes and unknown (also nested) fields.
/// Root keys other than <c>data</c> are ignored once a <c>data</c> object is seen.
/// </summary>
internal static class MarketReaderPath
{
    /// <summary>Market payloads are flat; the wrapper adds one level. Anything deeper is not Binance.</summary>
    internal const int MaxDepth = 8;

    /// <summary>Longest string value we copy out (symbols, decimals, event names are far shorter).</summary>
    private const int MaxValueBytes = 128;

    [ThreadStatic]
    private static byte[]? t_scratch;

    private static readonly JsonReaderOptions s_options = new() { MaxDepth = MaxDepth };

    public static MarketParseResult Parse<THandler>(in ReadOnlySequence<byte> frame, bool isFinalBlock,
        SymbolTable symbols, ref THandler handler)
        where THandler : IMarketEventHandler, allows ref struct
    {
        var reader = new Utf8JsonReader(frame, isFinalBlock, new JsonReaderState(s_options));
        return Parse(ref reader, isFinalBlock, symbols, ref handler);
    }

    public static MarketParseResult Parse<THandler>(ReadOnlySpan<byte> frame, SymbolTable symbols, ref THandler handler)
        where THandler : IMarketEventHandler, allows ref struct
    {
        var reader = new Utf8JsonReader(frame, true, new JsonReaderState(s_options));
        return Parse(ref reader, true, symbols, ref handler);
    }

    private static MarketParseResult Parse<THandler>(ref Utf8JsonReader reader, bool isFinalBlock,
        SymbolTable symbols, ref THandler handler)
        where THandler : IMarketEventHandler, allows ref struct
    {
        var fields = default(MarketFields);
        try
        {
            var status = ReadRoot(ref reader, symbols, ref fields, isFinalBlock);
            return status.Status == ParseStatus.Done ? fields.Complete(ref handler) : status;
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports malformed input by throwing; this is the only place we convert it.
            return MarketParseResult.Invalid(reader.CurrentDepth >= MaxDepth - 1 ? InvalidReason.TooDeep : InvalidReason.MalformedJson);
        }
        catch (InvalidOperationException)
        {
            // Unescaping a string with a lone surrogate (\ud800) throws this rather than JsonException.
            return MarketParseResult.Invalid(InvalidReason.MalformedJson);
        }
    }

    private static MarketParseResult ReadRoot(scoped ref Utf8JsonReader reader, SymbolTable symbols, ref MarketFields fields,
        bool isFinalBlock)
    {
        if (!reader.Read())
        {
            return MarketParseResult.NeedMore;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return MarketParseResult.Invalid(InvalidReason.NotAnObject);
        }

        // Per-thread scratch (a stackalloc could not be passed alongside the reader under ref-safety rules).
        var scratch = t_scratch ??= new byte[2 * MaxValueBytes];
        var keyBuffer = scratch.AsSpan(0, MaxValueBytes);
        var valueBuffer = scratch.AsSpan(MaxValueBytes, MaxValueBytes);
        var dataSeen = false;
        while (true)
        {
            if (!reader.Read())
            {
                return MarketParseResult.NeedMore;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var key = ReadKey(ref reader, keyBuffer);
            if (!reader.Read())
            {
                return MarketParseResult.NeedMore;
            }

            if (key.SequenceEqual("data"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                fields.Reset();
                dataSeen = true;
                var inner = ReadFlat(ref reader, symbols, ref fields, keyBuffer, valueBuffer);
                if (inner.Status != ParseStatus.Done)
                {
                    return inner;
                }

                continue;
            }

            if (dataSeen)
            {
                if (!reader.TrySkip())
                {
                    return MarketParseResult.NeedMore;
                }

                continue;
            }

            if (!ApplyValue(ref reader, key, symbols, ref fields, valueBuffer))
            {
                return MarketParseResult.NeedMore;
            }
        }

        // Nothing but whitespace may follow the root object (Read throws on trailing garbage).
        if (isFinalBlock && reader.Read())
        {
            return MarketParseResult.Invalid(InvalidReason.MalformedJson);
        }

        return MarketParseResult.Done(MarketFrameKind.None);
    }

    private static MarketParseResult ReadFlat(scoped ref Utf8JsonReader reader, SymbolTable symbols, ref MarketFields fields,
        Span<byte> keyBuffer, Span<byte> valueBuffer)
    {
        while (true)
        {
            if (!reader.Read())
            {
                return MarketParseResult.NeedMore;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return MarketParseResult.Done(MarketFrameKind.None);
            }

            var key = ReadKey(ref reader, keyBuffer);
            if (!reader.Read())
            {
                return MarketParseResult.NeedMore;
            }

            if (!ApplyValue(ref reader, key, symbols, ref fields, valueBuffer))
            {
                return MarketParseResult.NeedMore;
            }
        }
    }

    /// <summary>Applies the current value to <paramref name="fields"/>; false when more data is needed to skip it.</summary>
    private static bool ApplyValue(scoped ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> key, SymbolTable symbols,
        ref MarketFields fields, Span<byte> valueBuffer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                fields.Apply(key, JsonValueKind.String, ReadString(ref reader, valueBuffer, out var ok), symbols);
                if (!ok)
                {
                    // Too long to be any field we know: mark the slot malformed rather than truncating it.
                    fields.Apply(key, JsonValueKind.Container, default, symbols);
                }

                return true;
            case JsonTokenType.Number:
                fields.Apply(key, JsonValueKind.Number, ReadRaw(ref reader, valueBuffer), symbols);
                return true;
            case JsonTokenType.True:
                fields.Apply(key, JsonValueKind.True, default, symbols);
                return true;
            case JsonTokenType.False:
                fields.Apply(key, JsonValueKind.False, default, symbols);
                return true;
            case JsonTokenType.Null:
                fields.Apply(key, JsonValueKind.Null, default, symbols);
                return true;
            default:
                fields.Apply(key, JsonValueKind.Container, default, symbols);
                return reader.TrySkip();
        }
    }

    /// <summary>The property name, unescaped; names longer than the buffer cannot be ours and come back empty.</summary>
    private static ReadOnlySpan<byte> ReadKey(scoped ref Utf8JsonReader reader, Span<byte> buffer)
    {
        var value = ReadString(ref reader, buffer, out var ok);
        return ok ? value : default;
    }

    private static ReadOnlySpan<byte> ReadString(scoped ref Utf8JsonReader reader, Span<byte> buffer, out bool ok)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            ok = true;
            return reader.ValueSpan;
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > buffer.Length)
        {
            ok = false;
            return default;
        }

        var written = reader.CopyString(buffer);
        ok = true;
        return buffer[..written];
    }

    private static ReadOnlySpan<byte> ReadRaw(scoped ref Utf8JsonReader reader, Span<byte> buffer)
    {
        if (!reader.HasValueSequence)
        {
            return reader.ValueSpan;
        }

        var sequence = reader.ValueSequence;
        if (sequence.Length > buffer.Length)
        {
            // A number this long overflows every slot; hand over a marker that fails integer and decimal parsing.
            return "-"u8;
        }

        sequence.CopyTo(buffer);
        return buffer[..(int)sequence.Length];
    }
}
