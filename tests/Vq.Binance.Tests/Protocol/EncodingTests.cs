using System.Text;
using Vq.Binance.Protocol;
using Vq.Core.Primitives;

namespace Vq.Binance.Tests.Protocol;

public sealed class EncodingTests
{
    [Fact]
    public void Signer_matches_the_published_vector()
    {
        // BINANCE.md §2.2 (recomputed independently).
        var signer = new RequestSigner("2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9");
        var message = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943"u8;
        Span<byte> hex = stackalloc byte[RequestSigner.SignatureChars];
        signer.Sign(message, hex);
        Assert.Equal("3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9", Encoding.ASCII.GetString(hex));
    }

    [Fact]
    public void Signed_query_appends_the_signature_last()
    {
        var signer = new RequestSigner("2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9");
        Span<byte> buffer = stackalloc byte[512];
        var writer = new QueryWriter(buffer);
        writer.Add("symbol"u8, "BTCUSDT"u8);
        writer.Add("side"u8, "BUY"u8);
        writer.Add("type"u8, "LIMIT"u8);
        writer.Add("quantity"u8, 1m);
        writer.Add("price"u8, 9000.00m);
        writer.Add("timeInForce"u8, "GTC"u8);
        OrderEncoder.WriteTiming(ref writer, 5000, 1591702613943);
        signer.AppendSignature(ref writer);
        Assert.False(writer.Overflowed);
        Assert.Equal(
            "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943&signature=3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9",
            Encoding.ASCII.GetString(writer.Written));
    }

    [Fact]
    public void Limit_close_order_has_position_side_gtx_client_id_and_never_reduce_only()
    {
        // SPEC §9.18 #149.
        var order = new LimitOrderRequest("BTCUSDT", OrderSide.Sell, PositionSide.Long, TimeInForce.Gtx, 0.0010m, 50000.10m,
            ClientOrderId.Parse("vq-0123456789-000000000000000000001"));
        var text = Encode(order, out var error);
        Assert.Equal(EncodeError.None, error);
        Assert.Equal("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTX&quantity=0.001&price=50000.1&newClientOrderId=vq-0123456789-000000000000000000001", text);
        Assert.DoesNotContain("reduceOnly", text, StringComparison.OrdinalIgnoreCase);

        var shortClose = order with { Side = OrderSide.Buy, PositionSide = PositionSide.Short, TimeInForce = TimeInForce.Gtc };
        Assert.Contains("side=BUY&positionSide=SHORT&type=LIMIT&timeInForce=GTC", Encode(shortClose, out _), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OrderSide.Buy, PositionSide.Long)]
    [InlineData(OrderSide.Sell, PositionSide.Short)]
    public void An_order_that_would_open_or_increase_a_leg_is_refused(OrderSide side, PositionSide leg)
    {
        var order = new LimitOrderRequest("BTCUSDT", side, leg, TimeInForce.Gtx, 1m, 1m, ClientOrderId.Parse("a"));
        Encode(order, out var error);
        Assert.Equal(EncodeError.WouldOpenPosition, error);
    }

    [Fact]
    public void Invalid_orders_are_refused_with_a_reason()
    {
        var ok = new LimitOrderRequest("BTCUSDT", OrderSide.Sell, PositionSide.Long, TimeInForce.Gtx, 1m, 1m, ClientOrderId.Parse("a"));
        Encode(ok with { Quantity = 0m }, out var e1);
        Encode(ok with { Price = -1m }, out var e2);
        Encode(ok with { ClientOrderId = default }, out var e3);
        Encode(ok with { Symbol = "" }, out var e4);
        Assert.Equal([EncodeError.NonPositiveQuantity, EncodeError.NonPositivePrice, EncodeError.MissingClientOrderId, EncodeError.MissingSymbol], [e1, e2, e3, e4]);

        var small = new byte[20];
        var writer = new QueryWriter(small);
        Assert.Equal(EncodeError.BufferTooSmall, OrderEncoder.WriteLimitOrder(ref writer, ok));
    }

    [Fact]
    public void Stop_market_is_an_algo_conditional_close_position_on_mark_price_without_quantity()
    {
        // SPEC §9.18 #149: triggerPrice=101.1, workingType=MARK_PRICE, closePosition=true, positionSide, no quantity, no timeInForce.
        Span<byte> buffer = stackalloc byte[512];
        var writer = new QueryWriter(buffer);
        var stop = new StopMarketRequest("BTCUSDT", PositionSide.Short, 101.10m, ClientOrderId.Parse("vq-ps-btcusdt-short"));
        Assert.Equal(EncodeError.None, OrderEncoder.WriteStopMarket(ref writer, stop));
        var text = Encoding.ASCII.GetString(writer.Written);
        Assert.Equal("algoType=CONDITIONAL&symbol=BTCUSDT&side=BUY&positionSide=SHORT&type=STOP_MARKET&triggerPrice=101.1&workingType=MARK_PRICE&closePosition=true&clientAlgoId=vq-ps-btcusdt-short", text);
        Assert.DoesNotContain("quantity", text, StringComparison.Ordinal);
        Assert.DoesNotContain("timeInForce", text, StringComparison.Ordinal);
        Assert.DoesNotContain("reduceOnly", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Order_references_use_order_id_or_orig_client_order_id()
    {
        Span<byte> buffer = stackalloc byte[256];
        var byId = new QueryWriter(buffer);
        OrderEncoder.WriteOrderRef(ref byId, OrderRef.ById("BTCUSDT", 22542179));
        Assert.Equal("symbol=BTCUSDT&orderId=22542179", Encoding.ASCII.GetString(byId.Written));

        var byClient = new QueryWriter(buffer);
        OrderEncoder.WriteOrderRef(ref byClient, OrderRef.ByClientId("BTCUSDT", ClientOrderId.Parse("a:b/c")));
        Assert.Equal("symbol=BTCUSDT&origClientOrderId=a%3Ab%2Fc", Encoding.ASCII.GetString(byClient.Written));

        var none = new QueryWriter(buffer);
        Assert.Equal(EncodeError.MissingOrderReference, OrderEncoder.WriteOrderRef(ref none, new OrderRef("BTCUSDT", 0, default)));

        var algo = new QueryWriter(buffer);
        OrderEncoder.WriteAlgoRef(ref algo, AlgoOrderRef.ById("BTCUSDT", 1000000033225453));
        Assert.Equal("symbol=BTCUSDT&algoId=1000000033225453", Encoding.ASCII.GetString(algo.Written));
    }

    [Theory]
    [InlineData("0.0010", "0.001")]
    [InlineData("100.00", "100")]
    [InlineData("50000.10", "50000.1")]
    [InlineData("0.00000001", "0.00000001")]
    [InlineData("123456789012.123456789", "123456789012.123456789")]
    [InlineData("-0.000", "0")]
    [InlineData("7", "7")]
    public void Decimals_are_invariant_without_exponent_or_trailing_zeros(string input, string expected) =>
        Assert.Equal(expected, DecimalText.Format(decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture)));

    private static string Encode(in LimitOrderRequest order, out EncodeError error)
    {
        Span<byte> buffer = stackalloc byte[512];
        var writer = new QueryWriter(buffer);
        error = OrderEncoder.WriteLimitOrder(ref writer, order);
        return Encoding.ASCII.GetString(writer.Written);
    }
}
