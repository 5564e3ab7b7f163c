using System.Buffers;
using Vq.Binance.Protocol;
using Vq.Binance.Tests.Support;
using Vq.Core.Primitives;

namespace Vq.Binance.Tests.Protocol;

public sealed class UserDataParserTests
{
    private static SymbolTable Symbols()
    {
        var table = new SymbolTable();
        table.Register("BTCUSDT");
        return table;
    }

    private const string OrderNew =
        """{"e":"ORDER_TRADE_UPDATE","E":1568879465651,"T":1568879465650,"o":{"s":"BTCUSDT","c":"TEST","S":"SELL","o":"LIMIT","f":"GTC","q":"0.001","p":"7103.04","ap":"0","sp":"0","x":"NEW","X":"NEW","i":8886774,"l":"0","z":"0","L":"0","N":"USDT","n":"0","T":1568879465650,"t":0,"b":"0","a":"9.91","m":false,"R":true,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"LONG","cp":false,"rp":"0","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0,"er":"0"}}""";

    private const string OrderTradeNoCommission =
        """{"e":"ORDER_TRADE_UPDATE","E":2,"T":1,"o":{"s":"ETHUSDT","c":"vq-0123456789-abc","S":"BUY","o":"LIMIT","f":"GTX","q":"1.5","p":"3000.10","ap":"3000.10","sp":"0","x":"TRADE","X":"PARTIALLY_FILLED","i":99000000001,"l":"0.5","z":"0.5","L":"3000.10","T":5,"t":777,"m":true,"R":true,"ot":"LIMIT","ps":"SHORT","cp":false,"rp":"-1.25","er":0,"M":"7","newKey":{"x":[1]}}}""";

    private const string OrderExpiredInMatch =
        """{"e":"ORDER_TRADE_UPDATE","E":3,"T":3,"o":{"s":"BTCUSDT","c":"x","S":"SELL","o":"LIMIT","f":"GTD","q":"1","p":"1","ap":"0","x":"EXPIRED","X":"EXPIRED_IN_MATCH","i":1,"l":"0","z":"0","L":"0","T":3,"t":0,"m":false,"R":false,"ot":"LIMIT","ps":"BOTH","cp":false,"rp":"0","er":"1"}}""";

    private const string AccountUpdate =
        """{"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"ORDER","B":[{"a":"USDT","wb":"122624.12345678","cw":"100.12345678","bc":"50.12345678"}],"P":[{"s":"BTCUSDT","pa":"0.1","ep":"50000","bep":"50001","cr":"0","up":"1.23","mt":"cross","iw":"0","ps":"LONG"},{"s":"ETHUSDT","pa":"0.2","ep":"3000","cr":"0","up":"-0.50","mt":"isolated","iw":"13.5","ps":"SHORT","ma":"USDT"},{"s":"BNBUSDT","pa":"0","ep":"0","up":"0","ps":"LONG"},{"s":"XRPUSDT","pa":"-3","ep":"0.5","up":"0","ps":"BOTH"}]}}""";

    private const string AlgoTriggered =
        """{"e":"ALGO_UPDATE","T":1765431097030,"E":1765431097037,"o":{"caid":"O-20251211-053131-ZYWR-000-9","aid":1000000033225453,"at":"CONDITIONAL","o":"STOP_MARKET","s":"DOGEUSDT","S":"BUY","ps":"BOTH","f":"GTC","q":"38","X":"TRIGGERED","ai":"88937381063","ap":"0","aq":"0","act":"MARKET","tp":"0.13855","p":"0","V":"EXPIRE_MAKER","wt":"CONTRACT_PRICE","pm":"NONE","cp":false,"pP":false,"R":false,"tt":1765431097019,"gtd":0,"rm":"Reduce Only reject","ia":true}}""";

    private const string AlgoNew =
        """{"e":"ALGO_UPDATE","E":5,"T":4,"o":{"caid":"vq-ps-btc-long","aid":2146760,"at":"CONDITIONAL","o":"STOP_MARKET","s":"BTCUSDT","S":"SELL","ps":"LONG","f":"GTC","q":"0","X":"NEW","ai":"","tp":"40000.1","p":"0","wt":"MARK_PRICE","cp":true,"R":false,"tt":0,"gtd":0}}""";

    public static TheoryData<string, UserDataKind> AllPayloads => new()
    {
        { OrderNew, UserDataKind.OrderTradeUpdate },
        { OrderTradeNoCommission, UserDataKind.OrderTradeUpdate },
        { OrderExpiredInMatch, UserDataKind.OrderTradeUpdate },
        { AccountUpdate, UserDataKind.AccountUpdate },
        { AlgoTriggered, UserDataKind.AlgoUpdate },
        { AlgoNew, UserDataKind.AlgoUpdate },
        { """{"e":"ACCOUNT_CONFIG_UPDATE","E":1611646737479,"T":1611646737476,"ac":{"s":"BTCUSDT","l":25}}""", UserDataKind.AccountConfigUpdate },
        { """{"e":"ACCOUNT_CONFIG_UPDATE","E":1,"T":1,"ac":{"s":"BTCUSDT","l":"25"}}""", UserDataKind.AccountConfigUpdate },
        { """{"e":"ACCOUNT_CONFIG_UPDATE","E":1,"T":1,"ai":{"j":true}}""", UserDataKind.AccountConfigUpdate },
        { """{"e":"listenKeyExpired","E":"1736996475556","listenKey":"WsCMN0a4"}""", UserDataKind.ListenKeyExpired },
        { """{"e":"listenKeyExpired","E":1736996475556,"listenKey":"WsCMN0a4"}""", UserDataKind.ListenKeyExpired },
        { """{"e":"MARGIN_CALL","E":1587727187525,"cw":"3.16812045","p":[{"s":"ETHUSDT","ps":"LONG","pa":"1.327","mt":"CROSSED","iw":"0","mp":"187.17127","up":"-1.166074","mm":"1.614445"}]}""", UserDataKind.MarginCall },
        { """{"e":"TRADE_LITE","E":1721895408092,"T":1721895408214,"s":"BTCUSDT","q":"0.001","p":"0","m":false,"c":"z8","S":"BUY","L":"64089.20","l":"0.040","t":109100866,"i":8886774}""", UserDataKind.Unknown },
        { """{"stream":"pqia91ma19","data":{"e":"listenKeyExpired","E":1,"listenKey":"pqia91ma19"}}""", UserDataKind.ListenKeyExpired },
        { """{"o":{"s":"BTCUSDT","c":"TEST","S":"SELL","X":"FILLED","i":1},"E":9,"e":"ORDER_TRADE_UPDATE"}""", UserDataKind.OrderTradeUpdate },
    };

    [Theory]
    [MemberData(nameof(AllPayloads))]
    public void Every_payload_parses_whole_split_and_byte_by_byte_to_the_same_event(string json, UserDataKind kind)
    {
        var symbols = Symbols();
        var bytes = Sequences.Utf8(json);
        var whole = new UserRecorder();
        var result = UserDataParser.Parse(bytes, symbols, ref whole);
        Assert.Equal(UserDataParseResult.Done(kind), result);
        var expected = string.Join("|", whole.Events.Select(Describe));

        for (var at = 0; at <= bytes.Length; at++)
        {
            var split = new UserRecorder();
            Assert.Equal(result, UserDataParser.Parse(Sequences.Split(bytes, at), true, symbols, ref split));
            Assert.Equal(expected, string.Join("|", split.Events.Select(Describe)));
        }

        var single = new UserRecorder();
        Assert.Equal(result, UserDataParser.Parse(Sequences.OneBytePerSegment(bytes), true, symbols, ref single));
        Assert.Equal(expected, string.Join("|", single.Events.Select(Describe)));

        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = new UserRecorder();
            Assert.Equal(ParseStatus.NeedMoreData, UserDataParser.Parse(new ReadOnlySequence<byte>(bytes, 0, length), false, symbols, ref prefix).Status);
            Assert.Empty(prefix.Events);
        }
    }

    private static string Describe(object e) => e switch
    {
        AccountUpdate a => a + string.Join(",", a.Balances) + string.Join(",", a.Positions),
        MarginCall m => m + string.Join(",", m.Positions),
        _ => e.ToString() ?? "",
    };

    [Fact]
    public void Order_trade_update_new_carries_every_field()
    {
        var recorder = new UserRecorder();
        UserDataParser.Parse(Sequences.Utf8(OrderNew), Symbols(), ref recorder);
        var o = recorder.Single<OrderTradeUpdate>();
        Assert.Equal(1568879465651, o.EventTime);
        Assert.Equal(1568879465650, o.TransactionTime);
        Assert.Equal("BTCUSDT", o.Symbol);
        Assert.Equal(new Vq.Binance.Protocol.SymbolId(0), o.SymbolId);
        Assert.Equal(ClientOrderId.Parse("TEST"), o.ClientOrderId);
        Assert.Equal(OrderSide.Sell, o.Side);
        Assert.Equal(OrderType.Limit, o.OrderType);
        Assert.Equal(TimeInForce.Gtc, o.TimeInForce);
        Assert.Equal(0.001m, o.OriginalQty);
        Assert.Equal(7103.04m, o.Price);
        Assert.Equal(ExecutionType.New, o.ExecutionType);
        Assert.Equal(OrderStatus.New, o.Status);
        Assert.True(o.StatusRecognized);
        Assert.Equal(8886774, o.OrderId);
        Assert.Equal("USDT", o.CommissionAsset);
        Assert.Equal(0m, o.Commission);
        Assert.True(o.IsReduceOnly);
        Assert.Equal(PositionSide.Long, o.PositionSide);
        Assert.True(o.IsHedgeLeg);
        Assert.Equal(0, o.ExpireReason);
        Assert.Equal(OrderType.Limit, o.OriginalOrderType);
    }

    [Fact]
    public void A_fill_without_commission_fields_leaves_them_null()
    {
        var recorder = new UserRecorder();
        UserDataParser.Parse(Sequences.Utf8(OrderTradeNoCommission), Symbols(), ref recorder);
        var o = recorder.Single<OrderTradeUpdate>();
        Assert.Null(o.Commission);
        Assert.Null(o.CommissionAsset);
        Assert.Null(o.SymbolId);
        Assert.Equal("ETHUSDT", o.Symbol);
        Assert.Equal(ExecutionType.Trade, o.ExecutionType);
        Assert.Equal(OrderStatus.PartiallyFilled, o.Status);
        Assert.Equal(0.5m, o.LastFilledQty);
        Assert.Equal(0.5m, o.CumulativeFilledQty);
        Assert.Equal(3000.10m, o.LastFilledPrice);
        Assert.Equal(3000.10m, o.AveragePrice);
        Assert.Equal(777, o.TradeId);
        Assert.Equal(5, o.TradeTime);
        Assert.Equal(99000000001, o.OrderId);
        Assert.True(o.IsMaker);
        Assert.Equal(-1.25m, o.RealizedProfit);
        Assert.Equal(PositionSide.Short, o.PositionSide);
        Assert.Equal(TimeInForce.Gtx, o.TimeInForce);
    }

    [Fact]
    public void Expired_in_match_maps_to_expired_and_both_is_not_a_hedge_leg()
    {
        var recorder = new UserRecorder();
        UserDataParser.Parse(Sequences.Utf8(OrderExpiredInMatch), Symbols(), ref recorder);
        var o = recorder.Single<OrderTradeUpdate>();
        Assert.Equal(OrderStatus.Expired, o.Status);
        Assert.True(o.IsExpiredInMatch);
        Assert.Null(o.PositionSide);
        Assert.False(o.IsHedgeLeg);
        Assert.Null(o.TimeInForce);
        Assert.Equal(1, o.ExpireReason);
    }

    [Fact]
    public void An_unknown_status_is_flagged_not_guessed()
    {
        var json = OrderNew.Replace("\"X\":\"NEW\"", "\"X\":\"NEW_ADL\"", StringComparison.Ordinal);
        var recorder = new UserRecorder();
        UserDataParser.Parse(Sequences.Utf8(json), Symbols(), ref recorder);
        Assert.False(recorder.Single<OrderTradeUpdate>().StatusRecognized);
    }

    [Fact]
    public void Account_update_normalises_position_signs_by_side()
    {
        // SPEC §9.15 #130: +0.1, −0.2 (sign forced by ps), and 0 with entry null.
        var recorder = new UserRecorder();
        UserDataParser.Parse(Sequences.Utf8(AccountUpdate), Symbols(), ref recorder);
        var a = recorder.Single<AccountUpdate>();
        Assert.Equal("ORDER", a.Reason);
        var balance = Assert.Single(a.Balances);
        Assert.Equal(new BalanceUpdate("USDT", 122624.12345678m, 100.12345678m, 50.12345678m), balance);
        Assert.Equal(4, a.Positions.Count);
        Assert.Equal((PositionSide?)PositionSide.Long, a.Positions[0].PositionSide);
        Assert.Equal(0.1m, a.Positions[0].Amount);
        Assert.Equal(50000m, a.Positions[0].EntryPrice);
        Assert.Equal(1.23m, a.Positions[0].UnrealizedPnl);
        Assert.Equal(-0.2m, a.Positions[1].Amount);
        Assert.Equal(13.5m, a.Positions[1].IsolatedWallet);
        Assert.Equal(0m, a.Positions[2].Amount);
        Assert.Null(a.Positions[2].EntryPrice);
        Assert.False(a.Positions[3].IsHedgeLeg);
        Assert.Equal(-3m, a.Positions[3].Amount);
    }

    [Fact]
    public void Account_config_update_reads_leverage_as_number_or_string()
    {
        foreach (var l in new[] { "25", "\"25\"" })
        {
            var recorder = new UserRecorder();
            UserDataParser.Parse(Sequences.Utf8("{\"e\":\"ACCOUNT_CONFIG_UPDATE\",\"E\":7,\"T\":6,\"ac\":{\"s\":\"BTCUSDT\",\"l\":" + l + "}}"), Symbols(), ref recorder);
            Assert.Equal(new AccountConfigUpdate(7, 6, "BTCUSDT", 25, null), recorder.Single<AccountConfigUpdate>());
        }
    }

    [Fact]
    public void Algo_update_reads_every_documented_key()
    {
        var recorder = new UserRecorder();
        UserDataParser.Parse(Sequences.Utf8(AlgoTriggered), Symbols(), ref recorder);
        var a = recorder.Single<AlgoUpdate>();
        Assert.Equal(1765431097037, a.EventTime);
        Assert.Equal(1765431097030, a.TransactionTime);
        Assert.Equal("O-20251211-053131-ZYWR-000-9", a.ClientAlgoId);
        Assert.Equal(1000000033225453, a.AlgoId);
        Assert.Equal("CONDITIONAL", a.AlgoType);
        Assert.Equal(OrderType.StopMarket, a.OrderType);
        Assert.Equal("DOGEUSDT", a.Symbol);
        Assert.Equal(OrderSide.Buy, a.Side);
        Assert.Null(a.PositionSide);
        Assert.Equal("GTC", a.TimeInForce);
        Assert.Equal(38m, a.Quantity);
        Assert.Equal(AlgoStatus.Triggered, a.Status);
        Assert.Equal(88937381063, a.ActualOrderId);
        Assert.Equal(OrderType.Market, a.ActualOrderType);
        Assert.Equal(0.13855m, a.TriggerPrice);
        Assert.Equal("EXPIRE_MAKER", a.SelfTradePreventionMode);
        Assert.Equal("CONTRACT_PRICE", a.WorkingType);
        Assert.Equal("NONE", a.PriceMatch);
        Assert.False(a.ClosePosition);
        Assert.Equal(1765431097019, a.TriggerTime);
        Assert.Equal("Reduce Only reject", a.FailureReason);
        Assert.True(a.IsActivated);

        var fresh = new UserRecorder();
        UserDataParser.Parse(Sequences.Utf8(AlgoNew), Symbols(), ref fresh);
        var n = fresh.Single<AlgoUpdate>();
        Assert.Equal(0, n.ActualOrderId);
        Assert.True(n.ClosePosition);
        Assert.Equal((PositionSide?)PositionSide.Long, n.PositionSide);
        Assert.Equal(40000.1m, n.TriggerPrice);
    }

    [Fact]
    public void Listen_key_expired_accepts_string_or_number_event_time()
    {
        foreach (var e in new[] { "\"1736996475556\"", "1736996475556" })
        {
            var recorder = new UserRecorder();
            UserDataParser.Parse(Sequences.Utf8("{\"e\":\"listenKeyExpired\",\"E\":" + e + ",\"listenKey\":\"K\"}"), Symbols(), ref recorder);
            Assert.Equal(new ListenKeyExpired(1736996475556, "K"), recorder.Single<ListenKeyExpired>());
        }
    }

    [Fact]
    public void Margin_call_lists_positions()
    {
        var recorder = new UserRecorder();
        UserDataParser.Parse(Sequences.Utf8("""{"e":"MARGIN_CALL","E":1587727187525,"cw":"3.16812045","p":[{"s":"ETHUSDT","ps":"LONG","pa":"1.327","mt":"CROSSED","iw":"0","mp":"187.17127","up":"-1.166074","mm":"1.614445"}]}"""), Symbols(), ref recorder);
        var m = recorder.Single<MarginCall>();
        Assert.Equal(3.16812045m, m.CrossWalletBalance);
        Assert.Equal(new MarginCallPosition("ETHUSDT", PositionSide.Long, 1.327m, "CROSSED", 0m, 187.17127m, -1.166074m, 1.614445m), Assert.Single(m.Positions));
    }

    [Theory]
    [InlineData("""{"e":"ORDER_TRADE_UPDATE","E":1,"T":1}""", InvalidReason.MissingField)]
    [InlineData("""{"e":"ORDER_TRADE_UPDATE","E":1,"o":{"s":"BTCUSDT","S":"SELL","X":"NEW","i":1}}""", InvalidReason.MissingField)]
    [InlineData("""{"e":"ORDER_TRADE_UPDATE","E":1,"o":{"s":"BTCUSDT","c":"a","S":"SELL","X":"NEW","i":"abc"}}""", InvalidReason.BadFieldValue)]
    [InlineData("""{"e":"ORDER_TRADE_UPDATE","E":1,"o":{"s":"BTCUSDT","c":"a","S":"SELL","X":"NEW","i":1,"z":"1.2.3"}}""", InvalidReason.BadFieldValue)]
    [InlineData("""{"e":"ACCOUNT_UPDATE","E":1,"a":{"P":[{"s":"BTCUSDT"}]}}""", InvalidReason.BadFieldValue)]
    [InlineData("""{"e":"ACCOUNT_CONFIG_UPDATE","E":1,"ac":{"s":"BTCUSDT","l":0}}""", InvalidReason.BadFieldValue)]
    [InlineData("""{"e":"listenKeyExpired","E":[1]}""", InvalidReason.BadFieldValue)]
    [InlineData("""{"e":"ORDER_TRADE_UPDATE",""", InvalidReason.MalformedJson)]
    [InlineData("""{"e":"listenKeyExpired","E":1,"listenKey":"K"}}""", InvalidReason.MalformedJson)]
    [InlineData("""{"e":"listenKeyExpired","E":1,"listenKey":"K"} {}""", InvalidReason.MalformedJson)]
    [InlineData("""{"e":"TRADE_LITE","E":1,"x":[1,{"y":2}]}]""", InvalidReason.MalformedJson)]
    [InlineData("""{"E":1,"e":"listenKeyExpired","listenKey":"K"}}""", InvalidReason.MalformedJson)]
    [InlineData("""[]""", InvalidReason.NotAnObject)]
    [InlineData("", InvalidReason.Empty)]
    public void Malformed_user_events_are_invalid_with_a_reason(string json, InvalidReason reason)
    {
        var recorder = new UserRecorder();
        var result = UserDataParser.Parse(Sequences.Utf8(json), Symbols(), ref recorder);
        Assert.Equal(UserDataParseResult.Invalid(reason), result);
        Assert.Empty(recorder.Events);
    }

    [Fact]
    public void Nothing_in_the_malformed_corpus_throws()
    {
        var corpus = new[]
        {
            new byte[] { 0xFF, 0xFE },
            Sequences.Utf8(new string('{', 5000)),
            Sequences.Utf8("{\"e\":\"ORDER_TRADE_UPDATE\",\"o\":" + new string('[', 100) + new string(']', 100) + "}"),
            Sequences.Utf8("{\"e\":\"ACCOUNT_UPDATE\",\"a\":{\"B\":[1,2]}}"),
            Sequences.Utf8("{\"e\":\"ALGO_UPDATE\",\"o\":{\"aid\":1e999}}"),
            Sequences.Utf8("{\"e\":\"MARGIN_CALL\",\"p\":{}}"),
            Sequences.Utf8("{\"e\":\"ORDER_TRADE_UPDATE\",\"o\":{\"s\":\"" + new string('A', 300_000) + "\"}}"),
            Sequences.Utf8("{\"e\":\"ORDER_TRADE_UPDATE\",\"o\":{\"s\":\"BTC\\u0000\",\"c\":\"\\ud800\"}}"),
            Sequences.Utf8("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":99999999999999999999999999,\"o\":{}}"),
        };
        foreach (var frame in corpus)
        {
            var recorder = new UserRecorder();
            var result = UserDataParser.Parse(frame, Symbols(), ref recorder);
            Assert.Equal(ParseStatus.Invalid, result.Status);
            Assert.Empty(recorder.Events);
        }
    }
}
