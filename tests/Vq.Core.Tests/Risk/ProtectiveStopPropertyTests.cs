using CsCheck;
using Vq.Core.Primitives;
using Vq.Core.Risk;
using static Vq.Core.Tests.Risk.StopTestKit;

namespace Vq.Core.Tests.Risk;

public class ProtectiveStopPropertyTests
{
    private static readonly Gen<ScannedOrder> s_order =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, 7], Gen.Bool, Gen.Bool, Gen.Int[0, 400], Gen.Int[1, 9])
            .Select((owner, ps, kind, cp, ro, triggerTenths, id) =>
            {
                var side = ps == 2 ? (PositionSide?)null : (PositionSide)ps;
                var clientId = owner switch
                {
                    0 => Identity(PositionSide.Long).CreateId(id, id),
                    1 => Identity(PositionSide.Short).CreateId(id, id),
                    2 => ClientOrderId.Parse("vq-0123456789-abc"),
                    _ => ClientOrderId.Parse("ios-" + id),
                };
                decimal? trigger = triggerTenths == 0 ? null : 80m + (triggerTenths / 10m);
                return new ScannedOrder(OrderBook.Algo, id, clientId, (OrderKind)kind, side, cp, ro, trigger);
            });

    [Fact]
    public void Property_plans_are_safe()
    {
        var legGen = Gen.Select(Gen.Bool, Gen.Int[-2, 2], Gen.Int[0, 400], Gen.Int[0, 400])
            .Select((isLong, amount, liqTenths, markTenths) => Leg(
                isLong ? PositionSide.Long : PositionSide.Short,
                isLong ? Math.Abs(amount) : -Math.Abs(amount),
                liqTenths == 0 ? null : 80m + (liqTenths / 10m),
                markTenths == 0 ? null : 80m + (markTenths / 10m)));
        Gen.Select(legGen, s_order.Array[0, 6], Gen.Bool, Gen.Bool).Sample((leg, orders, latched, cancelInvalid) =>
        {
            var settings = Defaults with { ExternalTakeover = Defaults.ExternalTakeover with { CancelInvalid = cancelInvalid } };
            var plan = Plan(leg, new ProtectiveStopMemory(), orders, settings, latched);
            var identity = Identity(leg.Side);
            var places = plan.Where(d => d.Action == StopAction.Place).ToList();

            Assert.True(places.Count <= 1);
            Assert.All(plan, d => Assert.Equal(leg.Side, d.Side));
            Assert.All(plan.Where(d => d.Action == StopAction.Cancel), d => Assert.Equal(leg.Side, d.Order.PositionSide));
            if (leg.PositionAmount == 0m)
            {
                Assert.Empty(places);
            }

            // Never cancel a user's valid stop; an invalid one only when configured (D6).
            foreach (var cancel in plan.Where(d => d.Action == StopAction.Cancel && !identity.IsOwn(d.Order.ClientId)))
            {
                Assert.Equal(StopReason.CancelInvalidExternalStop, cancel.Reason);
                Assert.True(cancelInvalid);
                Assert.False(ProtectiveStopPrice.IsExternalStopValid(leg.Side, cancel.Order.TriggerPrice, leg.LiquidationPrice));
            }

            if (places.Count == 1)
            {
                var place = places[0];
                var placeIndex = plan.IndexOf(place);
                Assert.NotNull(leg.LiquidationPrice);
                Assert.True(leg.Side == PositionSide.Long ? place.TriggerPrice > leg.LiquidationPrice : place.TriggerPrice < leg.LiquidationPrice);
                Assert.True(Rounding.IsAligned(place.TriggerPrice, leg.TickSize));
                Assert.False(ProtectiveStopPrice.IsLiquidationOnWrongSide(leg.Side, leg.LiquidationPrice!.Value, leg.MarkPrice));

                // Every own stop on the leg is cancelled before the placement (no two stops), and a replacement's
                // cancel guards the placement.
                foreach (var own in orders.Where(o => o.PositionSide == leg.Side && identity.IsOwn(o.ClientId)))
                {
                    Assert.Contains(plan.Take(placeIndex), d => d.Action == StopAction.Cancel && d.Order == own);
                }

                if (placeIndex > 0 && plan[placeIndex - 1].Reason == StopReason.CancelForReplace)
                {
                    Assert.True(plan[placeIndex - 1].RequiredForNext);
                }

                // No valid external stop may coexist with ours.
                Assert.DoesNotContain(orders, o => o.PositionSide == leg.Side && !identity.IsOwn(o.ClientId) &&
                    !ProtectiveStopIdentity.IsProtectiveStopId(o.ClientId) &&
                    OrderKinds.IsExternalStop(o.Kind, o.ClosePosition, o.ReduceOnly) &&
                    ProtectiveStopPrice.IsExternalStopValid(leg.Side, o.TriggerPrice, leg.LiquidationPrice));
            }
        });
    }

    [Fact]
    public void Property_repeated_syncs_against_an_exchange_never_leave_two_stops_and_converge_to_one()
    {
        // Each step: the liquidation price moves, time passes, cancels fail at random; the "exchange" lists our stops.
        var step = Gen.Select(Gen.Int[-30, 30], Gen.Int[0, 40_000], Gen.Bool, Gen.Bool);
        Gen.Select(Gen.Bool, step.Array[1, 30]).Sample((isLong, steps) =>
        {
            var side = isLong ? PositionSide.Long : PositionSide.Short;
            var memory = new ProtectiveStopMemory();
            var listed = new List<ScannedOrder>();
            var placedAt = new Dictionary<long, long>();
            long algoIds = 1000, now = 0;
            var liq = isLong ? 100m : 120m;
            var mark = 110m;
            foreach (var (liqMove, dt, cancelFails, listingLags) in steps)
            {
                now += dt;
                liq = Math.Clamp(liq + (liqMove / 10m), isLong ? 90m : 111m, isLong ? 109m : 130m);
                var leg = Leg(side, isLong ? 1m : -1m, liq, mark);
                // A lagging listing hides orders placed less than 4 s ago (within the planner's visibility grace).
                var visible = listed.Where(o => !listingLags || now - placedAt[o.OrderId] >= 4000).ToArray();
                var plan = Plan(leg, memory, visible, now: now);
                foreach (var decision in plan)
                {
                    if (decision.Action == StopAction.Cancel)
                    {
                        var ok = !cancelFails;
                        memory.Apply(decision, ok);
                        if (ok)
                        {
                            listed.RemoveAll(o => o.OrderId == decision.Order.OrderId);
                        }
                        else if (decision.RequiredForNext)
                        {
                            break;
                        }
                    }
                    else if (decision.Action == StopAction.Place)
                    {
                        var id = Identity(side).CreateId(now * 1000, (int)algoIds);
                        var algoId = algoIds++;
                        memory.OnPlaced(decision, id, algoId, now);
                        placedAt[algoId] = now;
                        listed.Add(new ScannedOrder(OrderBook.Algo, algoId, id, OrderKind.StopMarket, side, true, false, decision.TriggerPrice));
                    }
                    else
                    {
                        memory.Apply(decision, true);
                    }
                }

                Assert.True(listed.Count <= 1, $"{listed.Count} stops coexist");
            }

            // With cancels working again, one more sync leaves exactly one stop at a safe price.
            var final = Plan(Leg(side, isLong ? 1m : -1m, liq, mark), memory, [.. listed], now: now + 60_000);
            Execute(final, memory, now + 60_000);
            Assert.True(memory.HasStop);
            Assert.True(isLong ? memory.TriggerPrice > liq : memory.TriggerPrice < liq);
        });
    }
}
