using Vq.Core.Market;
using Vq.Live;

namespace Vq.Tests.Live;

/// <summary>The inbox policy of issue 5 item 1: book ticks coalesce per symbol, trades/marks drop when full, counted.</summary>
public class InboxTests
{
    [Fact]
    public void Book_ticks_coalesce_per_symbol_latest_wins_and_are_counted()
    {
        var slots = new BookSlots(2);
        slots.Publish(new BookTick(0, 1m, 1m, 2m, 1m, 1, 1));
        slots.Publish(new BookTick(0, 3m, 1m, 4m, 1m, 2, 2));
        slots.Publish(new BookTick(1, 5m, 1m, 6m, 1m, 3, 3));

        Assert.True(slots.TryTake(0, out var first));
        Assert.Equal(3m, first.Bid);
        Assert.False(slots.TryTake(0, out _));
        Assert.True(slots.TryTake(1, out var second));
        Assert.Equal(5m, second.Bid);
        Assert.Equal(1, slots.Coalesced);
    }

    [Fact]
    public void A_taken_tick_carries_the_time_its_stream_published_it()
    {
        var slots = new BookSlots(1);
        Assert.Equal(0, slots.LastTakenReceivedTimestamp(0));
        var before = System.Diagnostics.Stopwatch.GetTimestamp();
        slots.Publish(new BookTick(0, 1m, 1m, 2m, 1m, 1, 1));
        var after = System.Diagnostics.Stopwatch.GetTimestamp();

        // Published but not taken yet: the engine's stamp is still the previous one.
        Assert.Equal(0, slots.LastTakenReceivedTimestamp(0));
        Assert.True(slots.TryTake(0, out _));
        Assert.InRange(slots.LastTakenReceivedTimestamp(0), before, after);
        Assert.Equal(0, slots.LastTakenReceivedTimestamp(5));
    }

    [Fact]
    public void Unknown_symbols_are_refused()
    {
        var slots = new BookSlots(1);

        Assert.False(slots.Publish(new BookTick(1, 1m, 1m, 2m, 1m, 1, 1)));
    }

    [Fact]
    public async Task A_reader_never_sees_a_torn_tick_while_a_writer_publishes()
    {
        var slots = new BookSlots(1);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                slots.Publish(new BookTick(0, i, i, i + 1, i, i, i));
            }
        }, TestContext.Current.CancellationToken);

        var seen = 0;
        var deadline = Environment.TickCount64 + 300;
        while (Environment.TickCount64 < deadline)
        {
            if (slots.TryTake(0, out var tick))
            {
                seen++;
                Assert.Equal(tick.Bid + 1m, tick.Ask);
                Assert.Equal(tick.Bid, tick.BidQty);
                Assert.Equal((long)tick.Bid, tick.ExchangeTimeMs);
            }
        }

        stop.Cancel();
        await writer;
        Assert.True(seen > 0);
    }

    [Fact]
    public void The_market_ring_drops_and_counts_when_full_and_keeps_order()
    {
        var ring = new BoundedRing<TradeTick>(4);
        for (var i = 0; i < 6; i++)
        {
            ring.TryEnqueue(new TradeTick(0, i, 1m, false, i, i));
        }

        Assert.Equal(2, ring.Dropped);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(ring.TryDequeue(out var t));
            Assert.Equal(i, t.Price);
        }

        Assert.False(ring.TryDequeue(out _));
        Assert.True(ring.TryEnqueue(new TradeTick(0, 9m, 1m, false, 9, 9)));
        Assert.True(ring.TryDequeue(out var again));
        Assert.Equal(9m, again.Price);
    }

    [Fact]
    public void The_ring_takes_concurrent_producers_without_loss_when_not_full()
    {
        var ring = new BoundedRing<MarkTick>(1 << 14);
        Parallel.For(0, 4, p =>
        {
            for (var i = 0; i < 2000; i++)
            {
                Assert.True(ring.TryEnqueue(new MarkTick(p, i, i, i)));
            }
        });

        var count = 0;
        var lastBySymbol = new decimal[] { -1, -1, -1, -1 };
        while (ring.TryDequeue(out var m))
        {
            Assert.True(m.MarkPrice > lastBySymbol[m.Symbol]);
            lastBySymbol[m.Symbol] = m.MarkPrice;
            count++;
        }

        Assert.Equal(8000, count);
        Assert.Equal(0, ring.Dropped);
    }

    [Fact]
    public void Ring_capacity_must_be_a_power_of_two() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedRing<TradeTick>(3));
}
