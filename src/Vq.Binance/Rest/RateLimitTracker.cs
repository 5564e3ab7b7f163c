using System.Globalization;
using System.Net.Http.Headers;
using Vq.Binance.Json;

namespace Vq.Binance.Rest;

/// <summary>A 418 ban: no trading request is sent until <see cref="Until"/>.</summary>
public readonly record struct BanAlert(DateTimeOffset Until, string? Message);

/// <summary>What a 429 holds (BINANCE.md §5: IP weight is per IP, order counts are per account).</summary>
public enum RateLimitScope : byte
{
    /// <summary>IP request weight (-1003): every request is held.</summary>
    Weight,
    /// <summary>Account order counters (-1015, or a 429 on a placement): only placements are held; cancels and
    /// queries do not count toward the order counters and go on.</summary>
    Orders,
}

/// <summary>How a request may treat the local throttle and a weight hold.</summary>
public enum RequestUrgency : byte
{
    Normal,
    /// <summary>
    /// A cancel at shutdown (never a placement): may use the 10 % safety reserve of the weight limit and, during an
    /// IP-weight 429 hold, up to <see cref="RateLimitTracker.ShutdownBypassesPerHold"/> requests. Never during a 418
    /// ban. Leaving this run's orders resting unattended is worse than a few weight-1 requests over a 429: Binance
    /// bans only when 429s are ignored repeatedly, and the budget keeps it to a handful.
    /// </summary>
    ShutdownCancel,
}

/// <summary>
/// Tracks IP weight (per minute) and account order counts (per 10 s and per minute) from the response headers
/// <c>X-MBX-USED-WEIGHT-1M</c>, <c>X-MBX-ORDER-COUNT-10S</c>, <c>X-MBX-ORDER-COUNT-1M</c> (BINANCE.md §5), plus the
/// requests in flight, and refuses a request locally before Binance would (throttle at <see cref="SafetyRatio"/>
/// of each limit). Windows are aligned to the exchange clock (interval boundaries). After an IP-weight 429 every
/// request is held until Retry-After (shutdown cancels excepted, within a small budget); after an order-count 429
/// only placements are; after a 418 everything until the ban ends. Thread-safety: all members are safe to call
/// concurrently (one short lock; REST calls are far rarer than ticks).
/// </summary>
public sealed class RateLimitTracker
{
    /// <summary>Throttle at 90 %: headroom for requests already in flight from other threads.</summary>
    public const double SafetyRatio = 0.9;

    /// <summary>Shutdown cancels allowed through one IP-weight hold: two legs per symbol, a few symbols.</summary>
    public const int ShutdownBypassesPerHold = 10;

    private readonly Lock _lock = new();
    private int _weightLimit = 2400, _orders10sLimit = 300, _orders1mLimit = 1200;
    private long _minuteWindow = -1, _tenSecondWindow = -1;
    private int _usedWeight, _orders10s, _orders1m;
    private DateTimeOffset _holdUntil, _orderHoldUntil, _bannedUntil;
    private int _bypassesLeft;

    public event Action<BanAlert>? Banned;

    public int WeightLimit { get { lock (_lock) { return _weightLimit; } } }

    public int WeightHeadroom { get { lock (_lock) { return _weightLimit - _usedWeight; } } }

    public int Orders10sHeadroom { get { lock (_lock) { return _orders10sLimit - _orders10s; } } }

    public int Orders1mHeadroom { get { lock (_lock) { return _orders1mLimit - _orders1m; } } }

    public int Orders1mLimit { get { lock (_lock) { return _orders1mLimit; } } }

    public DateTimeOffset BannedUntil { get { lock (_lock) { return _bannedUntil; } } }

    /// <summary>End of the current IP-weight hold (every request), or a past time.</summary>
    public DateTimeOffset WeightHoldUntil { get { lock (_lock) { return _holdUntil; } } }

    /// <summary>End of the current order-count hold (placements only), or a past time.</summary>
    public DateTimeOffset OrderHoldUntil { get { lock (_lock) { return _orderHoldUntil; } } }

    /// <summary>
    /// Which limit a 429 speaks of: -1015 is the order counter; -1003 is IP weight; otherwise a 429 on a
    /// placement (0 IP weight, 1 on each order counter) can only be the order counter.
    /// </summary>
    public static RateLimitScope ScopeOf429(int code, int ordersOfRequest) =>
        code == -1015 || (code != -1003 && ordersOfRequest > 0) ? RateLimitScope.Orders : RateLimitScope.Weight;

    /// <summary>Limits from exchangeInfo <c>rateLimits</c> or <c>/fapi/v1/rateLimit/order</c>.</summary>
    internal void ApplyLimits(IEnumerable<RateLimitInfo> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        lock (_lock)
        {
            foreach (var l in limits)
            {
                if (l.Limit <= 0)
                {
                    continue;
                }

                switch (l.RateLimitType, l.Interval, l.IntervalNum)
                {
                    case ("REQUEST_WEIGHT", "MINUTE", 1): _weightLimit = l.Limit; break;
                    case ("ORDERS", "SECOND", 10): _orders10sLimit = l.Limit; break;
                    case ("ORDERS", "MINUTE", 1): _orders1mLimit = l.Limit; break;
                    default: break;
                }
            }
        }
    }

    /// <summary>Reserves capacity for one request, or says why not (RateLimited/Banned) and how long to wait.</summary>
    internal bool TryAcquire(int weight, int orders, DateTimeOffset serverNow, out ApiOutcome refusal, out TimeSpan wait) =>
        TryAcquire(weight, orders, RequestUrgency.Normal, serverNow, out refusal, out wait);

    internal bool TryAcquire(int weight, int orders, RequestUrgency urgency, DateTimeOffset serverNow, out ApiOutcome refusal,
        out TimeSpan wait)
    {
        // Placements never bypass anything.
        var shutdownCancel = urgency == RequestUrgency.ShutdownCancel && orders == 0;
        lock (_lock)
        {
            if (serverNow < _bannedUntil)
            {
                refusal = ApiOutcome.Banned;
                wait = _bannedUntil - serverNow;
                return false;
            }

            if (orders > 0 && serverNow < _orderHoldUntil)
            {
                refusal = ApiOutcome.RateLimited;
                wait = _orderHoldUntil - serverNow;
                return false;
            }

            Roll(serverNow);
            if (serverNow < _holdUntil)
            {
                if (!shutdownCancel || _bypassesLeft <= 0)
                {
                    refusal = ApiOutcome.RateLimited;
                    wait = _holdUntil - serverNow;
                    return false;
                }

                _bypassesLeft--;
                _usedWeight += weight;
                refusal = ApiOutcome.Ok;
                wait = TimeSpan.Zero;
                return true;
            }

            var ms = serverNow.ToUnixTimeMilliseconds();
            // A request only checks the counters it moves: a cancel (0 orders) is not refused because placements
            // used up the order budget. A shutdown cancel may use the safety reserve up to the real limit.
            var weightCeiling = shutdownCancel ? _weightLimit : _weightLimit * SafetyRatio;
            if ((weight > 0 && _usedWeight + weight > weightCeiling)
                || (orders > 0 && _orders1m + orders > _orders1mLimit * SafetyRatio))
            {
                refusal = ApiOutcome.RateLimited;
                wait = TimeSpan.FromMilliseconds(60_000 - (ms % 60_000));
                return false;
            }

            if (orders > 0 && _orders10s + orders > _orders10sLimit * SafetyRatio)
            {
                refusal = ApiOutcome.RateLimited;
                wait = TimeSpan.FromMilliseconds(10_000 - (ms % 10_000));
                return false;
            }

            _usedWeight += weight;
            _orders10s += orders;
            _orders1m += orders;
            refusal = ApiOutcome.Ok;
            wait = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Takes the exchange's counts from a response (header names are case-insensitive).</summary>
    internal void Observe(HttpResponseHeaders headers, DateTimeOffset serverNow)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var weight = Read(headers, "X-MBX-USED-WEIGHT-1M");
        var orders10s = Read(headers, "X-MBX-ORDER-COUNT-10S");
        var orders1m = Read(headers, "X-MBX-ORDER-COUNT-1M");
        lock (_lock)
        {
            Roll(serverNow);
            if (weight is { } w)
            {
                _usedWeight = Math.Max(_usedWeight, w);
            }

            if (orders10s is { } o10)
            {
                _orders10s = Math.Max(_orders10s, o10);
            }

            if (orders1m is { } o1)
            {
                _orders1m = Math.Max(_orders1m, o1);
            }
        }
    }

    internal void HoldUntil(DateTimeOffset until, RateLimitScope scope = RateLimitScope.Weight)
    {
        lock (_lock)
        {
            if (scope == RateLimitScope.Orders)
            {
                if (until > _orderHoldUntil)
                {
                    _orderHoldUntil = until;
                }

                return;
            }

            if (until > _holdUntil)
            {
                _holdUntil = until;
                _bypassesLeft = ShutdownBypassesPerHold;
            }
        }
    }

    internal void Ban(DateTimeOffset until, string? message)
    {
        lock (_lock)
        {
            if (until <= _bannedUntil)
            {
                return;
            }

            _bannedUntil = until;
        }

        Banned?.Invoke(new BanAlert(until, message));
    }

    private void Roll(DateTimeOffset serverNow)
    {
        var ms = serverNow.ToUnixTimeMilliseconds();
        var minute = ms / 60_000;
        var tenSeconds = ms / 10_000;
        if (minute != _minuteWindow)
        {
            _minuteWindow = minute;
            _usedWeight = 0;
            _orders1m = 0;
        }

        if (tenSeconds != _tenSecondWindow)
        {
            _tenSecondWindow = tenSeconds;
            _orders10s = 0;
        }
    }

    private static int? Read(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
