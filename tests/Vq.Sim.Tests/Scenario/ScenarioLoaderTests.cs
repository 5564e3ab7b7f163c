using Vq.Sim.Matching;
using Vq.Sim.Scenario;
using Vq.Sim.Tests.Market;

namespace Vq.Sim.Tests.Scenario;

public sealed class ScenarioLoaderTests
{
    private static string ScenarioDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "config", "scenarios")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("config/scenarios not found"), "config", "scenarios");
    }

    public static TheoryData<string> Examples => new() { "calm", "trending-against", "volatile", "thin-book", "approach-liquidation", "chaos" };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_scenarios_load_and_start(string name)
    {
        var options = ScenarioLoader.LoadFile(Path.Combine(ScenarioDirectory(), name + ".yaml"));
        Assert.Equal(name, options.Name);
        Assert.NotEmpty(options.Positions);
        var exchange = new SimExchange(options with { ManualClockStartMs = 1_760_000_000_000 });
        exchange.AdvanceMarket(10_000);
        foreach (var seed in options.Positions)
        {
            Assert.Equal(seed.Quantity, exchange.Read(e => e.Account.FindLeg(seed.Symbol, seed.Side)!.Amount));
        }
    }

    [Fact]
    public void Approach_liquidation_starts_close_to_the_line()
    {
        var options = ScenarioLoader.LoadFile(Path.Combine(ScenarioDirectory(), "approach-liquidation.yaml"));
        var exchange = new SimExchange(options with { ManualClockStartMs = 1_760_000_000_000 });
        var (mark, liquidation) = exchange.Read(e => (e.Book("BTCUSDT")!.Mark, e.LiquidationPrice(e.Account.FindLeg("BTCUSDT", LegSide.Long)!)));
        Assert.InRange((mark - liquidation) / mark, 0.01m, 0.03m);
    }

    [Fact]
    public void Full_scenario_maps_every_section()
    {
        const string yaml = """
            name: full
            seed: 5
            speed: 4
            credentials: { api_key: abc, api_secret: def }
            account: { wallet_balance: 123.5, hedge_mode: false, maker_fee: 0.0001, taker_fee: 0.0004, default_leverage: 7 }
            symbols:
              SOLUSDT: { tick_size: 0.01, step_size: 1, min_notional: 5, start_mid: 150, spread_ticks: 2,
                         regimes: [ { at_second: 30, drift_per_hour: -0.5 } ] }
            positions: [ { symbol: SOLUSDT, side: SHORT, qty: 10, entry: 151, leverage: 3, margin_type: isolated } ]
            limits: { weight_per_minute: 100, orders_per_10s: 5, orders_per_minute: 50, rejections_before_ban: 1, ban_ms: 1000 }
            listen_key_validity_ms: 5000
            faults: { drop_ws_every_ms: 1000, unknown_503_count: 2, clock_skew_ms: -250, connection_lifetime_ms: 9000 }
            """;
        var o = ScenarioLoader.Parse(yaml, ".");
        Assert.Equal((5, 4.0, 123.5m, false, 7), (o.Seed, o.Speed, o.WalletBalance, o.HedgeMode, o.DefaultLeverage));
        var sol = Assert.Single(o.Symbols);
        Assert.Equal((0.01m, 1m, 5m, 2, 0), (sol.Instrument.TickSize, sol.Instrument.StepSize, sol.Instrument.MinNotional, sol.Instrument.PricePrecision, sol.Instrument.QuantityPrecision));
        Assert.Equal(-0.5, Assert.Single(sol.Synthetic.Regimes).DriftPerHour);
        Assert.Equal(new PositionSeed("SOLUSDT", LegSide.Short, 10m, 151m, 3, MarginMode.Isolated), Assert.Single(o.Positions));
        Assert.Equal((100, 5, 50, 1, 1000L), (o.Limits.WeightPerMinute, o.Limits.OrdersPer10Seconds, o.Limits.OrdersPerMinute, o.Limits.RejectionsBeforeBan, o.Limits.BanMs));
        Assert.Equal((1000L, 2, -250L, 9000L), (o.Faults.DropWebSocketsEveryMs, o.Faults.UnknownError503Count, o.Faults.ClockSkewMs, o.Faults.ConnectionLifetimeMs));
        Assert.Equal(5000, o.ListenKeyValidityMs);
    }

    [Theory]
    [InlineData("sed: 1", "sed: unknown key")]
    [InlineData("account: { wallet_balanse: 1 }", "account.wallet_balanse: unknown key")]
    [InlineData("seed: abc", "seed: expected an integer")]
    [InlineData("symbols: { BTCUSDT: { tick_size: -1 } }", "symbols.BTCUSDT.tick_size: expected a number")]
    [InlineData("positions: [ { symbol: DOGEUSDT, side: LONG, qty: 1, entry: 1 } ]", "positions[0].symbol: 'DOGEUSDT' is not listed")]
    [InlineData("positions: [ { symbol: BTCUSDT, side: BOTH, qty: 1, entry: 1 } ]", "positions[0].side: expected LONG or SHORT")]
    [InlineData("market: { driver: replay }", "market.replay_file: required")]
    [InlineData("a: [", "invalid YAML")]
    public void Bad_scenarios_fail_with_the_path(string yaml, string message)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "."));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Defaults_use_documented_test_credentials()
    {
        var o = ScenarioLoader.Parse("", ".");
        var expectedKey = Environment.GetEnvironmentVariable("BINANCE_API_KEY") is { Length: > 0 } env ? env : SimOptions.DefaultApiKey;
        Assert.Equal(expectedKey, o.ApiKey);
    }

    [Fact]
    public void Replay_scenario_serves_recorded_prices()
    {
        var recording = RecordedData.Require(RecordedData.BtcFile);
        var o = ScenarioLoader.Parse($"market: {{ driver: replay, replay_file: '{recording}', replay_loop: false }}\nsymbols: {{ BTCUSDT: {{}} }}", ".");
        var exchange = new SimExchange(o with { ManualClockStartMs = 1_760_000_000_000 });
        exchange.AdvanceMarket(5_000);
        var (bid, mark) = exchange.Read(e => (e.Book("BTCUSDT")!.Bid, e.Book("BTCUSDT")!.Mark));
        Assert.InRange(bid, 28136m, 28160m);
        Assert.InRange(mark, 28130m, 28170m);
    }
}
