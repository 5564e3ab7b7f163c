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
        try
        {
            var located = Locate(ref reader, isFinalBlock, out var eventObject);
            if (located.Status != ParseStatus.Done)
            {
                return located;
            }

            var probe = eventObject;
            var kind = FindEventType(ref probe);
            var body = eventObject;
            return kind switch
            {
                UserDataKind.OrderTradeUpdate => ParseOrderTradeUpdate(ref body, symbols, ref handler),
                UserDataKind.AccountUpdate => ParseAccountUpdate(ref body, symbols, ref handler),
                UserDataKind.AccountConfigUpdate => ParseAccountConfigUpdate(ref body, ref handler),
                UserDataKind.AlgoUpdate => ParseAlgoUpdate(ref body, symbols, ref handler),
                UserDataKind.ListenKeyExpired => ParseListenKeyExpired(ref body, ref handler),
                UserDataKind.MarginCall => ParseMarginCall(ref body, ref handler),
                _ => UserDataParseResult.Done(UserDataKind.Unknown),
            };
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

    /// <summary>Pass 1: the whole message must be present; returns the event object (root or <c>data</c>).</summary>
    private static UserDataParseResult Locate(ref Utf8JsonReader reader, bool isFinalBlock, out Utf8JsonReader eventObject)
    {
        eventObject = default;
        if (!reader.Read())
        {
            return UserDataParseResult.NeedMore;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return UserDataParseResult.Invalid(InvalidReason.NotAnObject);
        }

        eventObject = reader;
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
            if (!reader.Read())
            {
                return UserDataParseResult.NeedMore;
            }

            if (isData && reader.TokenType == JsonTokenType.StartObject)
            {
                eventObject = reader;
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
                kind = reader.ValueTextEquals("ORDER_TRADE_UPDATE"u8) ? UserDataKind.OrderTradeUpdate
                    : reader.ValueTextEquals("ACCOUNT_UPDATE"u8) ? UserDataKind.AccountUpdate
                    : reader.ValueTextEquals("ACCOUNT_CONFIG_UPDATE"u8) ? UserDataKind.AccountConfigUpdate
                    : reader.ValueTextEquals("ALGO_UPDATE"u8) ? UserDataKind.AlgoUpdate
                    : reader.ValueTextEquals("listenKeyExpired"u8) ? UserDataKind.ListenKeyExpired
                    : reader.ValueTextEquals("MARGIN_CALL"u8) ? UserDataKind.MarginCall
                    : UserDataKind.Unknown;
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
