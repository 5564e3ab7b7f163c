using Vq.Core.Engine;
using Vq.Core.Engine.Stops;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Stops;

public class CoordinatorAllocationTests
{
    // OnTimer runs on every engine pass, and a periodic sync that finds everything in place is the common case:
    // in steady state neither may allocate.
    [Fact]
    public void Timer_passes_and_a_sync_that_keeps_the_stop_do_not_allocate()
    {
        var source = new FakeLegSource();
        var btc = source.Add("BTCUSDT", 0.1m);
        source.Set(btc, PositionSide.Long, 1m, 100m, 110m);
        var coordinator = new ProtectiveStopCoordinator(source);
        var output = new EngineOutput();
        var identity = new ProtectiveStopIdentity("BTCUSDT", PositionSide.Long);
        ScannedOrder[] listed = [new(OrderBook.Algo, 42, identity.CreateId(1, 1), OrderKind.StopMarket, PositionSide.Long, true, false, 101.1m)];
        var scans = 0;
        var otherCommands = 0;

        void Sync(long now)
        {
            coordinator.Request(btc, StopSyncReasons.Calibration, now);
            coordinator.OnTimer(now, output);
            scans += output.Commands.Length;
            coordinator.OnStopScan(btc, listed, normalFetchFailed: false, now, now * 1000, output);
            otherCommands += output.Commands.Length - 1;
            output.Clear();
            for (var t = now + 1; t < now + 100; t++)
            {
                coordinator.OnTimer(t, output);
            }
        }

        for (var i = 0; i < 20; i++)
        {
            Sync(i * 100);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 20; i < 2_000; i++)
        {
            Sync(i * 100);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2_000, scans);
        Assert.Equal(0, otherCommands); // every sync kept the listed stop
        Assert.Equal(42, coordinator.Memory(btc, PositionSide.Long).AlgoId);
    }
}
