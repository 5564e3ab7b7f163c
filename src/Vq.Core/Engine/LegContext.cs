using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;
using Vq.Core.Risk;
using Vq.Core.Signals;

namespace Vq.Core.Engine;

/// <summary>How a leg decides when to close.</summary>
public enum ExitGate : byte
{
    /// <summary><c>vq run</c>: only on the momentum signals of §2.4, throttled.</summary>
    Signals = 0,
    /// <summary><c>vq flatten</c>: a slice whenever the leg is idle and its cooldown has passed.</summary>
    Always = 1,
    /// <summary>Not worked: positions tracked, no orders (a leg flatten was not asked to touch).</summary>
    Off = 2,
}

/// <summary>Everything the engine keeps for one hedge leg. Not thread-safe: owned by the engine thread.</summary>
public sealed class LegContext
{
    public LegContext(int symbol, PositionSide side, LegPosition position, LegExecutor executor, LegOrderBook orders)
    {
        Symbol = symbol;
        Side = side;
        Position = position;
        Executor = executor;
        Orders = orders;
    }

    public int Symbol { get; }
    public PositionSide Side { get; }
    public LegPosition Position { get; }
    public LegOrderBook Orders { get; }
    public LegExecutor Executor { get; }
    public SoftRiskLatch SoftRisk { get; } = new();
    public PanicEpisode Panic { get; } = new();
    public ReduceOnlyBlockLatch Block { get; } = new();
    public LegStats Stats { get; } = new();
    public TradeIdSet SeenTrades { get; } = new();
    public ExitGate Gate { get; set; }

    /// <summary>Flatten's deadline and slippage cap for this leg (<see cref="ExitEngine.SetFlattenPlan"/>); null = none.</summary>
    public FlattenPlan? Plan { get; internal set; }

    /// <summary>The pacer's latest status (None without a deadline); the engine logs each change.</summary>
    public PaceAdvice Pace { get; internal set; }

    /// <summary>The slippage cap held the last order's price back: the market is beyond the cap. Logged on each change.</summary>
    public bool CapBinding { get; internal set; }

    /// <summary>A P9 inspection was requested and its snapshot has not arrived: place nothing meanwhile.</summary>
    public bool InspectionPending { get; set; }

    /// <summary>D21: the "blocked by resting close orders" notice was given and not yet withdrawn.</summary>
    public bool BudgetBlockReported { get; set; }

    /// <summary>The leg reached "done" and said so once.</summary>
    public bool DoneReported { get; set; }

    internal SignalThrottle Throttle;

    // Signal log de-duplication (§2.8, [LATER 548b227]): same (reason, multipliers) within 5 s is not logged again.
    internal SignalReason LastLoggedReason;
    internal int LastLoggedRoiMult;
    internal int LastLoggedAccelMult;
    internal long LastLoggedSignalMs;


    /// <summary>Clears per-episode risk state once the leg has nothing left.</summary>
    public void ResetRisk()
    {
        SoftRisk.Reset();
        Panic.Reset();
        Executor.TtlOverrideMs = null;
        Executor.MakerTimeoutsOverride = null;
        Executor.HoldAggression = false;
    }
}
