using CsCheck;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Primitives;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Properties;

/// <summary>
/// Random interleavings of fills, partial fills, duplicates, late and early events, cancel answers, -2011s, unknown
/// outcomes, -5022s and external orders against the exchange model: the reduce budget invariant always holds (no
/// order the exchange would reject with -2022), every price and quantity is aligned, maker prices never cross, no
/// order opens a position, and every fill is counted exactly once.
/// </summary>
public class ReduceBudgetProperties
{
    private static (ExitEngine Engine, ExchangeModel Model) World(int seed, int baseMult)
    {
        var execution = new ExecutionSettings
        {
            OrderTtlMs = 300,
            RepostCooldownMs = 20,
            WsFillGraceMs = 600_000, // longer than any delivery delay of the model: no event is lost here
            BaseLotMult = baseMult,
            MaxMult = 100,
            MaxOrderNotional = 0m,
            MinSignalIntervalMs = 0,
        };
        var global = new GlobalSettings { Execution = execution, RateLimit = new RateLimitSettings { MaxOrdersPerSec = 0, MaxCancelsPerSec = 0 } };
        var engine = new ExitEngine(global, new ClientOrderIdFactory("0123456789", (ulong)seed + 1)) { DefaultGate = ExitGate.Always, PositionsReady = true };
        var symbol = engine.AddSymbol(LegHarness.BtcRules, new SymbolSettings { Symbol = "BTCUSDT", Execution = execution });
        var model = new ExchangeModel(seed, engine, new EngineOutput(), symbol, LegHarness.BtcRules, longSize: 0.05m, shortSize: 0.031m);
        return (engine, model);
    }

    [Fact]
    public void Budget_alignment_and_fill_counting_hold_under_random_interleavings()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 8], Gen.Int[50, 600]).Sample((seed, baseMult, steps) =>
        {
            var (engine, model) = World(seed, baseMult);
            model.Start();
            for (var i = 0; i < steps; i++)
            {
                model.Step();
            }

            model.Settle();
            if (model.Violations.Count > 0)
            {
                return false;
            }

            var symbol = engine.Symbol(0);
            return symbol.Long.Stats.FilledQty == model.OwnFilled[0]
                && symbol.Short.Stats.FilledQty == model.OwnFilled[1]
                && model.Position[0] >= 0m && model.Position[1] >= 0m;
        }, iter: 300);
    }

    [Fact]
    public void The_legs_are_flattened_when_the_world_is_kind()
    {
        // With fills and deliveries always happening, a flatten must finish: no leg stays stuck (P2/P3).
        for (var seed = 1; seed <= 20; seed++)
        {
            var (engine, model) = World(seed, 3);
            model.Start();
            for (var i = 0; i < 4000 && (model.Position[0] > 0m || model.Position[1] > 0m); i++)
            {
                model.Step();
            }

            model.Settle();
            Assert.True(model.Violations.Count == 0, $"seed {seed}: " + string.Join("; ", model.Violations.Take(5)));
            Assert.True(model.Position[0] == 0m && model.Position[1] == 0m, $"seed {seed}: left {model.Position[0]} / {model.Position[1]}");
            Assert.False(engine.Symbol(0).Long.Executor.HasWorkingOrder);
            Assert.False(engine.Symbol(0).Short.Executor.HasWorkingOrder);
        }
    }
}
