using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vq.Binance.Rest;
using Vq.Binance.Stream;
using Vq.Core.Engine;
using Vq.Core.Primitives;
using Vq.Hosting;
using Vq.Notify;

namespace Vq.Live;

/// <summary>
/// Operations seen from the engine thread (issue 6): <c>WATCHDOG=1</c> from the loop's timer pass (a stuck loop stops
/// pinging and systemd restarts it), a periodic <c>STATUS=</c> with the legs and their remaining quantity, metrics
/// from engine events and stream/rate-limit counters, and Telegram notices (fills with position before → after, open
/// alerts, risk triggers). Every call returns at once: Telegram is a bounded queue, metrics are interlocked counters,
/// sd_notify one datagram. Engine thread only, except <see cref="OnShutdownCancelConfirmed"/> (any thread).
/// </summary>
internal sealed class OpsObserver : ILoopObserver
{
    /// <summary>§5.8: a fill waits this long for the position update that gives its before → after.</summary>
    public const long FillPositionWaitMs = 1500;

    private const int ReasonMemory = 64;

    private readonly SdNotify _notify;
    private readonly Metrics? _metrics;
    private readonly ShutdownCancelTally? _shutdownCancels;
    private readonly TelegramNotifier _telegram;
    private readonly IReadOnlyList<string> _symbols;
    private readonly StreamCounters[] _streams;
    private readonly long[] _seenMessages;
    private readonly long[] _seenReconnects;
    private readonly RateLimitTracker? _rateLimits;
    private readonly long _statusPeriodMs;
    private readonly List<PendingFill> _pendingFills = [];
    // The reason each recent order was placed with (fills name it, §5.8): a small ring, no allocation per order.
    private readonly ClientOrderId[] _reasonIds = new ClientOrderId[ReasonMemory];
    private readonly string[] _reasons = new string[ReasonMemory];
    private int _reasonNext;
    // Per leg (symbol * 2 + side): a decrease seen before its fill arrived (ACCOUNT_UPDATE may come first).
    private readonly Decrease[] _unclaimedDecreases;
    private long _nextStatusMs;
    private volatile bool _ready;

    /// <param name="streams">Counters of the streams named like <see cref="Metrics.Streams"/>, in the same order.</param>
    public OpsObserver(
        SdNotify notify, Metrics? metrics, TelegramNotifier telegram, IReadOnlyList<string> symbols,
        IReadOnlyList<StreamCounters> streams, RateLimitTracker? rateLimits, TimeSpan statusPeriod)
    {
        _notify = notify;
        _metrics = metrics;
        _shutdownCancels = metrics is null ? null : new ShutdownCancelTally(metrics);
        _telegram = telegram;
        _symbols = symbols;
        _streams = [.. streams];
        _seenMessages = new long[_streams.Length];
        _seenReconnects = new long[_streams.Length];
        for (var i = 0; i < _streams.Length; i++)
        {
            _seenReconnects[i] = _streams[i].Reconnects;
        }

        _unclaimedDecreases = new Decrease[symbols.Count * 2];
        _rateLimits = rateLimits;
        _statusPeriodMs = (long)statusPeriod.TotalMilliseconds;
    }

    /// <summary>Any thread: <c>READY=1</c> has been sent; watchdog pings and status may follow (never before it).</summary>
    public void MarkReady() => _ready = true;

    /// <summary>
    /// Any thread: a shutdown cancel (<see cref="OrderGateway.CancelOwn"/> or the open-orders sweep) was acknowledged
    /// CANCELED. Counted unless the engine already counted that order's terminal update (and then never again).
    /// </summary>
    public void OnShutdownCancelConfirmed(ClientOrderId order) => _shutdownCancels?.Count(order);

    /// <summary>The last <c>STATUS=</c> text (tests, <c>vq run</c>'s log).</summary>
    public string? LastStatus { get; private set; }

    public void OnEngineEvent(EngineLoop loop, in EngineEvent e)
    {
        switch (e.Kind)
        {
            case EngineEventKind.OrderPlace:
                RememberReason(e.ClientOrderId, e.Reason);
                if (_metrics is not null)
                {
                    _metrics.OrderPlaced(e.Mode);
                    var now = Stopwatch.GetTimestamp();
                    if (loop.PassStartTimestamp > 0)
                    {
                        _metrics.ObserveDecision(now - loop.PassStartTimestamp);
                    }

                    // From the moment the stream published the last bookTicker the engine took for this symbol.
                    var received = loop.Inbox.Books.LastTakenReceivedTimestamp(e.Symbol);
                    if (received > 0)
                    {
                        _metrics.ObserveTickToOrder(now - received);
                    }
                }

                break;
            case EngineEventKind.OrderFill when e.Reason == "own":
                _metrics?.Filled(e.IsMaker, e.Qty);
                if (_telegram.IsEnabled && (uint)e.Symbol < (uint)loop.Engine.SymbolCount)
                {
                    var size = loop.Engine.Symbol(e.Symbol).Leg(e.Side).Position.Size;
                    var pending = new PendingFill(FillNotice(e), e.Side == PositionSide.Long ? size : -size, e.TimeMs);
                    var leg = LegIndex(e.Symbol, e.Side);
                    if (leg >= 0 && _unclaimedDecreases[leg] is { AtMs: > 0 } seen && e.TimeMs - seen.AtMs < FillPositionWaitMs)
                    {
                        _unclaimedDecreases[leg] = default;
                        Send(pending, (seen.Before, seen.After));
                    }
                    else
                    {
                        _pendingFills.Add(pending);
                    }
                }

                break;
            case EngineEventKind.OrderDone when e.Reason == "canceled":
                // The order's terminal CANCELED (stream or query), once per order; a REST cancel ack may come before or
                // after it, or not at all when the order filled first. From shutdown on, the shutdown's own cancel acks
                // report the same orders (possibly after this thread has ended): both go through the tally, once each.
                if (loop.ShuttingDown)
                {
                    _shutdownCancels?.Count(e.ClientOrderId);
                }
                else
                {
                    _metrics?.Cancelled();
                }

                break;
            case EngineEventKind.OrderReject:
                _metrics?.Rejected(e.Code);
                break;
            case EngineEventKind.PositionUpdate when e.Value < e.Value2:
                if (!ResolveFill(e.Symbol, e.Side, (e.Value2, e.Value)) && LegIndex(e.Symbol, e.Side) is var decreased and >= 0)
                {
                    _unclaimedDecreases[decreased] = new Decrease(e.Value2, e.Value, e.TimeMs);
                }

                break;
            case EngineEventKind.OpenAlert or EngineEventKind.RiskTrigger:
                if (EngineEventNotices.TryCreate(e, _symbols, out var notice))
                {
                    _telegram.TryNotify(notice);
                }

                break;
        }
    }

    public void OnPass(EngineLoop loop, long nowMs)
    {
        var timestamp = Stopwatch.GetTimestamp();
        if (_ready)
        {
            _notify.WatchdogIfDue(timestamp);
        }

        if (_metrics is not null)
        {
            Sample(loop.Engine, timestamp);
        }

        if (_pendingFills.Count > 0)
        {
            ExpireFills(nowMs);
        }

        if (_ready && _statusPeriodMs > 0 && nowMs >= _nextStatusMs)
        {
            _nextStatusMs = nowMs + _statusPeriodMs;
            LastStatus = Status(loop);
            _notify.Status(LastStatus);
        }
    }

    /// <summary><c>legs=N remaining=BTCUSDT LONG 0.1, … open_orders=N</c>; legs with a position only.</summary>
    public static string Status(EngineLoop loop)
    {
        var engine = loop.Engine;
        var text = new StringBuilder(128);
        var legs = 0;
        for (var i = 0; i < engine.SymbolCount; i++)
        {
            var ctx = engine.Symbol(i);
            foreach (var side in (ReadOnlySpan<PositionSide>)[PositionSide.Long, PositionSide.Short])
            {
                var size = ctx.Leg(side).Position.Size;
                if (size == 0m)
                {
                    continue;
                }

                text.Append(legs == 0 ? " remaining=" : ", ").Append(ctx.Name).Append(' ').Append(EngineEventLog.Leg(side))
                    .Append(' ').Append(EngineEventLog.D(size));
                legs++;
            }
        }

        return "legs=" + legs.ToString(CultureInfo.InvariantCulture) + text
            + " open_orders=" + loop.OpenOwnOrders().ToString(CultureInfo.InvariantCulture)
            + (loop.Recalibrating ? " recalibrating" : "") + (loop.ShuttingDown ? " stopping" : "");
    }

    private void Sample(ExitEngine engine, long timestamp)
    {
        for (var i = 0; i < _streams.Length; i++)
        {
            var messages = _streams[i].Messages;
            if (messages != _seenMessages[i])
            {
                _seenMessages[i] = messages;
                _metrics!.MessageReceived(i, timestamp);
            }

            var reconnects = _streams[i].Reconnects;
            for (; _seenReconnects[i] < reconnects; _seenReconnects[i]++)
            {
                _metrics!.Reconnected(i);
            }
        }

        for (var i = 0; i < engine.SymbolCount; i++)
        {
            var ctx = engine.Symbol(i);
            _metrics!.SetRemaining(i, PositionSide.Long, ctx.Long.Position.Size);
            _metrics.SetRemaining(i, PositionSide.Short, ctx.Short.Position.Size);
        }

        if (_rateLimits is not null)
        {
            var weightLimit = _rateLimits.WeightLimit;
            _metrics!.SetRequestWeight(weightLimit - _rateLimits.WeightHeadroom, weightLimit);
            var ordersLimit = _rateLimits.Orders1mLimit;
            _metrics.SetOrderCount(ordersLimit - _rateLimits.Orders1mHeadroom, ordersLimit);
        }
    }

    private Notice FillNotice(in EngineEvent e) => new()
    {
        Kind = NoticeKind.Fill,
        Symbol = (uint)e.Symbol < (uint)_symbols.Count ? _symbols[e.Symbol] : "#" + e.Symbol,
        Side = e.Side,
        Mode = e.Mode,
        Qty = e.Qty,
        Price = e.Price,
        IsMaker = e.IsMaker,
        RealizedPnl = e.Roi,
        Fee = e.Value2,
        Reason = ReasonOf(e.ClientOrderId),
    };

    private void RememberReason(ClientOrderId id, string reason)
    {
        _reasonIds[_reasonNext] = id;
        _reasons[_reasonNext] = reason;
        _reasonNext = (_reasonNext + 1) % ReasonMemory;
    }

    private string ReasonOf(ClientOrderId id)
    {
        for (var i = 0; i < ReasonMemory; i++)
        {
            if (_reasons[i] is { } reason && _reasonIds[i] == id)
            {
                return reason;
            }
        }

        return "-";
    }

    /// <summary>The oldest waiting fill of the leg takes the observed change; false when none was waiting.</summary>
    private bool ResolveFill(int symbol, PositionSide side, (decimal Before, decimal After) observed)
    {
        for (var i = 0; i < _pendingFills.Count; i++)
        {
            var pending = _pendingFills[i];
            if (pending.Notice.Symbol == SymbolName(symbol) && pending.Notice.Side == side)
            {
                Send(pending, observed);
                _pendingFills.RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    private int LegIndex(int symbol, PositionSide side)
    {
        var leg = (2 * symbol) + (side == PositionSide.Long ? 0 : 1);
        return (uint)leg < (uint)_unclaimedDecreases.Length ? leg : -1;
    }

    private void ExpireFills(long nowMs)
    {
        for (var i = _pendingFills.Count - 1; i >= 0; i--)
        {
            var pending = _pendingFills[i];
            if (nowMs - pending.AtMs >= FillPositionWaitMs)
            {
                Send(pending, null);
                _pendingFills.RemoveAt(i);
            }
        }
    }

    private void Send(in PendingFill pending, (decimal Before, decimal After)? observed)
    {
        var (before, after) = FillPositions.Resolve(pending.Notice.Side, pending.SignedCachedAmount, pending.Notice.Qty, observed);
        _telegram.TryNotify(pending.Notice with { PositionBefore = before, PositionAfter = after });
    }

    private string SymbolName(int symbol) => (uint)symbol < (uint)_symbols.Count ? _symbols[symbol] : "";

    private readonly record struct Decrease(decimal Before, decimal After, long AtMs);

    private readonly record struct PendingFill(Notice Notice, decimal SignedCachedAmount, long AtMs);
}
