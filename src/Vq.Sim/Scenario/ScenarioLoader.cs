using Vq.Sim.Faults;
using Vq.Sim.Market;
using Vq.Sim.Matching;
using Vq.Sim.Wire;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vq.Sim.Scenario;

/// <summary>
/// Reads a scenario YAML file (docs/sim.md "Scenario files") into <see cref="SimOptions"/>. Every key is optional;
/// unknown keys and bad values fail with a message naming the path. Credentials then come from the environment when
/// BINANCE_API_KEY / BINANCE_API_SECRET are set.
/// </summary>
public static class ScenarioLoader
{
    public static SimOptions LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException($"scenario file not found: {path}");
        }

        var baseDirectory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        return Parse(File.ReadAllText(path), baseDirectory);
    }

    public static SimOptions Parse(string yaml, string baseDirectory)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ScenarioException($"invalid YAML at line {ex.Start.Line}: {ex.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            return new SimOptions().WithEnvironmentCredentials();
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode rootNode)
        {
            throw new ScenarioException("the scenario must be a mapping at the top level");
        }

        var root = new YamlMap(rootNode, "");
        var defaults = new SimOptions();
        var options = defaults with
        {
            Name = root.String("name") ?? defaults.Name,
            Seed = root.Int("seed") ?? defaults.Seed,
            Speed = root.Double("speed", 0.001) ?? defaults.Speed,
            ListenKeyValidityMs = root.Long("listen_key_validity_ms", 1) ?? defaults.ListenKeyValidityMs,
            PingIntervalMs = root.Long("ping_interval_ms", 100) ?? defaults.PingIntervalMs,
            MaxIncomingMessagesPerSecond = root.Int("max_incoming_messages_per_second", 1) ?? defaults.MaxIncomingMessagesPerSecond,
        };

        if (root.Map("credentials") is { } credentials)
        {
            options = options with
            {
                ApiKey = credentials.String("api_key") ?? options.ApiKey,
                ApiSecret = credentials.String("api_secret") ?? options.ApiSecret,
            };
            credentials.RejectUnknown();
        }

        if (root.Map("account") is { } account)
        {
            options = options with
            {
                WalletBalance = account.Decimal("wallet_balance", 0m) ?? options.WalletBalance,
                HedgeMode = account.Bool("hedge_mode") ?? options.HedgeMode,
                MakerFeeRate = account.Decimal("maker_fee") ?? options.MakerFeeRate,
                TakerFeeRate = account.Decimal("taker_fee") ?? options.TakerFeeRate,
                DefaultLeverage = account.Int("default_leverage", 1) ?? options.DefaultLeverage,
            };
            account.RejectUnknown();
        }

        if (root.Map("market") is { } market)
        {
            var driver = market.String("driver") ?? "synthetic";
            var file = market.String("replay_file");
            if (driver is not ("synthetic" or "replay"))
            {
                throw new ScenarioException($"market.driver: expected synthetic or replay, got '{driver}'");
            }

            if (driver == "replay")
            {
                if (string.IsNullOrEmpty(file))
                {
                    throw new ScenarioException("market.replay_file: required when market.driver is replay");
                }

                var full = System.IO.Path.IsPathRooted(file) ? file : System.IO.Path.Combine(baseDirectory, file);
                if (!File.Exists(full))
                {
                    throw new ScenarioException($"market.replay_file: not found: {full}");
                }

                options = options with { ReplayPath = full };
            }

            options = options with { ReplayLoop = market.Bool("replay_loop") ?? options.ReplayLoop };
            market.RejectUnknown();
        }

        if (root.Map("symbols") is { } symbols)
        {
            var list = new List<SymbolOptions>();
            foreach (var symbol in symbols.Keys)
            {
                // `BTCUSDT:` with nothing under it means "all defaults".
                var map = symbols.Node(symbol) is YamlScalarNode { Value: null or "" }
                    ? new YamlMap(new YamlMappingNode(), "symbols." + symbol)
                    : symbols.Map(symbol)!;
                list.Add(ReadSymbol(symbol, map));
            }

            symbols.RejectUnknown();
            if (list.Count == 0)
            {
                throw new ScenarioException("symbols: at least one symbol is required");
            }

            options = options with { Symbols = list };
        }

        options = options with
        {
            Positions = ReadPositions(root, options),
            Limits = ReadLimits(root.Map("limits")),
            Faults = ReadFaults(root.Map("faults")),
        };
        root.RejectUnknown();
        return options.WithEnvironmentCredentials();
    }

    private static SymbolOptions ReadSymbol(string symbol, YamlMap map)
    {
        if (symbol.Length is 0 or > 20 || !symbol.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            throw new ScenarioException($"{map.Path}: symbol names are upper-case letters and digits (e.g. BTCUSDT)");
        }

        var baseInstrument = symbol switch
        {
            "BTCUSDT" => Instrument.BtcUsdt,
            "ETHUSDT" => Instrument.EthUsdt,
            _ => new Instrument { Symbol = symbol, BaseAsset = symbol.EndsWith("USDT", StringComparison.Ordinal) ? symbol[..^4] : symbol },
        };
        var tick = map.Decimal("tick_size", 0.00000001m) ?? baseInstrument.TickSize;
        var step = map.Decimal("step_size", 0.00000001m) ?? baseInstrument.StepSize;
        var instrument = baseInstrument with
        {
            TickSize = tick,
            StepSize = step,
            MinPrice = map.Decimal("min_price", 0m) ?? (tick == baseInstrument.TickSize ? baseInstrument.MinPrice : tick),
            MaxPrice = map.Decimal("max_price", 0m) ?? baseInstrument.MaxPrice,
            MinQty = map.Decimal("min_qty", 0m) ?? (step == baseInstrument.StepSize ? baseInstrument.MinQty : step),
            MaxQty = map.Decimal("max_qty", 0m) ?? baseInstrument.MaxQty,
            MarketMaxQty = map.Decimal("market_max_qty", 0m) ?? baseInstrument.MarketMaxQty,
            MinNotional = map.Decimal("min_notional", 0m) ?? baseInstrument.MinNotional,
            MultiplierUp = map.Decimal("multiplier_up", 1m) ?? baseInstrument.MultiplierUp,
            MultiplierDown = map.Decimal("multiplier_down", 0m) ?? baseInstrument.MultiplierDown,
            MaintMarginRate = map.Decimal("maint_margin_rate", 0m) ?? baseInstrument.MaintMarginRate,
            MaxLeverage = map.Int("max_leverage", 1) ?? baseInstrument.MaxLeverage,
            PricePrecision = map.Int("price_precision", 0) ?? (tick == baseInstrument.TickSize ? baseInstrument.PricePrecision : DecimalText.SignificantScale(tick)),
            QuantityPrecision = map.Int("quantity_precision", 0) ?? (step == baseInstrument.StepSize ? baseInstrument.QuantityPrecision : DecimalText.SignificantScale(step)),
        };

        var defaults = SyntheticDefaults.For(symbol);
        var regimes = new List<Regime>();
        if (map.Sequence("regimes") is { } sequence)
        {
            var index = 0;
            foreach (var item in sequence)
            {
                if (item is not YamlMappingNode node)
                {
                    throw new ScenarioException($"{map.Path}.regimes[{index}]: expected a mapping");
                }

                var r = new YamlMap(node, $"{map.Path}.regimes[{index++}]");
                regimes.Add(new Regime(
                    r.Double("at_second", 0) ?? throw new ScenarioException($"{r.Path}.at_second: required"),
                    r.Double("drift_per_hour"), r.Double("volatility", 0), r.Int("spread_ticks", 1), r.Double("trades_per_second", 0),
                    r.Double("top_qty_median", 0)));
                r.RejectUnknown();
            }
        }

        var synthetic = defaults with
        {
            StartMid = map.Decimal("start_mid", 0.00000001m) ?? defaults.StartMid,
            DriftPerHour = map.Double("drift_per_hour") ?? defaults.DriftPerHour,
            VolatilityPerSqrtSecond = map.Double("volatility", 0) ?? defaults.VolatilityPerSqrtSecond,
            SpreadTicks = map.Int("spread_ticks", 1) ?? defaults.SpreadTicks,
            TopQtyMedian = map.Double("top_qty_median", 0) ?? defaults.TopQtyMedian,
            TradesPerSecond = map.Double("trades_per_second", 0) ?? defaults.TradesPerSecond,
            TradeQtyMedian = map.Double("trade_qty_median", 0) ?? defaults.TradeQtyMedian,
            TakerBuyShare = map.Double("taker_buy_share", 0) ?? defaults.TakerBuyShare,
            DepthQtyPerTick = map.Decimal("depth_qty_per_tick", 0.00000001m) ?? defaults.DepthQtyPerTick,
            Regimes = regimes,
        };
        map.RejectUnknown();
        return new SymbolOptions(instrument, synthetic);
    }

    private static List<PositionSeed> ReadPositions(YamlMap root, SimOptions options)
    {
        var seeds = new List<PositionSeed>();
        if (root.Sequence("positions") is not { } sequence)
        {
            return seeds;
        }

        var index = 0;
        foreach (var item in sequence)
        {
            if (item is not YamlMappingNode node)
            {
                throw new ScenarioException($"positions[{index}]: expected a mapping");
            }

            var p = new YamlMap(node, $"positions[{index++}]");
            var symbol = p.String("symbol") ?? throw new ScenarioException($"{p.Path}.symbol: required");
            if (!options.Symbols.Any(s => s.Instrument.Symbol == symbol))
            {
                throw new ScenarioException($"{p.Path}.symbol: '{symbol}' is not listed under symbols");
            }

            var side = p.String("side") switch
            {
                "LONG" => LegSide.Long,
                "SHORT" => LegSide.Short,
                var other => throw new ScenarioException($"{p.Path}.side: expected LONG or SHORT, got '{other}'"),
            };
            var qty = p.Decimal("qty", 0m) ?? throw new ScenarioException($"{p.Path}.qty: required");
            var entry = p.Decimal("entry", 0.00000001m) ?? throw new ScenarioException($"{p.Path}.entry: required");
            MarginMode? margin = p.String("margin_type") switch
            {
                null => null,
                "cross" => MarginMode.Cross,
                "isolated" => MarginMode.Isolated,
                var other => throw new ScenarioException($"{p.Path}.margin_type: expected cross or isolated, got '{other}'"),
            };
            seeds.Add(new PositionSeed(symbol, side, qty, entry, p.Int("leverage", 1), margin));
            p.RejectUnknown();
        }

        return seeds;
    }

    private static RateLimitSettings ReadLimits(YamlMap? map)
    {
        var d = new RateLimitSettings();
        if (map is null)
        {
            return d;
        }

        var limits = new RateLimitSettings
        {
            WeightPerMinute = map.Int("weight_per_minute", 1) ?? d.WeightPerMinute,
            OrdersPer10Seconds = map.Int("orders_per_10s", 1) ?? d.OrdersPer10Seconds,
            OrdersPerMinute = map.Int("orders_per_minute", 1) ?? d.OrdersPerMinute,
            RejectionsBeforeBan = map.Int("rejections_before_ban", 0) ?? d.RejectionsBeforeBan,
            BanMs = map.Long("ban_ms", 0) ?? d.BanMs,
        };
        map.RejectUnknown();
        return limits;
    }

    private static FaultSettings ReadFaults(YamlMap? map)
    {
        var d = new FaultSettings();
        if (map is null)
        {
            return d;
        }

        var faults = new FaultSettings
        {
            DropWebSocketsEveryMs = map.Long("drop_ws_every_ms", 0) ?? d.DropWebSocketsEveryMs,
            UserEventDelayMs = map.Int("user_event_delay_ms", 0) ?? d.UserEventDelayMs,
            DuplicateUserEventProbability = map.Double("duplicate_user_event_probability", 0) ?? d.DuplicateUserEventProbability,
            ReorderUserEventProbability = map.Double("reorder_user_event_probability", 0) ?? d.ReorderUserEventProbability,
            UnknownError503Count = map.Int("unknown_503_count", 0) ?? d.UnknownError503Count,
            UnknownError503Probability = map.Double("unknown_503_probability", 0) ?? d.UnknownError503Probability,
            TimeoutCount = map.Int("timeout_count", 0) ?? d.TimeoutCount,
            TimeoutHoldMs = map.Int("timeout_hold_ms", 0) ?? d.TimeoutHoldMs,
            Burst429Count = map.Int("burst_429_count", 0) ?? d.Burst429Count,
            ClockSkewMs = map.Long("clock_skew_ms") ?? d.ClockSkewMs,
            RestLatencyMs = map.Int("rest_latency_ms", 0) ?? d.RestLatencyMs,
            ConnectionLifetimeMs = map.Long("connection_lifetime_ms", 1) ?? d.ConnectionLifetimeMs,
        };
        map.RejectUnknown();
        return faults;
    }
}
