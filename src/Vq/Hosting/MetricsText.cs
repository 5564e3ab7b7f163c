using System.Globalization;
using System.Text;
using Vq.Core.Primitives;

namespace Vq.Hosting;

/// <summary>
/// Renders <see cref="Metrics"/> in the Prometheus text exposition format 0.0.4: <c># HELP</c> and <c># TYPE</c> once
/// per family, label values escaped (<c>\\</c>, <c>\"</c>, <c>\n</c>), histograms as cumulative <c>_bucket{le}</c>
/// plus <c>_sum</c> and <c>_count</c>. Cold path (one call per scrape).
/// </summary>
internal static class MetricsText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(Metrics metrics, long nowTimestamp)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var text = new StringBuilder(4096);

        Family(text, "vq_orders_placed_total", "counter", "Orders placed, by execution mode.");
        Sample(text, "vq_orders_placed_total", [("mode", "MAKER_ONLY")], metrics.OrdersPlaced(ExecutionMode.MakerOnly));
        Sample(text, "vq_orders_placed_total", [("mode", "AGGRESSIVE_LIMIT")], metrics.OrdersPlaced(ExecutionMode.AggressiveLimit));

        Family(text, "vq_filled_quantity_total", "counter", "Filled base quantity, by liquidity role.");
        Sample(text, "vq_filled_quantity_total", [("role", "maker")], metrics.FilledQty(true));
        Sample(text, "vq_filled_quantity_total", [("role", "taker")], metrics.FilledQty(false));

        Family(text, "vq_order_cancels_total", "counter", "Orders of this run that ended CANCELED, each counted once (shutdown cancels included).");
        Sample(text, "vq_order_cancels_total", [], metrics.Cancels);

        Family(text, "vq_order_rejects_total", "counter", "Order rejections, by Binance error code (0 = codes beyond the table).");
        foreach (var (code, count) in metrics.Rejects.Snapshot())
        {
            Sample(text, "vq_order_rejects_total", [("code", code.ToString(CultureInfo.InvariantCulture))], count);
        }

        Family(text, "vq_leg_remaining_quantity", "gauge", "Position quantity still to close, per leg.");
        for (var symbol = 0; symbol < metrics.Symbols.Count; symbol++)
        {
            Sample(text, "vq_leg_remaining_quantity", [("symbol", metrics.Symbols[symbol]), ("side", "LONG")], metrics.Remaining(2 * symbol));
            Sample(text, "vq_leg_remaining_quantity", [("symbol", metrics.Symbols[symbol]), ("side", "SHORT")], metrics.Remaining((2 * symbol) + 1));
        }

        Family(text, "vq_stream_message_age_seconds", "gauge", "Seconds since the last message, per stream (absent before the first).");
        for (var stream = 0; stream < metrics.Streams.Count; stream++)
        {
            if (metrics.MessageAgeSeconds(stream, nowTimestamp) is { } age)
            {
                Sample(text, "vq_stream_message_age_seconds", [("stream", metrics.Streams[stream])], age);
            }
        }

        Family(text, "vq_stream_reconnects_total", "counter", "Stream reconnections, per stream.");
        for (var stream = 0; stream < metrics.Streams.Count; stream++)
        {
            Sample(text, "vq_stream_reconnects_total", [("stream", metrics.Streams[stream])], metrics.Reconnects(stream));
        }

        var (weightUsed, weightLimit) = metrics.RequestWeight;
        Family(text, "vq_request_weight_used", "gauge", "REST request weight used in the current minute (X-MBX-USED-WEIGHT-1M).");
        Sample(text, "vq_request_weight_used", [], weightUsed);
        Family(text, "vq_request_weight_limit", "gauge", "REST request weight limit per minute.");
        Sample(text, "vq_request_weight_limit", [], weightLimit);
        var (ordersUsed, ordersLimit) = metrics.OrderCount;
        Family(text, "vq_order_count_used", "gauge", "Orders counted by the exchange in the current window (X-MBX-ORDER-COUNT-*).");
        Sample(text, "vq_order_count_used", [], ordersUsed);
        Family(text, "vq_order_count_limit", "gauge", "Order count limit of that window.");
        Sample(text, "vq_order_count_limit", [], ordersLimit);

        if (metrics.Telegram is { } telegram)
        {
            Family(text, "vq_telegram_messages_total", "counter", "Telegram notices by outcome: sent, dropped (queue full or shutdown), failed (given up after retries).");
            Sample(text, "vq_telegram_messages_total", [("outcome", "sent")], telegram.SentCount);
            Sample(text, "vq_telegram_messages_total", [("outcome", "dropped")], telegram.DroppedCount);
            Sample(text, "vq_telegram_messages_total", [("outcome", "failed")], telegram.FailedCount);
        }

        Histogram(text, "vq_decision_latency_seconds", "Engine time from an event to its decision.", metrics.DecisionLatency);
        Histogram(text, "vq_tick_to_order_latency_seconds", "Time from a market tick's receipt to the order request leaving.", metrics.TickToOrderLatency);
        return text.ToString();
    }

    /// <summary>Label value escaping of the exposition format: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, (string Name, string Value)[] labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                text.Append(labels[i].Name).Append("=\"").Append(EscapeLabelValue(labels[i].Value)).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static void Histogram(StringBuilder text, string name, string help, LatencyHistogram histogram)
    {
        Family(text, name, "histogram", help);
        // Read the total first: buckets only grow, so clamping keeps the series cumulative and ≤ _count.
        var count = histogram.Count;
        var sum = histogram.SumSeconds;
        long cumulative = 0;
        for (var i = 0; i < histogram.BoundsSeconds.Count; i++)
        {
            cumulative = Math.Min(count, cumulative + histogram.BucketCount(i));
            Sample(text, name + "_bucket", [("le", Number(histogram.BoundsSeconds[i]))], cumulative);
        }

        Sample(text, name + "_bucket", [("le", "+Inf")], count);
        Sample(text, name + "_sum", [], sum);
        Sample(text, name + "_count", [], count);
    }

    /// <summary>Go's ParseFloat accepts this shortest round-trip form (exponents included).</summary>
    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
