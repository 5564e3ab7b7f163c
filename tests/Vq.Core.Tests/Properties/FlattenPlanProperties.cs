using CsCheck;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Primitives;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Properties;

/// <summary>
/// Flatten with a deadline and a slippage cap against the adversarial exchange model (random fills, duplicates, late
/// events, external orders, a wandering book): never an order the exchange would reject for over-closing, every
/// price within the cap of the leg's arrival mid, every fill counted once, and both legs flat when the world is kind.
/// </summary>
public class FlattenPlanProperties
{
    private static (ExitEngine Engine, ExchangeModel Model) World(int seed, long deadlineInMs, decimal capBps, int maxMult)
    {
        var execution = new ExecutionSettings
        {
            OrderTtlMs = 300,
            RepostCooldownMs = 20,
            WsFillGraceMs = 600_000, // longer than any delivery delay of the model: no event is lost here
            BaseLotMult = 1,
            MaxMult = maxMult,
            MaxOrderNotional = 0m,
        };
        var global = new GlobalSettings { Execution = execution, RateLimit = new RateLimitSettings { MaxOrdersPerSec = 0, MaxCancelsPerSec = 0 } };
        var engine = new ExitEngine(global, new ClientOrderIdFactory("0123456789", (ulong)seed + 1)) { DefaultGate = ExitGate.Always, PositionsReady = true };
        var symbol = engine.AddSymbol(LegHarness.BtcRules, new SymbolSettings { Symbol = "BTCUSDT", Execution = execution });
        var model = new ExchangeModel(seed, engine, new EngineOutput(), symbol, LegHarness.BtcRules, longSize: 0.05m, shortSize: 0.031m);
        var plan = new FlattenPlan(model.Now + deadlineInMs, capBps);
        engine.SetFlattenPlan(symbol, PositionSide.Long, plan);
        engine.SetFlattenPlan(symbol, PositionSide.Short, plan);
        return (engine, model);
    }

    /// <summary>The orders that broke the cap, described; empty when none did.</summary>
    private static List<string> BeyondCap(ExitEngine engine, ExchangeModel model, decimal capBps)
    {
        var beyond = new List<string>();
        var ctx = engine.Symbol(0);
        foreach (var order in model.Placed)
        {
            var leg = ctx.Leg(order.Side);
            var worst = SlippageCap.WorstPrice(order.Side, leg.Stats.ArrivalMid, capBps, ctx.Rules.TickSize);
            if (worst <= 0m || !SlippageCap.Allows(order.Side, order.Price, worst))
            {
                beyond.Add($"{order.Side} {order.Price} vs cap {worst} (arrival mid {leg.Stats.ArrivalMid})");
            }
        }

        return beyond;
    }

    [Fact]
    public void Paced_and_capped_flattens_never_over_close_never_price_beyond_the_cap_and_count_every_fill_once()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Long[-1_000, 60_000], Gen.Decimal[1m, 300m], Gen.Int[1, 60], Gen.Int[50, 600])
            .Sample((seed, deadlineInMs, capBps, maxMult, steps) =>
            {
                capBps = Math.Round(capBps, 1);
                var (engine, model) = World(seed, deadlineInMs, capBps, maxMult);
                model.Start();
                for (var i = 0; i < steps; i++)
                {
                    model.Step();
                }

                model.Settle();
                var symbol = engine.Symbol(0);
                return model.Violations.Count == 0
                    && BeyondCap(engine, model, capBps).Count == 0
                    && symbol.Long.Stats.FilledQty == model.OwnFilled[0]
                    && symbol.Short.Stats.FilledQty == model.OwnFilled[1]
                    && model.Position[0] >= 0m && model.Position[1] >= 0m;
            }, iter: 300);
    }

    [Fact]
    public void Paced_legs_are_flattened_when_the_world_is_kind()
    {
        // A generous cap (the model's book wanders only a few ticks) and a deadline the model's clock passes: the
        // pacer waits, catches up, goes aggressive at the end, and the legs still finish.
        for (var seed = 1; seed <= 20; seed++)
        {
            var (engine, model) = World(seed, 30_000, 500m, 20);
            model.Start();
            for (var i = 0; i < 6000 && (model.Position[0] > 0m || model.Position[1] > 0m); i++)
            {
                model.Step();
            }

            model.Settle();
            Assert.True(model.Violations.Count == 0, $"seed {seed}: " + string.Join("; ", model.Violations.Take(5)));
            Assert.Empty(BeyondCap(engine, model, 500m));
            Assert.True(model.Position[0] == 0m && model.Position[1] == 0m, $"seed {seed}: left {model.Position[0]} / {model.Position[1]}");
        }
    }
}
