using System.Globalization;

namespace Vq.Sim.Matching;

public sealed partial class MatchingEngine
{
    /// <summary>Result of a placement: the state for an ACK response and the final state for RESULT.</summary>
    public sealed record Placement(SimOrder Ack, SimOrder Final);

    /// <summary>POST /fapi/v1/order: validate in Binance's order, then accept, match and rest (BINANCE.md §3.6, §4).</summary>
    public Outcome<Placement> Place(OrderRequest request)
    {
        var error = ValidatePlace(request, out var order);
        if (error is { } e)
        {
            Reject("POST /fapi/v1/order", e);
            return Outcome.Fail<Placement>(e);
        }

        var accepted = order!;
        _ordersById.Add(accepted.OrderId, accepted);
        _allOrders.Add(accepted);
        var ack = accepted.Snapshot();
        EmitOrder(accepted, ExecType.New);
        Execute(accepted);
        return Outcome.Success<Placement>(new Placement(ack, accepted.Snapshot()));
    }

    private SimError? ValidatePlace(OrderRequest r, out SimOrder? order)
    {
        order = null;
        if (string.IsNullOrEmpty(r.Symbol))
        {
            return Errors.Mandatory("symbol");
        }

        if (string.IsNullOrEmpty(r.Side))
        {
            return Errors.Mandatory("side");
        }

        if (string.IsNullOrEmpty(r.Type))
        {
            return Errors.Mandatory("type");
        }

        var instrument = FindInstrument(r.Symbol);
        if (instrument is null)
        {
            return Errors.InvalidSymbol;
        }

        var book = _books[instrument.Symbol];
        OrderKind kind;
        switch (r.Type)
        {
            case "LIMIT":
                kind = OrderKind.Limit;
                break;
            case "MARKET":
                kind = OrderKind.Market;
                break;
            case "STOP" or "STOP_MARKET" or "TAKE_PROFIT" or "TAKE_PROFIT_MARKET" or "TRAILING_STOP_MARKET":
                return Errors.UseAlgoApi;
            default:
                return Errors.InvalidOrderType;
        }

        if (OrderRules.ParseSide(r.Side, out var side) is { } sideError)
        {
            return sideError;
        }

        // BINANCE.md §4.1: any reduceOnly in hedge mode, even "false", is -1106.
        if (r.ReduceOnly is not null && Account.HedgeMode)
        {
            return Errors.NotRequired("reduceonly");
        }

        if (OrderRules.ParsePositionSide(r.PositionSide, Account.HedgeMode, out var positionSide) is { } psError)
        {
            return psError;
        }

        if (r.NewClientOrderId is not null && !OrderRules.IsValidClientId(r.NewClientOrderId))
        {
            return Errors.ClientIdInvalid;
        }

        if (OrderRules.ParseDecimal(r.Quantity, "quantity", out var qty) is { } qtyParse)
        {
            return qtyParse;
        }

        var price = 0m;
        var tif = TimeInForce.Gtc;
        if (kind == OrderKind.Limit)
        {
            if (r.PriceMatch is not null)
            {
                return Errors.NotRequired("priceMatch");
            }

            if (OrderRules.ParseDecimal(r.Price, "price", out price) is { } priceParse)
            {
                return priceParse;
            }

            if (string.IsNullOrEmpty(r.TimeInForce))
            {
                return Errors.Mandatory("timeInForce");
            }

            tif = r.TimeInForce switch
            {
                "GTC" => TimeInForce.Gtc,
                "IOC" => TimeInForce.Ioc,
                "FOK" => TimeInForce.Fok,
                "GTX" => TimeInForce.Gtx,
                _ => (TimeInForce)(-1),
            };
            if ((int)tif < 0)
            {
                return Errors.InvalidTimeInForce;
            }

            if (OrderRules.CheckPrice(instrument, price) is { } priceError)
            {
                return priceError;
            }
        }
        else if (r.Price is not null)
        {
            return Errors.NotRequired("price");
        }

        if (OrderRules.CheckQuantity(instrument, qty, kind == OrderKind.Market) is { } qtyError)
        {
            return qtyError;
        }

        if (kind == OrderKind.Limit && OrderRules.CheckPercentPrice(book, side, price) is { } percentError)
        {
            return percentError;
        }

        if (kind == OrderKind.Market && book.HasQuote && book.Mark > 0m)
        {
            var best = side == Side.Buy ? book.Ask : book.Bid;
            var outOfBand = side == Side.Buy ? best > book.Mark * instrument.MultiplierUp : best < book.Mark * instrument.MultiplierDown;
            if (outOfBand)
            {
                return Errors.MarketPercentPrice;
            }
        }

        var closing = IsClosing(side, positionSide);
        var notionalPrice = kind == OrderKind.Limit ? price : book.Mark;
        if (!closing && instrument.MinNotional > 0m && notionalPrice > 0m && notionalPrice * qty < instrument.MinNotional)
        {
            return Errors.MinNotional(DecimalText.Plain(instrument.MinNotional));
        }

        if (CountOpenOrders(instrument.Symbol) >= instrument.MaxOpenOrders)
        {
            return Errors.MaxOpenOrders;
        }

        if (r.NewClientOrderId is not null && HasOpenClientId(r.NewClientOrderId))
        {
            return Errors.ClientIdDuplicated;
        }

        if (closing && qty > CloseableQty(instrument.Symbol, positionSide, null))
        {
            return Errors.ReduceOnlyRejected;
        }

        if (kind == OrderKind.Limit && book.HasQuote)
        {
            var crosses = side == Side.Buy ? price >= book.Ask : price <= book.Bid;
            if (tif == TimeInForce.Gtx && crosses)
            {
                return Errors.PostOnlyRejected;
            }

            if (tif == TimeInForce.Fok && AvailableWithin(book, side, price) < qty)
            {
                return Errors.FokRejected;
            }
        }

        var now = Clock.NowMs;
        var orderId = NextOrderId();
        order = new SimOrder
        {
            OrderId = orderId,
            ClientOrderId = r.NewClientOrderId ?? GeneratedClientId(orderId),
            Instrument = instrument,
            Side = side,
            PositionSide = positionSide,
            Kind = kind,
            TimeInForce = tif,
            Price = price,
            OrigQty = qty,
            State = OrderState.New,
            IsClose = closing,
            Time = now,
            UpdateTime = now,
        };
        return null;
    }

    /// <summary>22 characters like Binance's generated ids, but derived from the order id so runs stay deterministic.</summary>
    private static string GeneratedClientId(long orderId) =>
        "sim" + orderId.ToString("D19", CultureInfo.InvariantCulture);

    private int CountOpenOrders(string symbol)
    {
        var count = 0;
        foreach (var order in _openOrders)
        {
            if (order.Symbol == symbol)
            {
                count++;
            }
        }

        return count;
    }

    private bool HasOpenClientId(string clientOrderId)
    {
        foreach (var order in _openOrders)
        {
            if (order.ClientOrderId == clientOrderId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// -2022 accounting (BINANCE.md §4.1 suggestion): what may still be closed on a leg is its amount minus the
    /// remaining quantity of the other open close orders on that leg.
    /// </summary>
    public decimal CloseableQty(string symbol, LegSide positionSide, SimOrder? except)
    {
        var leg = Account.FindLeg(symbol, positionSide);
        var closeable = leg?.Amount ?? 0m;
        foreach (var order in _openOrders)
        {
            if (order != except && order.IsClose && order.Symbol == symbol && order.PositionSide == positionSide)
            {
                closeable -= order.Remaining;
            }
        }

        return closeable;
    }
}
