namespace Vq.Live;

// The operations hook (issue 6): sd_notify watchdog and status, metrics and Telegram see the loop from here.
internal sealed partial class EngineLoop
{
    /// <summary>
    /// A second observer for operations (<see cref="OpsObserver"/>), next to the command's own <see cref="Observer"/>.
    /// Called on the engine thread for every event and every timer pass (so a stuck loop stops its watchdog pings).
    /// Set it before <see cref="Start"/> (<see cref="SessionRequest.BeforeStart"/>), or through <see cref="EventInbox.Invoke"/> later.
    /// </summary>
    public ILoopObserver? Telemetry { get; set; }

    /// <summary>Stopwatch timestamp of the start of the current loop pass (engine thread): the base of decision latency.</summary>
    public long PassStartTimestamp { get; private set; }
}
