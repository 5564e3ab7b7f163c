using System.Globalization;
using System.Net.Http.Headers;
using Vq.Binance.Json;

namespace Vq.Binance.Rest;

/// <summary>A 418 ban: no trading request is sent until <see cref="Until"/>.</summary>
public readonly record struct BanAlert(DateTimeOffset Until, string? Message);

/// <summary>
/// Tracks IP weight (per minute) and account order counts (per 10 s and per minute) from the response headers
/// <c>X-MBX-USED-WEIGHT-1M</c>, <c>X-MBX-ORDER-COUNT-10S</c>, <c>X-MBX-ORDER-COUNT-1M</c> (BINANCE.md §5), plus the
/// requests in flight, and refuses a request locally before Binance would (throttle at <see cref="SafetyRatio"/>
/// of each limit). Windows are aligned to the exchange clock (interval boundaries). After a 429 every request is
/// held until Retry-After; after a 418 until the ban ends. Thread-safety: all members are safe to call concurrently
/// (one short lock; REST calls are far rarer than ticks).
/// </summary>
public sealed class RateLimitTracker
{
    /// <summary>Throttle at 90 %: headroom for requests already in flight from other threads.</summary>
    public const double SafetyRatio = 0.9;

    private readonly Lock _lock = new();
    private int _weightLimit = 2400, _orders10sLimit = 300, _orders1mLimit = 1200;
    private long _minuteWindow = -1, _tenSecondWindow = -1;
    private int _usedWeight, _orders10s, _orders1m;
    private DateTimeOffset _holdUntil, _bannedUntil;

    public event Action<BanAlert>? Banned;

    public int WeightLimit { get { lock (_lock) { return _weightLimit; } } }

    public int WeightHeadroom { get { lock (_lock) { return _weightLimit - _usedWeight; } } }

    public int Orders10sHeadroom { get { lock (_lock) { return _orders10sLimit - _orders10s; } } }

    public int Orders1mHeadroom { get { lock (_lock) { return _orders1mLimit - _orders1m; } } }

    public int Orders1mLimit { get { lock (_lock) { return _orders1mLimit; } } }

    public DateTimeOffset BannedUntil { get { lock (_lock) { return _bannedUntil; } } }

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
    internal bool TryAcquire(int weight, int orders, DateTimeOffset serverNow, out ApiOutcome refusal, out TimeSpan wait)
    {
        lock (_lock)
        {
            if (serverNow < _bannedUntil)
            {
                refusal = ApiOutcome.Banned;
                wait = _bannedUntil - serverNow;
                return false;
            }

            if (serverNow < _holdUntil)
            {
                refusal = ApiOutcome.RateLimited;
                wait = _holdUntil - serverNow;
                return false;
            }

            Roll(serverNow);
            var ms = serverNow.ToUnixTimeMilliseconds();
            if (_usedWeight + weight > _weightLimit * SafetyRatio || _orders1m + orders > _orders1mLimit * SafetyRatio)
            {
                refusal = ApiOutcome.RateLimited;
                wait = TimeSpan.FromMilliseconds(60_000 - (ms % 60_000));
                return false;
            }

            if (_orders10s + orders > _orders10sLimit * SafetyRatio)
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

    internal void HoldUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _holdUntil)
            {
                _holdUntil = until;
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
