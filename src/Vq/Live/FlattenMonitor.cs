using System.Globalization;
using System.Text;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Primitives;

namespace Vq.Live;

/// <summary>How a flatten ended.</summary>
internal sealed record FlattenOutcome(bool Flat, string Reason);

/// <summary>
/// Watches the flatten's target legs on the engine thread: publishes a progress line, and ends the flatten when every
/// target is flat (or only dust below minQty is left), when a target stays blocked by resting close orders that are
/// not this run's (D21/P9) longer than the give-up time, or when the deadline (<c>--deadline</c>, or a plain give-up
/// bound when <paramref name="isDeadline"/> is false) passes. Without a deadline, a leg whose orders rest at the
/// <c>--max-slippage-bps</c> cap with no fill for <paramref name="capGiveUpMs"/> also ends it: the market has left the
/// bound the operator set, and waiting silently forever is not an answer.
/// </summary>
internal sealed class FlattenMonitor(
    IReadOnlyList<(string Symbol, PositionSide Side)> targetLegs, long deadlineAtMs, bool isDeadline, int blockedGiveUpMs, int capGiveUpMs = 60_000) : ILoopObserver
{
    private readonly long[] _cappedSince = new long[targetLegs.Count];
    private readonly int[] _fillsWhenCapped = new int[targetLegs.Count];
    private readonly List<(int Symbol, PositionSide Side)> targets = [];
    private const int ProgressEveryMs = 250;
    private readonly TaskCompletionSource<FlattenOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long[] _blockedSince = new long[targetLegs.Count];
    private long _nextProgressMs;
    private volatile string _progress = "starting";

    public Task<FlattenOutcome> Outcome => _outcome.Task;

    /// <summary>The latest progress line (any thread).</summary>
    public string Progress => _progress;

    public void OnEngineEvent(EngineLoop loop, in EngineEvent e)
    {
    }

    public void OnPass(EngineLoop loop, long nowMs)
    {
        if (_outcome.Task.IsCompleted)
        {
            return;
        }

        var engine = loop.Engine;
        if (targets.Count == 0)
        {
            foreach (var (name, side) in targetLegs)
            {
                engine.TryGetSymbol(name, out var index);
                targets.Add((index, side));
            }
        }

        var allDone = true;
        for (var i = 0; i < targets.Count; i++)
        {
            var (symbol, side) = targets[i];
            var ctx = engine.Symbol(symbol);
            var leg = ctx.Leg(side);
            var done = (leg.Position.Size == 0m || ctx.Rules.IsDone(leg.Position.EffectiveSize))
                && leg.Orders.CountBy(OrderOwner.Own) == 0 && !leg.Executor.HasWorkingOrder;
            allDone &= done;
            var blocked = !done && (leg.Block.IsLatched || leg.BudgetBlockReported);
            if (!blocked)
            {
                _blockedSince[i] = 0;
            }
            else if (_blockedSince[i] == 0)
            {
                _blockedSince[i] = nowMs;
            }
            else if (nowMs - _blockedSince[i] >= blockedGiveUpMs)
            {
                _outcome.TrySetResult(new FlattenOutcome(false, BlockedReason(ctx, leg)));
                return;
            }

            if (!isDeadline && CappedTooLong(i, !done && leg.CapBinding, leg.Stats.Fills, nowMs))
            {
                var seconds = (capGiveUpMs / 1000.0).ToString("0.#", CultureInfo.InvariantCulture);
                _outcome.TrySetResult(new FlattenOutcome(false, "no fill for " + seconds + " s" + CapReason(ctx, leg)));
                return;
            }
        }

        if (allDone)
        {
            _outcome.TrySetResult(new FlattenOutcome(true, "flat"));
            return;
        }

        if (deadlineAtMs > 0 && nowMs >= deadlineAtMs)
        {
            _outcome.TrySetResult(new FlattenOutcome(false, DeadlineReason(engine)));
            return;
        }

        if (nowMs >= _nextProgressMs)
        {
            _nextProgressMs = nowMs + ProgressEveryMs;
            _progress = ProgressLine(engine, nowMs);
        }
    }

    /// <summary>The schedule status as the progress line shows it.</summary>
    public static string ScheduleText(PaceStatus status) => status switch
    {
        PaceStatus.Ahead => "ahead of schedule",
        PaceStatus.Behind => "behind schedule",
        PaceStatus.Final => "final stretch",
        _ => "on schedule",
    };

    /// <summary>The startup line naming the limits a flatten runs under.</summary>
    public static string PlanText(TimeSpan? deadline, decimal? maxSlippageBps) =>
        "deadline=" + (deadline is { } d ? d.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s" : "none")
        + " max_slippage_bps=" + (maxSlippageBps is { } bps ? EngineEventLog.D(bps) : "none");

    private string DeadlineReason(ExitEngine engine)
    {
        var b = new StringBuilder(isDeadline ? "the deadline passed before the legs were flat" : "gave up: the legs were not flat in the time allowed");
        foreach (var (symbol, side) in targets)
        {
            var ctx = engine.Symbol(symbol);
            var leg = ctx.Leg(side);
            if (leg.CapBinding)
            {
                b.Append(CapReason(ctx, leg));
            }
            else if (leg.Position.Size > 0m && !ctx.Rules.IsDone(leg.Position.EffectiveSize))
            {
                b.Append(SliceCapReason(ctx, leg));
            }
        }

        return b.ToString();
    }

    /// <summary>
    /// Pacing escalates only up to the configured slice caps: when those make the deadline unreachable, say so, with
    /// the numbers an operator needs to choose a longer deadline or larger caps.
    /// </summary>
    internal static string SliceCapReason(SymbolContext ctx, LegContext leg)
    {
        var settings = leg.Executor.Settings;
        var market = ctx.Market;
        var price = market.BestBid > 0m && market.BestAsk > 0m ? (market.BestBid + market.BestAsk) / 2m : market.LastTradePrice;
        var largest = Sizing.NormalSlice(leg.Position.EffectiveSize, ctx.Rules, settings, 1, Math.Max(settings.MaxMult, 1), price, market.LastTradePrice);
        return "; " + ctx.Name + " " + EngineEventLog.Leg(leg.Side) + " has " + EngineEventLog.D(leg.Position.Size)
            + " left: its slices are at most " + EngineEventLog.D(largest) + " (max_mult "
            + settings.MaxMult.ToString(CultureInfo.InvariantCulture) + ", max_order_notional " + EngineEventLog.D(settings.MaxOrderNotional)
            + "); it may need a longer deadline or larger caps";
    }

    /// <summary>True once leg <paramref name="i"/> has rested at the cap with no new fill for the cap give-up time.</summary>
    private bool CappedTooLong(int i, bool capped, int fills, long nowMs)
    {
        if (!capped)
        {
            _cappedSince[i] = 0;
            return false;
        }

        if (_cappedSince[i] == 0 || fills != _fillsWhenCapped[i])
        {
            _cappedSince[i] = nowMs;
            _fillsWhenCapped[i] = fills;
            return false;
        }

        return nowMs - _cappedSince[i] >= capGiveUpMs;
    }

    /// <summary>The operator's price bound, not the engine, kept the leg open: which bound, and where the market went.</summary>
    private static string CapReason(SymbolContext ctx, LegContext leg) =>
        "; " + ctx.Name + " " + EngineEventLog.Leg(leg.Side)
        + " was held back by --max-slippage-bps: its orders rest at the cap " + EngineEventLog.D(leg.Executor.SliceWorstPrice)
        + (leg.Side == PositionSide.Long ? " while the best bid is " : " while the best ask is ")
        + EngineEventLog.D(leg.Side == PositionSide.Long ? ctx.Market.BestBid : ctx.Market.BestAsk)
        + " (arrival mid " + EngineEventLog.D(leg.Stats.ArrivalMid) + ")";

    private static string BlockedReason(SymbolContext ctx, LegContext leg)
    {
        var b = new StringBuilder();
        b.Append(ctx.Name).Append(' ').Append(EngineEventLog.Leg(leg.Side))
            .Append(" is blocked by resting close orders that are not this run's (they already cover what is left to close): ");
        var first = true;
        for (var i = 0; i < leg.Orders.Count; i++)
        {
            ref readonly var order = ref leg.Orders[i];
            if (order.Owner != OrderOwner.External)
            {
                continue;
            }

            b.Append(first ? "" : ", ").Append("order ").Append(order.OrderId.ToString(CultureInfo.InvariantCulture))
                .Append(" (client id ").Append(order.ClientOrderId.IsEmpty ? "-" : order.ClientOrderId.ToString())
                .Append(", remaining ").Append(EngineEventLog.D(order.Remaining)).Append(" @ ").Append(EngineEventLog.D(order.Price)).Append(')');
            first = false;
        }

        if (first)
        {
            b.Append("see the open orders of the symbol");
        }

        return b.Append(". Cancel them (or let them fill) and run flatten again.").ToString();
    }

    private string ProgressLine(ExitEngine engine, long nowMs)
    {
        var b = new StringBuilder();
        foreach (var (symbol, side) in targets)
        {
            var ctx = engine.Symbol(symbol);
            var leg = ctx.Leg(side);
            var stats = leg.Stats;
            var start = stats.Started ? stats.StartQty : leg.Position.Size;
            var pct = start > 0m ? stats.FilledQty / start * 100m : 0m;
            if (b.Length > 0)
            {
                b.Append(" | ");
            }

            b.Append(ctx.Name).Append(' ').Append(EngineEventLog.Leg(side))
                .Append(" left ").Append(EngineEventLog.D(leg.Position.Size))
                .Append(" filled ").Append(pct.ToString("0.0", CultureInfo.InvariantCulture)).Append('%')
                .Append(" vwap ").Append(EngineEventLog.D(Math.Round(stats.Vwap, 8)))
                .Append(" maker ").Append((stats.MakerShare * 100m).ToString("0", CultureInfo.InvariantCulture)).Append('%')
                .Append(' ').Append(EngineEventLog.Mode(leg.Executor.Mode));
            if (leg.Pace.Status != PaceStatus.None)
            {
                b.Append(' ').Append(ScheduleText(leg.Pace.Status));
            }

            if (leg.CapBinding)
            {
                b.Append(" at slippage cap ").Append(EngineEventLog.D(leg.Executor.SliceWorstPrice));
            }
        }

        if (deadlineAtMs > 0)
        {
            b.Append(" | time left ").Append(((deadlineAtMs - nowMs) / 1000.0).ToString("0", CultureInfo.InvariantCulture)).Append(" s");
        }

        return b.ToString();
    }
}
