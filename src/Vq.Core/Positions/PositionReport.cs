using Vq.Core.Primitives;

namespace Vq.Core.Positions;

/// <summary>Where a position report came from.</summary>
public enum PositionSource : byte
{
    /// <summary><c>ACCOUNT_UPDATE</c> (no liquidation price, no leverage).</summary>
    Stream = 0,
    /// <summary><c>GET /fapi/v2/positionRisk</c>.</summary>
    Rest = 1,
}

/// <summary>One leg's position as reported by the exchange.</summary>
public readonly record struct PositionReport
{
    public required int Symbol { get; init; }
    public required PositionSide Side { get; init; }
    /// <summary>Absolute size; the sign is the side's (§6.3 normalisation).</summary>
    public required decimal Size { get; init; }
    public decimal EntryPrice { get; init; }
    public decimal UnrealizedPnl { get; init; }
    /// <summary>REST only; 0 = unknown.</summary>
    public decimal LiquidationPrice { get; init; }
    /// <summary>REST only; 0 = unknown.</summary>
    public decimal Leverage { get; init; }
    /// <summary>REST only; 0 = unknown.</summary>
    public decimal MarkPrice { get; init; }
    /// <summary>Exchange time: event time for the stream, <c>updateTime</c> for REST.</summary>
    public long AsOfMs { get; init; }
    public PositionSource Source { get; init; }
}
