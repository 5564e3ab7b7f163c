using System.Diagnostics;
using System.Text;

namespace Vq.Sim.Tests.Wire;

/// <summary>The two null-by-default hooks the tick-to-order harness (bench/Vq.Latency) stamps its samples with.</summary>
public sealed class LatencyProbeTests
{
    [Fact]
    public async Task Book_frames_are_reported_before_they_reach_the_client_and_other_routes_are_not()
    {
        await using var sim = await SimFixture.StartAsync();
        var seen = new List<(string Frame, long At)>();
        sim.Exchange.BookFrameSending = (frame, at) =>
        {
            lock (seen)
            {
                seen.Add((Encoding.UTF8.GetString(frame), at));
            }
        };
        using var book = await sim.ConnectAsync("/public/ws/btcusdt@bookTicker");
        using var marks = await sim.ConnectAsync("/market/ws/btcusdt@markPrice@1s");
        await Task.Delay(100, TestContext.Current.CancellationToken);

        Assert.True(sim.Exchange.MoveMid("BTCUSDT", 61000m));
        var received = await book.ReceiveAsync();
        var receivedAt = Stopwatch.GetTimestamp();
        sim.Exchange.AdvanceMarket(2000);
        Assert.NotNull(await marks.ReceiveAsync());

        Assert.NotNull(received);
        Assert.Equal("bookTicker", received.Value.GetProperty("e").GetString());
        lock (seen)
        {
            // The first book frame is the one MoveMid published, reported before the client had it; mark price
            // frames (the /market route) are never reported.
            Assert.NotEmpty(seen);
            Assert.Contains("\"e\":\"bookTicker\"", seen[0].Frame, StringComparison.Ordinal);
            Assert.Contains("\"s\":\"BTCUSDT\"", seen[0].Frame, StringComparison.Ordinal);
            Assert.True(seen[0].At <= receivedAt);
            Assert.DoesNotContain(seen, s => s.Frame.Contains("markPriceUpdate", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Order_placements_are_reported_with_their_symbol_and_other_requests_are_not()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong();
        var arrivals = new List<string>();
        sim.Exchange.OrderRequestArrived = (symbol, _) =>
        {
            lock (arrivals)
            {
                arrivals.Add(symbol);
            }
        };

        await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        var placed = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTX&quantity=0.001&price=90000");

        Assert.Equal(System.Net.HttpStatusCode.OK, placed.Status);
        lock (arrivals)
        {
            Assert.Equal(["BTCUSDT"], arrivals);
        }
    }
}
