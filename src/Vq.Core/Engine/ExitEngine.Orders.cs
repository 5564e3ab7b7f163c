using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Engine;

public sealed partial class ExitEngine
{
    private static ReadOnlySpan<byte> StopPrefix => "vq-ps-"u8;

    /// <summary>
    /// An order event for a managed symbol: every order of the account arrives here (own, stops, external). Fills are
    /// counted by trade id exactly once (D10); the leg's order book (reduce budget) and state machine are updated.
    /// </summary>
    public void OnOrderUpdate(in OrderUpdate update, long nowMs, EngineOutput output)
    {
        var ctx = _symbols[update.Symbol];
        var leg = ctx.Leg(update.PositionSide);
        var cid = update.ClientOrderId;

        if (update.Kind.IsStopLike() || cid.StartsWith(StopPrefix))
        {
            // Protective stops and external stop/take-profit orders: the stop sync decides (P14, §4.4 trigger 4).
            Stops.OnStopOrderEvent(Engine.Stops.StopOrderEvent.From(update), nowMs, output);
            return;
        }

        var isOwn = _ids.IsOwn(cid);
        if (update.TradeId != 0 && update.LastFillQty > 0m && leg.SeenTrades.Add(update.TradeId))
        {
            OnFill(leg, update, isOwn, nowMs, output);
        }

        if (update.IsClosing)
        {
            var before = leg.Orders.ReservedQty;
            leg.Orders.Apply(update, isOwn ? OrderOwner.Own : OrderOwner.External);
            if (leg.BudgetBlockReported && leg.Orders.ReservedQty < before)
            {
                // Budget freed: the next pass may place again (LegUnblocked is emitted when it does).
                leg.BudgetBlockReported = false;
                output.Add(new EngineEvent { Kind = EngineEventKind.LegUnblocked, Symbol = leg.Symbol, Side = leg.Side, Reason = "budget_free", TimeMs = nowMs });
            }
        }

        if (isOwn)
        {
            var wasCurrent = leg.Executor.OnOrderUpdate(update, nowMs, output);
            if (!wasCurrent && !update.Status.IsTerminal() && !leg.Executor.Knows(cid) && update.Status == OrderStatus.New)
            {
                // An order of this run the leg does not track (e.g. a placement abandoned before its answer): cancel it.
                output.Add(new EngineEvent { Kind = EngineEventKind.StrayOrder, Symbol = ctx.Index, Side = leg.Side, ClientOrderId = cid, OrderId = update.OrderId, Reason = "untracked_own_order", TimeMs = nowMs });
                output.Add(new EngineCommand { Kind = CommandKind.CancelStray, Symbol = ctx.Index, Side = leg.Side, ClientOrderId = cid, OrderId = update.OrderId, Reason = "untracked_own_order" });
            }

            if (update.Status is OrderStatus.Canceled or OrderStatus.Expired)
            {
                leg.Stats.OnCancel();
            }
        }
    }

    /// <summary>
    /// A fill of this run's order recovered by REST (<c>userTrades</c>) after a user-stream outage: counted once by trade
    /// id (D10), so a stream event for the same trade, before or after, is not counted again. Only the statistics and
    /// the fill event: the position comes from the recalibration snapshot and the order's state from its own events
    /// or queries. Returns false when the trade was already counted.
    /// </summary>
    public bool OnRecoveredFill(in OrderUpdate fill, long nowMs, EngineOutput output)
    {
        var leg = _symbols[fill.Symbol].Leg(fill.PositionSide);
        if (fill.TradeId == 0 || fill.LastFillQty <= 0m || !_ids.IsOwn(fill.ClientOrderId) || !leg.SeenTrades.Add(fill.TradeId))
        {
            return false;
        }

        OnFill(leg, fill, isOwn: true, nowMs, output, "recovered");
        return true;
    }

    private static void OnFill(LegContext leg, in OrderUpdate update, bool isOwn, long nowMs, EngineOutput output, string? reason = null)
    {
        if (update.IsClosing)
        {
            leg.Position.RecordCloseFill(update.TransactionTimeMs, update.LastFillQty);
        }

        if (isOwn)
        {
            leg.Stats.OnFill(update.LastFillQty, update.LastFillPrice, update.IsMaker, update.Commission, update.RealizedPnl, nowMs);
        }

        output.Add(new EngineEvent
        {
            Kind = EngineEventKind.OrderFill,
            Symbol = leg.Symbol,
            Side = leg.Side,
            Reason = reason ?? (isOwn ? "own" : "external"),
            Mode = leg.Executor.CurrentClientOrderId == update.ClientOrderId ? leg.Executor.Mode : default,
            ClientOrderId = update.ClientOrderId,
            OrderId = update.OrderId,
            Price = update.LastFillPrice,
            Qty = update.LastFillQty,
            Value = update.CumFilledQty,
            Value2 = update.Commission,
            IsMaker = update.IsMaker,
            TradeId = update.TradeId,
            Roi = update.RealizedPnl,
            TimeMs = nowMs,
        });
    }

    /// <summary>The REST answer to a <see cref="CommandKind.PlaceOrder"/>.</summary>
    public void OnPlaceResult(int symbol, PositionSide side, in PlaceResult result, long nowMs, EngineOutput output)
    {
        var ctx = _symbols[symbol];
        var leg = ctx.Leg(side);
        leg.Executor.OnPlaceResult(result, ctx.Market.BestBid, ctx.Market.BestAsk, nowMs, output);
        if (result.Outcome == PlaceOutcome.Rejected)
        {
            leg.Stats.OnReject(result.ErrorCode);
            if (result.ErrorCode is -2022 or -4118)
            {
                // P9 fallback for races the budget could not see: inspect before placing again.
                RequestInspection(ctx, leg, "reduce_only_reject", output);
            }
        }
    }

    public void OnCancelResult(int symbol, PositionSide side, in CancelResult result, long nowMs, EngineOutput output) =>
        _symbols[symbol].Leg(side).Executor.OnCancelResult(result, nowMs, output);

    public void OnQueryResult(int symbol, PositionSide side, in QueryResult result, long nowMs, EngineOutput output) =>
        _symbols[symbol].Leg(side).Executor.OnQueryResult(result, nowMs, output);

    /// <summary>
    /// A REST open-orders snapshot of one symbol (startup, recalibration, P9 inspection), requested at exchange time
    /// <paramref name="snapshotTimeMs"/>. External orders are replaced by the snapshot (except those with newer stream
    /// events); own orders are refreshed but never dropped here (the state machine owns their lifecycle). Then every
    /// pending P9 inspection of the symbol is decided.
    /// </summary>
    public void OnOpenOrdersSnapshot(int symbol, ReadOnlySpan<OrderUpdate> openOrders, long snapshotTimeMs, long nowMs, EngineOutput output)
    {
        var ctx = _symbols[symbol];
        ApplySnapshot(ctx.Long, openOrders, snapshotTimeMs);
        ApplySnapshot(ctx.Short, openOrders, snapshotTimeMs);
        DecideInspection(ctx, ctx.Long, openOrders, nowMs, output);
        DecideInspection(ctx, ctx.Short, openOrders, nowMs, output);
    }

    /// <summary>A requested inspection failed (REST error): keep any latch and try again later (P9 step 4).</summary>
    public void OnInspectionFailed(int symbol, long nowMs)
    {
        var ctx = _symbols[symbol];
        InspectionFailed(ctx.Long, nowMs);
        InspectionFailed(ctx.Short, nowMs);
    }

    private static void InspectionFailed(LegContext leg, long nowMs)
    {
        if (!leg.InspectionPending)
        {
            return;
        }

        leg.InspectionPending = false;
        if (!leg.Block.IsLatched)
        {
            // Unknown is not free: hold the leg as if blocked until an inspection succeeds.
            var unknown = new ReduceOnlyBlockInspection(leg.Position.Size, leg.Position.Size, 0m, 0m, 0, 0m, 0, IsBlocked: true, IsDone: false);
            leg.Block.TryLatch(unknown, nowMs);
        }

        leg.Block.OnInspectionFailed(nowMs);
    }

    private void ApplySnapshot(LegContext leg, ReadOnlySpan<OrderUpdate> openOrders, long snapshotTimeMs)
    {
        leg.Orders.RemoveMissing(OrderOwner.External, snapshotTimeMs, openOrders);
        foreach (ref readonly var order in openOrders)
        {
            if (order.PositionSide != leg.Side || !order.IsClosing || order.Kind.IsStopLike() || order.ClientOrderId.StartsWith(StopPrefix))
            {
                continue;
            }

            var isOwn = _ids.IsOwn(order.ClientOrderId);
            if (!isOwn || leg.Orders.Contains(order.ClientOrderId))
            {
                leg.Orders.Apply(order, isOwn ? OrderOwner.Own : OrderOwner.External);
            }
        }
    }

    private void DecideInspection(SymbolContext ctx, LegContext leg, ReadOnlySpan<OrderUpdate> openOrders, long nowMs, EngineOutput output)
    {
        if (!leg.InspectionPending && !leg.Block.IsLatched)
        {
            return;
        }

        var resting = new RestingOrder[openOrders.Length];
        var n = 0;
        foreach (ref readonly var o in openOrders)
        {
            if (!o.Kind.IsStopLike())
            {
                resting[n++] = new RestingOrder(o.PositionSide, o.Side, o.OrigQty, o.CumFilledQty, o.ClientOrderId);
            }
        }

        var amount = leg.Side == PositionSide.Long ? leg.Position.EffectiveSize : -leg.Position.EffectiveSize;
        var inspection = ReduceOnlyBlockInspector.Inspect(leg.Side, amount, resting.AsSpan(0, n), ctx.Rules, _ids.PrefixBytes);
        leg.InspectionPending = false;
        if (leg.Block.IsLatched)
        {
            var outcome = leg.Block.OnRecheck(inspection, nowMs);
            if (outcome != BlockRecheckOutcome.StillBlocked)
            {
                output.Add(new EngineEvent
                {
                    Kind = EngineEventKind.LegUnblocked,
                    Symbol = ctx.Index,
                    Side = leg.Side,
                    Reason = outcome == BlockRecheckOutcome.PositionDone ? ReduceOnlyBlockLatch.PositionDoneCode : ReduceOnlyBlockLatch.ReleasedCode,
                    TimeMs = nowMs,
                });
            }
        }
        else if (leg.Block.TryLatch(inspection, nowMs))
        {
            output.Add(new EngineEvent
            {
                Kind = EngineEventKind.LegBlocked,
                Symbol = ctx.Index,
                Side = leg.Side,
                Reason = ReduceOnlyBlockInspector.BlockedCode,
                Qty = inspection.BlockingQty,
                Value = inspection.ExternalQty,
                Value2 = inspection.TradableQty,
                Code = inspection.OrderCount,
                TimeMs = nowMs,
            });
        }
    }
}
