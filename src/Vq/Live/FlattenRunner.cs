using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Primitives;

namespace Vq.Live;

/// <summary>A flatten to run: the legs, the limits, where the report goes.</summary>
internal sealed record FlattenRequest
{
    public required VqConfig Config { get; init; }
    public required string ApiKey { get; init; }
    public required string ApiSecret { get; init; }
    public required IReadOnlyList<(string Symbol, PositionSide Side)> Targets { get; init; }
    /// <summary><c>--deadline</c>: the legs are paced to be flat by then, and the flatten gives up when it passes.</summary>
    public TimeSpan? Deadline { get; init; }
    /// <summary><c>--max-slippage-bps</c>: no order price worse than this from each leg's arrival mid.</summary>
    public decimal? MaxSlippageBps { get; init; }
    /// <summary>Without a deadline: how long a leg may rest at the slippage cap with no fill before the flatten gives up.</summary>
    public TimeSpan CapGiveUp { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>A plain bound on the run without pacing (demo, tests): give up when it passes.</summary>
    public TimeSpan? GiveUpAfter { get; init; }
    /// <summary>How long a target may stay blocked by resting close orders that are not this run's before giving up.</summary>
    public TimeSpan BlockedGiveUp { get; init; } = TimeSpan.FromSeconds(30);
    public string? ReportPath { get; init; }
    /// <summary>A terminal: redraw one progress line in place; otherwise print plain progress lines.</summary>
    public bool Interactive { get; init; }
    /// <summary>Logs, Telegram, sd_notify and metrics, owned by the caller; null = a console-only log on the output.</summary>
    public Operations? Operations { get; init; }
}

/// <summary>What a flatten produced.</summary>
internal sealed record FlattenResult(int ExitCode, string Reason, IReadOnlyList<LegReport> Legs);

/// <summary>
/// <c>vq flatten</c> and <c>vq demo</c>: start a session whose target legs are worked with <see cref="ExitGate.Always"/>
/// (everything else Off), wait until they are flat, blocked, past the deadline or interrupted, shut down cleanly,
/// then print (and optionally write) the execution report. Exit 0 flat, 1 with a reason, 130 on SIGINT.
/// </summary>
internal static class FlattenRunner
{
    private const int PlainProgressEveryMs = 2000;
    private const string StopSyncReasonFlattenDone = "flatten_done";

    public static async Task<FlattenResult> RunAsync(FlattenRequest request, TextWriter output, CancellationToken interrupt)
    {
        var owned = request.Operations is null
            ? Operations.Create(new OperationsOptions { Command = "flatten", Global = request.Config.Global, Console = output, Interactive = request.Interactive })
            : null;
        await using var ownedScope = owned;
        var ops = request.Operations ?? owned!;
        var log = ops.Log;

        // The deadline counts from the command, startup included: "flat by then" is what the operator asked for.
        var startedMs = EngineLoop.NowMs;
        var deadlineAt = request.Deadline is { } d ? startedMs + (long)d.TotalMilliseconds : 0;
        var giveUpAt = request.GiveUpAfter is { } g ? startedMs + (long)g.TotalMilliseconds : 0;
        var plan = deadlineAt > 0 || request.MaxSlippageBps is > 0m ? new FlattenPlan(deadlineAt, request.MaxSlippageBps ?? 0m) : null;
        var started = await LiveSession.StartAsync(new SessionRequest
        {
            Config = request.Config,
            ApiKey = request.ApiKey,
            ApiSecret = request.ApiSecret,
            DefaultGate = ExitGate.Off,
            Targets = request.Targets,
            TargetPlan = plan,
            BeforeStart = ops.Prepare,
        }, log, interrupt).ConfigureAwait(false);
        if (started.Session is not { } session)
        {
            log.Raw("vq: startup failed: " + started.Error);
            await log.FlushAsync().ConfigureAwait(false);
            return new FlattenResult(started.ExitCode, started.Error ?? "startup failed", []);
        }

        await using (session.ConfigureAwait(false))
        {
            await ops.AttachAsync(session).ConfigureAwait(false);
            if (plan is not null)
            {
                log.Line("flatten_plan", FlattenMonitor.PlanText(request.Deadline, request.MaxSlippageBps));
            }

            var stopAt = deadlineAt > 0 && giveUpAt > 0 ? Math.Min(deadlineAt, giveUpAt) : Math.Max(deadlineAt, giveUpAt);
            var monitor = new FlattenMonitor(request.Targets, stopAt, deadlineAt > 0 && deadlineAt == stopAt, (int)request.BlockedGiveUp.TotalMilliseconds,
                (int)request.CapGiveUp.TotalMilliseconds);
            session.Loop.Inbox.Invoke(loop => loop.Observer = monitor);
            var (outcome, interrupted) = await WaitAsync(session, monitor, request.Interactive, output, log, interrupt).ConfigureAwait(false);
            var reason = interrupted ? "interrupted (SIGINT)" : outcome?.Reason ?? "the engine thread stopped";
            if (outcome?.Flat == true)
            {
                // A flat leg needs no stop: let the sync remove it before the session ends (§4.4 cancel_no_position).
                await session.SettleStopsAsync(StopSyncReasonFlattenDone).ConfigureAwait(false);
            }

            ops.Stopping();
            await session.StopAsync(interrupted ? "interrupt" : outcome?.Flat == true ? "flat" : "cannot_finish").ConfigureAwait(false);
            await Task.WhenAny(session.Loop.Completion, Task.Delay(2000, CancellationToken.None)).ConfigureAwait(false);

            // The engine thread has ended: its state may be read here.
            var now = EngineLoop.NowMs;
            var legs = new List<LegReport>();
            foreach (var (symbol, side) in request.Targets)
            {
                session.Loop.Engine.TryGetSymbol(symbol, out var index);
                legs.Add(ExecutionReport.ForLeg(session.Loop.Engine, index, side, now) with { DeadlineS = (decimal?)request.Deadline?.TotalSeconds });
            }

            log.Raw(ExecutionReport.Text(legs));
            if (request.ReportPath is { } path)
            {
                await File.WriteAllBytesAsync(path, ExecutionReport.Json(legs), CancellationToken.None).ConfigureAwait(false);
                log.Raw("report written to " + path);
            }

            var code = interrupted ? Cli.ExitCodes.Interrupted : outcome?.Flat == true ? Cli.ExitCodes.Ok : Cli.ExitCodes.Failure;
            log.Raw(code == 0 ? "flatten: done, all target legs are flat" : "flatten: not finished: " + reason);
            await log.FlushAsync().ConfigureAwait(false);
            return new FlattenResult(code, reason, legs);
        }
    }

    private static async Task<(FlattenOutcome? Outcome, bool Interrupted)> WaitAsync(
        LiveSession session, FlattenMonitor monitor, bool interactive, TextWriter output, LineLog log, CancellationToken interrupt)
    {
        var lastPlain = 0L;
        while (true)
        {
            if (monitor.Outcome.IsCompleted)
            {
                return (await monitor.Outcome.ConfigureAwait(false), false);
            }

            if (interrupt.IsCancellationRequested)
            {
                return (null, true);
            }

            if (session.Loop.Completion.IsCompleted)
            {
                return (null, false);
            }

            var now = EngineLoop.NowMs;
            if (interactive)
            {
                await output.WriteAsync("\r\u001b[K" + monitor.Progress).ConfigureAwait(false);
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else if (now - lastPlain >= PlainProgressEveryMs)
            {
                lastPlain = now;
                log.Line("progress", monitor.Progress);
            }

            try
            {
                await Task.WhenAny(monitor.Outcome, session.Loop.Completion, Task.Delay(250, interrupt)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
