namespace Vq.Sim.Market;

/// <summary>
/// Parameters of the synthetic market for one symbol. Defaults are calibrated on the recorded Binance USDT-M BTCUSDT
/// streams (docs/sim.md "Calibration"): spread 1 tick, ~24 trades/s, trade size log-normal with median 0.012 and mean
/// ≈0.1 BTC, top-of-book size log-normal with median ≈6 BTC, 1-second log-return σ ≈ 4e-5.
/// </summary>
public sealed record SyntheticParameters
{
    public decimal StartMid { get; init; } = 60000m;
    /// <summary>Expected relative drift per hour (0.01 = +1 %/h; negative trends down).</summary>
    public double DriftPerHour { get; init; }
    /// <summary>Standard deviation of the 1-second log return of the mid.</summary>
    public double VolatilityPerSqrtSecond { get; init; } = 4.2e-5;
    public int SpreadTicks { get; init; } = 1;
    public double TopQtyMedian { get; init; } = 6.0;
    public double TopQtySigma { get; init; } = 0.9;
    public double TradesPerSecond { get; init; } = 24.0;
    public double TradeQtyMedian { get; init; } = 0.012;
    public double TradeQtySigma { get; init; } = 2.05;
    /// <summary>Share of trades where the buyer is the taker (0.5 = balanced; the recordings show 0.36–0.50).</summary>
    public double TakerBuyShare { get; init; } = 0.5;
    /// <summary>Quantity at every tick beyond the touch when a taker walks the book.</summary>
    public decimal DepthQtyPerTick { get; init; } = 6m;
    /// <summary>Regime switches applied when market time passes <see cref="Regime.AtSecond"/>.</summary>
    public IReadOnlyList<Regime> Regimes { get; init; } = [];
}

/// <summary>A change of drift, volatility, spread or trade rate from a point in market time onwards (null keeps the value).</summary>
public sealed record Regime(double AtSecond, double? DriftPerHour = null, double? VolatilityPerSqrtSecond = null,
    int? SpreadTicks = null, double? TradesPerSecond = null, double? TopQtyMedian = null);
