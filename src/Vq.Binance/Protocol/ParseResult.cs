namespace Vq.Binance.Protocol;

/// <summary>The three-way parse contract (STYLE 7): incomplete input is never an exception.</summary>
public enum ParseStatus : byte
{
    /// <summary>One whole frame was parsed (it may still be an event kind the caller ignores).</summary>
    Done = 0,
    /// <summary>The buffer holds an incomplete frame and more bytes may follow; nothing was consumed.</summary>
    NeedMoreData = 1,
    /// <summary>The frame can never parse; <see cref="InvalidReason"/> says why. Count it and skip it.</summary>
    Invalid = 2,
}

public enum InvalidReason : byte
{
    None = 0,
    Empty,
    TooLarge,
    MalformedJson,
    TooDeep,
    NotAnObject,
    /// <summary>A field the event needs is missing.</summary>
    MissingField,
    /// <summary>A field the event needs has the wrong JSON type, is not a number, or is out of range.</summary>
    BadFieldValue,
}

/// <summary>What a market frame turned out to be.</summary>
public enum MarketFrameKind : byte
{
    None = 0,
    BookTicker,
    AggTrade,
    MarkPrice,
    /// <summary>A well-formed frame for a symbol that was never registered: dropped (SPEC §2.1).</summary>
    UnregisteredSymbol,
    /// <summary>A control reply (<c>{"result":null,"id":1}</c>) or an event type vq does not consume.</summary>
    Unknown,
}

public readonly record struct MarketParseResult(ParseStatus Status, MarketFrameKind Kind, InvalidReason Reason)
{
    public static MarketParseResult NeedMore => new(ParseStatus.NeedMoreData, MarketFrameKind.None, InvalidReason.None);

    public static MarketParseResult Invalid(InvalidReason reason) => new(ParseStatus.Invalid, MarketFrameKind.None, reason);

    public static MarketParseResult Done(MarketFrameKind kind) => new(ParseStatus.Done, kind, InvalidReason.None);
}
