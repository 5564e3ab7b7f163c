using Vq.Binance.Json;
using Vq.Binance.Protocol;
using Vq.Binance.Stream;
using Vq.Core.Config;
using Vq.Core.Engine;

namespace Vq.Live;

/// <summary>
/// D9 at run time (SPEC §1.4 [FIX 487d7e4]): with <c>universe: all_positions</c> a position that appears in a symbol
/// vq does not manage yet — seen in an ACCOUNT_UPDATE or by the periodic all-positions refresh — makes the symbol
/// managed: its rules come from the exchangeInfo cached at startup, the engine adds it on the engine thread, the market
/// streams subscribe its streams on the live connections (the others keep flowing), and its positions, open orders and
/// protective stop are fetched as for any symbol. <c>flatten</c> (explicit targets) and <c>universe: configured</c>
/// never grow.
/// </summary>
internal sealed partial class LiveSession
{
    private Dictionary<string, SymbolInfo> _listed = new(StringComparer.Ordinal);
    private SymbolTable _symbolTable = new();

    /// <summary>Whether positions in new symbols join the universe while running.</summary>
    private bool GrowsUniverse => _request.Targets.Count == 0 && _request.Config.Global.Universe == UniverseMode.AllPositions;

    /// <summary>
    /// Book slots for every symbol that could ever be managed: all listed symbols when the universe may grow (slots are
    /// a few dozen bytes each), else exactly the startup universe.
    /// </summary>
    private int InboxSymbolCapacity(int startupCount) => GrowsUniverse ? Math.Max(startupCount, _listed.Count) : startupCount;

    /// <summary>Before the loop starts: hook ACCOUNT_UPDATE growth and start the periodic all-positions refresh.</summary>
    private void EnableUniverseGrowth()
    {
        if (!GrowsUniverse)
        {
            return;
        }

        Loop.UniverseGrowth = TryAddSymbol;
        _streamTasks.Add(RefreshUniverseAsync(_streamsStop.Token));
    }

    /// <summary>
    /// Engine thread: makes <paramref name="symbol"/> managed. True when it is managed afterwards; false (logged once by
    /// the caller) when the exchange does not list it or its streams cannot be carried.
    /// </summary>
    private bool TryAddSymbol(EngineLoop loop, string symbol, string source)
    {
        var engine = loop.Engine;
        if (engine.TryGetSymbol(symbol, out _))
        {
            return true;
        }

        if (!_listed.TryGetValue(symbol, out var info) || engine.SymbolCount >= loop.Inbox.Books.Capacity)
        {
            return false;
        }

        var rules = info.ToRules();
        var index = engine.AddSymbol(rules, _request.Config.For(symbol));
        var id = _symbolTable.Register(symbol);
        if (id.Value != index)
        {
            throw new InvalidOperationException($"symbol table and engine indices diverged adding {symbol}");
        }

        Universe = [.. Universe, symbol];
        Log.Line("universe_add", $"symbol={symbol} source={source} index={index} tick={EngineEventLog.D(rules.TickSize)} step={EngineEventLog.D(rules.StepSize)} min_qty={EngineEventLog.D(rules.MinQty)} symbols={string.Join(',', Universe)}");

        // Positions (with leverage and liquidation price) and open orders, as for every managed symbol (P19, D21).
        loop.Gateway.Inspect(index, symbol, isRecalibration: false);
        engine.RequestStopSync(index, "universe_add", EngineLoop.NowMs);
        _ = ResubscribeAsync(Universe);
        return true;
    }

    /// <summary>Adds the new symbol's streams to both market connections without dropping the others.</summary>
    private async Task ResubscribeAsync(IReadOnlyList<string> universe)
    {
        try
        {
            var books = new List<string>(universe.Count);
            var market = new List<string>(universe.Count * 2);
            foreach (var s in universe)
            {
                books.Add(StreamRoutes.BookTicker(s));
                market.Add(StreamRoutes.AggTrade(s));
                market.Add(StreamRoutes.MarkPrice1s(s));
            }

            var publicLive = PublicStream is { } p && await p.UpdateStreamsAsync(books, _streamsStop.Token).ConfigureAwait(false);
            var marketLive = MarketDataStream is { } m && await m.UpdateStreamsAsync(market, _streamsStop.Token).ConfigureAwait(false);

            // Not connected right now: the new set is used by the reconnect, so nothing is lost either way.
            Log.Line("universe_resubscribe", $"streams={books.Count + market.Count} public={(publicLive ? "live" : "on_reconnect")} market={(marketLive ? "live" : "on_reconnect")}");
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            Log.Line("error", $"where=universe_resubscribe error=\"{e.Message}\"");
        }
    }

    /// <summary>
    /// The periodic half of D9: every position-refresh interval, one all-symbol positionRisk (weight 5); a non-zero
    /// hedge position in an unmanaged symbol is handed to the engine thread, which adds the symbol and applies it.
    /// </summary>
    private async Task RefreshUniverseAsync(CancellationToken cancellation)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, _request.Config.Global.Account.PositionRefreshIntervalS));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
            {
                var positions = await Rest.GetPositionRiskAsync(null, cancellation).ConfigureAwait(false);
                if (!positions.IsOk)
                {
                    Log.Line("universe_refresh", $"outcome=failed error=\"{positions}\"");
                    continue;
                }

                foreach (var row in positions.Value!)
                {
                    if (row.PositionAmt != 0m && WireMapping.ParsePositionSide(row.PositionSide) is not null && !Universe.Contains(row.Symbol))
                    {
                        var symbol = row.Symbol;
                        Inbox.Invoke(loop => loop.TryGrowUniverse(symbol, "position_refresh", out _));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
