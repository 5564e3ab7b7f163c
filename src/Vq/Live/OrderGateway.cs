using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Core.Engine;
using Vq.Core.Orders;
using Vq.Core.Positions;

namespace Vq.Live;

/// <summary>A REST snapshot of one symbol: its hedge legs' positions and its open orders (P9 inspection, recalibration).</summary>
internal sealed record InspectionSnapshot(int Symbol, PositionReport[] Positions, OrderUpdate[] OpenOrders, long SnapshotExchangeTimeMs, bool IsRecalibration);

/// <summary>
/// Executes the engine's commands with <see cref="BinanceRestClient"/>, asynchronously on the thread pool, and posts
/// every result back to the engine thread as an event (never dropped). The engine thread calls <see cref="Execute"/>;
/// nothing here touches engine state. Counts in-flight placements so shutdown can wait for them before its sweep.
/// </summary>
internal sealed partial class OrderGateway(BinanceRestClient rest, EventInbox inbox, LineLog log, CancellationToken stopping)
{
    private int _inFlightPlacements;
    private int _inFlightTotal;

    public int InFlightPlacements => Volatile.Read(ref _inFlightPlacements);

    public int InFlightTotal => Volatile.Read(ref _inFlightTotal);

    public BinanceRestClient Rest => rest;

    /// <summary>
    /// Set before the engine starts (operations): called, on a pool thread, for every shutdown cancel
    /// (<see cref="CancelOwn"/>, the sweep) that the exchange acknowledged CANCELED, so the cancel metric sees orders
    /// whose stream update arrives after the engine thread has ended.
    /// </summary>
    public Action<Vq.Core.Primitives.ClientOrderId>? ShutdownCancelConfirmed { get; set; }

    /// <summary>Engine thread: start one command. <paramref name="symbolName"/> is the exchange symbol of its index.</summary>
    public void Execute(in EngineCommand command, string symbolName)
    {
        switch (command.Kind)
        {
            case CommandKind.PlaceOrder:
                Track(PlaceAsync(command, symbolName), placement: true);
                break;
            case CommandKind.CancelOrder:
                Track(CancelAsync(command, symbolName), placement: false);
                break;
            case CommandKind.CancelStray:
                Track(CancelStrayAsync(command, symbolName), placement: false);
                break;
            case CommandKind.QueryOrder:
                Track(QueryAsync(command, symbolName), placement: false);
                break;
            case CommandKind.InspectSymbol:
                Inspect(command.Symbol, symbolName, isRecalibration: false);
                break;
            case CommandKind.ScanStops:
            case CommandKind.PlaceStop:
            case CommandKind.CancelStop:
                ExecuteStop(command, symbolName);
                break;
        }
    }

    /// <summary>Fetches the symbol's positions and open orders and posts them as one snapshot.</summary>
    public void Inspect(int symbol, string symbolName, bool isRecalibration) =>
        Track(InspectAsync(symbol, symbolName, isRecalibration), placement: false);

    /// <summary>
    /// Cancels one of this run's orders outside the engine's state machine (shutdown); logs the outcome. It may use the
    /// client's bounded bypass of an IP-weight 429 hold: leaving orders behind is worse than a few weight-1 requests.
    /// </summary>
    public void CancelOwn(string symbolName, long orderId, Vq.Core.Primitives.ClientOrderId clientOrderId, string reason) =>
        Track(CancelLoggedAsync(symbolName, orderId, clientOrderId, reason, RequestUrgency.ShutdownCancel, isShutdown: true), placement: false);

    private void Track(Task task, bool placement)
    {
        // The counters go up here (engine thread) and down when the task ends, so a sweep never races a placement.
        if (placement)
        {
            Interlocked.Increment(ref _inFlightPlacements);
        }

        Interlocked.Increment(ref _inFlightTotal);
        _ = task.ContinueWith(
            static (t, state) =>
            {
                var (gateway, isPlacement) = ((OrderGateway, bool))state!;
                if (t.IsFaulted)
                {
                    gateway.LogFault(t.Exception);
                }

                if (isPlacement)
                {
                    Interlocked.Decrement(ref gateway._inFlightPlacements);
                }

                Interlocked.Decrement(ref gateway._inFlightTotal);
            },
            (this, placement), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void LogFault(AggregateException? exception) =>
        log.Line("error", $"where=order_gateway error=\"{exception?.GetBaseException().Message}\"");

    private async Task PlaceAsync(EngineCommand command, string symbolName)
    {
        await Task.Yield();
        var request = new LimitOrderRequest(symbolName, command.OrderSide, command.Side, command.TimeInForce, command.Qty, command.Price, command.ClientOrderId);
        // Placement is never cancelled half-way by shutdown: its outcome must come back so the order is accounted for.
        var result = await rest.PlaceLimitOrderAsync(request, CancellationToken.None).ConfigureAwait(false);
        inbox.Post(new HostEvent
        {
            Kind = HostEventKind.PlaceResult,
            Symbol = command.Symbol,
            Side = command.Side,
            Place = WireMapping.ToPlaceResult(command.ClientOrderId, result),
        });
    }

    private async Task CancelAsync(EngineCommand command, string symbolName)
    {
        await Task.Yield();
        var result = await rest.CancelOrderAsync(Ref(symbolName, command.OrderId, command.ClientOrderId), CancellationToken.None).ConfigureAwait(false);
        inbox.Post(new HostEvent
        {
            Kind = HostEventKind.CancelResult,
            Symbol = command.Symbol,
            Side = command.Side,
            Cancel = WireMapping.ToCancelResult(command.ClientOrderId, result),
        });
    }

    private async Task CancelStrayAsync(EngineCommand command, string symbolName)
    {
        await Task.Yield();
        await CancelLoggedAsync(symbolName, command.OrderId, command.ClientOrderId, command.Reason, RequestUrgency.Normal, isShutdown: false).ConfigureAwait(false);
    }

    private async Task CancelLoggedAsync(
        string symbolName, long orderId, Vq.Core.Primitives.ClientOrderId clientOrderId, string reason, RequestUrgency urgency, bool isShutdown)
    {
        var result = await rest.CancelOrderAsync(Ref(symbolName, orderId, clientOrderId), urgency, CancellationToken.None).ConfigureAwait(false);
        if (isShutdown && result.IsOk)
        {
            ShutdownCancelConfirmed?.Invoke(clientOrderId);
        }

        var outcome = result.IsOk ? "cancelled" : result.Error.Code == -2011 ? "already_gone" : "failed";
        log.Line("order_cleanup", $"symbol={symbolName} cid={clientOrderId} order_id={orderId} reason={reason} outcome={outcome} code={result.Error.Code}");
    }

    private async Task QueryAsync(EngineCommand command, string symbolName)
    {
        await Task.Yield();
        var result = await rest.QueryOrderAsync(OrderRef.ByClientId(symbolName, command.ClientOrderId), CancellationToken.None).ConfigureAwait(false);
        inbox.Post(new HostEvent
        {
            Kind = HostEventKind.QueryResult,
            Symbol = command.Symbol,
            Side = command.Side,
            Query = WireMapping.ToQueryResult(command.ClientOrderId, result),
        });
    }

    private async Task InspectAsync(int symbol, string symbolName, bool isRecalibration)
    {
        await Task.Yield();
        var snapshot = await FetchSnapshotAsync(rest, symbol, symbolName, isRecalibration, stopping).ConfigureAwait(false);
        inbox.Post(snapshot is null
            ? new HostEvent { Kind = HostEventKind.InspectionFailed, Symbol = symbol, Payload = isRecalibration }
            : new HostEvent { Kind = HostEventKind.Inspection, Symbol = symbol, Payload = snapshot });
    }

    /// <summary>positionRisk + openOrders for one symbol; null when either call failed.</summary>
    public static async Task<InspectionSnapshot?> FetchSnapshotAsync(BinanceRestClient rest, int symbol, string symbolName, bool isRecalibration, CancellationToken cancellation)
    {
        try
        {
            var snapshotTime = rest.ServerNow.ToUnixTimeMilliseconds();
            var positions = await rest.GetPositionRiskAsync(symbolName, cancellation).ConfigureAwait(false);
            if (!positions.IsOk)
            {
                return null;
            }

            var orders = await rest.GetOpenOrdersAsync(symbolName, cancellation).ConfigureAwait(false);
            if (!orders.IsOk)
            {
                return null;
            }

            var reports = new List<PositionReport>();
            foreach (var row in positions.Value!)
            {
                if (row.Symbol == symbolName && WireMapping.TryToPositionReport(symbol, row, out var report))
                {
                    reports.Add(report);
                }
            }

            var updates = new List<OrderUpdate>();
            foreach (var row in orders.Value!)
            {
                if (WireMapping.TryToOrderUpdate(symbol, row, out var update))
                {
                    updates.Add(update);
                }
            }

            return new InspectionSnapshot(symbol, [.. reports], [.. updates], snapshotTime, isRecalibration);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static OrderRef Ref(string symbol, long orderId, Vq.Core.Primitives.ClientOrderId cid) =>
        orderId > 0 ? OrderRef.ById(symbol, orderId) : OrderRef.ByClientId(symbol, cid);
}
