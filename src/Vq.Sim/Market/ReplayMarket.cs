namespace Vq.Sim.Market;

/// <summary>
/// Replays a recording in Binance payload shapes. Pacing follows the recording's <c>E</c>: <see cref="Advance"/>
/// releases every event whose offset from the first event is within the elapsed market time (speed is applied by the
/// caller, which advances market time faster or slower than the wall). Events of symbols the exchange does not list
/// are dropped. <see cref="MoveMid"/> shifts all later prices of a symbol by a constant. At the end the driver is
/// <see cref="Finished"/> unless <c>loop</c> is set, in which case it starts over (with any price shift kept).
/// Not thread-safe.
/// </summary>
public sealed class ReplayMarket : IMarketDriver
{
    private readonly MarketEvent[] _events;
    private readonly bool _loop;
    private readonly Dictionary<string, decimal> _offsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _lastMid = new(StringComparer.Ordinal);
    private long _elapsedMs;
    private long _loopBaseMs;
    private int _next;

    public ReplayMarket(IReadOnlyList<MarketEvent> events, bool loop)
    {
        _events = [.. events];
        _loop = loop;
    }

    /// <summary>Reads a JSONL file, keeping the events of <paramref name="symbols"/>. Invalid lines are counted, not thrown.</summary>
    public static ReplayMarket Load(string path, ISet<string> symbols, bool loop, out int invalidLines)
    {
        var events = new List<MarketEvent>();
        invalidLines = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(line);
            switch (ReplayLineParser.TryParse(bytes, out var marketEvent))
            {
                case ReplayParseStatus.Done when symbols.Contains(marketEvent.Symbol):
                    events.Add(marketEvent);
                    break;
                case ReplayParseStatus.Invalid:
                    invalidLines++;
                    break;
            }
        }

        return new ReplayMarket(events, loop);
    }

    public int Count => _events.Length;

    public bool Finished => !_loop && _next >= _events.Length;

    public void MoveMid(string symbol, decimal mid)
    {
        if (_lastMid.TryGetValue(symbol, out var last) && mid > 0m)
        {
            _offsets[symbol] = _offsets.GetValueOrDefault(symbol) + (mid - last);
            _lastMid[symbol] = mid;
        }
    }

    public void Advance(long elapsedMs, List<MarketEvent> into)
    {
        if (_events.Length == 0)
        {
            return;
        }

        _elapsedMs += elapsedMs;
        var first = _events[0].SourceTime;
        while (true)
        {
            if (_next >= _events.Length)
            {
                if (!_loop)
                {
                    return;
                }

                _loopBaseMs += _events[^1].SourceTime - first + 1;
                _next = 0;
            }

            var e = _events[_next];
            if (_loopBaseMs + e.SourceTime - first > _elapsedMs)
            {
                return;
            }

            _next++;
            into.Add(Shift(e));
        }
    }

    private MarketEvent Shift(MarketEvent e)
    {
        var offset = _offsets.GetValueOrDefault(e.Symbol);
        var shifted = offset == 0m ? e : e with
        {
            Bid = e.Bid == 0m ? 0m : e.Bid + offset,
            Ask = e.Ask == 0m ? 0m : e.Ask + offset,
            Price = e.Price == 0m ? 0m : e.Price + offset,
            Index = e.Index == 0m ? 0m : e.Index + offset,
        };
        if (shifted.Kind == MarketEventKind.Quote)
        {
            _lastMid[e.Symbol] = (shifted.Bid + shifted.Ask) / 2m;
        }

        return shifted;
    }
}
