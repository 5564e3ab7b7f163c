namespace Vq.Core.Engine;

/// <summary>
/// Execution quality of one leg for the report (issue 5 item 8): fills by trade id, VWAP, maker share, fees, order,
/// cancel and reject counts, arrival mid. Not thread-safe: owned by the engine thread; read it there.
/// </summary>
public sealed class LegStats
{
    private readonly Dictionary<int, int> _rejectsByCode = [];

    public decimal StartQty { get; private set; }
    public decimal ArrivalMid { get; private set; }
    public long StartedAtMs { get; private set; }
    public bool Started { get; private set; }
    public decimal FilledQty { get; private set; }
    public decimal FilledNotional { get; private set; }
    public decimal MakerQty { get; private set; }
    public decimal Fees { get; private set; }
    public decimal RealizedPnl { get; private set; }
    public int Orders { get; private set; }
    public int Cancels { get; private set; }
    public int Fills { get; private set; }
    public long LastFillAtMs { get; private set; }

    public IReadOnlyDictionary<int, int> RejectsByCode => _rejectsByCode;

    public decimal Vwap => FilledQty > 0m ? FilledNotional / FilledQty : 0m;

    public decimal MakerShare => FilledQty > 0m ? MakerQty / FilledQty : 0m;

    /// <summary>Shortfall against the arrival mid in basis points; positive = cost (a SELL below or a BUY above it).</summary>
    public decimal ShortfallBps(bool isSell)
    {
        if (FilledQty <= 0m || ArrivalMid <= 0m)
        {
            return 0m;
        }

        var diff = isSell ? ArrivalMid - Vwap : Vwap - ArrivalMid;
        return diff / ArrivalMid * 10_000m;
    }

    /// <summary>Marks the start of work on the leg (first time it is seen with a position and a book).</summary>
    public void Start(decimal qty, decimal mid, long nowMs)
    {
        if (Started)
        {
            return;
        }

        Started = true;
        StartQty = qty;
        ArrivalMid = mid;
        StartedAtMs = nowMs;
    }

    public void OnOrderSent() => Orders++;

    public void OnCancel() => Cancels++;

    public void OnReject(int code)
    {
        _rejectsByCode.TryGetValue(code, out var n);
        _rejectsByCode[code] = n + 1;
    }

    public void OnFill(decimal qty, decimal price, bool isMaker, decimal commission, decimal realizedPnl, long nowMs)
    {
        FilledQty += qty;
        FilledNotional += qty * price;
        if (isMaker)
        {
            MakerQty += qty;
        }

        Fees += commission;
        RealizedPnl += realizedPnl;
        Fills++;
        LastFillAtMs = nowMs;
    }
}
