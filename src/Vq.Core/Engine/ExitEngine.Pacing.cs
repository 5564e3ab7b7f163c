using Vq.Core.Execution;
using Vq.Core.Primitives;

namespace Vq.Core.Engine;

/// <summary>Flatten's deadline pacing and slippage cap (<see cref="FlattenPlan"/>): the engine side of <see cref="DeadlinePacer"/> and <see cref="SlippageCap"/>.</summary>
public sealed partial class ExitEngine
{
    /// <summary>
    /// Sets (or clears) a leg's flatten plan. Set it before the leg starts trading: the cap is measured from the mid
    /// when the leg starts, the schedule from its start quantity.
    /// </summary>
    public void SetFlattenPlan(int symbol, PositionSide side, FlattenPlan? plan)
    {
        var leg = _symbols[symbol].Leg(side);
        leg.Plan = plan;
        leg.Pace = default;
        leg.CapBinding = false;
    }

    /// <summary>The worst price the leg's orders may have: the slippage cap against the arrival mid (0 = none).</summary>
    public static decimal WorstPriceFor(SymbolContext ctx, LegContext leg)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(leg);
        return leg.Plan is { HasCap: true } plan && leg.Stats.Started
            ? SlippageCap.WorstPrice(leg.Side, leg.Stats.ArrivalMid, plan.MaxSlippageBps, ctx.Rules.TickSize)
            : 0m;
    }

    /// <summary>
    /// One pacing pass for a flatten leg with a deadline: records the advice, and escalates (shorter TTL, one maker
    /// timeout to go aggressive; in the final window aggressive and held there) or relaxes. Returns false when the leg is
    /// ahead of its schedule and should wait instead of slicing; <paramref name="paceMult"/> sizes a catch-up slice.
    /// A panic episode owns the TTL and escalation overrides: pacing leaves them alone while one is open.
    /// </summary>
    private static bool ApplyPacing(SymbolContext ctx, LegContext leg, long nowMs, EngineOutput output, out int paceMult)
    {
        paceMult = 1;
        if (leg.Gate != ExitGate.Always || leg.Plan is not { HasDeadline: true } plan || !leg.Stats.Started)
        {
            return true;
        }

        var executor = leg.Executor;
        var settings = executor.Settings;
        var rules = ctx.Rules;
        var unit = rules.MinQty > 0m ? rules.MinQty : rules.StepSize;
        var baseSlice = unit * Math.Max(settings.BaseLotMult, 1);
        var maxMult = Math.Max(settings.MaxMult, 1);
        var pacer = new DeadlinePacer(leg.Stats.StartedAtMs, leg.Stats.StartQty, plan.DeadlineAtMs);
        var advice = pacer.Advise(leg.Position.EffectiveSize, baseSlice, nowMs, settings.OrderTtlMs + settings.RepostCooldownMs, leg.Pace.Status);
        var changed = advice.Status != leg.Pace.Status;
        leg.Pace = advice;
        if (changed)
        {
            output.Add(new EngineEvent
            {
                Kind = EngineEventKind.Pacing,
                Symbol = leg.Symbol,
                Side = leg.Side,
                Reason = PaceName(advice.Status),
                Mode = executor.Mode,
                Qty = leg.Position.EffectiveSize,
                Value = Rounding.Normalize(rules.FloorQty(advice.TargetRemaining)),
                Value2 = advice.TimeLeftMs / 1000m,
                TimeMs = nowMs,
            });
        }

        // While the slippage cap pins the price, a shorter TTL would only re-send the same price more often.
        var panicOwnsOverrides = leg.Panic.IsActive || leg.Panic.Tier is not null;
        var escalate = !panicOwnsOverrides && !leg.CapBinding;
        var escalatedTtl = Math.Max(settings.OrderTtlMs / 2, 1);
        switch (advice.Status)
        {
            case PaceStatus.Final:
                executor.SwitchMode(ExecutionMode.AggressiveLimit, "deadline_final", nowMs, output);
                executor.HoldAggression = true;
                if (!panicOwnsOverrides)
                {
                    executor.TtlOverrideMs = escalate ? escalatedTtl : null;
                    executor.MakerTimeoutsOverride = 1;
                }

                paceMult = maxMult;
                return true;
            case PaceStatus.Behind:
                if (!panicOwnsOverrides)
                {
                    executor.TtlOverrideMs = escalate ? escalatedTtl : null;
                    executor.MakerTimeoutsOverride = 1;
                }

                var needed = baseSlice > 0m ? decimal.Ceiling(advice.CatchUpQty / baseSlice) : 1m;
                paceMult = needed >= maxMult ? maxMult : Math.Max((int)needed, 1);
                return true;
            default:
                if (!panicOwnsOverrides)
                {
                    executor.TtlOverrideMs = null;
                    executor.MakerTimeoutsOverride = null;
                }

                return advice.Status != PaceStatus.Ahead;
        }
    }

    /// <summary>After a placement: logs when the slippage cap starts or stops holding the leg's prices back.</summary>
    private static void NoteCapBinding(LegContext leg, long nowMs, EngineOutput output)
    {
        var executor = leg.Executor;
        if (leg.Plan is not { HasCap: true } || executor.LastPriceCapped == leg.CapBinding)
        {
            return;
        }

        leg.CapBinding = executor.LastPriceCapped;
        output.Add(new EngineEvent
        {
            Kind = EngineEventKind.SlippageCap,
            Symbol = leg.Symbol,
            Side = leg.Side,
            Reason = leg.CapBinding ? "cap_binding" : "cap_released",
            Mode = executor.Mode,
            Price = executor.SliceWorstPrice,
            Value = leg.Stats.ArrivalMid,
            TimeMs = nowMs,
        });
    }

    public static string PaceName(PaceStatus status) => status switch
    {
        PaceStatus.OnSchedule => "on_schedule",
        PaceStatus.Ahead => "ahead",
        PaceStatus.Behind => "behind",
        PaceStatus.Final => "final",
        _ => "none",
    };
}
