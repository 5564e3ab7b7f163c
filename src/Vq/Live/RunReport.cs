using Vq.Core.Primitives;

namespace Vq.Live;

/// <summary>
/// The execution report of a <c>run</c> session at shutdown (issue 5 item 8): every leg the engine started working
/// (it had a position and a book) or sent an order for. Call after the engine thread has ended.
/// </summary>
internal static class RunReport
{
    public static List<LegReport> Legs(LiveSession session)
    {
        var engine = session.Loop.Engine;
        var now = EngineLoop.NowMs;
        var legs = new List<LegReport>();
        for (var i = 0; i < engine.SymbolCount; i++)
        {
            var ctx = engine.Symbol(i);
            foreach (var side in (ReadOnlySpan<PositionSide>)[PositionSide.Long, PositionSide.Short])
            {
                var stats = ctx.Leg(side).Stats;
                if (stats.Started || stats.Orders > 0)
                {
                    legs.Add(ExecutionReport.ForLeg(engine, i, side, now));
                }
            }
        }

        return legs;
    }

    /// <summary>Prints the report and, with a path, writes its JSON form; a write failure is logged, never thrown.</summary>
    public static async Task WriteAsync(LiveSession session, LineLog log, string? reportPath)
    {
        await Task.WhenAny(session.Loop.Completion, Task.Delay(2000, CancellationToken.None)).ConfigureAwait(false);
        if (!session.Loop.Completion.IsCompleted)
        {
            // The engine thread still owns the statistics (its drain timed out): reading them would race it.
            log.Line("report", "outcome=skipped reason=engine_thread_still_running");
            return;
        }

        var legs = Legs(session);
        log.Raw(legs.Count == 0 ? "execution report\n  (no leg was worked)" : ExecutionReport.Text(legs));
        if (reportPath is null)
        {
            return;
        }

        try
        {
            await File.WriteAllBytesAsync(reportPath, ExecutionReport.Json(legs), CancellationToken.None).ConfigureAwait(false);
            log.Raw("report written to " + reportPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Line("report", $"outcome=write_failed path={reportPath} error=\"{e.Message}\"");
        }
    }
}
