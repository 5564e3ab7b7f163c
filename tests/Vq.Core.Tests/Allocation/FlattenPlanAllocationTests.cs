using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Market;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Allocation;

/// <summary>A paced, capped flatten leg keeps the hot path allocation-free: pacing and the cap are struct math on every pass.</summary>
public class FlattenPlanAllocationTests
{
    [Fact]
    public void Paced_and_capped_flatten_slices_allocate_nothing_after_warm_up()
    {
        var execution = new ExecutionSettings { RepostCooldownMs = 1, MaxOrderNotional = 0m };
        var global = new GlobalSettings { Execution = execution, RateLimit = new RateLimitSettings { MaxOrdersPerSec = 0, MaxCancelsPerSec = 0 } };
        var engine = new ExitEngine(global, new ClientOrderIdFactory("0123456789", 5)) { PositionsReady = true, DefaultGate = ExitGate.Always };
        var btc = engine.AddSymbol(LegHarness.BtcRules, new SymbolSettings { Symbol = "BTCUSDT", Execution = execution });
        engine.SetFlattenPlan(btc, PositionSide.Long, new FlattenPlan(DeadlineAtMs: 10_000_000_000, MaxSlippageBps: 50m));
        engine.SetGate(btc, PositionSide.Short, ExitGate.Off);
        var output = new EngineOutput();
        engine.OnPositionReport(new PositionReport { Symbol = btc, Side = PositionSide.Long, Size = 1_000_000m, EntryPrice = 40000m, Leverage = 10m, AsOfMs = 1, Source = PositionSource.Rest }, 1, output);
        long now = 10;
        long tradeId = 1;
        long orderId = 1;

        void Cycle()
        {
            now += 5;
            engine.OnBookTick(new BookTick(btc, 50000.1m, 1m, 50000.2m, 1m, now, now), output);
            Exchange();
            now += 5;
            engine.OnTimer(now, output);
            Exchange();
        }

        void Exchange()
        {
            foreach (ref readonly var command in output.Commands)
            {
                if (command.Kind != CommandKind.PlaceOrder)
                {
                    continue;
                }

                var id = orderId++;
                engine.OnPlaceResult(btc, PositionSide.Long, new PlaceResult(command.ClientOrderId, PlaceOutcome.Accepted, id, OrderStatus.New), now, output);
                engine.OnOrderUpdate(new OrderUpdate
                {
                    Symbol = btc,
                    PositionSide = PositionSide.Long,
                    Side = OrderSide.Sell,
                    ClientOrderId = command.ClientOrderId,
                    OrderId = id,
                    Status = OrderStatus.Filled,
                    OrigQty = command.Qty,
                    Price = command.Price,
                    CumFilledQty = command.Qty,
                    AvgPrice = command.Price,
                    LastFillQty = command.Qty,
                    LastFillPrice = command.Price,
                    TradeId = tradeId++,
                    IsMaker = true,
                    TransactionTimeMs = now,
                }, now, output);
                break;
            }

            output.Clear();
        }

        for (var i = 0; i < 20_000; i++)
        {
            Cycle();
        }

        var leg = engine.Symbol(btc).Long;
        var placedBefore = leg.Stats.Orders;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20_000; i++)
        {
            Cycle();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(leg.Stats.Orders - placedBefore > 1000, "the measured loop must actually place orders");
        Assert.Equal(PaceStatus.OnSchedule, leg.Pace.Status);
        Assert.True(ExitEngine.WorstPriceFor(engine.Symbol(btc), leg) > 0m, "the cap must be in force");
        Assert.Equal(0, allocated);
    }
}
