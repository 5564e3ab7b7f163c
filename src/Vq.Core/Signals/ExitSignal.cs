using Vq.Core.Primitives;

namespace Vq.Core.Signals;

/// <summary>Why a leg may close now (§2.4). <see cref="Flatten"/> is the operator's gate-less exit (vq flatten).</summary>
public enum SignalReason : byte
{
    None = 0,
    LongPrimary = 1,
    LongBidImprove = 2,
    ShortPrimary = 3,
    ShortAskImprove = 4,
    Flatten = 5,
}

/// <summary>An exit signal (§2.8): the snapshot it fired on and its size multipliers.</summary>
public readonly record struct ExitSignal(
    PositionSide Side,
    SignalReason Reason,
    long TimestampMs,
    decimal BestBid,
    decimal BestAsk,
    decimal LastTradePrice,
    int RoiMult,
    int AccelMult,
    decimal? Roi,
    decimal? RetWindow);

public static class SignalReasonNames
{
    public static string Name(this SignalReason reason) => reason switch
    {
        SignalReason.LongPrimary => "long_primary",
        SignalReason.LongBidImprove => "long_bid_improve",
        SignalReason.ShortPrimary => "short_primary",
        SignalReason.ShortAskImprove => "short_ask_improve",
        SignalReason.Flatten => "flatten",
        _ => "none",
    };
}
