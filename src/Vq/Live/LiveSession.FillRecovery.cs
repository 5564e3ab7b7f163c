using Vq.Binance.Json;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Binance.Stream;
using Vq.Core.Orders;
using Vq.Core.Primitives;

namespace Vq.Live;

/// <summary>
/// Fills missed during a user-stream outage. Recalibration (§5.4) refreshes positions and open orders, but the fills
/// themselves — quantity, price, maker flag, fee — never arrive, so the execution report and the statistics would
/// miss them. After every re-established user stream, <c>GET /fapi/v1/userTrades</c> per managed symbol from just
/// before the outage began; the orders behind them are looked up once (userTrades has no client order id) and the
/// fills of this run's orders are handed to the engine thread, which counts each trade id once (D10), whether the
/// stream delivered it or not.
/// </summary>
internal sealed partial class LiveSession
{
    /// <summary>Fills shortly before the loss was noticed may have been in flight on the dead socket.</summary>
    private const long OutageLeadMs = 10_000;

    /// <summary>Binance's page size limit; a longer outage pages on from the last trade's time.</summary>
    private const int TradesPageSize = 1000;

    /// <summary>Enough pages for any realistic outage; the rest would still be reconciled by the positions.</summary>
    private const int MaxTradePages = 5;

    private long _userStreamLostAtMs;

    /// <summary>Before the loop starts: remember when the user stream is lost and recover its fills once it is back.</summary>
    private void WatchForMissedFills()
    {
        if (UserStream is not { } stream)
        {
            return;
        }

        stream.StateChanged += change =>
        {
            if (change.State == StreamState.Lost)
            {
                Interlocked.CompareExchange(ref _userStreamLostAtMs, Rest.ServerNow.ToUnixTimeMilliseconds(), 0);
            }
            else if (change.State == StreamState.Reestablished && Interlocked.Exchange(ref _userStreamLostAtMs, 0) is var lostAt and > 0)
            {
                // Not tracked in _streamTasks (a stream task adding to it could race the shutdown's wait on it).
                _ = RecoverFillsAsync(lostAt - OutageLeadMs, _streamsStop.Token);
            }
        };
    }

    private async Task RecoverFillsAsync(long sinceMs, CancellationToken cancellation)
    {
        try
        {
            foreach (var symbol in Universe)
            {
                var trades = await FetchTradesAsync(symbol, sinceMs, cancellation).ConfigureAwait(false);
                if (trades is null)
                {
                    continue;
                }

                var own = await OwnOrdersOfAsync(symbol, trades, cancellation).ConfigureAwait(false);
                var mine = new List<(UserTrade Trade, ClientOrderId Id)>();
                foreach (var trade in trades)
                {
                    if (own.TryGetValue(trade.OrderId, out var id))
                    {
                        mine.Add((trade, id));
                    }
                }

                Inbox.Invoke(loop => ApplyRecoveredFills(loop, symbol, sinceMs, trades.Count, mine));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    /// <summary>The symbol's trades since <paramref name="sinceMs"/> (paged); null when a call failed (logged).</summary>
    private async Task<List<UserTrade>?> FetchTradesAsync(string symbol, long sinceMs, CancellationToken cancellation)
    {
        var all = new List<UserTrade>();
        var seen = new HashSet<long>();
        var from = Math.Max(0, sinceMs);
        for (var page = 0; page < MaxTradePages; page++)
        {
            var result = await Rest.GetUserTradesAsync(symbol, from, TradesPageSize, cancellation).ConfigureAwait(false);
            if (!result.IsOk)
            {
                Log.Line("fill_recovery", $"symbol={symbol} outcome=failed error=\"{result}\"");
                return null;
            }

            foreach (var trade in result.Value!)
            {
                if (seen.Add(trade.Id))
                {
                    all.Add(trade);
                }
            }

            if (result.Value!.Count < TradesPageSize)
            {
                break;
            }

            // Trades of the same millisecond may straddle pages: start the next page at the last time, ids dedupe.
            from = result.Value![^1].Time;
        }

        return all;
    }

    /// <summary>orderId → client order id for the orders of this run among <paramref name="trades"/>.</summary>
    private async Task<Dictionary<long, ClientOrderId>> OwnOrdersOfAsync(string symbol, List<UserTrade> trades, CancellationToken cancellation)
    {
        var own = new Dictionary<long, ClientOrderId>();
        var asked = new HashSet<long>();
        foreach (var trade in trades)
        {
            if (!asked.Add(trade.OrderId))
            {
                continue;
            }

            var order = await Rest.QueryOrderAsync(OrderRef.ById(symbol, trade.OrderId), cancellation).ConfigureAwait(false);
            if (order.IsOk && order.Value!.ClientOrderId is { } cid && cid.StartsWith(Ids.Prefix, StringComparison.Ordinal)
                && ClientOrderId.TryCreate(cid.AsSpan(), out var id))
            {
                own[trade.OrderId] = id;
            }
            else if (!order.IsOk)
            {
                Log.Line("fill_recovery", $"symbol={symbol} order_id={trade.OrderId} outcome=order_query_failed error=\"{order}\"");
            }
        }

        return own;
    }

    /// <summary>Engine thread: counts the fills the stream did not deliver; logs what was found.</summary>
    private static void ApplyRecoveredFills(EngineLoop loop, string symbol, long sinceMs, int tradeCount, List<(UserTrade Trade, ClientOrderId Id)> mine)
    {
        if (!loop.Engine.TryGetSymbol(symbol, out var index))
        {
            return;
        }

        var recovered = 0;
        var now = EngineLoop.NowMs;
        foreach (var (trade, id) in mine)
        {
            if (WireMapping.ParsePositionSide(trade.PositionSide) is not { } side)
            {
                continue;
            }

            var fill = new OrderUpdate
            {
                Symbol = index,
                PositionSide = side,
                Side = trade.Buyer ? OrderSide.Buy : OrderSide.Sell,
                ClientOrderId = id,
                OrderId = trade.OrderId,
                Status = OrderStatus.PartiallyFilled,
                LastFillQty = trade.Qty,
                LastFillPrice = trade.Price,
                TradeId = trade.Id,
                IsMaker = trade.Maker,
                // Binance's sample shows the commission negative; the stream's n (and vq's fees) are a positive cost.
                Commission = Math.Abs(trade.Commission),
                RealizedPnl = trade.RealizedPnl,
                TransactionTimeMs = trade.Time,
            };
            if (loop.Engine.OnRecoveredFill(fill, now, loop.Output))
            {
                recovered++;
            }
        }

        loop.Flush();
        loop.Log.Line("fill_recovery", $"symbol={symbol} since_ms={sinceMs} trades={tradeCount} own={mine.Count} recovered={recovered}");
    }
}
