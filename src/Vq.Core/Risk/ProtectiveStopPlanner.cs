using Vq.Core.Config;
using Vq.Core.Primitives;

namespace Vq.Core.Risk;

/// <summary>
/// The leg as a stop sync sees it. Prices that are null or ≤ 0 are unknown. <paramref name="PositionAmount"/> may be
/// signed; zero (or a missing position) means there is nothing to protect.
/// </summary>
public readonly record struct StopLeg(
    PositionSide Side,
    decimal PositionAmount,
    decimal? LiquidationPrice,
    decimal? MarkPrice,
    decimal TickSize);

/// <summary>
/// Plans one leg's protective stop (SPEC §4.4, P13–P17, D6) from a fresh REST scan of the symbol's open normal and
/// algo orders. Pure: it reads its inputs and writes decisions; it sends nothing and changes no state. The caller
/// executes the decisions in order (see <see cref="StopDecision"/>) and reports each outcome to the memory.
/// <para>A replacement is a <see cref="StopAction.Cancel"/> with <see cref="StopDecision.RequiredForNext"/> followed by a
/// <see cref="StopAction.Place"/>; the placement is skipped when the cancel fails, so two stops never coexist and a
/// failed cancel never leads to a second stop.</para>
/// <para>With <c>external_takeover.enabled: false</c> external stops and the latch are ignored and vq maintains its own
/// stop regardless (the exchange may then refuse ours with -4130).</para>
/// </summary>
public static class ProtectiveStopPlanner
{
    /// <summary>
    /// Binance may not list a freshly placed algo order for a moment (BINANCE.md §3.10). Within this time after our
    /// own placement, a scan that does not show it waits instead of placing a second stop.
    /// </summary>
    public const int PlacementVisibilityGraceMs = 5000;

    /// <summary>Fills <paramref name="decisions"/> (cleared first) with the plan for <paramref name="leg"/>.</summary>
    /// <param name="externalLatched">The leg's <see cref="ExternalTakeoverLatch.IsLatched"/> after this scan was reported to it.</param>
    public static void Plan(
        in StopLeg leg,
        ProtectiveStopIdentity identity,
        ProtectiveStopSettings settings,
        ReadOnlySpan<ScannedOrder> orders,
        ProtectiveStopMemory memory,
        bool externalLatched,
        long nowMs,
        List<StopDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(decisions);
        decisions.Clear();
        var side = leg.Side;
        var liq = leg.LiquidationPrice is > 0m ? leg.LiquidationPrice : null;

        // 1. At most one own stop per leg: keep the remembered one (else the first) and cancel the others.
        var keptIndex = FindKeptOwnOrder(side, orders, identity, memory);
        for (var i = 0; i < orders.Length; i++)
        {
            if (i != keptIndex && IsOwnOrder(side, orders[i], identity, memory))
            {
                decisions.Add(Decision(StopAction.Cancel, StopReason.CancelDuplicate, side, orders[i], liq: liq, log: true));
            }
        }

        var hasKept = keptIndex >= 0;
        var kept = hasKept ? orders[keptIndex] : default;

        // 2. Nothing to protect: no stop may stay behind (a closePosition stop would act on a future position).
        if (!settings.Enabled || leg.PositionAmount == 0m)
        {
            var noPosition = leg.PositionAmount == 0m;
            decisions.Add(hasKept
                ? Decision(StopAction.Cancel, noPosition ? StopReason.CancelNoPosition : StopReason.CancelDisabled, side, kept, liq: liq, log: true)
                : Decision(StopAction.Forget, noPosition ? StopReason.NoPosition : StopReason.Disabled, side, default, liq: liq));
            return;
        }

        // 3. External takeover (P14, P15, D6).
        if (settings.ExternalTakeover.Enabled)
        {
            var validExternal = false;
            var invalidCancelled = false;
            var invalidCloseStopRetained = false;
            foreach (ref readonly var order in orders)
            {
                if (!IsExternalStopOnSide(side, order, identity, memory))
                {
                    continue;
                }

                if (ProtectiveStopPrice.IsExternalStopValid(side, order.TriggerPrice, liq))
                {
                    validExternal = true;
                }
                else if (settings.ExternalTakeover.CancelInvalid)
                {
                    decisions.Add(Decision(StopAction.Cancel, StopReason.CancelInvalidExternalStop, side, order, liq: liq, log: true));
                    invalidCancelled = true;
                }
                else
                {
                    var log = memory.AlertedExternalOrderId != order.OrderId;
                    decisions.Add(Decision(StopAction.Alert, StopReason.InvalidExternalStopAlertOnly, side, order, liq: liq, log: log));
                    invalidCloseStopRetained |= order.ClosePosition;
                }
            }

            if (validExternal)
            {
                if (hasKept)
                {
                    decisions.Add(Decision(StopAction.Cancel, StopReason.CancelOwnDueToExternalStop, side, kept, liq: liq, log: true));
                }
                else
                {
                    if (memory.HasStop)
                    {
                        decisions.Add(Decision(StopAction.Forget, StopReason.SkipExternalStopPresent, side, default, liq: liq));
                    }

                    AddSkip(decisions, memory, StopReason.SkipExternalStopPresent, side, liq);
                }

                return;
            }

            if (invalidCloseStopRetained)
            {
                // Alert-only mode keeps the user's closePosition stop, and Binance allows one per leg (-4130).
                AddSkip(decisions, memory, StopReason.SkipInvalidExternalAlertOnly, side, liq);
                return;
            }

            // P15: once every external stop seen is invalid and being cancelled, the latch no longer defers to it.
            if (externalLatched && !invalidCancelled)
            {
                AddSkip(decisions, memory, StopReason.SkipExternalTakeoverLatched, side, liq);
                return;
            }
        }

        // 4. Preconditions on the liquidation price (P17).
        if (liq is not { } liquidation)
        {
            AddSkip(decisions, memory, StopReason.SkipMissingLiquidationPrice, side, liq);
            return;
        }

        if (ProtectiveStopPrice.IsLiquidationOnWrongSide(side, liquidation, leg.MarkPrice))
        {
            AddSkip(decisions, memory, StopReason.SkipLiqWrongSide, side, liq);
            return;
        }

        if (!ProtectiveStopPrice.TryComputeTrigger(side, liquidation, settings.DistToLiq, leg.TickSize, out var desired))
        {
            AddSkip(decisions, memory, StopReason.SkipInvalidDistToLiq, side, liq);
            return;
        }

        // 5. No stop of ours is listed: place one, unless ours was placed moments ago and is not listed yet.
        if (!hasKept)
        {
            if (memory.HasStop && memory.PlacedAtMs is { } placedAt && nowMs - placedAt < PlacementVisibilityGraceMs)
            {
                AddSkip(decisions, memory, StopReason.SkipAwaitingVisibility, side, liq, placedAt + PlacementVisibilityGraceMs);
                return;
            }

            decisions.Add(Decision(StopAction.Place, StopReason.PlaceNew, side, default, desired, liq, log: true));
            return;
        }

        // 6. Ours exists: keep, tighten, or loosen under control (P16).
        if (kept.TriggerPrice is not { } listedTrigger)
        {
            AddReplace(decisions, side, kept, desired, liq, StopReason.ReplaceUnknownTrigger);
            return;
        }

        var existing = ProtectiveStopPrice.Normalize(listedTrigger, leg.TickSize);
        var target = ProtectiveStopPrice.Normalize(desired, leg.TickSize);
        var known = memory.Knows(kept);
        if (existing == target)
        {
            decisions.Add(Decision(StopAction.Keep, known ? StopReason.KeepUnchanged : StopReason.AdoptExisting, side, kept, existing, liq, log: !known));
        }
        else if (ProtectiveStopPrice.IsTighter(side, target, existing))
        {
            AddReplace(decisions, side, kept, target, liq, StopReason.ReplaceTighten);
        }
        else if (known && IsLoosenAllowed(side, liquidation, settings, memory, nowMs))
        {
            AddReplace(decisions, side, kept, target, liq, StopReason.ReplaceLoosen);
        }
        else
        {
            decisions.Add(Decision(StopAction.Keep, StopReason.KeepExistingTighter, side, kept, existing, liq, log: !known));
        }
    }

    /// <summary>
    /// For <see cref="ExternalTakeoverLatch.OnRestScan"/>: does the scan show an external stop on this leg that stays
    /// (a valid one, or an invalid one that alert-only mode leaves in place)? Invalid stops about to be cancelled do
    /// not count.
    /// </summary>
    public static bool HasRetainedExternalStop(
        in StopLeg leg,
        ProtectiveStopIdentity identity,
        ProtectiveStopSettings settings,
        ReadOnlySpan<ScannedOrder> orders,
        ProtectiveStopMemory memory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (ref readonly var order in orders)
        {
            if (IsExternalStopOnSide(leg.Side, order, identity, memory) &&
                (!settings.ExternalTakeover.CancelInvalid ||
                 ProtectiveStopPrice.IsExternalStopValid(leg.Side, order.TriggerPrice, leg.LiquidationPrice)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Ours by id prefix or by the algoId we recorded (P13), on this leg.</summary>
    public static bool IsOwnOrder(PositionSide side, in ScannedOrder order, ProtectiveStopIdentity identity, ProtectiveStopMemory memory)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(memory);
        return order.PositionSide == side &&
               (identity.IsOwn(order.ClientId) || (memory.AlgoId != 0 && order.Book == OrderBook.Algo && order.OrderId == memory.AlgoId));
    }

    private static bool IsExternalStopOnSide(PositionSide side, in ScannedOrder order, ProtectiveStopIdentity identity, ProtectiveStopMemory memory) =>
        order.PositionSide == side &&
        !ProtectiveStopIdentity.IsProtectiveStopId(order.ClientId) &&
        !IsOwnOrder(side, order, identity, memory) &&
        OrderKinds.IsExternalStop(order.Kind, order.ClosePosition, order.ReduceOnly);

    private static int FindKeptOwnOrder(PositionSide side, ReadOnlySpan<ScannedOrder> orders, ProtectiveStopIdentity identity, ProtectiveStopMemory memory)
    {
        var first = -1;
        for (var i = 0; i < orders.Length; i++)
        {
            if (!IsOwnOrder(side, orders[i], identity, memory))
            {
                continue;
            }

            if (memory.Knows(orders[i]))
            {
                return i;
            }

            if (first < 0)
            {
                first = i;
            }
        }

        return first;
    }

    /// <summary>
    /// P16: loosen only when the liquidation price moved away by at least <c>liq_improve_threshold</c> relative to the
    /// liq at placement (LONG lower, SHORT higher) and <c>loosen_cooldown_s</c> passed since the last loosen.
    /// </summary>
    private static bool IsLoosenAllowed(PositionSide side, decimal liquidation, ProtectiveStopSettings settings, ProtectiveStopMemory memory, long nowMs)
    {
        var reference = memory.LiquidationAtPlacement;
        if (!settings.AllowLoosenOnLiqImprove || reference <= 0m)
        {
            return false;
        }

        var improvement = side == PositionSide.Long ? (reference - liquidation) / reference : (liquidation - reference) / reference;
        if (improvement < settings.LiqImproveThreshold)
        {
            return false;
        }

        return memory.LastLoosenAtMs is not { } last || nowMs - last >= settings.LoosenCooldownS * 1000L;
    }

    private static void AddReplace(List<StopDecision> decisions, PositionSide side, in ScannedOrder kept, decimal trigger, decimal? liq, StopReason reason)
    {
        decisions.Add(new StopDecision(StopAction.Cancel, StopReason.CancelForReplace, side, kept, 0m, liq, Log: true, RequiredForNext: true, 0));
        decisions.Add(Decision(StopAction.Place, reason, side, default, trigger, liq, log: true));
    }

    private static void AddSkip(List<StopDecision> decisions, ProtectiveStopMemory memory, StopReason reason, PositionSide side, decimal? liq, long recheckAtMs = 0)
    {
        var log = memory.LoggedSkip != reason;
        decisions.Add(new StopDecision(StopAction.Skip, reason, side, default, 0m, liq, log, RequiredForNext: false, recheckAtMs));
    }

    private static StopDecision Decision(StopAction action, StopReason reason, PositionSide side, in ScannedOrder order, decimal trigger = 0m, decimal? liq = null, bool log = false) =>
        new(action, reason, side, order, trigger, liq, log, RequiredForNext: false, 0);
}
