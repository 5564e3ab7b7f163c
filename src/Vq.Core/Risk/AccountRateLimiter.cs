using Vq.Core.Config;

namespace Vq.Core.Risk;

/// <summary>
/// The account-wide order and cancel limits of SPEC §4.6, shared by every symbol.
/// <para>Bypass rules (the caller decides which case applies and says so through the flag):</para>
/// <list type="bullet">
/// <item>placements with <c>is_risk</c> (panic slices and their post-only retries) bypass the order window;</item>
/// <item>a cancel of a leg's current order when that order <c>is_risk</c> bypasses the cancel window;</item>
/// <item>protective-stop placements and cancels, and the shutdown and position-zero cleanup cancels, call the
/// exchange directly and never come here.</item>
/// </list>
/// A bypassed call is not recorded, so it does not use up a slot of the normal flow. When a normal placement is
/// denied, the caller reports <c>rate_limited: place_order</c>; a denied cancel, <c>rate_limited: cancel_order</c>.
/// Single-threaded: the engine's owner thread calls it.
/// </summary>
public sealed class AccountRateLimiter
{
    public const string PlaceDeniedMessage = "rate_limited: place_order";
    public const string CancelDeniedMessage = "rate_limited: cancel_order";

    private readonly SlidingWindowRateLimiter _orders;
    private readonly SlidingWindowRateLimiter _cancels;

    public AccountRateLimiter(RateLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _orders = new SlidingWindowRateLimiter(settings.MaxOrdersPerSec);
        _cancels = new SlidingWindowRateLimiter(settings.MaxCancelsPerSec);
    }

    public SlidingWindowRateLimiter Orders => _orders;

    public SlidingWindowRateLimiter Cancels => _cancels;

    /// <summary>May a placement go out now? <paramref name="isRisk"/> (panic) always may, unrecorded.</summary>
    public bool TryAcquirePlacement(long nowMs, bool isRisk) => isRisk || _orders.TryAcquire(nowMs);

    /// <summary>May a cancel go out now? <paramref name="cancelsRiskOrder"/> (the leg's current order is a risk order) always may, unrecorded.</summary>
    public bool TryAcquireCancel(long nowMs, bool cancelsRiskOrder) => cancelsRiskOrder || _cancels.TryAcquire(nowMs);
}
