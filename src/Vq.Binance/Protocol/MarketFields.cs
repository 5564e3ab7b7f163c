using System.Runtime.CompilerServices;

namespace Vq.Binance.Protocol;

internal enum JsonValueKind : byte
{
    String,
    Number,
    True,
    False,
    Null,
    Container,
}

/// <summary>
/// The one place that gives meaning to market-frame keys. Both the flat fast path and the <c>Utf8JsonReader</c>
/// path feed every (key, value) pair here, so they cannot disagree on semantics. A key's slot is filled by value
/// type, not by event type (e.g. <c>a</c> is the ask price as a string in bookTicker and the aggregate trade id
/// as a number in aggTrade), so keys may arrive in any order. A malformed value only invalidates the frame if the
/// event actually needs that field; keys the event does not use are ignored (Binance adds fields often).
/// Last occurrence of a duplicated key wins in both paths.
/// </summary>
internal struct MarketFields
{
    // Presence bits ("has a valid value") and malformed bits, one per slot.
    private const uint EventType = 1u << 0, UpdateId = 1u << 1, EventTime = 1u << 2, TransTime = 1u << 3,
        Symbol = 1u << 4, Bid = 1u << 5, BidQty = 1u << 6, AskDec = 1u << 7, AskQty = 1u << 8, AggId = 1u << 9,
        Price = 1u << 10, Qty = 1u << 11, NormalQty = 1u << 12, First = 1u << 13, Last = 1u << 14,
        Maker = 1u << 15, AvgMark = 1u << 16, Index = 1u << 17, Settle = 1u << 18, Funding = 1u << 19;

    private uint _present;
    private uint _malformed;
    private bool _symbolUnregistered;
    private MarketFrameKind _eventKind;
    private long _updateId, _eventTime, _transTime, _aggId, _first, _last;
    private SymbolId _symbol;
    private decimal _bid, _bidQty, _ask, _askQty, _price, _qty, _normalQty, _avgMark, _index, _settle, _funding;
    private bool _maker;

    public void Reset() => this = default;

    /// <summary>Records one pair. <paramref name="value"/> is the unescaped string content or the number literal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ReadOnlySpan<byte> key, JsonValueKind kind, ReadOnlySpan<byte> value, SymbolTable symbols)
    {
        if (key.Length == 1)
        {
            switch (key[0])
            {
                case (byte)'e': SetEventType(kind, value); break;
                case (byte)'u': SetLong(UpdateId, ref _updateId, kind, value); break;
                case (byte)'E': SetLong(EventTime, ref _eventTime, kind, value); break;
                case (byte)'T': SetLong(TransTime, ref _transTime, kind, value); break;
                case (byte)'s': SetSymbol(kind, value, symbols); break;
                case (byte)'b': SetDecimal(Bid, ref _bid, kind, value); break;
                case (byte)'B': SetDecimal(BidQty, ref _bidQty, kind, value); break;
                case (byte)'a':
                    // bookTicker: ask price (string); aggTrade: aggregate trade id (number).
                    if (kind == JsonValueKind.Number)
                    {
                        SetLong(AggId, ref _aggId, kind, value);
                    }
                    else
                    {
                        SetDecimal(AskDec, ref _ask, kind, value);
                    }

                    break;
                case (byte)'A': SetDecimal(AskQty, ref _askQty, kind, value); break;
                case (byte)'p': SetDecimal(Price, ref _price, kind, value); break;
                case (byte)'q': SetDecimal(Qty, ref _qty, kind, value); break;
                case (byte)'f': SetLong(First, ref _first, kind, value); break;
                case (byte)'l': SetLong(Last, ref _last, kind, value); break;
                case (byte)'m': SetBool(kind); break;
                case (byte)'i': SetDecimal(Index, ref _index, kind, value); break;
                case (byte)'P': SetDecimal(Settle, ref _settle, kind, value); break;
                case (byte)'r': SetDecimal(Funding, ref _funding, kind, value); break;
                default: break;
            }
        }
        else if (key.Length == 2)
        {
            if (key[0] == (byte)'n' && key[1] == (byte)'q')
            {
                SetDecimal(NormalQty, ref _normalQty, kind, value);
            }
            else if (key[0] == (byte)'a' && key[1] == (byte)'p')
            {
                SetDecimal(AvgMark, ref _avgMark, kind, value);
            }
        }
    }

    /// <summary>A number pair already parsed as an integer (fast path); same slots and rules as <see cref="Apply"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ApplyInteger(ReadOnlySpan<byte> key, long value, SymbolTable symbols)
    {
        if (key.Length != 1)
        {
            Apply(key, JsonValueKind.Number, "x"u8, symbols);
            return;
        }

        switch (key[0])
        {
            case (byte)'u': SetLongValue(UpdateId, ref _updateId, value); break;
            case (byte)'E': SetLongValue(EventTime, ref _eventTime, value); break;
            case (byte)'T': SetLongValue(TransTime, ref _transTime, value); break;
            case (byte)'a': SetLongValue(AggId, ref _aggId, value); break;
            case (byte)'f': SetLongValue(First, ref _first, value); break;
            case (byte)'l': SetLongValue(Last, ref _last, value); break;
            default:
                // Every other known key expects a string or a boolean: a number there is malformed.
                Apply(key, JsonValueKind.Number, "x"u8, symbols);
                break;
        }
    }

    /// <summary>A string pair already parsed as a decimal (fast path); same slots as <see cref="Apply"/> for string values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ApplyDecimal(ReadOnlySpan<byte> key, decimal value)
    {
        if (key.Length == 1)
        {
            switch (key[0])
            {
                case (byte)'b': SetDecimalValue(Bid, ref _bid, value); break;
                case (byte)'B': SetDecimalValue(BidQty, ref _bidQty, value); break;
                case (byte)'a': SetDecimalValue(AskDec, ref _ask, value); break;
                case (byte)'A': SetDecimalValue(AskQty, ref _askQty, value); break;
                case (byte)'p': SetDecimalValue(Price, ref _price, value); break;
                case (byte)'q': SetDecimalValue(Qty, ref _qty, value); break;
                case (byte)'i': SetDecimalValue(Index, ref _index, value); break;
                case (byte)'P': SetDecimalValue(Settle, ref _settle, value); break;
                case (byte)'r': SetDecimalValue(Funding, ref _funding, value); break;
                default: break;
            }
        }
        else if (key.Length == 2)
        {
            if (key[0] == (byte)'n' && key[1] == (byte)'q')
            {
                SetDecimalValue(NormalQty, ref _normalQty, value);
            }
            else if (key[0] == (byte)'a' && key[1] == (byte)'p')
            {
                SetDecimalValue(AvgMark, ref _avgMark, value);
            }
        }
    }

    /// <summary>Validates the fields the event type needs and hands the event to the handler.</summary>
    public readonly MarketParseResult Complete<THandler>(ref THandler handler)
        where THandler : IMarketEventHandler, allows ref struct
    {
        switch (_eventKind)
        {
            case MarketFrameKind.BookTicker:
            {
                const uint needed = UpdateId | EventTime | TransTime | Symbol | Bid | BidQty | AskDec | AskQty;
                if (Check(needed, 0, out var failure))
                {
                    return failure;
                }

                var e = new BookTicker(_symbol, _updateId, _eventTime, _transTime, _bid, _bidQty, _ask, _askQty);
                handler.OnBookTicker(in e);
                return MarketParseResult.Done(MarketFrameKind.BookTicker);
            }

            case MarketFrameKind.AggTrade:
            {
                const uint needed = EventTime | TransTime | Symbol | AggId | Price | Qty | First | Last | Maker;
                if (Check(needed, NormalQty, out var failure))
                {
                    return failure;
                }

                var e = new AggTrade(_symbol, _aggId, _eventTime, _transTime, _price, _qty,
                    Has(NormalQty) ? _normalQty : null, _first, _last, _maker);
                handler.OnAggTrade(in e);
                return MarketParseResult.Done(MarketFrameKind.AggTrade);
            }

            case MarketFrameKind.MarkPrice:
            {
                // T (next funding time) is 0 for symbols without funding; it is optional here.
                const uint needed = EventTime | Symbol | Price;
                if (Check(needed, AvgMark | Index | Settle | Funding | TransTime, out var failure))
                {
                    return failure;
                }

                var e = new MarkPriceUpdate(_symbol, _eventTime, _price, Has(AvgMark) ? _avgMark : null,
                    Has(Index) ? _index : null, Has(Settle) ? _settle : null, Has(Funding) ? _funding : null,
                    Has(TransTime) ? _transTime : 0);
                handler.OnMarkPrice(in e);
                return MarketParseResult.Done(MarketFrameKind.MarkPrice);
            }

            default:
                return MarketParseResult.Done(MarketFrameKind.Unknown);
        }
    }

    private readonly bool Check(uint needed, uint optional, out MarketParseResult failure)
    {
        if ((_malformed & (needed | optional)) != 0)
        {
            failure = MarketParseResult.Invalid(InvalidReason.BadFieldValue);
            return true;
        }

        if (_symbolUnregistered && (_present & (needed & ~Symbol)) == (needed & ~Symbol))
        {
            failure = MarketParseResult.Done(MarketFrameKind.UnregisteredSymbol);
            return true;
        }

        if ((_present & needed) != needed)
        {
            failure = MarketParseResult.Invalid(InvalidReason.MissingField);
            return true;
        }

        failure = default;
        return false;
    }

    private readonly bool Has(uint bit) => (_present & bit) != 0;

    private void Mark(uint bit, bool ok)
    {
        if (ok)
        {
            _present |= bit;
            _malformed &= ~bit;
        }
        else
        {
            _present &= ~bit;
            _malformed |= bit;
        }
    }

    private void SetLongValue(uint bit, ref long slot, long value)
    {
        slot = value;
        Mark(bit, true);
    }

    private void SetDecimalValue(uint bit, ref decimal slot, decimal value)
    {
        slot = value;
        Mark(bit, true);
    }

    private void SetLong(uint bit, ref long slot, JsonValueKind kind, ReadOnlySpan<byte> value) =>
        Mark(bit, kind == JsonValueKind.Number && Utf8Number.TryParseInt64(value, out slot));

    private void SetDecimal(uint bit, ref decimal slot, JsonValueKind kind, ReadOnlySpan<byte> value) =>
        Mark(bit, kind == JsonValueKind.String && Utf8Number.TryParseDecimal(value, out slot));

    private void SetBool(JsonValueKind kind)
    {
        _maker = kind == JsonValueKind.True;
        Mark(Maker, kind is JsonValueKind.True or JsonValueKind.False);
    }

    private void SetSymbol(JsonValueKind kind, ReadOnlySpan<byte> value, SymbolTable symbols)
    {
        _symbolUnregistered = false;
        if (kind != JsonValueKind.String)
        {
            Mark(Symbol, false);
            return;
        }

        if (symbols.TryGetId(value, out _symbol))
        {
            Mark(Symbol, true);
        }
        else
        {
            _present &= ~Symbol;
            _malformed &= ~Symbol;
            _symbolUnregistered = true;
        }
    }

    private void SetEventType(JsonValueKind kind, ReadOnlySpan<byte> value)
    {
        _present |= EventType;
        _eventKind = kind != JsonValueKind.String ? MarketFrameKind.Unknown
            : value.SequenceEqual("bookTicker"u8) ? MarketFrameKind.BookTicker
            : value.SequenceEqual("aggTrade"u8) ? MarketFrameKind.AggTrade
            : value.SequenceEqual("markPriceUpdate"u8) ? MarketFrameKind.MarkPrice
            : MarketFrameKind.Unknown;
    }
}
