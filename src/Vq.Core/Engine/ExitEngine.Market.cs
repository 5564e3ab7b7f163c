using Vq.Core.Execution;
using Vq.Core.Market;
using Vq.Core.Primitives;
using Vq.Core.Risk;
using Vq.Core.Signals;

namespace Vq.Core.Engine;

public sealed partial class ExitEngine
{
    /// <summary>How long a repeated identical signal stays out of the log (§2.8, [LATER 548b227]).</summary>
    private const int SignalLogHeartbeatMs = 5000;

    /// <summary>bookTicker: update the book, then evaluate both legs at once (tick-to-order is the hot path).</summary>
    public void OnBookTick(in BookTick tick, EngineOutput output)
    {
        var ctx = _symbols[tick.Symbol];
        var rejected = ctx.Market.Apply(tick);
        if (rejected != MarketRejectReason.None)
        {
            output.Add(new EngineEvent { Kind = EngineEventKind.MarketReject, Symbol = tick.Symbol, Reason = "bid_ge_ask", Price = tick.Bid, Value = tick.Ask, TimeMs = tick.ReceivedAtMs });
            return;
        }

        EvaluateLeg(ctx, ctx.Long, tick.ReceivedAtMs, output);
        EvaluateLeg(ctx, ctx.Short, tick.ReceivedAtMs, output);
    }

    public void OnTrade(in TradeTick tick, EngineOutput output)
    {
        var ctx = _symbols[tick.Symbol];
        if (ctx.Market.Apply(tick, ctx.Settings.Accel.WindowMs) != MarketRejectReason.None)
        {
            return;
        }

        EvaluateLeg(ctx, ctx.Long, tick.ReceivedAtMs, output);
        EvaluateLeg(ctx, ctx.Short, tick.ReceivedAtMs, output);
    }

    /// <summary>Mark price: feeds risk (distance to liquidation, ROI); never freshness (§2.2).</summary>
    public void OnMark(in MarkTick tick, EngineOutput output)
    {
        var ctx = _symbols[tick.Symbol];
        if (ctx.Market.Apply(tick) != MarketRejectReason.None)
        {
            output.Add(new EngineEvent { Kind = EngineEventKind.MarketReject, Symbol = tick.Symbol, Reason = "mark_not_positive", Price = tick.MarkPrice, TimeMs = tick.ReceivedAtMs });
        }
    }

    /// <summary>
    /// One pass of a leg's side loop (§3.3 with the fixes): position → freshness → book → panic → soft risk → block
    /// latch → cooldown → signal → slice.
    /// </summary>
    private void EvaluateLeg(SymbolContext ctx, LegContext leg, long nowMs, EngineOutput output)
    {
        if (Paused || leg.Gate == ExitGate.Off)
        {
            return;
        }

        var executor = leg.Executor;
        var rules = ctx.Rules;
        if (leg.Position.Size <= 0m)
        {
            executor.CheckCooldown(nowMs, output);
            return;
        }

        var market = ctx.Market;
        if (market.IsStale(nowMs, _global.Ws.StaleDataMs) || market.BestBid <= 0m || market.BestAsk <= 0m)
        {
            // Stale data skips everything, panic included: the exchange-side protective stop guards meanwhile.
            return;
        }

        if (rules.IsDone(leg.Position.EffectiveSize) && leg.Orders.Count == 0)
        {
            ReportDone(leg, nowMs, output);
            executor.CheckCooldown(nowMs, output);
            return;
        }

        leg.Stats.Start(leg.Position.Size, (market.BestBid + market.BestAsk) / 2m, nowMs);
        var risk = ctx.Settings.Risk;
        var mark = market.MarkPrice > 0m ? market.MarkPrice : (decimal?)null;
        var liq = leg.Position.LiquidationPrice > 0m ? leg.Position.LiquidationPrice : (decimal?)null;

        if (TryPanic(ctx, leg, mark, liq, nowMs, output))
        {
            return;
        }

        if (leg.Panic.TryClear(executor.State))
        {
            executor.TtlOverrideMs = null;
            executor.MakerTimeoutsOverride = null;
        }

        UpdateSoftRisk(leg, SoftRisk.Evaluate(mark, liq, risk.LiqDistanceThreshold), nowMs, output);
        executor.HoldAggression = RiskHold.BlocksDeescalation(leg.SoftRisk, leg.Panic);
        var onPace = ApplyPacing(ctx, leg, nowMs, output, out var paceMult);

        if (BlockedByInspection(ctx, leg, nowMs, output))
        {
            return;
        }

        executor.CheckCooldown(nowMs, output);
        if (!executor.IsIdle)
        {
            return;
        }

        SignalReason reason;
        int roiMult = 1, accelMult = 1;
        if (leg.Gate == ExitGate.Always)
        {
            if (!onPace)
            {
                return; // ahead of the deadline schedule: wait rather than slice
            }

            reason = SignalReason.Flatten;
        }
        else
        {
            if (!market.IsReady || leg.Throttle.IsThrottled(nowMs, ctx.Settings.Execution.MinSignalIntervalMs))
            {
                return;
            }

            reason = ExitConditions.Evaluate(leg.Side, market);
            if (reason == SignalReason.None)
            {
                return;
            }

            leg.Throttle.Stamp(nowMs);
            var ret = Multipliers.WindowReturn(market.Trades, market.LastTradePrice, nowMs, ctx.Settings.Accel.WindowMs);
            accelMult = Multipliers.AccelMult(leg.Side, ret, ctx.Settings.Accel.Tiers);
            var position = leg.Position;
            var roi = Multipliers.Roi(leg.Side, position.Size, position.EntryPrice, position.Leverage, market.MarkPrice, position.UnrealizedPnl);
            roiMult = Multipliers.RoiMult(roi, ctx.Settings.Roi.Tiers);
            LogSignal(leg, reason, roiMult, accelMult, roi, ret, market, nowMs, output);
        }

        var request = new SliceRequest
        {
            Reason = reason.Name(),
            IsRisk = false,
            Bid = market.BestBid,
            Ask = market.BestAsk,
            LastTradePrice = market.LastTradePrice,
            RoiMult = roiMult,
            AccelMult = accelMult,
            PaceMult = paceMult,
            WorstPrice = WorstPriceFor(ctx, leg),
        };
        OnSliceDecision(leg, executor.TryBeginSlice(request, nowMs, output), nowMs, output);
    }

    /// <summary>§4.3: inside a panic tier the leg sells a slice ratio whenever idle, ignoring signals and throttle.</summary>
    private static bool TryPanic(SymbolContext ctx, LegContext leg, decimal? mark, decimal? liq, long nowMs, EngineOutput output)
    {
        var panic = ctx.Settings.Risk.PanicClose;
        if (!panic.Enabled || panic.Tiers.Count == 0)
        {
            return false;
        }

        var distance = LiquidationDistance.Compute(mark, liq);
        var tier = PanicTiers.Select(panic, distance);
        if (tier is null)
        {
            return false;
        }

        var executor = leg.Executor;
        var transition = leg.Panic.Apply(tier, executor.Settings.OrderTtlMs, panic.TtlPercent);
        executor.TtlOverrideMs = leg.Panic.TtlOverrideMs;
        executor.MakerTimeoutsOverride = leg.Panic.MakerTimeoutsToEscalateOverride;
        executor.HoldAggression = true;
        if (transition != PanicTierTransition.Unchanged)
        {
            output.Add(new EngineEvent
            {
                Kind = EngineEventKind.RiskTrigger,
                Symbol = leg.Symbol,
                Side = leg.Side,
                Reason = PanicEpisode.ReasonCode,
                Mode = executor.Mode,
                Value = distance ?? 0m,
                Value2 = tier.DistToLiq,
                Price = tier.SliceRatio,
                TimeMs = nowMs,
            });
        }

        if (BlockedByInspection(ctx, leg, nowMs, output))
        {
            return true;
        }

        executor.CheckCooldown(nowMs, output);
        var market = ctx.Market;
        var request = new SliceRequest
        {
            Reason = leg.Panic.Reason ?? PanicEpisode.ReasonCode,
            IsRisk = true,
            Bid = market.BestBid,
            Ask = market.BestAsk,
            LastTradePrice = market.LastTradePrice,
            PanicSliceRatio = tier.SliceRatio,
            WorstPrice = WorstPriceFor(ctx, leg),
        };
        OnSliceDecision(leg, executor.TryBeginSlice(request, nowMs, output), nowMs, output);
        return true;
    }

    private static void UpdateSoftRisk(LegContext leg, in SoftRiskEvaluation evaluation, long nowMs, EngineOutput output)
    {
        switch (leg.SoftRisk.Update(evaluation))
        {
            case SoftRiskTransition.Entered:
                leg.Executor.SwitchMode(ExecutionMode.AggressiveLimit, "risk_trigger", nowMs, output);
                output.Add(new EngineEvent
                {
                    Kind = EngineEventKind.RiskTrigger,
                    Symbol = leg.Symbol,
                    Side = leg.Side,
                    Reason = evaluation.Reason.Code(),
                    Mode = leg.Executor.Mode,
                    Value = evaluation.Distance ?? 0m,
                    Value2 = evaluation.Threshold,
                    TimeMs = nowMs,
                });
                break;
            case SoftRiskTransition.Exited:
                output.Add(new EngineEvent
                {
                    Kind = EngineEventKind.RiskRecovered,
                    Symbol = leg.Symbol,
                    Side = leg.Side,
                    Reason = SoftRiskLatch.RecoveredCode,
                    Value = evaluation.Distance ?? 0m,
                    TimeMs = nowMs,
                });
                break;
        }
    }

    /// <summary>P9: a latched leg places nothing and asks for an inspection every 3 s.</summary>
    private static bool BlockedByInspection(SymbolContext ctx, LegContext leg, long nowMs, EngineOutput output)
    {
        if (leg.InspectionPending)
        {
            return true;
        }

        if (!leg.Block.IsLatched)
        {
            return false;
        }

        if (leg.Block.ShouldRecheck(nowMs))
        {
            RequestInspection(ctx, leg, "reduce_only_block_recheck", output);
        }

        return true;
    }

    private static void RequestInspection(SymbolContext ctx, LegContext leg, string reason, EngineOutput output)
    {
        leg.InspectionPending = true;
        output.Add(new EngineCommand { Kind = CommandKind.InspectSymbol, Symbol = ctx.Index, Side = leg.Side, Reason = reason });
    }

    private static void OnSliceDecision(LegContext leg, SliceDecision decision, long nowMs, EngineOutput output)
    {
        switch (decision)
        {
            case SliceDecision.Placed:
                leg.Stats.OnOrderSent();
                NoteCapBinding(leg, nowMs, output);
                if (leg.BudgetBlockReported)
                {
                    leg.BudgetBlockReported = false;
                    output.Add(new EngineEvent { Kind = EngineEventKind.LegUnblocked, Symbol = leg.Symbol, Side = leg.Side, Reason = "budget_free", TimeMs = nowMs });
                }

                break;
            case SliceDecision.Blocked when !leg.BudgetBlockReported:
                // D21: resting close orders already cover what is left. Say so once instead of sending a doomed order.
                leg.BudgetBlockReported = true;
                output.Add(new EngineEvent
                {
                    Kind = EngineEventKind.LegBlocked,
                    Symbol = leg.Symbol,
                    Side = leg.Side,
                    Reason = ReduceOnlyBlockInspector.BlockedCode,
                    Qty = leg.Orders.ReservedQty,
                    Value = leg.Orders.ReservedBy(Orders.OrderOwner.External),
                    Value2 = leg.Position.EffectiveSize,
                    Code = leg.Orders.Count,
                    TimeMs = nowMs,
                });
                break;
            case SliceDecision.Done:
                ReportDone(leg, nowMs, output);
                break;
        }
    }

    private static void ReportDone(LegContext leg, long nowMs, EngineOutput output)
    {
        if (leg.DoneReported)
        {
            return;
        }

        leg.DoneReported = true;
        leg.ResetRisk();
        output.Add(new EngineEvent { Kind = EngineEventKind.LegDone, Symbol = leg.Symbol, Side = leg.Side, Reason = "position_done", Value = leg.Position.Size, TimeMs = nowMs });
    }

    private static void LogSignal(LegContext leg, SignalReason reason, int roiMult, int accelMult, decimal? roi, decimal? ret, MarketState market, long nowMs, EngineOutput output)
    {
        if (leg.LastLoggedReason == reason && leg.LastLoggedRoiMult == roiMult && leg.LastLoggedAccelMult == accelMult
            && nowMs - leg.LastLoggedSignalMs < SignalLogHeartbeatMs)
        {
            return;
        }

        leg.LastLoggedReason = reason;
        leg.LastLoggedRoiMult = roiMult;
        leg.LastLoggedAccelMult = accelMult;
        leg.LastLoggedSignalMs = nowMs;
        output.Add(new EngineEvent
        {
            Kind = EngineEventKind.Signal,
            Symbol = leg.Symbol,
            Side = leg.Side,
            Reason = reason.Name(),
            Mode = leg.Executor.Mode,
            Price = market.LastTradePrice,
            Bid = market.BestBid,
            Ask = market.BestAsk,
            RoiMult = roiMult,
            AccelMult = accelMult,
            Roi = roi,
            Ret = ret,
            TimeMs = nowMs,
        });
    }
}
