using System.Text;
using CsCheck;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Risk;

public class ReduceOnlyBlockTests
{
    private static readonly SymbolRules s_btc = new("BTCUSDT", TickSize: 0.1m, StepSize: 0.001m, MinQty: 0.001m, MinNotional: 5m);
    private static readonly byte[] s_runPrefix = Encoding.ASCII.GetBytes("vq-0123456789-");

    // SPEC §9.11 #101
    [Fact]
    public void Scenario_101_only_orders_on_the_leg_and_its_closing_side_count()
    {
        RestingOrder[] orders =
        [
            new(PositionSide.Long, OrderSide.Buy, 0.001m, 0m, Id("app-1")),
            new(PositionSide.Short, OrderSide.Sell, 0.003m, 0m, Id("app-2")),
            new(PositionSide.Short, OrderSide.Buy, 0.001m, 0m, Id("app-3")),
        ];

        var inspection = ReduceOnlyBlockInspector.Inspect(PositionSide.Short, -0.003m, orders, s_btc, s_runPrefix);

        Assert.False(inspection.IsBlocked);
        Assert.Equal(0.003m, inspection.TradableQty);
        Assert.Equal(0.001m, inspection.BlockingQty);
        Assert.Equal(1, inspection.OrderCount);
        Assert.Equal(0.002m, inspection.Headroom);
    }

    [Fact]
    public void Covered_position_is_blocked_with_own_and_external_split()
    {
        RestingOrder[] orders =
        [
            new(PositionSide.Long, OrderSide.Sell, 0.004m, 0.001m, Id("vq-0123456789-aaaaaaaaaaaaaaaaaaaaaa")),
            new(PositionSide.Long, OrderSide.Sell, 0.002m, 0m, Id("web_manual_tp")),
            new(null, OrderSide.Sell, 9m, 0m, Id("both-mode")), // BOTH is never a hedge leg's order
        ];

        var inspection = ReduceOnlyBlockInspector.Inspect(PositionSide.Long, 0.0055m, orders, s_btc, s_runPrefix);

        Assert.True(inspection.IsBlocked);
        Assert.False(inspection.IsDone);
        Assert.Equal(0.005m, inspection.TradableQty);
        Assert.Equal(0.005m, inspection.BlockingQty);
        Assert.Equal(0.003m, inspection.OwnQty);
        Assert.Equal(0.002m, inspection.ExternalQty);
        Assert.Equal(BlockSource.Mixed, inspection.Source);
        Assert.Equal("mixed", inspection.Source.Code());
        Assert.Equal(0m, inspection.Headroom);
    }

    [Fact]
    public void Source_is_own_or_external_alone()
    {
        RestingOrder[] own = [new(PositionSide.Long, OrderSide.Sell, 1m, 0m, Id("vq-0123456789-b"))];
        RestingOrder[] external = [new(PositionSide.Long, OrderSide.Sell, 1m, 0m, Id("vq-9999999999-b"))];
        Assert.Equal("own", ReduceOnlyBlockInspector.Inspect(PositionSide.Long, 1m, own, s_btc, s_runPrefix).Source.Code());
        Assert.Equal("external", ReduceOnlyBlockInspector.Inspect(PositionSide.Long, 1m, external, s_btc, s_runPrefix).Source.Code());
    }

    [Fact]
    public void A_done_position_is_never_blocked()
    {
        RestingOrder[] orders = [new(PositionSide.Long, OrderSide.Sell, 1m, 0m, Id("x"))];
        var inspection = ReduceOnlyBlockInspector.Inspect(PositionSide.Long, 0.0009m, orders, s_btc, s_runPrefix);
        Assert.True(inspection.IsDone);
        Assert.False(inspection.IsBlocked);
    }

    // SPEC §9.11 #100 (the latch part; the intent is the state machine's).
    [Fact]
    public void Scenario_100_latched_leg_skips_without_rest_until_the_recheck_then_releases()
    {
        var latch = new ReduceOnlyBlockLatch();
        Assert.True(latch.TryLatch(Blocked(), nowMs: -1000));
        Assert.Equal(2000, latch.RecheckAtMs);

        // Signal at 1500 with recheck at 2000: skip, no inspection.
        Assert.True(latch.IsHolding(1500));
        Assert.False(latch.ShouldRecheck(1500));

        // Recheck at 1000 and a signal at 1500: inspect; no block any more → released, intents flow.
        var due = new ReduceOnlyBlockLatch();
        due.TryLatch(Blocked(), nowMs: -2000);
        Assert.Equal(1000, due.RecheckAtMs);
        Assert.True(due.ShouldRecheck(1500));
        var outcome = due.OnRecheck(ReduceOnlyBlockInspector.Inspect(PositionSide.Short, -0.003m, [], s_btc, s_runPrefix), 1500);
        Assert.Equal(BlockRecheckOutcome.Released, outcome);
        Assert.False(due.IsLatched);
        Assert.False(due.IsHolding(1500));
        Assert.Equal("reduce_only_block_released", ReduceOnlyBlockLatch.ReleasedCode);
    }

    [Fact]
    public void Recheck_outcomes_still_blocked_position_done_and_failure()
    {
        var latch = new ReduceOnlyBlockLatch();
        Assert.True(latch.TryLatch(Blocked(), 0));
        Assert.False(latch.TryLatch(Blocked(), 100)); // already latched: no second WARN

        Assert.Equal(BlockRecheckOutcome.StillBlocked, latch.OnRecheck(Blocked(), 3100));
        Assert.Equal(6100, latch.RecheckAtMs);

        latch.OnInspectionFailed(6100);
        Assert.True(latch.IsLatched);
        Assert.Equal(9100, latch.RecheckAtMs);

        var done = ReduceOnlyBlockInspector.Inspect(PositionSide.Short, 0m, [], s_btc, s_runPrefix);
        Assert.Equal(BlockRecheckOutcome.PositionDone, latch.OnRecheck(done, 9100));
        Assert.False(latch.IsLatched);
        Assert.Equal("reduce_only_block_position_done", ReduceOnlyBlockLatch.PositionDoneCode);
    }

    [Fact]
    public void An_unblocked_inspection_does_not_latch()
    {
        var latch = new ReduceOnlyBlockLatch();
        Assert.False(latch.TryLatch(ReduceOnlyBlockInspector.Inspect(PositionSide.Long, 1m, [], s_btc, s_runPrefix), 0));
        Assert.False(latch.IsLatched);
        Assert.False(latch.ShouldRecheck(10_000));
    }

    [Fact]
    public void Property_blocking_quantity_is_the_sum_of_matching_remaining_quantities()
    {
        var orderGen = Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Int[0, 5], Gen.Int[0, 5], Gen.Bool)
            .Select((ps, buy, orig, exec, own) => new RestingOrder(
                ps == 2 ? null : (PositionSide)ps, buy ? OrderSide.Buy : OrderSide.Sell, orig / 1000m, exec / 1000m,
                Id(own ? "vq-0123456789-x" : "app")));
        Gen.Select(orderGen.Array[0, 8], Gen.Int[-10, 10]).Sample((orders, posMilli) =>
        {
            var pos = posMilli / 1000m;
            var side = pos < 0 ? PositionSide.Short : PositionSide.Long;
            var inspection = ReduceOnlyBlockInspector.Inspect(side, pos, orders, s_btc, s_runPrefix);
            var expected = orders.Where(o => o.PositionSide == side && o.Side == side.CloseSide()).Sum(o => Math.Max(0m, o.OrigQty - o.ExecutedQty));
            Assert.Equal(expected, inspection.BlockingQty);
            Assert.Equal(inspection.OwnQty + inspection.ExternalQty, inspection.BlockingQty);
            Assert.Equal(!inspection.IsDone && expected >= inspection.TradableQty, inspection.IsBlocked);
        });
    }

    private static ReduceOnlyBlockInspection Blocked()
    {
        RestingOrder[] orders = [new(PositionSide.Short, OrderSide.Buy, 0.003m, 0m, Id("app"))];
        var inspection = ReduceOnlyBlockInspector.Inspect(PositionSide.Short, -0.003m, orders, s_btc, s_runPrefix);
        Assert.True(inspection.IsBlocked);
        return inspection;
    }

    private static ClientOrderId Id(string text) => ClientOrderId.Parse(text);
}
