using Vq.Sim.Matching;
using Vq.Sim.Wire.Json;

namespace Vq.Sim;

// User-data delivery with the event faults: delay, duplicate, reorder (docs/sim.md "Faults").
public sealed partial class SimExchange
{
    private readonly List<(long Due, string Type, byte[] Payload)> _delayed = [];
    private (string Type, byte[] Payload)? _heldBack;

    /// <summary>Called by the wire layer, already under <see cref="Gate"/>, after a request touched the engine.</summary>
    internal void FlushAfterRequest() => FlushUserEvents();

    private readonly List<PublicPrint> _printScratch = [];

    private void FlushUserEvents()
    {
        FlushPublicPrints();
        if (Engine.PendingEvents == 0)
        {
            return;
        }

        _eventScratch.Clear();
        Engine.DrainEvents(_eventScratch);
        var now = Clock.NowMs;
        foreach (var e in _eventScratch)
        {
            var type = UserEventJson.EventType(e);
            var payload = UserEventJson.Serialize(e);
            if (Faults.ReorderProbability > 0 && _heldBack is null && Faults.Chance(Faults.ReorderProbability))
            {
                _heldBack = (type, payload);
                continue;
            }

            Enqueue(now, type, payload);
            if (Faults.DuplicateProbability > 0 && Faults.Chance(Faults.DuplicateProbability))
            {
                Enqueue(now, type, payload);
            }

            if (_heldBack is { } held)
            {
                _heldBack = null;
                Enqueue(now, held.Type, held.Payload);
            }
        }

        _eventScratch.Clear();
    }

    /// <summary>Own taker fills appear on the public aggTrade stream, and the consumed touch on bookTicker.</summary>
    private void FlushPublicPrints()
    {
        _printScratch.Clear();
        Engine.DrainPrints(_printScratch);
        if (_printScratch.Count == 0)
        {
            return;
        }

        var now = Clock.NowMs;
        for (var i = 0; i < _printScratch.Count; i++)
        {
            var print = _printScratch[i];
            var book = Engine.Book(print.Symbol)!;
            Hub.PublishMarket(print.Symbol.ToLowerInvariant() + "@aggTrade",
                MarketJson.AggTrade(book.Instrument, _aggTradeId++, print.Price, print.Qty, print.BuyerIsMaker, now));
            var lastOfSymbol = i + 1 == _printScratch.Count || _printScratch[i + 1].Symbol != print.Symbol;
            if (lastOfSymbol)
            {
                // The walk consumed the touch: show the book as the taker left it.
                book.UpdateId++;
                Hub.PublishMarket(print.Symbol.ToLowerInvariant() + "@bookTicker", MarketJson.BookTicker(book, now));
            }
        }

        _printScratch.Clear();
    }

    private void Enqueue(long now, string type, byte[] payload)
    {
        if (Faults.UserEventDelayMs > 0)
        {
            _delayed.Add((now + Faults.UserEventDelayMs, type, payload));
            return;
        }

        Deliver(type, payload);
    }

    private void Deliver(string type, byte[] payload)
    {
        if (ListenKeys.ActiveKey is { } key && ListenKeys.IsValid(key, Clock.NowMs))
        {
            Hub.PublishUser(key, type, payload);
        }
    }

    private void DeliverDueEvents(long now)
    {
        // A held-back event never waits longer than one housekeeping round for a successor.
        if (_heldBack is { } held)
        {
            _heldBack = null;
            Enqueue(now, held.Type, held.Payload);
        }

        var kept = 0;
        for (var i = 0; i < _delayed.Count; i++)
        {
            var item = _delayed[i];
            if (item.Due <= now)
            {
                Deliver(item.Type, item.Payload);
            }
            else
            {
                _delayed[kept++] = item;
            }
        }

        _delayed.RemoveRange(kept, _delayed.Count - kept);
    }
}
