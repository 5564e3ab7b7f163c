namespace Vq.Sim.Matching;

public sealed record FillRecord(long TradeId, long OrderId, string ClientOrderId, string Symbol, Side Side, LegSide PositionSide,
    decimal Price, decimal Qty, decimal Commission, decimal RealizedPnl, bool Maker, long Time);

public sealed record CancelRecord(long OrderId, string ClientOrderId, string Symbol, string Reason, long Time);

public sealed record RejectRecord(string Endpoint, int Code, string Message, long Time);

public sealed record RequestRecord(string Method, string Path, int Weight, int OrderCount, int Status, int Code, long Time);

/// <summary>
/// Everything that happened, for tests and the control plane: every order ever accepted (final state), fills,
/// cancels, rejects by code and the wire request log. Append-only; not thread-safe (the exchange serialises access).
/// </summary>
public sealed class Ledger
{
    private readonly List<FillRecord> _fills = [];
    private readonly List<CancelRecord> _cancels = [];
    private readonly List<RejectRecord> _rejects = [];
    private readonly List<RequestRecord> _requests = [];
    private readonly SortedDictionary<int, int> _rejectCounts = [];

    public IReadOnlyList<FillRecord> Fills => _fills;
    public IReadOnlyList<CancelRecord> Cancels => _cancels;
    public IReadOnlyList<RejectRecord> Rejects => _rejects;
    public IReadOnlyList<RequestRecord> Requests => _requests;
    public IReadOnlyDictionary<int, int> RejectCounts => _rejectCounts;

    public void AddFill(FillRecord fill) => _fills.Add(fill);

    public void AddCancel(CancelRecord cancel) => _cancels.Add(cancel);

    public void AddReject(RejectRecord reject)
    {
        _rejects.Add(reject);
        _rejectCounts[reject.Code] = _rejectCounts.GetValueOrDefault(reject.Code) + 1;
    }

    public void AddRequest(RequestRecord request) => _requests.Add(request);

    public int RejectCount(int code) => _rejectCounts.GetValueOrDefault(code);
}
