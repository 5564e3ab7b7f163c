namespace Vq.Core.Risk;

/// <summary>D7: the one question the state machine asks before any AGGRESSIVE → MAKER switch.</summary>
public static class RiskHold
{
    /// <summary>True while the leg is in the soft-risk zone or a panic episode: never de-escalate (fill, partial fill, timeout).</summary>
    public static bool BlocksDeescalation(SoftRiskLatch softRisk, PanicEpisode panic)
    {
        ArgumentNullException.ThrowIfNull(softRisk);
        ArgumentNullException.ThrowIfNull(panic);
        return softRisk.IsActive || panic.IsActive;
    }
}
