using System.Globalization;
using System.Text;
using System.Text.Json;
using Vq.Binance.Json;
using Vq.Binance.Rest;
using Vq.Cli;
using Vq.Config;
using Vq.Core.Config;
using Vq.Core.Risk;

namespace Vq.Commands;

/// <summary>
/// <c>vq status [--config PATH] [--json]</c>: a read-only operator snapshot from REST (issue 6 §5). Managed legs (D9:
/// configured symbols ∪ non-zero positions, or only configured ones) with size, entry, mark, liquidation price and
/// distance, the leg's protective stop (open algo orders with the <c>vq-ps-</c> prefix) and vq's open orders (client
/// ids starting with <c>vq-</c>). Only GET requests are sent; nothing is changed. Exit 0 ok, 1 exchange error,
/// 64 usage, 66 file missing, 78 invalid config or missing Binance secrets.
/// </summary>
internal static class StatusCommand
{
    public const string DefaultPath = "config/config.yaml";

    public const string Usage = """
        Usage: vq status [--config PATH] [--json]
          --config PATH   the config file (default config/config.yaml)
          --json          print the snapshot as one JSON document
        Read-only: shows managed legs, protective stops and vq's open orders; changes nothing.
        Exit codes: 0 ok, 1 exchange error, 64 usage, 66 file missing, 78 invalid config.
        """;

    public static Task<int> RunAsync(ReadOnlySpan<string> args) =>
        RunAsync(args.ToArray(), Console.Out, Console.Error, ProcessEnvironment.Instance, Environment.CurrentDirectory, CancellationToken.None);

    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, IEnvironmentVariables environment, string workingDirectory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string path = DefaultPath;
        var json = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--config" when i + 1 < args.Length:
                    path = args[++i];
                    break;
                case "--help" or "-h":
                    stdout.WriteLine(Usage);
                    return ExitCodes.Ok;
                default:
                    stderr.WriteLine(args[i] == "--config" ? "vq status: --config needs a path" : $"vq status: unknown argument '{args[i]}'");
                    stderr.WriteLine(Usage);
                    return ExitCodes.Usage;
            }
        }

        DotEnvFile.LoadFromDirectory(workingDirectory, environment);
        var loaded = ConfigLoader.LoadFile(Path.Combine(workingDirectory, path));
        if (loaded.FileMissing)
        {
            stderr.WriteLine($"vq status: {path}: {loaded.Errors[0].Message}");
            return ExitCodes.NoInput;
        }

        var secrets = Secrets.FromEnvironment(environment);
        // Status never notifies, so only the Binance credentials matter.
        var problems = new List<string>();
        foreach (var error in loaded.Errors)
        {
            problems.Add(error.ToString());
        }

        problems.AddRange(secrets.Check(new TelegramSettings(), requireBinance: true));
        if (problems.Count > 0 || loaded.Config is not { } config)
        {
            foreach (var problem in problems)
            {
                stderr.WriteLine($"vq status: {problem}");
            }

            return ExitCodes.Config;
        }

        using var rest = new BinanceRestClient(BinanceRestOptions.FromSettings(config.Global, secrets.BinanceApiKey!, secrets.BinanceApiSecret!));
        var snapshot = await StatusSnapshot.FetchAsync(rest, config, cancellationToken).ConfigureAwait(false);
        if (snapshot.Error is { } fetchError)
        {
            stderr.WriteLine($"vq status: {fetchError}");
            return ExitCodes.Failure;
        }

        stdout.Write(json ? snapshot.ToJson() : snapshot.ToText());
        return ExitCodes.Ok;
    }
}

/// <summary>One managed leg as seen by REST.</summary>
internal sealed record LegStatus(
    string Symbol, string Side, decimal Size, decimal Entry, decimal? Mark, decimal? Liquidation, decimal? Distance,
    bool Configured, StopStatus? ProtectiveStop);

internal sealed record StopStatus(long AlgoId, string ClientAlgoId, decimal TriggerPrice, string? Status);

internal sealed record OrderStatusLine(
    string Symbol, string? PositionSide, string? Side, decimal Price, decimal OrigQty, decimal ExecutedQty, string? Status,
    string ClientOrderId, long OrderId);

/// <summary>The data of <c>vq status</c> and its two renderings. Immutable once fetched.</summary>
internal sealed class StatusSnapshot
{
    public const string OrderPrefix = "vq-";
    public const string StopPrefix = "vq-ps-";

    private StatusSnapshot(string? error, IReadOnlyList<LegStatus> legs, IReadOnlyList<OrderStatusLine> orders, DateTimeOffset at)
    {
        Error = error;
        Legs = legs;
        Orders = orders;
        At = at;
    }

    public string? Error { get; }

    public IReadOnlyList<LegStatus> Legs { get; }

    public IReadOnlyList<OrderStatusLine> Orders { get; }

    public DateTimeOffset At { get; }

    /// <summary>GET positionRisk, openOrders and openAlgoOrders (all symbols, one call each).</summary>
    public static async Task<StatusSnapshot> FetchAsync(BinanceRestClient rest, VqConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(config);
        var time = await rest.StartAsync(cancellationToken).ConfigureAwait(false);
        var positions = await rest.GetPositionRiskAsync(null, cancellationToken).ConfigureAwait(false);
        var orders = await rest.GetOpenOrdersAsync(null, cancellationToken).ConfigureAwait(false);
        var algos = await rest.GetOpenAlgoOrdersAsync(null, cancellationToken).ConfigureAwait(false);
        foreach (var (name, ok, error) in new[] { ("server time", time.IsOk, time.ToString()), ("positionRisk", positions.IsOk, positions.ToString()),
                     ("openOrders", orders.IsOk, orders.ToString()), ("openAlgoOrders", algos.IsOk, algos.ToString()) })
        {
            if (!ok)
            {
                return new StatusSnapshot($"{name} failed: {error}", [], [], rest.ServerNow);
            }
        }

        var stops = new List<AlgoOrderInfo>();
        foreach (var algo in algos.Value!)
        {
            if (algo.ClientAlgoId?.StartsWith(StopPrefix, StringComparison.Ordinal) == true)
            {
                stops.Add(algo);
            }
        }

        var legs = new List<LegStatus>();
        foreach (var position in positions.Value!)
        {
            // D11: only hedge legs; ps=BOTH is not managed.
            if (position.PositionSide is not ("LONG" or "SHORT") || position.PositionAmt == 0m)
            {
                continue;
            }

            var configured = config.IsConfigured(position.Symbol);
            if (!configured && config.Global.Universe == UniverseMode.Configured)
            {
                continue;
            }

            decimal? mark = position.MarkPrice > 0 ? position.MarkPrice : null;
            decimal? liquidation = position.LiquidationPrice > 0 ? position.LiquidationPrice : null;
            var stop = stops.Find(s => s.Symbol == position.Symbol && s.PositionSide == position.PositionSide);
            legs.Add(new LegStatus(
                position.Symbol, position.PositionSide, Math.Abs(position.PositionAmt), position.EntryPrice, mark, liquidation,
                LiquidationDistance.Compute(mark, liquidation), configured,
                stop is null ? null : new StopStatus(stop.AlgoId, stop.ClientAlgoId!, stop.TriggerPrice, stop.AlgoStatus)));
        }

        legs.Sort((a, b) => string.CompareOrdinal(a.Symbol + a.Side, b.Symbol + b.Side));
        var own = new List<OrderStatusLine>();
        foreach (var order in orders.Value!)
        {
            if (order.ClientOrderId?.StartsWith(OrderPrefix, StringComparison.Ordinal) == true)
            {
                own.Add(new OrderStatusLine(order.Symbol, order.PositionSide, order.Side, order.Price, order.OrigQty, order.ExecutedQty,
                    order.Status, order.ClientOrderId, order.OrderId));
            }
        }

        own.Sort((a, b) => string.CompareOrdinal(a.Symbol + a.ClientOrderId, b.Symbol + b.ClientOrderId));
        return new StatusSnapshot(null, legs, own, rest.ServerNow);
    }

    public string ToText()
    {
        var text = new StringBuilder();
        text.Append("vq status at ").Append(At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" UTC (read-only)\n\n");
        text.Append("Legs (").Append(Legs.Count).Append(")\n");
        if (Legs.Count == 0)
        {
            text.Append("  none: no open hedge-mode position is managed\n");
        }

        foreach (var leg in Legs)
        {
            text.Append("  ").Append(leg.Symbol).Append(' ').Append(leg.Side)
                .Append("  size ").Append(Full(leg.Size))
                .Append("  entry ").Append(Full(leg.Entry))
                .Append("  mark ").Append(Optional(leg.Mark))
                .Append("  liq ").Append(Optional(leg.Liquidation))
                .Append("  distance ").Append(leg.Distance is { } d ? (d * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-")
                .Append("  stop ").Append(leg.ProtectiveStop is { } stop ? Full(stop.TriggerPrice) + " (" + stop.ClientAlgoId + ")" : "none")
                .Append(leg.Configured ? "" : "  [not in config]")
                .Append('\n');
        }

        text.Append("\nvq open orders (").Append(Orders.Count).Append(")\n");
        if (Orders.Count == 0)
        {
            text.Append("  none\n");
        }

        foreach (var order in Orders)
        {
            text.Append("  ").Append(order.Symbol).Append(' ').Append(order.PositionSide).Append(' ').Append(order.Side)
                .Append("  ").Append(Full(order.OrigQty)).Append(" @ ").Append(Full(order.Price))
                .Append("  filled ").Append(Full(order.ExecutedQty))
                .Append("  ").Append(order.Status)
                .Append("  ").Append(order.ClientOrderId).Append('\n');
        }

        return text.ToString();
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("at"u8, At);
            json.WriteStartArray("legs"u8);
            foreach (var leg in Legs)
            {
                json.WriteStartObject();
                json.WriteString("symbol"u8, leg.Symbol);
                json.WriteString("side"u8, leg.Side);
                json.WriteNumber("size"u8, leg.Size);
                json.WriteNumber("entry_price"u8, leg.Entry);
                Number(json, "mark_price"u8, leg.Mark);
                Number(json, "liquidation_price"u8, leg.Liquidation);
                Number(json, "liquidation_distance"u8, leg.Distance);
                json.WriteBoolean("configured"u8, leg.Configured);
                if (leg.ProtectiveStop is { } stop)
                {
                    json.WriteStartObject("protective_stop"u8);
                    json.WriteNumber("algo_id"u8, stop.AlgoId);
                    json.WriteString("client_algo_id"u8, stop.ClientAlgoId);
                    json.WriteNumber("trigger_price"u8, stop.TriggerPrice);
                    json.WriteString("status"u8, stop.Status);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("protective_stop"u8);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("open_orders"u8);
            foreach (var order in Orders)
            {
                json.WriteStartObject();
                json.WriteString("symbol"u8, order.Symbol);
                json.WriteString("position_side"u8, order.PositionSide);
                json.WriteString("side"u8, order.Side);
                json.WriteNumber("price"u8, order.Price);
                json.WriteNumber("orig_qty"u8, order.OrigQty);
                json.WriteNumber("executed_qty"u8, order.ExecutedQty);
                json.WriteString("status"u8, order.Status);
                json.WriteString("client_order_id"u8, order.ClientOrderId);
                json.WriteNumber("order_id"u8, order.OrderId);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter json, ReadOnlySpan<byte> name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Full(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Optional(decimal? value) => value is { } v ? Full(v) : "-";
}
