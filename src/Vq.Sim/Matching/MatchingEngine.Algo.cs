namespace Vq.Sim.Matching;

// CONDITIONAL algo orders (BINANCE.md §3.10): STOP_MARKET and TAKE_PROFIT_MARKET, with quantity or closePosition,
// triggered by MARK_PRICE or CONTRACT_PRICE. On trigger a MARKET child order runs through the normal fill path; its
// client id is the clientAlgoId (UNCONFIRMED on Binance, inferred from nautilus#3287).
public sealed partial class MatchingEngine
{
    public Outcome<AlgoOrder> PlaceAlgo(AlgoRequest request)
    {
        var error = ValidateAlgo(request, out var algo);
        if (error is { } e)
        {
            Reject("POST /fapi/v1/algoOrder", e);
            return Outcome.Fail<AlgoOrder>(e);
        }

        var accepted = algo!;
        _algosById.Add(accepted.AlgoId, accepted);
        _allAlgos.Add(accepted);
        _openAlgos.Add(accepted);
        EmitAlgo(accepted);
        return Outcome.Success<AlgoOrder>(accepted.Snapshot());
    }

    public Outcome<AlgoOrder> CancelAlgo(long? algoId, string? clientAlgoId)
    {
        if (algoId is null && string.IsNullOrEmpty(clientAlgoId))
        {
            return Outcome.Fail<AlgoOrder>(Errors.Mandatory("algoId"));
        }

        var algo = FindAlgo(algoId, clientAlgoId);
        if (algo is not { IsOpen: true })
        {
            Reject("DELETE /fapi/v1/algoOrder", Errors.UnknownOrder);
            return Outcome.Fail<AlgoOrder>(Errors.UnknownOrder);
        }

        FinishAlgo(algo, AlgoState.Canceled);
        return Outcome.Success<AlgoOrder>(algo.Snapshot());
    }

    public Outcome<AlgoOrder> QueryAlgo(long? algoId, string? clientAlgoId)
    {
        if (algoId is null && string.IsNullOrEmpty(clientAlgoId))
        {
            return Outcome.Fail<AlgoOrder>(Errors.Mandatory("algoId"));
        }

        var algo = FindAlgo(algoId, clientAlgoId);
        return algo is null ? Outcome.Fail<AlgoOrder>(Errors.OrderMissing) : Outcome.Success<AlgoOrder>(algo.Snapshot());
    }

    private SimError? ValidateAlgo(AlgoRequest r, out AlgoOrder? algo)
    {
        algo = null;
        if (string.IsNullOrEmpty(r.AlgoType) || r.AlgoType != "CONDITIONAL")
        {
            return Errors.Mandatory("algoType");
        }

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

        AlgoKind kind;
        switch (r.Type)
        {
            case "STOP_MARKET":
                kind = AlgoKind.StopMarket;
                break;
            case "TAKE_PROFIT_MARKET":
                kind = AlgoKind.TakeProfitMarket;
                break;
            default:
                // STOP, TAKE_PROFIT and TRAILING_STOP_MARKET exist on Binance but are not simulated.
                return Errors.InvalidOrderType;
        }

        if (OrderRules.ParseSide(r.Side, out var side) is { } sideError)
        {
            return sideError;
        }

        var closePosition = r.ClosePosition == "true";
        if (r.ReduceOnly is not null && Account.HedgeMode)
        {
            return Errors.NotRequired("reduceonly");
        }

        if (closePosition && r.ReduceOnly is not null)
        {
            return Errors.ClosePositionWithReduceOnly;
        }

        if (OrderRules.ParsePositionSide(r.PositionSide, Account.HedgeMode, out var positionSide) is { } psError)
        {
            return psError;
        }

        if (closePosition && !string.IsNullOrEmpty(r.Quantity))
        {
            return Errors.ClosePositionWithQty;
        }

        if (r.ClientAlgoId is not null && !OrderRules.IsValidClientId(r.ClientAlgoId))
        {
            return Errors.ClientIdInvalid;
        }

        if (OrderRules.ParseDecimal(r.TriggerPrice, "triggerPrice", out var trigger) is { } triggerParse)
        {
            return triggerParse;
        }

        if (OrderRules.CheckPrice(instrument, trigger) is { } triggerError)
        {
            return triggerError;
        }

        var qty = 0m;
        if (!closePosition)
        {
            if (OrderRules.ParseDecimal(r.Quantity, "quantity", out qty) is { } qtyParse)
            {
                return qtyParse;
            }

            if (OrderRules.CheckQuantity(instrument, qty, isMarket: true) is { } qtyError)
            {
                return qtyError;
            }
        }

        // closePosition only closes: in hedge mode SELL+LONG or BUY+SHORT (the code for the wrong pair is UNCONFIRMED).
        if (closePosition && Account.HedgeMode && !IsClosing(side, positionSide))
        {
            return Errors.ReduceOnlyRejected;
        }

        var workingType = r.WorkingType switch
        {
            null or "" or "CONTRACT_PRICE" => WorkingType.ContractPrice,
            "MARK_PRICE" => WorkingType.MarkPrice,
            _ => (WorkingType)(-1),
        };
        if ((int)workingType < 0)
        {
            return Errors.Mandatory("workingType");
        }

        if (closePosition && HasOpenClosePosition(instrument.Symbol, positionSide, kind))
        {
            return Errors.ClosePositionExists;
        }

        if (r.ClientAlgoId is not null && HasOpenClientAlgoId(r.ClientAlgoId))
        {
            return Errors.ClientIdDuplicated;
        }

        var now = Clock.NowMs;
        var algoId = NextAlgoId();
        var candidate = new AlgoOrder
        {
            AlgoId = algoId,
            ClientAlgoId = r.ClientAlgoId ?? "simalgo" + algoId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Instrument = instrument,
            Kind = kind,
            Side = side,
            PositionSide = positionSide,
            Quantity = qty,
            TriggerPrice = trigger,
            WorkingType = workingType,
            ClosePosition = closePosition,
            PriceProtect = r.PriceProtect == "true",
            State = AlgoState.New,
            CreateTime = now,
            UpdateTime = now,
        };

        var current = _books[instrument.Symbol].PriceFor(workingType);
        if (current > 0m && candidate.ShouldTrigger(current))
        {
            return Errors.WouldTrigger;
        }

        algo = candidate;
        return null;
    }

    private bool HasOpenClosePosition(string symbol, LegSide side, AlgoKind kind)
    {
        foreach (var algo in _openAlgos)
        {
            if (algo.ClosePosition && algo.Symbol == symbol && algo.PositionSide == side && algo.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    private bool HasOpenClientAlgoId(string clientAlgoId)
    {
        foreach (var algo in _openAlgos)
        {
            if (algo.ClientAlgoId == clientAlgoId)
            {
                return true;
            }
        }

        return false;
    }

    private readonly List<AlgoOrder> _algoScratch = [];

    private void CheckAlgoTriggers(BookState book)
    {
        _algoScratch.Clear();
        foreach (var algo in _openAlgos)
        {
            if (algo.Symbol == book.Symbol)
            {
                var price = book.PriceFor(algo.WorkingType);
                if (price > 0m && algo.ShouldTrigger(price))
                {
                    _algoScratch.Add(algo);
                }
            }
        }

        foreach (var algo in _algoScratch)
        {
            Trigger(algo, book);
        }
    }

    private void Trigger(AlgoOrder algo, BookState book)
    {
        _openAlgos.Remove(algo);
        var now = Clock.NowMs;
        algo.TriggerTime = now;
        var leg = Account.FindLeg(algo.Symbol, algo.PositionSide == LegSide.Both ? (algo.Side == Side.Buy ? LegSide.Long : LegSide.Short) : algo.PositionSide);
        var closing = IsClosing(algo.Side, algo.PositionSide);
        var qty = algo.ClosePosition ? leg?.Amount ?? 0m : algo.Quantity;
        if (closing)
        {
            qty = Math.Min(qty, leg?.Amount ?? 0m);
        }

        if (qty <= 0m || !book.HasQuote)
        {
            // Nothing left to close (e.g. the position was already flat): the system expires the order.
            FinishAlgo(algo, AlgoState.Expired);
            return;
        }

        var orderId = NextOrderId();
        var child = new SimOrder
        {
            OrderId = orderId, ClientOrderId = algo.ClientAlgoId, Instrument = algo.Instrument, Side = algo.Side,
            PositionSide = algo.PositionSide, Kind = OrderKind.Market, TimeInForce = TimeInForce.Gtc, OrigQty = qty,
            State = OrderState.New, IsClose = closing, Time = now, UpdateTime = now, ParentAlgo = algo.Snapshot(),
        };
        algo.ChildOrderId = orderId;
        algo.State = AlgoState.Triggered;
        algo.UpdateTime = now;
        EmitAlgo(algo);

        _ordersById.Add(orderId, child);
        _allOrders.Add(child);
        EmitOrder(child, ExecType.New);
        Execute(child);
        algo.ChildAvgPrice = child.AvgPrice;
        algo.ChildExecutedQty = child.ExecutedQty;
        FinishAlgo(algo, AlgoState.Finished);
    }

    private void FinishAlgo(AlgoOrder algo, AlgoState state)
    {
        algo.State = state;
        algo.UpdateTime = Clock.NowMs;
        _openAlgos.Remove(algo);
        EmitAlgo(algo);
    }

    private void EmitAlgo(AlgoOrder algo)
    {
        var now = Clock.NowMs;
        _outbox.Add(new AlgoUpdate { EventTime = now, TransactionTime = now, Algo = algo.Snapshot() });
    }
}
