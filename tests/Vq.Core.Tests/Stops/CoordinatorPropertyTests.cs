using CsCheck;
using Vq.Core.Engine;
using Vq.Core.Engine.Stops;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Stops;

/// <summary>
/// Random interleavings of requests, time, leg changes, external stops, user events and failing answers, on two
/// symbols. Safety at every step: one command per symbol in flight (checked by the harness), at most one own stop per
/// leg on the exchange. Liveness once the faults stop: every leg with a position has exactly one own stop, at the
/// desired trigger or tighter, and flat legs have none.
/// </summary>
public class CoordinatorPropertyTests
{
    private static readonly string[] s_reasons =
        [StopSyncReasons.PositionUpdate, StopSyncReasons.OwnStopUpdate, StopSyncReasons.Startup, StopSyncReasons.PositionRefresh];

    [Fact]
    public void Property_random_interleavings_stay_safe_and_converge()
    {
        var op = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 1], Gen.Int[0, 99]);
        Gen.Select(op.Array[1, 120], Gen.Bool).Sample((ops, eventsFirst) => Run(ops, eventsFirst), iter: 300);
    }

    private static void Run((int Op, int Symbol, int P)[] ops, bool eventsFirst)
    {
        var h = new StopHarness { UserEventsBeforeResult = eventsFirst };
        int[] symbols = [h.Source.Add("BTCUSDT", 0.1m), h.Source.Add("ETHUSDT", 0.01m)];
        foreach (var s in symbols)
        {
            h.Source.Set(s, PositionSide.Long, 1m, 100m, 110m);
            h.Source.Set(s, PositionSide.Short, -1m, 120m, 110m);
        }

        var externalIds = 50_000L;
        foreach (var (kind, symbolIndex, p) in ops)
        {
            var symbol = symbols[symbolIndex];
            var side = p % 2 == 0 ? PositionSide.Long : PositionSide.Short;
            switch (kind)
            {
                case 0:
                    h.Request(symbol, s_reasons[p % s_reasons.Length]);
                    break;
                case 1:
                    h.Now += p * 30;
                    h.Timer();
                    break;
                case 2:
                    h.FailScans = p < 10;
                    h.CancelFails = _ => p < 30;
                    h.PlaceErrorCode = _ => p is >= 30 and < 45 ? -2021 : 0;
                    h.AnswerOne();
                    h.FailScans = false;
                    h.CancelFails = null;
                    h.PlaceErrorCode = null;
                    break;
                case 3:
                    SetLeg(h, symbol, side, p);
                    break;
                case 4:
                    var trigger = side == PositionSide.Long ? 95m + (p % 20) : 125m - (p % 20);
                    var external = h.AddExternal(symbol, side, externalIds++, trigger, "app" + p, p % 3 == 0 ? OrderBook.Normal : OrderBook.Algo);
                    if (p % 4 != 0)
                    {
                        h.UserEvent(StopHarness.Event(symbol, external, terminal: false));
                    }

                    break;
                case 5:
                    RemoveFirst(h, symbol, o => !ProtectiveStopIdentity.IsProtectiveStopId(o.ClientId), sendEvent: p % 4 != 0);
                    break;
                default:
                    RemoveFirst(h, symbol, o => ProtectiveStopIdentity.IsProtectiveStopId(o.ClientId), sendEvent: true);
                    break;
            }

            if (!h.StopEvents().Contains("sync_stalled"))
            {
                AssertAtMostOneOwnStopPerLeg(h, symbols);
            }
        }

        // Quiet phase: no faults, no external stops, final legs with a known liq and an unknown mark.
        foreach (var s in symbols)
        {
            while (RemoveFirst(h, s, o => !ProtectiveStopIdentity.IsProtectiveStopId(o.ClientId), sendEvent: s == 0))
            {
            }

            foreach (var side in new[] { PositionSide.Long, PositionSide.Short })
            {
                var leg = h.Source.Leg(s, side);
                h.Source.Set(s, side, leg.PositionAmount, leg.LiquidationPrice ?? (side == PositionSide.Long ? 90m : 130m), mark: null);
            }

            h.Request(s, StopSyncReasons.PositionRefresh);
        }

        h.RunUntil(h.Now + 90_000, stepMs: 500);
        foreach (var s in symbols)
        {
            h.Request(s, StopSyncReasons.PositionRefresh);
        }

        h.RunUntil(h.Now + 2_000, stepMs: 100);
        AssertAtMostOneOwnStopPerLeg(h, symbols);
        foreach (var s in symbols)
        {
            foreach (var side in new[] { PositionSide.Long, PositionSide.Short })
            {
                var leg = h.Source.Leg(s, side);
                var own = h.Orders(s).Where(o => o.PositionSide == side && ProtectiveStopIdentity.IsProtectiveStopId(o.ClientId)).ToList();
                if (leg.PositionAmount == 0m || leg.LiquidationPrice is null)
                {
                    Assert.True(leg.PositionAmount != 0m || own.Count == 0, "a flat leg keeps a stop");
                    continue;
                }

                var stop = Assert.Single(own);
                Assert.True(ProtectiveStopPrice.TryComputeTrigger(side, leg.LiquidationPrice, 0.01m, leg.TickSize, out var desired));
                Assert.True(stop.TriggerPrice == desired || ProtectiveStopPrice.IsTighter(side, stop.TriggerPrice!.Value, desired),
                    $"{side} stop {stop.TriggerPrice} looser than desired {desired}");
            }
        }
    }

    private static void SetLeg(StopHarness h, int symbol, PositionSide side, int p)
    {
        var amount = p < 20 ? 0m : side == PositionSide.Long ? 1m : -1m;
        decimal? liq = p % 11 == 0 ? null : side == PositionSide.Long ? 80m + (p % 25) : 115m + (p % 25);
        decimal? mark = p % 3 == 0 ? null : p % 7 == 0 ? (side == PositionSide.Long ? 70m : 150m) : 110m; // sometimes the wrong side
        h.Source.Set(symbol, side, amount, liq, mark);
    }

    private static bool RemoveFirst(StopHarness h, int symbol, Func<ScannedOrder, bool> match, bool sendEvent)
    {
        var list = h.Orders(symbol);
        var index = list.FindIndex(o => match(o));
        if (index < 0)
        {
            return false;
        }

        var order = list[index];
        list.RemoveAt(index);
        if (sendEvent)
        {
            h.UserEvent(StopHarness.Event(symbol, order, terminal: true));
        }

        return true;
    }

    private static void AssertAtMostOneOwnStopPerLeg(StopHarness h, int[] symbols)
    {
        foreach (var s in symbols)
        {
            foreach (var side in new[] { PositionSide.Long, PositionSide.Short })
            {
                var own = h.Orders(s).Count(o => o.PositionSide == side && ProtectiveStopIdentity.IsProtectiveStopId(o.ClientId));
                Assert.True(own <= 1, $"{own} own stops on {s} {side}");
            }
        }
    }
}
