using Vq.Sim.Matching;

namespace Vq.Sim.Wire;

/// <summary>Limits the simulator enforces (BINANCE.md §5); the defaults are Binance's published ones.</summary>
public sealed record RateLimitSettings
{
    public int WeightPerMinute { get; init; } = 2400;
    public int OrdersPer10Seconds { get; init; } = 300;
    public int OrdersPerMinute { get; init; } = 1200;
    /// <summary>429 answers tolerated within one minute before the IP is banned with 418.</summary>
    public int RejectionsBeforeBan { get; init; } = 3;
    public long BanMs { get; init; } = 120_000;
}

/// <summary>
/// Fixed-window counters for IP weight (1 minute) and account orders (10 seconds, 1 minute), the 429 → 418
/// escalation and the ban. Not thread-safe: the exchange calls it under its gate.
/// </summary>
internal sealed class RateLimiter(RateLimitSettings settings)
{
    private long _minuteWindow = -1;
    private long _tenSecondWindow = -1;
    private long _orderMinuteWindow = -1;
    private int _rejectionsThisMinute;
    private long _bannedUntil;

    public RateLimitSettings Settings { get; } = settings;
    public int UsedWeight { get; private set; }
    public int Orders10s { get; private set; }
    public int Orders1m { get; private set; }

    public SimError? Admit(long now, int weight, int orders)
    {
        Roll(now);
        if (now < _bannedUntil)
        {
            return Errors.Banned(_bannedUntil);
        }

        UsedWeight += weight;
        if (UsedWeight > Settings.WeightPerMinute)
        {
            return Refuse(now, Errors.TooManyRequests(Settings.WeightPerMinute));
        }

        if (orders > 0)
        {
            Orders10s += orders;
            Orders1m += orders;
            if (Orders10s > Settings.OrdersPer10Seconds)
            {
                return Refuse(now, Errors.TooManyOrders(Settings.OrdersPer10Seconds, "10SECOND"));
            }

            if (Orders1m > Settings.OrdersPerMinute)
            {
                return Refuse(now, Errors.TooManyOrders(Settings.OrdersPerMinute, "MINUTE"));
            }
        }

        return null;
    }

    /// <summary>Counts a 429 that did not come from the counters (the burst fault) towards the ban.</summary>
    public SimError Refuse(long now, SimError error)
    {
        _rejectionsThisMinute++;
        if (_rejectionsThisMinute > Settings.RejectionsBeforeBan)
        {
            _bannedUntil = now + Settings.BanMs;
            return Errors.Banned(_bannedUntil);
        }

        return error;
    }

    private void Roll(long now)
    {
        var minute = now / 60_000;
        if (minute != _minuteWindow)
        {
            _minuteWindow = minute;
            UsedWeight = 0;
            _rejectionsThisMinute = 0;
        }

        var tenSeconds = now / 10_000;
        if (tenSeconds != _tenSecondWindow)
        {
            _tenSecondWindow = tenSeconds;
            Orders10s = 0;
        }

        if (minute != _orderMinuteWindow)
        {
            _orderMinuteWindow = minute;
            Orders1m = 0;
        }
    }
}
