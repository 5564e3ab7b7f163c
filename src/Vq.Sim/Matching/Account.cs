namespace Vq.Sim.Matching;

/// <summary>
/// The single simulated USDT-M account: wallet, position mode, fee rates and the legs. Mutable; owned by the engine.
/// </summary>
public sealed class Account
{
    private readonly Dictionary<(string Symbol, LegSide Side), Leg> _legs = [];
    private readonly List<Leg> _legOrder = [];

    public decimal WalletBalance { get; set; } = 10_000m;
    public bool HedgeMode { get; set; } = true;
    public decimal MakerFeeRate { get; set; } = 0.0002m;
    public decimal TakerFeeRate { get; set; } = 0.0005m;
    public int DefaultLeverage { get; set; } = 20;

    /// <summary>All legs in creation order (deterministic iteration).</summary>
    public IReadOnlyList<Leg> Legs => _legOrder;

    public Leg GetLeg(Instrument instrument, LegSide side)
    {
        if (!_legs.TryGetValue((instrument.Symbol, side), out var leg))
        {
            var sibling = side == LegSide.Long ? LegSide.Short : LegSide.Long;
            _legs.TryGetValue((instrument.Symbol, sibling), out var other);
            leg = new Leg
            {
                Instrument = instrument,
                Side = side,
                Leverage = other?.Leverage ?? DefaultLeverage,
                MarginMode = other?.MarginMode ?? MarginMode.Cross,
            };
            _legs.Add((instrument.Symbol, side), leg);
            _legOrder.Add(leg);
        }

        return leg;
    }

    public Leg? FindLeg(string symbol, LegSide side) => _legs.GetValueOrDefault((symbol, side));
}
