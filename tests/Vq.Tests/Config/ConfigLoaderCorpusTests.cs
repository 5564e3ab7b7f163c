using Vq.Config;
using Vq.Core.Config;
using static Vq.Tests.Config.ConfigLoaderScenarioTests;

namespace Vq.Tests.Config;

/// <summary>Valid and invalid files: unknown keys, types, ranges, symbol spellings, positions.</summary>
public class ConfigLoaderCorpusTests
{
    [Theory]
    [InlineData("global:\n  testnt: true\n", "global.testnt", 2, 3, "did you mean 'testnet'?")]
    [InlineData("global:\n  execution:\n    order_tll_ms: 5\n", "global.execution.order_tll_ms", 3, 5, "did you mean 'order_ttl_ms'?")]
    [InlineData("global:\n  risk:\n    protective_stop:\n      dist_to_lq: 0.1\n", "global.risk.protective_stop.dist_to_lq", 4, 7, "did you mean 'dist_to_liq'?")]
    [InlineData("symbols:\n  BTCUSDT:\n    execution:\n      maker_safty_ticks: 2\n", "symbols.BTCUSDT.execution.maker_safty_ticks", 4, 7, "did you mean 'maker_safety_ticks'?")]
    [InlineData("symbols:\n  BTCUSDT:\n    executon: {}\n", "symbols.BTCUSDT.executon", 3, 5, "did you mean 'execution'?")]
    [InlineData("global:\n  order_ttl_ms: 5\n", "global.order_ttl_ms", 2, 3, "did you mean 'global.execution.order_ttl_ms'?")]
    [InlineData("execution:\n  order_ttl_ms: 5\n", "execution", 1, 1, "did you mean 'global.execution'?")]
    [InlineData("globl: {}\n", "globl", 1, 1, "did you mean 'global'?")]
    [InlineData("global:\n  accel:\n    tiers:\n      - { ret: 0.1, mult: 2, mul: 3 }\n", "global.accel.tiers[0].mul", 4, 30, "did you mean 'mult'?")]
    public void Unknown_keys_name_the_path_the_position_and_the_closest_key(string yaml, string path, int line, int column, string hint)
    {
        var error = Assert.Single(LoadInvalid(yaml));

        Assert.Equal((path, line, column), (error.Path, error.Line, error.Column));
        Assert.Contains("unknown key", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_with_nothing_close_lists_the_known_keys()
    {
        var error = Assert.Single(LoadInvalid("global:\n  startup:\n    zzzzzzzz: 1\n"));

        Assert.Equal("unknown key 'zzzzzzzz' (known keys here: cancel_leftover_orders)", error.Message);
    }

    [Theory]
    [InlineData("global:\n  execution:\n    order_ttl_ms: abc\n", "global.execution.order_ttl_ms", "expected a whole number, got 'abc'")]
    [InlineData("global:\n  execution:\n    order_ttl_ms: \"800\"\n", "global.execution.order_ttl_ms", "expected a whole number, got the quoted string \"800\"")]
    [InlineData("global:\n  execution:\n    order_ttl_ms: 1.5\n", "global.execution.order_ttl_ms", "expected a whole number, got 1.5")]
    [InlineData("global:\n  execution:\n    order_ttl_ms: 99999999999\n", "global.execution.order_ttl_ms", "99999999999 is out of range for a whole number")]
    [InlineData("global:\n  execution:\n    max_order_notional: [1]\n", "global.execution.max_order_notional", "expected a number, got a list")]
    [InlineData("global:\n  execution:\n    max_order_notional: .inf\n", "global.execution.max_order_notional", "expected a number, got '.inf'")]
    [InlineData("global:\n  testnet: yes\n", "global.testnet", "expected true or false, got 'yes' (YAML 1.1 booleans are not accepted)")]
    [InlineData("global:\n  testnet: 1\n", "global.testnet", "expected true or false, got '1'")]
    [InlineData("global:\n  execution: [1, 2]\n", "global.execution", "expected a mapping of keys, got a list")]
    [InlineData("global:\n  execution: 5\n", "global.execution", "expected a mapping of keys, got '5'")]
    [InlineData("global: [1]\n", "global", "expected a mapping of keys, got a list")]
    [InlineData("global:\n  accel:\n    tiers: { ret: 1 }\n", "global.accel.tiers", "expected a list, got a mapping")]
    [InlineData("global:\n  accel:\n    tiers: [5]\n", "global.accel.tiers[0]", "expected a mapping, got '5'")]
    [InlineData("global:\n  proxy: [a]\n", "global.proxy", "expected a string, got a list")]
    [InlineData("global:\n  execution:\n    maker_price_mode: inside_spread\n", "global.execution.maker_price_mode", "expected one of at_touch, inside_spread_1tick, custom_ticks, got 'inside_spread'; did you mean 'inside_spread_1tick'?")]
    [InlineData("global:\n  execution:\n    maker_price_mode: at_tuch\n", "global.execution.maker_price_mode", "expected one of at_touch, inside_spread_1tick, custom_ticks, got 'at_tuch'; did you mean 'at_touch'?")]
    [InlineData("global:\n  universe: all\n", "global.universe", "expected one of all_positions, configured, got 'all'")]
    [InlineData("global:\n  telegram:\n    language: ZH\n", "global.telegram.language", "expected one of en, zh, got 'ZH'; did you mean 'zh'?")]
    [InlineData("global:\n  logging:\n    console_level: info\n", "global.logging.console_level", "expected one of trace, debug, information, warning, error, got 'info'")]
    public void Type_errors_are_specific(string yaml, string path, string message)
    {
        var error = Assert.Single(LoadInvalid(yaml));

        Assert.Equal((path, message), (error.Path, error.Message));
        Assert.True(error.HasPosition);
    }

    [Theory]
    [InlineData("global:\n  accel:\n    tiers:\n      - { mult: 2 }\n", "global.accel.tiers[0].ret", "missing required key 'ret'")]
    [InlineData("global:\n  roi:\n    tiers:\n      - { roi: 0.1 }\n", "global.roi.tiers[0].mult", "missing required key 'mult'")]
    [InlineData("global:\n  risk:\n    panic_close:\n      tiers:\n        - { slice_ratio: 0.1 }\n", "global.risk.panic_close.tiers[0].dist_to_liq", "missing required key 'dist_to_liq'")]
    public void Tier_fields_are_required(string yaml, string path, string message)
    {
        var error = Assert.Single(LoadInvalid(yaml));

        Assert.Equal((path, message), (error.Path, error.Message));
    }

    [Fact]
    public void A_panic_tier_without_maker_timeouts_gets_2()
    {
        var config = LoadValid("global:\n  risk:\n    panic_close:\n      tiers:\n        - { dist_to_liq: 0.02, slice_ratio: 0.1 }\n");

        Assert.Equal(new PanicTier(0.02m, 0.1m, 2), Assert.Single(config.Global.Risk.PanicClose.Tiers));
    }

    [Theory]
    [InlineData("global:\n  ws:\n    stale_data_ms: 0\n", "global.ws.stale_data_ms", 3, 20)]
    [InlineData("global:\n  risk:\n    protective_stop:\n      dist_to_liq: 1\n", "global.risk.protective_stop.dist_to_liq", 4, 20)]
    [InlineData("global:\n  execution:\n    order_ttl_ms: 0\n", "global.execution.order_ttl_ms", 3, 19)]
    [InlineData("symbols:\n  ETH/USDT:USDT:\n    risk:\n      liq_distance_threshold: 1.5\n", "symbols.ETHUSDT.risk.liq_distance_threshold", 4, 31)]
    [InlineData("global:\n  account:\n    position_refresh_interval_s: 5\n", "global.account.position_refresh_interval_s", 3, 34)]
    [InlineData("global:\n  ws:\n    reconnect:\n      multiplier: 0\n", "global.ws.reconnect.multiplier", 4, 19)]
    [InlineData("global:\n  metrics:\n    listen: 0.0.0.0:9464\n", "global.metrics.listen", 3, 13)]
    [InlineData("global:\n  accel:\n    tiers:\n      - { ret: 0.002, mult: 2 }\n      - { ret: -0.001, mult: 1 }\n", "global.accel.tiers[1].ret", 5, 16)]
    public void Range_errors_carry_the_position_of_the_value(string yaml, string path, int line, int column)
    {
        var error = Assert.Single(LoadInvalid(yaml));

        Assert.Equal((path, line, column), (error.Path, error.Line, error.Column));
        Assert.StartsWith("must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cross_field_error_points_at_the_nearest_written_section()
    {
        var error = Assert.Single(LoadInvalid("global:\n  ws:\n    reconnect:\n      initial_delay_ms: 40000\n"));

        Assert.Equal(("global.ws.reconnect.max_delay_ms", 4, 7), (error.Path, error.Line, error.Column));
        Assert.Contains("initial_delay_ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_errors_in_one_file_are_all_reported_in_file_order()
    {
        var errors = LoadInvalid("""
            global:
              testnet: maybe
              execution:
                order_ttl_ms: 0
                maker_safety_ticks: 0
                bogus: 1
              telegram:
                foo: 1
            symbols:
              BTCUSDT:
                ws: {}
                execution: { max_mult: 0 }
              DOGE: {}
              ETHUSDT:
            extra: 1
            """);

        Assert.Equal(
        [
            "global.testnet", "global.execution.order_ttl_ms", "global.execution.maker_safety_ticks", "global.execution.bogus",
            "global.telegram.foo", "symbols.BTCUSDT.ws", "symbols.BTCUSDT.execution.max_mult", "symbols.DOGE", "symbols.ETHUSDT", "extra",
        ], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.True(e.HasPosition, e.ToString()));
        var lines = errors.Select(e => e.Line).ToList();
        Assert.Equal(lines.Order(), lines);
    }

    [Theory]
    [InlineData("BTCUSDT")]
    [InlineData("btcusdt")]
    [InlineData("BTC/USDT:USDT")]
    [InlineData("'BTC/USDT:USDT'")]
    [InlineData("BTC/USDT")]
    public void Symbol_keys_may_be_written_in_any_accepted_form(string key)
    {
        var config = LoadValid($"symbols:\n  {key}:\n    execution: {{ order_ttl_ms: 777 }}\n");

        Assert.Equal(["BTCUSDT"], config.Symbols);
        Assert.Equal(777, config.For("BTCUSDT").Execution.OrderTtlMs);
    }

    [Fact]
    public void Two_spellings_of_one_symbol_are_an_error_at_the_second()
    {
        var error = Assert.Single(LoadInvalid("symbols:\n  BTCUSDT: {}\n  BTC/USDT:USDT:\n    execution: { order_ttl_ms: 5 }\n"));

        Assert.Equal(("symbols.BTCUSDT", 3, 3), (error.Path, error.Line, error.Column));
        Assert.Equal("'BTC/USDT:USDT' names the same symbol as 'BTCUSDT' at line 2; configure each symbol once", error.Message);
    }

    [Fact]
    public void A_null_symbol_value_is_an_error_and_empty_braces_are_fine()
    {
        var error = Assert.Single(LoadInvalid("symbols:\n  BTCUSDT:\n  ETHUSDT: {}\n"));

        Assert.Equal(("symbols.BTCUSDT", "a symbol entry must be a mapping; write {} for no overrides"), (error.Path, error.Message));
        var config = LoadValid("symbols:\n  ETHUSDT: {}\n");
        Assert.Equal(["ETHUSDT"], config.Symbols);
        Assert.All(config.DescribeSymbol("ETHUSDT"), v => Assert.Equal(ValueSource.Default, v.Source));
    }

    [Theory]
    [InlineData("DOGE")]
    [InlineData("BTCBUSD")]
    [InlineData("BTC-USDT")]
    public void A_key_that_is_not_a_usdt_perpetual_is_an_error(string key)
    {
        var error = Assert.Single(LoadInvalid($"symbols:\n  {key}: {{}}\n"));

        Assert.Contains("is not a USDT-margined perpetual symbol", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("testnet: true")]
    [InlineData("proxy: http://p:1")]
    [InlineData("endpoints: { rest: http://x }")]
    [InlineData("universe: configured")]
    [InlineData("startup: {}")]
    [InlineData("ws: { stale_data_ms: 5000 }")]
    [InlineData("rest: {}")]
    [InlineData("rate_limit: { max_orders_per_sec: 1 }")]
    [InlineData("account: {}")]
    [InlineData("telegram: { enabled: true }")]
    [InlineData("logging: {}")]
    [InlineData("metrics: {}")]
    public void Global_only_keys_cannot_be_overridden_per_symbol(string entry)
    {
        var key = entry[..entry.IndexOf(':', StringComparison.Ordinal)];
        var error = Assert.Single(LoadInvalid($"symbols:\n  BTCUSDT:\n    {entry}\n"));

        Assert.Equal(($"symbols.BTCUSDT.{key}", 3, 5), (error.Path, error.Line, error.Column));
        Assert.Equal($"'{key}' cannot be overridden per symbol; set it under global.{key}", error.Message);
    }

    [Fact]
    public void Mult_percent_is_per_symbol_only()
    {
        var error = Assert.Single(LoadInvalid("global:\n  accel:\n    mult_percent: 0.5\n"));

        Assert.Equal("global.accel.mult_percent", error.Path);
        Assert.Contains("per symbol only", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("global:\n  api_key: abc\n", "global.api_key")]
    [InlineData("global:\n  telegram:\n    bot_token: abc\n", "global.telegram.bot_token")]
    [InlineData("global:\n  telegram:\n    chat_id: 1\n", "global.telegram.chat_id")]
    public void Secrets_in_the_file_are_rejected_and_point_at_the_environment(string yaml, string path)
    {
        var error = Assert.Single(LoadInvalid(yaml));

        Assert.Equal(path, error.Path);
        Assert.Contains("environment", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimals_are_exact_and_invariant()
    {
        var config = LoadValid("""
            global:
              execution: { max_order_notional: 0.1 }
              risk:
                liq_distance_threshold: 1e-3
                protective_stop: { dist_to_liq: 0.0123456789012345678901234567 }
            """);

        Assert.Equal(0.1m, config.Global.Execution.MaxOrderNotional);
        Assert.Equal(0.001m, config.Global.Risk.LiqDistanceThreshold);
        Assert.Equal(0.0123456789012345678901234567m, config.Global.Risk.ProtectiveStop.DistToLiq);
        // 0.1 via double would be 0.1000000000000000055511151231257827…; the decimal is exactly 1/10.
        Assert.Equal(1m, config.Global.Execution.MaxOrderNotional * 10m);
    }

    [Fact]
    public void Decimal_commas_are_not_accepted()
    {
        var error = Assert.Single(LoadInvalid("global:\n  execution:\n    max_order_notional: 1,5\n"));

        Assert.Equal("global.execution.max_order_notional", error.Path);
    }

    [Fact]
    public void A_null_value_inherits_and_an_empty_list_disables()
    {
        var config = LoadValid("""
            global:
              execution: { order_ttl_ms: 4000 }
              roi: { tiers: [ { roi: 0.1, mult: 2 } ] }
            symbols:
              BTCUSDT:
                execution: { order_ttl_ms: ~ }
                roi: { tiers: null }
              ETHUSDT:
                roi: { tiers: [] }
            """);

        Assert.Equal(4000, config.For("BTCUSDT").Execution.OrderTtlMs);
        Assert.Single(config.For("BTCUSDT").Roi.Tiers);
        Assert.Empty(config.For("ETHUSDT").Roi.Tiers);
        var btc = config.DescribeSymbol("BTCUSDT").ToDictionary(v => v.Path);
        Assert.Equal(ValueSource.Global, btc["execution.order_ttl_ms"].Source);
        Assert.Equal(ValueSource.Symbol, config.DescribeSymbol("ETHUSDT").Single(v => v.Path == "roi.tiers").Source);
    }

    [Fact]
    public void Provenance_of_global_values_is_global_only_when_written()
    {
        var config = LoadValid("global:\n  testnet: false\n  execution:\n    order_ttl_ms: 800\n");

        var view = config.DescribeGlobal().ToDictionary(v => v.Path);
        Assert.Equal(ValueSource.Global, view["testnet"].Source);
        Assert.Equal(ValueSource.Global, view["execution.order_ttl_ms"].Source);
        Assert.Equal(ValueSource.Default, view["execution.max_mult"].Source);
    }

    [Theory]
    [InlineData("global: {\n", "YAML syntax error")]
    [InlineData("global:\n  testnet: true\n  testnet: false\n", "YAML syntax error")]
    [InlineData("global: {}\n---\nglobal: {}\n", "only one YAML document is allowed")]
    public void Broken_yaml_is_one_positioned_error(string yaml, string message)
    {
        var error = Assert.Single(LoadInvalid(yaml));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.True(error.HasPosition);
        Assert.StartsWith("<file> (", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Urls_are_checked()
    {
        var errors = LoadInvalid("""
            global:
              proxy: proxy.local:8080
              endpoints: { rest: "ftp://x", ws: "https://fstream.binance.com" }
              telegram: { api_base: "localhost" }
            """);

        Assert.Equal(["global.proxy", "global.endpoints.rest", "global.endpoints.ws", "global.telegram.api_base"], errors.Select(e => e.Path));
        var ok = LoadValid("global:\n  proxy: socks5://127.0.0.1:1080\n  endpoints: { rest: http://127.0.0.1:8080, ws: ws://127.0.0.1:8080 }\n");
        Assert.Equal("socks5://127.0.0.1:1080", ok.Global.Proxy);
    }

    [Fact]
    public void A_missing_file_is_reported_as_missing()
    {
        var result = ConfigLoader.LoadFile(Path.Combine(Path.GetTempPath(), "vq-no-such-config-" + Guid.NewGuid().ToString("N") + ".yaml"));

        Assert.True(result.FileMissing);
        Assert.False(result.IsValid);
    }
}
