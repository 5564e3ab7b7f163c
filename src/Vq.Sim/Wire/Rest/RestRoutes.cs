using Vq.Sim.Matching;
using Vq.Sim.Wire.Json;

namespace Vq.Sim.Wire.Rest;

/// <summary>The REST endpoints vq uses (BINANCE.md §3) with their weights (§5).</summary>
internal static partial class RestRoutes
{
    private static Func<RequestParams, int> Fixed(int weight) => _ => weight;

    private static int SymbolOr40(RequestParams p) => p["symbol"] is { Length: > 0 } ? 1 : 40;

    public static IReadOnlyDictionary<(string Method, string Path), RestRoute> Table { get; } = Build();

    private static Dictionary<(string, string), RestRoute> Build()
    {
        RestRoute[] routes =
        [
            new("GET", "/fapi/v1/time", Fixed(1), 0, Security.None, Time),
            new("GET", "/fapi/v1/ping", Fixed(1), 0, Security.None, (_, _, _) => RestResult.Ok(JsonBytes.Empty)),
            new("GET", "/fapi/v1/exchangeInfo", Fixed(1), 0, Security.None, ExchangeInfo),
            new("GET", "/fapi/v1/leverageBracket", Fixed(1), 0, Security.Signed, LeverageBracket),
            new("GET", "/fapi/v1/positionSide/dual", Fixed(30), 0, Security.Signed, GetDual),
            new("POST", "/fapi/v1/positionSide/dual", Fixed(1), 0, Security.Signed, PostDual),
            new("GET", "/fapi/v1/accountConfig", Fixed(5), 0, Security.Signed, AccountConfig),
            new("POST", "/fapi/v1/leverage", Fixed(1), 0, Security.Signed, PostLeverage),
            new("GET", "/fapi/v2/positionRisk", Fixed(5), 0, Security.Signed, (_, e, p) => RestResult.Ok(AccountJson.PositionRiskV2(e, p["symbol"]))),
            new("GET", "/fapi/v3/positionRisk", Fixed(5), 0, Security.Signed, (_, e, p) => RestResult.Ok(AccountJson.PositionRiskV3(e, p["symbol"]))),
            new("GET", "/fapi/v1/symbolConfig", Fixed(5), 0, Security.Signed, (_, e, p) => RestResult.Ok(AccountJson.SymbolConfig(e, p["symbol"]))),
            new("GET", "/fapi/v2/account", Fixed(5), 0, Security.Signed, (_, e, _) => RestResult.Ok(AccountJson.Account(e, v2: true))),
            new("GET", "/fapi/v3/account", Fixed(5), 0, Security.Signed, (_, e, _) => RestResult.Ok(AccountJson.Account(e, v2: false))),
            new("GET", "/fapi/v1/rateLimit/order", Fixed(1), 0, Security.Signed, OrderRateLimits),
            new("POST", "/fapi/v1/order", Fixed(0), 1, Security.Signed, PlaceOrder, PlacesOrder: true),
            new("PUT", "/fapi/v1/order", Fixed(0), 1, Security.Signed, ModifyOrder, PlacesOrder: true),
            new("DELETE", "/fapi/v1/order", Fixed(1), 0, Security.Signed, CancelOrder),
            new("GET", "/fapi/v1/order", Fixed(1), 0, Security.Signed, QueryOrder),
            new("GET", "/fapi/v1/openOrder", Fixed(1), 0, Security.Signed, QueryOpenOrder),
            new("GET", "/fapi/v1/openOrders", SymbolOr40, 0, Security.Signed, OpenOrders),
            new("DELETE", "/fapi/v1/allOpenOrders", Fixed(1), 0, Security.Signed, CancelAll),
            new("GET", "/fapi/v1/userTrades", Fixed(5), 0, Security.Signed, UserTrades),
            new("POST", "/fapi/v1/algoOrder", Fixed(0), 1, Security.Signed, PlaceAlgo, PlacesOrder: true),
            new("DELETE", "/fapi/v1/algoOrder", Fixed(1), 0, Security.Signed, CancelAlgo),
            new("GET", "/fapi/v1/algoOrder", Fixed(1), 0, Security.Signed, QueryAlgo),
            new("GET", "/fapi/v1/openAlgoOrders", SymbolOr40, 0, Security.Signed, OpenAlgos),
            new("DELETE", "/fapi/v1/algoOpenOrders", Fixed(1), 0, Security.Signed, CancelAllAlgos),
            new("POST", "/fapi/v1/listenKey", Fixed(1), 0, Security.ApiKey, CreateListenKey),
            new("PUT", "/fapi/v1/listenKey", Fixed(1), 0, Security.ApiKey, KeepAliveListenKey),
            new("DELETE", "/fapi/v1/listenKey", Fixed(1), 0, Security.ApiKey, DeleteListenKey),
        ];
        var table = new Dictionary<(string, string), RestRoute>();
        foreach (var route in routes)
        {
            table.Add((route.Method, route.Path), route);
        }

        return table;
    }

    private static RestResult Time(SimExchange exchange, MatchingEngine engine, RequestParams p) =>
        RestResult.Ok(JsonBytes.Build(engine.Clock.NowMs, static (w, now) =>
        {
            w.WriteStartObject();
            w.WriteNumber("serverTime", now);
            w.WriteEndObject();
        }));

    private static RestResult ExchangeInfo(SimExchange exchange, MatchingEngine engine, RequestParams p) =>
        RestResult.Ok(ExchangeInfoJson.Build(engine, exchange.Limiter.Settings));

    private static RestResult OrderRateLimits(SimExchange exchange, MatchingEngine engine, RequestParams p) =>
        RestResult.Ok(JsonBytes.Build(exchange.Limiter.Settings, static (w, l) =>
        {
            w.WriteStartArray();
            ExchangeInfoJson.Limit(w, "ORDERS", "SECOND", 10, l.OrdersPer10Seconds);
            ExchangeInfoJson.Limit(w, "ORDERS", "MINUTE", 1, l.OrdersPerMinute);
            w.WriteEndArray();
        }));

    private static RestResult LeverageBracket(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var symbol = p["symbol"];
        if (symbol is not null && engine.FindInstrument(symbol) is null)
        {
            return RestResult.Fail(Errors.InvalidSymbol);
        }

        // With a symbol Binance answers one object, without it an array (BINANCE.md §3.5). Numbers are JSON numbers.
        return RestResult.Ok(JsonBytes.Build((engine, symbol), static (w, s) =>
        {
            if (s.symbol is null)
            {
                w.WriteStartArray();
            }

            foreach (var i in s.engine.Instruments)
            {
                if (s.symbol is not null && i.Symbol != s.symbol)
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteString("symbol", i.Symbol);
                w.WriteNumber("notionalCoef", 1.0m);
                w.WriteStartArray("brackets");
                w.WriteStartObject();
                w.WriteNumber("bracket", 1);
                w.WriteNumber("initialLeverage", i.MaxLeverage);
                w.WriteNumber("notionalCap", 100_000_000);
                w.WriteNumber("notionalFloor", 0);
                w.WriteNumber("maintMarginRatio", i.MaintMarginRate);
                w.WriteNumber("cum", 0.0m);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            if (s.symbol is null)
            {
                w.WriteEndArray();
            }
        }));
    }

    private static RestResult GetDual(SimExchange exchange, MatchingEngine engine, RequestParams p) =>
        RestResult.Ok(JsonBytes.Build(engine.Account.HedgeMode, static (w, hedge) =>
        {
            w.WriteStartObject();
            w.WriteBoolean("dualSidePosition", hedge);
            w.WriteEndObject();
        }));

    private static RestResult AccountConfig(SimExchange exchange, MatchingEngine engine, RequestParams p) =>
        RestResult.Ok(JsonBytes.Build(engine.Account.HedgeMode, static (w, hedge) =>
        {
            w.WriteStartObject();
            w.WriteNumber("feeTier", 0);
            w.WriteBoolean("canTrade", true);
            w.WriteBoolean("canDeposit", true);
            w.WriteBoolean("canWithdraw", true);
            w.WriteBoolean("dualSidePosition", hedge);
            w.WriteNumber("updateTime", 0);
            w.WriteBoolean("multiAssetsMargin", false);
            w.WriteNumber("tradeGroupId", -1);
            w.WriteEndObject();
        }));

    private static RestResult PostDual(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var wanted = p["dualSidePosition"];
        if (wanted is not ("true" or "false"))
        {
            return RestResult.Fail(Errors.Mandatory("dualSidePosition"));
        }

        var hedge = wanted == "true";
        if (hedge == engine.Account.HedgeMode)
        {
            return RestResult.Fail(new SimError(-4059, 400, "No need to change position side."));
        }

        if (engine.OpenOrders.Count > 0)
        {
            return RestResult.Fail(new SimError(-4067, 400, "Position side cannot be changed if there exists open orders."));
        }

        foreach (var leg in engine.Account.Legs)
        {
            if (leg.Amount != 0m)
            {
                return RestResult.Fail(new SimError(-4068, 400, "Position side cannot be changed if there exists position."));
            }
        }

        engine.Account.HedgeMode = hedge;
        return RestResult.Ok(CodeMsg(200, "success"));
    }

    private static RestResult PostLeverage(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var instrument = engine.FindInstrument(p["symbol"]);
        if (instrument is null)
        {
            return RestResult.Fail(p["symbol"] is null ? Errors.Mandatory("symbol") : Errors.InvalidSymbol);
        }

        if (p.Long("leverage") is not { } leverage || leverage < 1 || leverage > instrument.MaxLeverage)
        {
            return RestResult.Fail(new SimError(-4028, 400, "Leverage is not valid"));
        }

        engine.ChangeLeverage(instrument, (int)leverage);
        return RestResult.Ok(JsonBytes.Build((instrument.Symbol, (int)leverage), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteNumber("leverage", s.Item2);
            w.WriteString("maxNotionalValue", "100000000");
            w.WriteString("symbol", s.Symbol);
            w.WriteEndObject();
        }));
    }

    public static byte[] CodeMsg(int code, string msg) => JsonBytes.Build((code, msg), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", s.code);
        w.WriteString("msg", s.msg);
        w.WriteEndObject();
    });
}
