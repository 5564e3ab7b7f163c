using Vq.Sim.Matching;
using Vq.Sim.Wire.Json;

namespace Vq.Sim.Wire.Rest;

internal static partial class RestRoutes
{
    private static RestResult PlaceOrder(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var request = new OrderRequest
        {
            Symbol = p["symbol"], Side = p["side"], PositionSide = p["positionSide"], Type = p["type"],
            TimeInForce = p["timeInForce"], Quantity = p["quantity"], Price = p["price"], ReduceOnly = p["reduceOnly"],
            ClosePosition = p["closePosition"], NewClientOrderId = p["newClientOrderId"], NewOrderRespType = p["newOrderRespType"],
            PriceMatch = p["priceMatch"], StopPrice = p["stopPrice"],
        };
        var result = engine.Place(request);
        var wantResult = request.NewOrderRespType == "RESULT";
        return RestResult.From(result, placement => OrderJson.One(wantResult ? placement.Final : placement.Ack, withTime: false));
    }

    private static RestResult ModifyOrder(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var request = new ModifyRequest
        {
            Symbol = p["symbol"], OrderId = p["orderId"], OrigClientOrderId = p["origClientOrderId"], Side = p["side"],
            Quantity = p["quantity"], Price = p["price"],
        };
        return RestResult.From(engine.Modify(request), order => OrderJson.One(order, withTime: false));
    }

    private static RestResult CancelOrder(SimExchange exchange, MatchingEngine engine, RequestParams p) =>
        RestResult.From(engine.Cancel(p["symbol"], p.Long("orderId"), p["origClientOrderId"]), o => OrderJson.One(o, withTime: false));

    private static RestResult QueryOrder(SimExchange exchange, MatchingEngine engine, RequestParams p) =>
        RestResult.From(engine.Query(p["symbol"], p.Long("orderId"), p["origClientOrderId"]), o => OrderJson.One(o, withTime: true));

    private static RestResult QueryOpenOrder(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var outcome = engine.Query(p["symbol"], p.Long("orderId"), p["origClientOrderId"]);
        return outcome.Value is { IsOpen: false } ? RestResult.Fail(Errors.OrderMissing) : RestResult.From(outcome, o => OrderJson.One(o, withTime: true));
    }

    private static RestResult OpenOrders(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var symbol = p["symbol"];
        if (symbol is not null && engine.FindInstrument(symbol) is null)
        {
            return RestResult.Fail(Errors.InvalidSymbol);
        }

        var list = new List<SimOrder>();
        foreach (var order in engine.OpenOrders)
        {
            if (symbol is null || order.Symbol == symbol)
            {
                list.Add(order);
            }
        }

        return RestResult.Ok(OrderJson.Many(list));
    }

    private static RestResult CancelAll(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var symbol = p["symbol"];
        if (string.IsNullOrEmpty(symbol))
        {
            return RestResult.Fail(Errors.Mandatory("symbol"));
        }

        if (engine.FindInstrument(symbol) is null)
        {
            return RestResult.Fail(Errors.InvalidSymbol);
        }

        var open = new List<SimOrder>();
        foreach (var order in engine.OpenOrders)
        {
            if (order.Symbol == symbol)
            {
                open.Add(order);
            }
        }

        foreach (var order in open)
        {
            engine.Cancel(symbol, order.OrderId, null);
        }

        return RestResult.Ok(CodeMsg(200, "The operation of cancel all open order is done."));
    }

    private static RestResult UserTrades(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var symbol = p["symbol"];
        if (string.IsNullOrEmpty(symbol))
        {
            return RestResult.Fail(Errors.Mandatory("symbol"));
        }

        // Binance: limit 1..1000 (default 500), oldest first from startTime; without a window, the latest trades.
        var limit = (int)Math.Clamp(p.Long("limit") ?? 500, 1, 1000);
        return engine.FindInstrument(symbol) is null
            ? RestResult.Fail(Errors.InvalidSymbol)
            : RestResult.Ok(AccountJson.UserTrades(engine, symbol, p.Long("orderId"), p.Long("startTime"), p.Long("endTime"), limit));
    }

    private static RestResult PlaceAlgo(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var request = new AlgoRequest
        {
            AlgoType = p["algoType"], Symbol = p["symbol"], Side = p["side"], PositionSide = p["positionSide"], Type = p["type"],
            Quantity = p["quantity"], TriggerPrice = p["triggerPrice"], WorkingType = p["workingType"],
            ClosePosition = p["closePosition"], ReduceOnly = p["reduceOnly"], PriceProtect = p["priceProtect"],
            ClientAlgoId = p["clientAlgoId"], TimeInForce = p["timeInForce"],
        };
        return RestResult.From(engine.PlaceAlgo(request), a => AlgoJson.One(a, withActual: false));
    }

    private static RestResult CancelAlgo(SimExchange exchange, MatchingEngine engine, RequestParams p) =>
        RestResult.From(engine.CancelAlgo(p.Long("algoId"), p["clientAlgoId"]), AlgoJson.Canceled);

    private static RestResult QueryAlgo(SimExchange exchange, MatchingEngine engine, RequestParams p) =>
        RestResult.From(engine.QueryAlgo(p.Long("algoId"), p["clientAlgoId"]), a => AlgoJson.One(a, withActual: true));

    private static RestResult OpenAlgos(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var symbol = p["symbol"];
        var list = new List<AlgoOrder>();
        foreach (var algo in engine.OpenAlgoOrders)
        {
            if (symbol is null || algo.Symbol == symbol)
            {
                list.Add(algo);
            }
        }

        return RestResult.Ok(AlgoJson.Many(list));
    }

    private static RestResult CancelAllAlgos(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var symbol = p["symbol"];
        if (string.IsNullOrEmpty(symbol))
        {
            return RestResult.Fail(Errors.Mandatory("symbol"));
        }

        var open = new List<AlgoOrder>();
        foreach (var algo in engine.OpenAlgoOrders)
        {
            if (algo.Symbol == symbol)
            {
                open.Add(algo);
            }
        }

        foreach (var algo in open)
        {
            engine.CancelAlgo(algo.AlgoId, null);
        }

        return RestResult.Ok(CodeMsg(200, "The operation of cancel all open order is done."));
    }

    private static RestResult CreateListenKey(SimExchange exchange, MatchingEngine engine, RequestParams p) =>
        RestResult.Ok(ListenKeyBody(exchange.ListenKeys.CreateOrExtend(engine.Clock.NowMs)));

    private static RestResult KeepAliveListenKey(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        var error = exchange.ListenKeys.KeepAlive(p["listenKey"], engine.Clock.NowMs);
        return error is { } e ? RestResult.Fail(e) : RestResult.Ok(ListenKeyBody(exchange.ListenKeys.ActiveKey!));
    }

    private static RestResult DeleteListenKey(SimExchange exchange, MatchingEngine engine, RequestParams p)
    {
        if (exchange.ListenKeys.ActiveKey is { } key)
        {
            exchange.Hub.CloseListening(key);
            exchange.Hub.ForgetListenKey(key);
        }

        exchange.ListenKeys.Delete();
        return RestResult.Ok(JsonBytes.Empty);
    }

    private static byte[] ListenKeyBody(string key) => JsonBytes.Build(key, static (w, k) =>
    {
        w.WriteStartObject();
        w.WriteString("listenKey", k);
        w.WriteEndObject();
    });
}
