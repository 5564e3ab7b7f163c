using Vq.Binance.Protocol;
using Vq.Core.Market;

namespace Vq.Live;

/// <summary>
/// Market stream → inbox, on the stream's task. Symbol ids equal engine indices (the session registers both in the
/// same order). Allocation-free: ticks are copied into preallocated slots and rings.
/// </summary>
internal readonly struct MarketHandler(EventInbox inbox) : IMarketEventHandler
{
    public void OnBookTicker(in BookTicker e)
    {
        var tick = new BookTick(e.Symbol.Value, e.BidPrice, e.BidQty, e.AskPrice, e.AskQty, e.EventTime, Environment.TickCount64);
        if (inbox.Books.Publish(tick))
        {
            inbox.Wake();
        }
    }

    public void OnAggTrade(in AggTrade e)
    {
        if (inbox.Trades.TryEnqueue(new TradeTick(e.Symbol.Value, e.Price, e.Qty, e.BuyerIsMaker, e.TradeTime, Environment.TickCount64)))
        {
            inbox.Wake();
        }
    }

    public void OnMarkPrice(in MarkPriceUpdate e)
    {
        if (inbox.Marks.TryEnqueue(new MarkTick(e.Symbol.Value, e.MarkPrice, e.EventTime, Environment.TickCount64)))
        {
            inbox.Wake();
        }
    }
}

/// <summary>User-data stream → inbox (never dropped). Converted to domain events on the engine thread.</summary>
internal readonly struct UserDataHandler(EventInbox inbox) : IUserDataHandler
{
    public void OnOrderTradeUpdate(in OrderTradeUpdate e) =>
        inbox.Post(new HostEvent { Kind = HostEventKind.OrderUpdate, Symbol = -1, Order = e });

    public void OnAccountUpdate(AccountUpdate e) =>
        inbox.Post(new HostEvent { Kind = HostEventKind.AccountUpdate, Symbol = -1, Payload = e });

    public void OnAccountConfigUpdate(in AccountConfigUpdate e)
    {
        if (e.Symbol is not null && e.Leverage is { } leverage)
        {
            inbox.Post(new HostEvent { Kind = HostEventKind.Leverage, Symbol = -1, SymbolName = e.Symbol, Leverage = leverage });
        }
    }

    public void OnAlgoUpdate(AlgoUpdate e) =>
        inbox.Post(new HostEvent { Kind = HostEventKind.AlgoUpdate, Symbol = -1, Payload = e });

    public void OnListenKeyExpired(in ListenKeyExpired e)
    {
        // The stream reconnects with a new key by itself; the reconnect triggers a recalibration.
    }

    public void OnMarginCall(MarginCall e) =>
        inbox.Post(new HostEvent { Kind = HostEventKind.MarginCall, Symbol = -1, Payload = e });
}
