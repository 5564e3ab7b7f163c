namespace Vq.Core.Positions;

/// <summary>
/// One hedge leg's position (§5.3) with the fixes: D13 (newer wins, by exchange time), D4 (mark feeds ROI), P19/P20
/// (liquidation price and leverage from REST and config events), and fills the position has not reflected yet, so a
/// slice is never sized from a stale size (P4). Not thread-safe: owned by the engine thread.
/// </summary>
public sealed class LegPosition
{
    private const int MaxPendingFills = 64;
    private readonly long[] _pendingTimes = new long[MaxPendingFills];
    private readonly decimal[] _pendingQty = new decimal[MaxPendingFills];
    private int _pendingCount;

    /// <summary>|positionAmt|; the side is the leg's.</summary>
    public decimal Size { get; private set; }
    public decimal EntryPrice { get; private set; }
    /// <summary>The exchange's unrealized PnL (used for ROI only without a mark price, D4).</summary>
    public decimal UnrealizedPnl { get; private set; }
    /// <summary>0 = unknown (treated as 1 for ROI).</summary>
    public decimal Leverage { get; private set; }
    /// <summary>0 = unknown. Only REST carries it (§4.1).</summary>
    public decimal LiquidationPrice { get; private set; }
    /// <summary>Exchange time of the newest source applied (ACCOUNT_UPDATE <c>E</c>, REST <c>updateTime</c>).</summary>
    public long AsOfMs { get; private set; }
    /// <summary>Bumped on every change of <see cref="Size"/>.</summary>
    public int Revision { get; private set; }
    /// <summary>True once any source reported this leg.</summary>
    public bool IsKnown { get; private set; }

    /// <summary>The size less close fills seen on the user stream after <see cref="AsOfMs"/> (never negative).</summary>
    public decimal EffectiveSize
    {
        get
        {
            var size = Size;
            for (var i = 0; i < _pendingCount; i++)
            {
                size -= _pendingQty[i];
            }

            return size > 0m ? size : 0m;
        }
    }

    /// <summary>
    /// Applies a position report. Returns false (and changes nothing) when it is older than what is known (D13).
    /// <paramref name="sizeChanged"/> tells whether <see cref="Size"/> moved.
    /// </summary>
    public bool Apply(decimal absSize, decimal entryPrice, decimal unrealizedPnl, long asOfMs, out bool sizeChanged)
    {
        sizeChanged = false;
        if (IsKnown && asOfMs < AsOfMs)
        {
            return false;
        }

        sizeChanged = absSize != Size;
        Size = absSize;
        if (entryPrice > 0m || absSize == 0m)
        {
            EntryPrice = entryPrice;
        }

        UnrealizedPnl = unrealizedPnl;
        AsOfMs = asOfMs;
        IsKnown = true;
        if (sizeChanged)
        {
            Revision++;
        }

        PrunePending();
        return true;
    }

    public void SetLiquidationPrice(decimal liquidationPrice) => LiquidationPrice = liquidationPrice > 0m ? liquidationPrice : 0m;

    public void SetLeverage(decimal leverage)
    {
        if (leverage > 0m)
        {
            Leverage = leverage;
        }
    }

    /// <summary>Records a close fill (exchange transaction time) not yet reflected in <see cref="Size"/>.</summary>
    public void RecordCloseFill(long transactionTimeMs, decimal qty)
    {
        if (qty <= 0m || (IsKnown && transactionTimeMs <= AsOfMs))
        {
            return;
        }

        if (_pendingCount == MaxPendingFills)
        {
            // Keep the newest; merging the two oldest keeps the total (and so the safety margin) intact.
            _pendingQty[1] += _pendingQty[0];
            Array.Copy(_pendingTimes, 1, _pendingTimes, 0, MaxPendingFills - 1);
            Array.Copy(_pendingQty, 1, _pendingQty, 0, MaxPendingFills - 1);
            _pendingCount--;
        }

        _pendingTimes[_pendingCount] = transactionTimeMs;
        _pendingQty[_pendingCount] = qty;
        _pendingCount++;
    }

    private void PrunePending()
    {
        var kept = 0;
        for (var i = 0; i < _pendingCount; i++)
        {
            if (_pendingTimes[i] > AsOfMs)
            {
                _pendingTimes[kept] = _pendingTimes[i];
                _pendingQty[kept] = _pendingQty[i];
                kept++;
            }
        }

        _pendingCount = kept;
    }
}
