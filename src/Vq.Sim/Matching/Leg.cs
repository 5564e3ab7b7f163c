namespace Vq.Sim.Matching;

/// <summary>
/// One side of a hedge-mode position (LONG or SHORT) on one symbol. <see cref="Amount"/> is never negative here; the
/// wire shows SHORT amounts negative. Mutable; owned by <see cref="Account"/>.
/// </summary>
public sealed class Leg
{
    public required Instrument Instrument { get; init; }
    public LegSide Side { get; init; }
    public decimal Amount { get; set; }
    public decimal EntryPrice { get; set; }
    public int Leverage { get; set; } = 20;
    public MarginMode MarginMode { get; set; } = MarginMode.Cross;
    /// <summary>Isolated margin wallet of this leg (0 in cross mode).</summary>
    public decimal IsolatedWallet { get; set; }
    /// <summary>Accumulated realized PnL before fees (<c>cr</c> in ACCOUNT_UPDATE).</summary>
    public decimal CumRealized { get; set; }
    public long UpdateTime { get; set; }

    public string Symbol => Instrument.Symbol;
    public bool IsLong => Side == LegSide.Long;

    public decimal UnrealizedPnl(decimal mark) =>
        Amount == 0m || mark <= 0m ? 0m : (IsLong ? (mark - EntryPrice) * Amount : (EntryPrice - mark) * Amount);

    public decimal SignedAmount => IsLong ? Amount : -Amount;
    public decimal Notional(decimal mark) => SignedAmount * mark;
    public decimal MaintMargin(decimal mark) => Amount * mark * Instrument.MaintMarginRate;
    public decimal InitialMargin(decimal mark) => Leverage <= 0 ? 0m : Amount * mark / Leverage;
}
