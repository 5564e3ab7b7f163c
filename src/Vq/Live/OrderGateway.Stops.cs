using Vq.Binance.Json;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Core.Engine;
using Vq.Core.Engine.Stops;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Live;

/// <summary>The answer to a <see cref="CommandKind.ScanStops"/>: the symbol's open normal and algo orders, or a failure.</summary>
internal sealed record StopScanResult(int Symbol, ScannedOrder[] Orders, bool Failed);

/// <summary>The answer to a <see cref="CommandKind.PlaceStop"/> or <see cref="CommandKind.CancelStop"/>, with the command unchanged.</summary>
internal sealed record StopCommandOutcome(EngineCommand Command, StopCommandResult Result);

// The protective-stop commands (SPEC §4.4–§4.5, P22, D17): REST calls on the thread pool, results posted back to the
// engine thread as StopScan / StopResult events (never dropped). Stop calls are never rate limited by vq (§4.6) and
// never cancelled half-way by shutdown: every answer must reach the coordinator, or a placement could become a ghost.
internal sealed partial class OrderGateway
{
    private void ExecuteStop(in EngineCommand command, string symbolName)
    {
        switch (command.Kind)
        {
            case CommandKind.ScanStops:
                Track(ScanStopsAsync(command.Symbol, symbolName), placement: false);
                break;
            case CommandKind.PlaceStop:
                Track(PlaceStopAsync(command, symbolName), placement: false);
                break;
            case CommandKind.CancelStop:
                Track(CancelStopAsync(command, symbolName), placement: false);
                break;
        }
    }

    private async Task ScanStopsAsync(int symbol, string symbolName)
    {
        await Task.Yield();
        var result = await ScanStopsAsync(rest, symbol, symbolName, CancellationToken.None).ConfigureAwait(false);
        if (result.Failed)
        {
            log.Line("error", $"where=protective_stop_scan symbol={symbolName}");
        }

        inbox.Post(new HostEvent { Kind = HostEventKind.StopScan, Symbol = symbol, Payload = result });
    }

    /// <summary>
    /// <c>GET openOrders</c> + <c>GET openAlgoOrders</c> for one symbol as the coordinator reads them. Either fetch
    /// failing fails the scan: our stops are algo orders (D17), so an algo list taken as empty would hide our own stop
    /// and lead to a duplicate placement (-4130). The failed sync is retried by the coordinator.
    /// </summary>
    public static async Task<StopScanResult> ScanStopsAsync(BinanceRestClient rest, int symbol, string symbolName, CancellationToken cancellation)
    {
        var normal = await rest.GetOpenOrdersAsync(symbolName, cancellation).ConfigureAwait(false);
        if (!normal.IsOk)
        {
            return new StopScanResult(symbol, [], Failed: true);
        }

        var algo = await rest.GetOpenAlgoOrdersAsync(symbolName, cancellation).ConfigureAwait(false);
        if (!algo.IsOk)
        {
            return new StopScanResult(symbol, [], Failed: true);
        }

        var orders = new List<ScannedOrder>(normal.Value!.Count + algo.Value!.Count);
        foreach (var row in normal.Value!)
        {
            if (row.Symbol.Length == 0 || row.Symbol == symbolName)
            {
                orders.Add(StopWireMapping.ToScanned(row));
            }
        }

        foreach (var row in algo.Value!)
        {
            if (row.Symbol.Length == 0 || row.Symbol == symbolName)
            {
                orders.Add(StopWireMapping.ToScanned(row));
            }
        }

        return new StopScanResult(symbol, [.. orders], Failed: false);
    }

    private async Task PlaceStopAsync(EngineCommand command, string symbolName)
    {
        await Task.Yield();
        var request = new StopMarketRequest(symbolName, command.Side, command.TriggerPrice, command.ClientOrderId);
        var result = await rest.PlaceStopMarketAsync(request, CancellationToken.None).ConfigureAwait(false);
        StopCommandResult outcome;
        if (result.IsOk)
        {
            outcome = StopCommandResult.Placed(result.Value!.AlgoId);
        }
        else
        {
            // An unknown outcome is a failure: the retry scan adopts the stop if it was placed after all.
            outcome = StopCommandResult.Failed(result.Error.Code);
            log.Line("error", $"where=protective_stop_place symbol={symbolName} leg={EngineEventLog.Leg(command.Side)} trigger={EngineEventLog.D(command.TriggerPrice)} cid={command.ClientOrderId} error=\"{result}\"");
        }

        inbox.Post(new HostEvent { Kind = HostEventKind.StopResult, Symbol = command.Symbol, Side = command.Side, Payload = new StopCommandOutcome(command, outcome) });
    }

    private async Task CancelStopAsync(EngineCommand command, string symbolName)
    {
        await Task.Yield();
        StopCommandResult outcome;
        string? error = null;
        if (command.Book == OrderBook.Algo)
        {
            // P22: stops use the algo cancel only.
            var algoRef = command.OrderId > 0 ? AlgoOrderRef.ById(symbolName, command.OrderId) : AlgoOrderRef.ByClientId(symbolName, command.ClientOrderId);
            var result = await rest.CancelAlgoOrderAsync(algoRef, CancellationToken.None).ConfigureAwait(false);
            outcome = StopWireMapping.ToCancelResult(result.IsOk, result.Outcome, result.Error.Code);
            error = result.IsOk ? null : result.ToString();
        }
        else
        {
            // A stop-like order on the normal book (from before the algo migration, or a user's): the normal cancel.
            var orderRef = command.OrderId > 0 ? OrderRef.ById(symbolName, command.OrderId) : OrderRef.ByClientId(symbolName, command.ClientOrderId);
            var result = await rest.CancelOrderAsync(orderRef, CancellationToken.None).ConfigureAwait(false);
            outcome = StopWireMapping.ToCancelResult(result.IsOk, result.Outcome, result.Error.Code);
            error = result.IsOk ? null : result.ToString();
        }

        if (!outcome.Ok && error is not null)
        {
            log.Line("error", $"where=protective_stop_cancel symbol={symbolName} leg={EngineEventLog.Leg(command.Side)} order_id={command.OrderId} cid={command.ClientOrderId} error=\"{error}\"");
        }

        inbox.Post(new HostEvent { Kind = HostEventKind.StopResult, Symbol = command.Symbol, Side = command.Side, Payload = new StopCommandOutcome(command, outcome) });
    }
}
