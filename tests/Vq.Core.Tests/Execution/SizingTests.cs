using Vq.Core.Config;
using Vq.Core.Execution;
using Vq.Core.Primitives;

namespace Vq.Core.Tests.Execution;

/// <summary>SPEC §9.7.</summary>
public class SizingTests
{
    private static readonly SymbolRules Btc = new("BTCUSDT", 0.1m, 0.001m, 0.001m, 5m);

    [Fact] // #56
    public void Defaults_close_one_min_qty()
    {
        Assert.Equal(0.001m, Sizing.NormalSlice(0.1m, Btc, new ExecutionSettings(), 1, 1, 50000m, 50000m));
    }

    [Fact] // #58
    public void Notional_cap_limits_a_base_10_slice()
    {
        var s = new ExecutionSettings { BaseLotMult = 10, MaxOrderNotional = 100m };
        Assert.Equal(0.002m, Sizing.NormalSlice(1m, Btc, s, 1, 1, 50000m, 50000m));
    }

    [Fact] // #59
    public void Base_10_within_the_cap()
    {
        var s = new ExecutionSettings { BaseLotMult = 10, MaxOrderNotional = 1000m };
        Assert.Equal(0.01m, Sizing.NormalSlice(0.1m, Btc, s, 1, 1, 50000m, 50000m));
    }

    [Fact] // #61
    public void Multipliers_multiply_and_max_mult_caps()
    {
        var s = new ExecutionSettings { BaseLotMult = 10, MaxMult = 50, MaxOrderNotional = 1_000_000m };
        Assert.Equal(50, Sizing.FinalMult(s, 6, 4));
        Assert.Equal(0.05m, Sizing.NormalSlice(10m, Btc, s, 6, 4, 1m, 1m));
    }

    [Fact] // #62
    public void Notional_cap_below_min_qty_sends_nothing()
    {
        var s = new ExecutionSettings { MaxOrderNotional = 20m };
        Assert.Equal(0m, Sizing.NormalSlice(0.1m, Btc, s, 1, 1, 50000m, 50000m));
    }

    [Fact] // #64
    public void Sweep_rule_takes_a_position_below_two_min_qty_whole()
    {
        var rules = new SymbolRules("XUSDT", 0.1m, 0.001m, 0.01m, 5m);
        Assert.Equal(0.015m, Sizing.NormalSlice(0.015m, rules, new ExecutionSettings(), 1, 1, 100m, 100m));
        // Without the sweep the reference sent 0.010 and left 0.005 of dust behind.
        Assert.Equal(0.01m, Sizing.NormalSlice(0.025m, rules, new ExecutionSettings(), 1, 1, 100m, 100m));
    }

    [Fact] // #65
    public void Notional_is_priced_at_the_limit_price_not_the_last_trade()
    {
        var rules = new SymbolRules("XUSDT", 0.1m, 1m, 1m, 0m);
        var s = new ExecutionSettings { BaseLotMult = 100, MaxMult = 100, MaxOrderNotional = 10m };
        Assert.Equal(2m, Sizing.NormalSlice(100m, rules, s, 1, 1, limitPrice: 5m, lastTradePrice: 0m));
    }

    [Fact] // #67
    public void Below_min_notional_is_sent_unchanged_never_upsized()
    {
        var rules = new SymbolRules("XUSDT", 0.1m, 1m, 1m, 5m);
        Assert.Equal(1m, Sizing.NormalSlice(10m, rules, new ExecutionSettings(), 1, 1, 1m, 1m));
        Assert.True(Sizing.BelowMinNotional(1m, 1m, rules));
    }

    [Fact] // §3.7
    public void Done_when_the_floored_position_is_below_min_qty()
    {
        Assert.True(Btc.IsDone(0.0001m));
        Assert.True(Btc.IsDone(0m));
        Assert.False(Btc.IsDone(0.001m));
    }
}
