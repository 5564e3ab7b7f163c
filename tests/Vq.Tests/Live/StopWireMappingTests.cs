using Vq.Binance.Json;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Core.Engine;
using Vq.Core.Primitives;
using Vq.Core.Risk;
using Vq.Live;

namespace Vq.Tests.Live;

/// <summary>Conditional orders from the wire into the stop coordinator's terms, and the protective_stop log line.</summary>
public class StopWireMappingTests
{
    [Fact]
    public void An_open_algo_order_maps_its_algo_id_client_algo_id_type_side_and_trigger()
    {
        var row = new AlgoOrderInfo
        {
            AlgoId = 1_000_000_000_000_007, ClientAlgoId = "vq-ps-btcusdt-L-1234560001", OrderType = "STOP_MARKET",
            Symbol = "BTCUSDT", PositionSide = "LONG", ClosePosition = true, TriggerPrice = 101.1m,
        };

        var scanned = StopWireMapping.ToScanned(row);

        Assert.Equal(OrderBook.Algo, scanned.Book);
        Assert.Equal(1_000_000_000_000_007, scanned.OrderId);
        Assert.Equal("vq-ps-btcusdt-L-1234560001", scanned.ClientId.ToString());
        Assert.Equal(OrderKind.StopMarket, scanned.Kind);
        Assert.Equal(PositionSide.Long, scanned.PositionSide);
        Assert.True(scanned.ClosePosition);
        Assert.False(scanned.ReduceOnly);
        Assert.Equal(101.1m, scanned.TriggerPrice);
    }

    [Fact]
    public void The_legacy_type_key_and_a_missing_trigger_or_side_are_read_as_documented()
    {
        var scanned = StopWireMapping.ToScanned(new AlgoOrderInfo { AlgoId = 5, LegacyType = "TAKE_PROFIT_MARKET", PositionSide = "BOTH", ReduceOnly = true });

        Assert.Equal(OrderKind.TakeProfitMarket, scanned.Kind);
        Assert.Null(scanned.PositionSide);
        Assert.Null(scanned.TriggerPrice);
        Assert.True(scanned.ReduceOnly);
        Assert.True(scanned.ClientId.IsEmpty);
    }

    [Fact]
    public void A_normal_open_order_uses_orig_type_and_stop_price()
    {
        var scanned = StopWireMapping.ToScanned(new OrderInfo
        {
            OrderId = 77, ClientOrderId = "ios-abc", Type = "MARKET", OrigType = "STOP_MARKET", PositionSide = "SHORT",
            ClosePosition = true, StopPrice = 99m,
        });

        Assert.Equal(OrderBook.Normal, scanned.Book);
        Assert.Equal(77, scanned.OrderId);
        Assert.Equal(OrderKind.StopMarket, scanned.Kind);
        Assert.Equal(PositionSide.Short, scanned.PositionSide);
        Assert.Equal(99m, scanned.TriggerPrice);
    }

    [Theory]
    [InlineData(AlgoStatus.New, false)]
    [InlineData(AlgoStatus.Triggering, false)]
    [InlineData(AlgoStatus.Canceled, true)]
    [InlineData(AlgoStatus.Triggered, true)]
    [InlineData(AlgoStatus.Finished, true)]
    [InlineData(AlgoStatus.Rejected, true)]
    [InlineData(AlgoStatus.Expired, true)]
    public void Algo_update_statuses_are_terminal_as_SPEC_4_5_lists(AlgoStatus status, bool terminal)
    {
        var update = new AlgoUpdate
        {
            Symbol = "BTCUSDT", AlgoId = 9, ClientAlgoId = "vq-ps-btcusdt-S-1", OrderType = OrderType.StopMarket,
            PositionSide = PositionSide.Short, Status = status, ClosePosition = true,
        };

        var e = StopWireMapping.ToStopEvent(3, update);

        Assert.Equal(terminal, e.IsTerminal);
        Assert.Equal(3, e.Symbol);
        Assert.Equal(OrderBook.Algo, e.Book);
        Assert.Equal(9, e.OrderId);
        Assert.Equal(PositionSide.Short, e.PositionSide);
        Assert.Equal(OrderKind.StopMarket, e.Kind);
        Assert.True(e.ClosePosition);
    }

    [Theory]
    [InlineData(true, ApiOutcome.Ok, 0, true)]
    [InlineData(false, ApiOutcome.Rejected, -2011, true)]
    [InlineData(false, ApiOutcome.Rejected, -1102, false)]
    [InlineData(false, ApiOutcome.RateLimited, -1015, false)]
    [InlineData(false, ApiOutcome.Unknown, 0, false)]
    public void Only_a_done_cancel_or_unknown_order_counts_as_cancelled(bool ok, ApiOutcome outcome, int code, bool cancelled)
    {
        var result = StopWireMapping.ToCancelResult(ok, outcome, code);

        Assert.Equal(cancelled, result.Ok);
        Assert.Equal(cancelled ? 0 : code, result.ErrorCode);
    }

    [Fact]
    public async Task A_protective_stop_event_is_one_line_with_trigger_liquidation_and_the_stop_id()
    {
        var e = new EngineEvent
        {
            Kind = EngineEventKind.ProtectiveStop, Symbol = 0, Side = PositionSide.Long, Reason = "replace_tighten",
            Price = 102.1m, Value = 101.00000000m, ClientOrderId = ClientOrderId.Parse("vq-ps-btcusdt-L-1234560002"), OrderId = 1001,
        };

        using var text = new StringWriter();
        await using (var log = new LineLog(text))
        {
            log.Event(e, "BTCUSDT");
        }

        Assert.EndsWith(
            " protective_stop leg=BTCUSDT:LONG reason=replace_tighten trigger=102.1 liq=101 code=0 order_id=1001 alert=false cid=vq-ps-btcusdt-L-1234560002",
            text.ToString().TrimEnd(), StringComparison.Ordinal);
    }
}
