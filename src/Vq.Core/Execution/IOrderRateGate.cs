namespace Vq.Core.Execution;

/// <summary>
/// The account-wide soft rate limits (§4.6) as the execution state machine sees them. Risk placements and cancels of
/// risk orders never ask (they bypass the limiter).
/// </summary>
public interface IOrderRateGate
{
    bool TryAcquirePlace(long nowMs);

    bool TryAcquireCancel(long nowMs);
}

/// <summary>A gate that always allows (tests, tools).</summary>
public sealed class UnlimitedRateGate : IOrderRateGate
{
    public static readonly UnlimitedRateGate Instance = new();

    public bool TryAcquirePlace(long nowMs) => true;

    public bool TryAcquireCancel(long nowMs) => true;
}
