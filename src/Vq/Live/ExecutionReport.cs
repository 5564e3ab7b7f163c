using System.Globalization;
using System.Text;
using System.Text.Json;
using Vq.Core.Engine;
using Vq.Core.Primitives;

namespace Vq.Live;

/// <summary>One leg's execution quality (issue 5 item 8). Shortfall is against the arrival mid, positive = cost.</summary>
internal sealed record LegReport(
    string Symbol,
    PositionSide Side,
    decimal StartQty,
    decimal FilledQty,
    decimal RemainingQty,
    decimal ArrivalMid,
    decimal Vwap,
    decimal ShortfallBps,
    decimal MakerShare,
    decimal Fees,
    int Orders,
    int Cancels,
    int Fills,
    IReadOnlyDictionary<int, int> Rejects,
    decimal DurationS)
{
    /// <summary><c>--deadline</c> in seconds; null without one.</summary>
    public decimal? DeadlineS { get; init; }

    /// <summary>With a deadline: the leg was flat (dust aside) and its last fill came before the deadline.</summary>
    public bool? DeadlineMet { get; init; }

    /// <summary><c>--max-slippage-bps</c>; null without one.</summary>
    public decimal? MaxSlippageBps { get; init; }

    /// <summary>The cap as a price: a SELL never below it, a BUY never above it; null without a cap or an arrival mid.</summary>
    public decimal? PriceCap { get; init; }
}

/// <summary>The report printed at the end of <c>flatten</c>/<c>demo</c> and written with <c>--report FILE</c>.</summary>
internal static class ExecutionReport
{
    /// <summary>Engine thread, or after the engine thread has ended.</summary>
    public static LegReport ForLeg(ExitEngine engine, int symbol, PositionSide side, long nowMs)
    {
        var ctx = engine.Symbol(symbol);
        var leg = ctx.Leg(side);
        var stats = leg.Stats;
        var rejects = new SortedDictionary<int, int>();
        foreach (var (code, count) in stats.RejectsByCode)
        {
            rejects[code] = count;
        }

        var startQty = stats.Started ? stats.StartQty : leg.Position.Size;
        var durationMs = stats.Started ? Math.Max(0, nowMs - stats.StartedAtMs) : 0;
        var plan = leg.Plan;
        var cap = ExitEngine.WorstPriceFor(ctx, leg);
        return new LegReport(
            ctx.Name, side, startQty, stats.FilledQty, leg.Position.Size, stats.ArrivalMid, stats.Vwap,
            Math.Round(stats.ShortfallBps(isSell: side == PositionSide.Long), 4), Math.Round(stats.MakerShare, 6),
            stats.Fees, stats.Orders, stats.Cancels, stats.Fills, rejects, Math.Round(durationMs / 1000m, 3))
        {
            DeadlineMet = plan is { HasDeadline: true }
                ? ctx.Rules.IsDone(leg.Position.Size) && (stats.Fills == 0 || stats.LastFillAtMs <= plan.DeadlineAtMs)
                : null,
            MaxSlippageBps = plan is { HasCap: true } ? plan.MaxSlippageBps : null,
            PriceCap = cap > 0m ? cap : null,
        };
    }

    public static string Text(IReadOnlyList<LegReport> legs)
    {
        var b = new StringBuilder();
        b.AppendLine("execution report");
        foreach (var l in legs)
        {
            b.Append("  ").Append(l.Symbol).Append(' ').Append(EngineEventLog.Leg(l.Side)).AppendLine(":");
            Row(b, "start qty", D(l.StartQty));
            Row(b, "filled", D(l.FilledQty));
            Row(b, "remaining", D(l.RemainingQty));
            Row(b, "arrival mid", D(l.ArrivalMid));
            Row(b, "vwap", D(l.Vwap));
            Row(b, "shortfall", D(l.ShortfallBps) + " bps vs arrival mid (positive = cost)");
            Row(b, "maker share", (l.MakerShare * 100m).ToString("0.##", CultureInfo.InvariantCulture) + " % of filled qty");
            Row(b, "fees", D(l.Fees));
            Row(b, "orders", l.Orders.ToString(CultureInfo.InvariantCulture) + " (" + l.Fills.ToString(CultureInfo.InvariantCulture) + " fills, "
                + l.Cancels.ToString(CultureInfo.InvariantCulture) + " cancels)");
            Row(b, "rejects", RejectText(l.Rejects));
            Row(b, "duration", D(l.DurationS) + " s");
            if (l.DeadlineS is { } deadline)
            {
                Row(b, "deadline", D(deadline) + " s, " + (l.DeadlineMet == true ? "met" : "missed"));
            }

            if (l.MaxSlippageBps is { } bps)
            {
                Row(b, "price cap", D(bps) + " bps from arrival mid" + (l.PriceCap is { } cap
                    ? (l.Side == PositionSide.Long ? ": SELL at or above " : ": BUY at or below ") + D(cap)
                    : ""));
            }
        }

        return b.ToString();
    }

    /// <summary>Exactly <c>{"legs":[{…}]}</c> with decimals as strings (README "Execution report").</summary>
    public static byte[] Json(IReadOnlyList<LegReport> legs)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("legs");
            foreach (var l in legs)
            {
                w.WriteStartObject();
                w.WriteString("symbol", l.Symbol);
                w.WriteString("side", EngineEventLog.Leg(l.Side));
                w.WriteString("start_qty", D(l.StartQty));
                w.WriteString("filled_qty", D(l.FilledQty));
                w.WriteString("remaining_qty", D(l.RemainingQty));
                w.WriteString("arrival_mid", D(l.ArrivalMid));
                w.WriteString("vwap", D(l.Vwap));
                w.WriteString("shortfall_bps", D(l.ShortfallBps));
                w.WriteString("maker_share", D(l.MakerShare));
                w.WriteString("fees", D(l.Fees));
                w.WriteNumber("orders", l.Orders);
                w.WriteNumber("cancels", l.Cancels);
                w.WriteStartObject("rejects");
                foreach (var (code, count) in l.Rejects)
                {
                    w.WriteNumber(code.ToString(CultureInfo.InvariantCulture), count);
                }

                w.WriteEndObject();
                w.WriteString("duration_s", D(l.DurationS));

                // Only with --deadline / --max-slippage-bps, after the documented fields (README "Execution report").
                if (l.DeadlineS is { } deadline)
                {
                    w.WriteString("deadline_s", D(deadline));
                    w.WriteBoolean("deadline_met", l.DeadlineMet == true);
                }

                if (l.MaxSlippageBps is { } bps)
                {
                    w.WriteString("max_slippage_bps", D(bps));
                    w.WriteString("price_cap", l.PriceCap is { } cap ? D(cap) : "");
                }
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string RejectText(IReadOnlyDictionary<int, int> rejects)
    {
        if (rejects.Count == 0)
        {
            return "none";
        }

        var parts = new List<string>();
        foreach (var (code, count) in rejects)
        {
            parts.Add(code.ToString(CultureInfo.InvariantCulture) + "×" + count.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(", ", parts);
    }

    private static void Row(StringBuilder b, string name, string value) => b.Append("    ").Append(name.PadRight(12)).Append(' ').AppendLine(value);

    private static string D(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
