using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Market;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Allocation;

/// <summary>
/// The hot path allocates nothing in steady state (STYLE §18, §23): ticks → decision → order command, and the order's
/// acknowledgement, fill and cooldown, measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> after warm-up.
/// </summary>
public class EngineAllocationTests
{
    [Fact]
    public void Ticks_decisions_orders_and_fills_allocate_nothing_after_warm_up()
    {
        var execution = new ExecutionSettings { RepostCooldownMs = 1, MinSignalIntervalMs = 0 };
        var global = new GlobalSettings { Execution = execution, RateLimit = new RateLimitSettings { MaxOrdersPerSec = 0, MaxCancelsPerSec = 0 } };
        var engine = new ExitEngine(global, new ClientOrderIdFactory("0123456789", 3)) { PositionsReady = true };
        var btc = engine.AddSymbol(LegHarness.BtcRules, new SymbolSettings { Symbol = "BTCUSDT", Execution = execution, Accel = new AccelSettings { Tiers = [new AccelTier(0.001m, 2)] }, Roi = new RoiSettings { Tiers = [new RoiTier(0.1m, 2)] } });
        var output = new EngineOutput();
        engine.OnPositionReport(new PositionReport { Symbol = btc, Side = PositionSide.Long, Size = 1_000_000m, EntryPrice = 40000m, Leverage = 10m, AsOfMs = 1, Source = PositionSource.Rest }, 1, output);
        engine.OnMark(new MarkTick(btc, 50000m, 1, 1), output);
        long now = 10;
        long tradeId = 1;
        long orderId = 1;

        void Cycle()
        {
            // An uptick then a bid at the last: long_primary fires and a maker slice is sent.
            now += 5;
            engine.OnTrade(new TradeTick(btc, 50000.0m, 0.01m, false, now, now), output);
            engine.OnTrade(new TradeTick(btc, 50000.1m, 0.01m, false, now, now), output);
            engine.OnBookTick(new BookTick(btc, 50000.1m, 1m, 50000.2m, 1m, now, now), output);
            Exchange();
            now += 5;
            engine.OnTimer(now, output);
            Exchange();
        }

        // The exchange acknowledges and fills every order at once.
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
                var fill = new OrderUpdate
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
                };
                engine.OnOrderUpdate(fill, now, output);
                break;
            }

            output.Clear();
        }

        for (var i = 0; i < 20_000; i++)
        {
            Cycle();
        }

        var placedBefore = engine.Symbol(btc).Long.Stats.Orders;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20_000; i++)
        {
            Cycle();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(engine.Symbol(btc).Long.Stats.Orders - placedBefore > 1000, "the measured loop must actually place orders");
        Assert.Equal(0, allocated);
    }
}
