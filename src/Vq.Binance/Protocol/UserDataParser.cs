using System.Buffers;
using System.Text.Json;

namespace Vq.Binance.Protocol;

/// <summary>
/// Parses one user-data stream message (BINANCE.md §7; raw, or wrapped as <c>{"stream":"&lt;listenKey&gt;","data":{..}}</c>)
/// and hands the event to <typeparamref name="THandler"/>. Two passes over a <see cref="Utf8JsonReader"/>: the
/// first checks the message is complete and finds the event object and its <c>e</c> (keys may come in any order),
/// the second reads the fields. Unknown keys and events are skipped. Never throws on bad input.
/// Thread-safety: static and re-entrant.
/// </summary>
public static partial class UserDataParser
{
    /// <summary>ACCOUNT_UPDATE lists only changed rows; 256 KiB is far above any real message.</summary>
    public const int MaxFrameBytes = 256 * 1024;

    private const int MaxDepth = 16;

    /// <summary>Longest key we match; longer keys are unknown by construction.</summary>
    private const int MaxKeyChars = 64;

    private static readonly JsonReaderOptions s_options = new() { MaxDepth = MaxDepth };

    public static UserDataParseResult Parse<THandler>(ReadOnlySpan<byte> frame, SymbolTable symbols, ref THandler handler)
        where THandler : IUserDataHandler =>
        Parse(new ReadOnlySequence<byte>(frame.ToArray()), true, symbols, ref handler);

    public static UserDataParseResult Parse<THandler>(in ReadOnlySequence<byte> frame, bool isFinalBlock,
        SymbolTable symbols, ref THandler handler)
        where THandler : IUserDataHandler
    {
        if (frame.IsEmpty)
        {
            return isFinalBlock ? UserDataParseResult.Invalid(InvalidReason.Empty) : UserDataParseResult.NeedMore;
        }

        if (frame.Length > MaxFrameBytes)
        {
            return UserDataParseResult.Invalid(InvalidReason.TooLarge);
        }

        var reader = new Utf8JsonReader(frame, isFinalBlock, new JsonReaderState(s_options));
        var parsed = default(ParsedEvent);
        try
        {
            var result = isFinalBlock && StartsWithEventType(reader, out var kind)
                ? ParseSinglePass(ref reader, kind, symbols, ref parsed)
                : ParseTwoPass(ref reader, isFinalBlock, symbols, ref parsed);
            if (result.Status == ParseStatus.Done)
            {
                Dispatch(result.Kind, in parsed, ref handler);
            }

            return result;
        }
        catch (JsonException)
        {
            return UserDataParseResult.Invalid(reader.CurrentDepth >= MaxDepth - 1 ? InvalidReason.TooDeep : InvalidReason.MalformedJson);
        }
        catch (InvalidOperationException)
        {
            // Unescaping a string with a lone surrogate (\ud800) throws this rather than JsonException.
            return UserDataParseResult.Invalid(InvalidReason.MalformedJson);
        }
    }

    /// <summary>The parsed event, held until the whole message is known to be valid; nothing is dispatched before.</summary>
    private struct ParsedEvent
    {
        public OrderTradeUpdate Order;
        public AccountUpdate? Account;
        public AccountConfigUpdate Config;
        public AlgoUpdate? Algo;
        public ListenKeyExpired Expired;
        public MarginCall? MarginCall;
    }

    private static void Dispatch<THandler>(UserDataKind kind, in ParsedEvent parsed, ref THandler handler)
        where THandler : IUserDataHandler
    {
        switch (kind)
        {
            case UserDataKind.OrderTradeUpdate: handler.OnOrderTradeUpdate(in parsed.Order); break;
            case UserDataKind.AccountUpdate: handler.OnAccountUpdate(parsed.Account!); break;
            case UserDataKind.AccountConfigUpdate: handler.OnAccountConfigUpdate(in parsed.Config); break;
            case UserDataKind.AlgoUpdate: handler.OnAlgoUpdate(parsed.Algo!); break;
            case UserDataKind.ListenKeyExpired: handler.OnListenKeyExpired(in parsed.Expired); break;
            case UserDataKind.MarginCall: handler.OnMarginCall(parsed.MarginCall!); break;
            default: break;
        }
    }

    /// <summary>True when the message is a raw event object whose first key is <c>e</c> (how Binance sends them).</summary>
    private static bool StartsWithEventType(Utf8JsonReader probe, out UserDataKind kind)
    {
        kind = UserDataKind.None;
        if (!probe.Read() || probe.TokenType != JsonTokenType.StartObject || !probe.Read()
            || probe.TokenType != JsonTokenType.PropertyName || !probe.ValueTextEquals("e"u8)
            || !probe.Read() || probe.TokenType != JsonTokenType.String)
        {
            return false;
        }

        kind = EventKind(ref probe);
        return true;
    }

    /// <summary>
    /// One pass for a whole message whose first key is <c>e</c>: the event parser reads the remaining keys, then
    /// the end of input is checked. A truncated or malformed message throws inside the reader and is Invalid.
    /// </summary>
    private static UserDataParseResult ParseSinglePass(ref Utf8JsonReader reader, UserDataKind kind, SymbolTable symbols,
        ref ParsedEvent parsed)
    {
        reader.Read(); // {
        reader.Read(); // "e"
        reader.Read(); // its value
        var result = ParseBody(ref reader, kind, symbols, ref parsed);
        if (result.Status == ParseStatus.Done && reader.Read())
        {
            return UserDataParseResult.Invalid(InvalidReason.MalformedJson);
        }

        return result;
    }

    private static UserDataParseResult ParseTwoPass(ref Utf8JsonReader reader, bool isFinalBlock, SymbolTable symbols,
        ref ParsedEvent parsed)
    {
        var located = Locate(ref reader, isFinalBlock, out var eventObject, out var kind);
        if (located.Status != ParseStatus.Done)
        {
            return located;
        }

        if (kind == UserDataKind.None)
        {
            // "e" was not the event object's first key: find it wherever it is.
            var probe = eventObject;
            kind = FindEventType(ref probe);
        }

        var body = eventObject; // positioned on the object's StartObject
        return ParseBody(ref body, kind, symbols, ref parsed);
    }

    /// <summary>Reads the event object's properties from the current position up to its end.</summary>
    private static UserDataParseResult ParseBody(ref Utf8JsonReader reader, UserDataKind kind, SymbolTable symbols,
        ref ParsedEvent parsed) => kind switch
    {
        UserDataKind.OrderTradeUpdate => ParseOrderTradeUpdate(ref reader, symbols, ref parsed),
        UserDataKind.AccountUpdate => ParseAccountUpdate(ref reader, symbols, ref parsed),
        UserDataKind.AccountConfigUpdate => ParseAccountConfigUpdate(ref reader, ref parsed),
        UserDataKind.AlgoUpdate => ParseAlgoUpdate(ref reader, symbols, ref parsed),
        UserDataKind.ListenKeyExpired => ParseListenKeyExpired(ref reader, ref parsed),
        UserDataKind.MarginCall => ParseMarginCall(ref reader, ref parsed),
        _ => SkipRest(ref reader),
    };

    private static UserDataParseResult SkipRest(ref Utf8JsonReader reader)
    {
        while (NextProperty(ref reader))
        {
            reader.Read();
            reader.TrySkip();
        }

        return UserDataParseResult.Done(UserDataKind.Unknown);
    }

    /// <summary>
    /// Pass 1: the whole message must be present; returns the event object (root or <c>data</c>) and, when
    /// <c>e</c> is that object's first key (the usual case), the event kind, so pass 2 is the only other pass.
    /// </summary>
    private static UserDataParseResult Locate(ref Utf8JsonReader reader, bool isFinalBlock, out Utf8JsonReader eventObject,
        out UserDataKind kind)
    {
        eventObject = default;
        kind = UserDataKind.None;
        if (!reader.Read())
        {
            return UserDataParseResult.NeedMore;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return UserDataParseResult.Invalid(InvalidReason.NotAnObject);
        }

        eventObject = reader;
        var first = true;
        while (true)
        {
            if (!reader.Read())
            {
                return UserDataParseResult.NeedMore;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var isData = reader.ValueTextEquals("data"u8);
            var isType = first && reader.ValueTextEquals("e"u8);
            first = false;
            if (!reader.Read())
            {
                return UserDataParseResult.NeedMore;
            }

            if (isType && reader.TokenType == JsonTokenType.String)
            {
                kind = EventKind(ref reader);
            }

            if (isData && reader.TokenType == JsonTokenType.StartObject)
            {
                eventObject = reader;
                kind = UserDataKind.None;
                var probe = reader;
                if (probe.Read() && probe.TokenType == JsonTokenType.PropertyName && probe.ValueTextEquals("e"u8)
                    && probe.Read() && probe.TokenType == JsonTokenType.String)
                {
                    kind = EventKind(ref probe);
                }
            }

            if (!reader.TrySkip())
            {
                return UserDataParseResult.NeedMore;
            }
        }

        if (isFinalBlock && reader.Read())
        {
            return UserDataParseResult.Invalid(InvalidReason.MalformedJson);
        }

        return UserDataParseResult.Done(UserDataKind.None);
    }

    private static UserDataKind EventKind(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("ORDER_TRADE_UPDATE"u8) ? UserDataKind.OrderTradeUpdate
        : reader.ValueTextEquals("ACCOUNT_UPDATE"u8) ? UserDataKind.AccountUpdate
        : reader.ValueTextEquals("ACCOUNT_CONFIG_UPDATE"u8) ? UserDataKind.AccountConfigUpdate
        : reader.ValueTextEquals("ALGO_UPDATE"u8) ? UserDataKind.AlgoUpdate
        : reader.ValueTextEquals("listenKeyExpired"u8) ? UserDataKind.ListenKeyExpired
        : reader.ValueTextEquals("MARGIN_CALL"u8) ? UserDataKind.MarginCall
        : UserDataKind.Unknown;

    /// <summary>Reads the object's <c>e</c>, wherever it is among the keys.</summary>
    private static UserDataKind FindEventType(ref Utf8JsonReader reader)
    {
        var kind = UserDataKind.Unknown;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("e"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                kind = EventKind(ref reader);
            }

            reader.TrySkip();
        }

        return kind;
    }

    [ThreadStatic]
    private static char[]? t_keyBuffer;

    /// <summary>
    /// The current property name (valid until the next call on this thread); empty when too long to be a key we
    /// know. A per-thread buffer, because a stackalloc cannot be passed alongside the reader under ref-safety rules.
    /// </summary>
    private static ReadOnlySpan<char> Key(scoped ref Utf8JsonReader reader)
    {
        var buffer = t_keyBuffer ??= new char[MaxKeyChars];
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && reader.ValueSpan.Length <= buffer.Length)
        {
            // Binance keys are short ASCII: widen them directly (CopyString would transcode and validate).
            var bytes = reader.ValueSpan;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] > 0x7F)
                {
                    return buffer.AsSpan(0, reader.CopyString(buffer));
                }

                buffer[i] = (char)bytes[i];
            }

            return buffer.AsSpan(0, bytes.Length);
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > buffer.Length)
        {
            return default;
        }

        return buffer.AsSpan(0, reader.CopyString(buffer));
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    private static UserDataParseResult Bad => UserDataParseResult.Invalid(InvalidReason.BadFieldValue);

    private static UserDataParseResult Missing => UserDataParseResult.Invalid(InvalidReason.MissingField);
}
