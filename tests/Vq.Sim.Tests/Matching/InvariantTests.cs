using CsCheck;
using Vq.Sim.Matching;

namespace Vq.Sim.Tests.Matching;

/// <summary>Property tests over random interleavings of client actions and market events.</summary>
public sealed class InvariantTests
{
    private enum Step { PlaceClose, PlaceOpen, Trade, Quote, Cancel, ShrinkLeg }

    private static readonly Gen<(Step Step, int A, int B)> StepGen =
        Gen.Select(Gen.Enum<Step>(), Gen.Int[1, 400], Gen.Int[-30, 30]);

    [Fact]
    public void Closes_never_flip_a_leg_and_closed_quantity_never_exceeds_what_was_held()
    {
        StepGen.List[1, 120].Sample(steps =>
        {
            var engine = EngineFixture.Create(bidQty: 0.5m, askQty: 0.5m, depth: 0.2m);
            engine.SetPosition("BTCUSDT", LegSide.Long, 1m, 60000m, 10, MarginMode.Cross);
            var held = 1m;
            var placed = new List<long>();
            foreach (var (step, a, b) in steps)
            {
                var book = engine.Book("BTCUSDT")!;
                var price = book.Instrument.FloorToTick(book.Mid + b * 0.1m);
                switch (step)
                {
                    case Step.PlaceClose:
                        var tif = (a % 3) switch { 0 => "GTC", 1 => "IOC", _ => "GTX" };
                        var close = engine.Place(EngineFixture.Limit(qty: (a / 1000m).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
                            price: price.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), tif: tif));
                        if (close.Ok)
                        {
                            placed.Add(close.Value!.Final.OrderId);
                        }

                        break;
                    case Step.PlaceOpen:
                        var qty = a / 1000m;
                        var open = engine.Place(EngineFixture.Limit(side: "BUY", qty: qty.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
                            price: price.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), tif: "IOC"));
                        if (open.Ok)
                        {
                            held += open.Value!.Final.ExecutedQty;
                        }

                        break;
                    case Step.Trade:
                        engine.ApplyTrade("BTCUSDT", price, a / 100m, buyerIsMaker: b < 0);
                        break;
                    case Step.Quote:
                        engine.ApplyQuote("BTCUSDT", price, a / 200m, price + 0.1m, a / 300m + 0.001m);
                        break;
                    case Step.Cancel when placed.Count > 0:
                        engine.Cancel("BTCUSDT", placed[a % placed.Count], null);
                        break;
                    case Step.ShrinkLeg:
                        var leg = engine.Account.FindLeg("BTCUSDT", LegSide.Long)!;
                        var smaller = Math.Max(0m, leg.Amount - a / 1000m);
                        held -= leg.Amount - smaller;
                        engine.SetPosition("BTCUSDT", LegSide.Long, smaller, smaller > 0m ? leg.EntryPrice : 0m, null, null);
                        break;
                }

                var longLeg = engine.Account.FindLeg("BTCUSDT", LegSide.Long)!;
                Assert.True(longLeg.Amount >= 0m);
                Assert.Equal(0m, engine.Account.FindLeg("BTCUSDT", LegSide.Short)?.Amount ?? 0m);
                var closed = engine.Ledger.Fills.Where(f => f.Side == Side.Sell).Sum(f => f.Qty);
                // Conservation: what is left is exactly what was held minus what the closes filled.
                Assert.Equal(held - closed, longLeg.Amount);
            }
        }, iter: 300);
    }
}
