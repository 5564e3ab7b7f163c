using System.Buffers;
using Vq.Binance.Protocol;
using Vq.Binance.Tests.Support;

namespace Vq.Binance.Tests.Protocol;

public sealed class MarketFrameParserTests
{
    private static SymbolTable Symbols()
    {
        var table = new SymbolTable();
        table.Register("BTCUSDT");
        table.Register("BNBUSDT");
        table.Register("ETHUSDT");
        return table;
    }

    // Payloads from BINANCE.md §6 and the recorded data README, plus the 2025–2026 additions (nq, ap, st, ps).
    public static TheoryData<string, string> Frames => new()
    {
        {
            """{"e":"bookTicker","u":400900217,"E":1568014460893,"T":1568014460891,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}""",
            "BookTicker { Symbol = SymbolId { Value = 1 }, UpdateId = 400900217, EventTime = 1568014460893, TransactionTime = 1568014460891, BidPrice = 25.35190000, BidQty = 31.21000000, AskPrice = 25.36520000, AskQty = 40.66000000 }"
        },
        {
            """{"stream":"bnbusdt@bookTicker","data":{"e":"bookTicker","u":400900217,"E":1568014460893,"T":1568014460891,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000","ps":"BNBUSDT","st":1}}""",
            "BookTicker { Symbol = SymbolId { Value = 1 }, UpdateId = 400900217, EventTime = 1568014460893, TransactionTime = 1568014460891, BidPrice = 25.35190000, BidQty = 31.21000000, AskPrice = 25.36520000, AskQty = 40.66000000 }"
        },
        {
            """{"e":"aggTrade","E":123456789,"s":"BTCUSDT","a":5933014,"p":"0.001","q":"100","nq":"100","f":100,"l":105,"T":123456785,"m":true}""",
            "AggTrade { Symbol = SymbolId { Value = 0 }, AggTradeId = 5933014, EventTime = 123456789, TradeTime = 123456785, Price = 0.001, Qty = 100, NormalQty = 100, FirstTradeId = 100, LastTradeId = 105, BuyerIsMaker = True }"
        },
        {
            """{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1680652700455,"a":3535186032,"s":"BTCUSDT","p":"28145.10","q":"0.002","f":3535186032,"l":3535186032,"T":1680652700452,"m":false}}""",
            "AggTrade { Symbol = SymbolId { Value = 0 }, AggTradeId = 3535186032, EventTime = 1680652700455, TradeTime = 1680652700452, Price = 28145.10, Qty = 0.002, NormalQty = , FirstTradeId = 3535186032, LastTradeId = 3535186032, BuyerIsMaker = False }"
        },
        {
            """{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","ap":"11794.10000000","i":"11784.62659091","P":"11784.25641265","r":"0.00038167","T":1562306400000}""",
            "MarkPriceUpdate { Symbol = SymbolId { Value = 0 }, EventTime = 1562305380000, MarkPrice = 11794.15000000, MarkPriceAverage = 11794.10000000, IndexPrice = 11784.62659091, EstimatedSettlePrice = 11784.25641265, FundingRate = 0.00038167, NextFundingTime = 1562306400000 }"
        },
        {
            // Reordered keys, whitespace and an escaped key/value: only the reader path can take it.
            """ { "data" : { "s" : "ETH\u0055SDT", "\u0065":"markPriceUpdate", "p":"3000.5", "E":1, "x":{"nested":[1,2,{}]} }, "stream":"ethusdt@markPrice@1s" } """,
            "MarkPriceUpdate { Symbol = SymbolId { Value = 2 }, EventTime = 1, MarkPrice = 3000.5, MarkPriceAverage = , IndexPrice = , EstimatedSettlePrice = , FundingRate = , NextFundingTime = 0 }"
        },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Parses_every_payload_whole_split_and_byte_by_byte(string json, string expected)
    {
        var symbols = Symbols();
        var bytes = Sequences.Utf8(json);

        var whole = new MarketRecorder();
        var result = MarketFrameParser.Parse(bytes, symbols, ref whole);
        Assert.Equal(ParseStatus.Done, result.Status);
        Assert.Equal(expected, whole.Text);

        for (var at = 0; at <= bytes.Length; at++)
        {
            var split = new MarketRecorder();
            var r = MarketFrameParser.Parse(Sequences.Split(bytes, at), true, symbols, ref split);
            Assert.Equal(ParseStatus.Done, r.Status);
            Assert.Equal(expected, split.Text);
        }

        var single = new MarketRecorder();
        Assert.Equal(ParseStatus.Done, MarketFrameParser.Parse(Sequences.OneBytePerSegment(bytes), true, symbols, ref single).Status);
        Assert.Equal(expected, single.Text);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Every_incomplete_prefix_asks_for_more_and_emits_nothing(string json, string expected)
    {
        _ = expected;
        var symbols = Symbols();
        var bytes = Sequences.Utf8(json.Trim());
        for (var length = 0; length < bytes.Length; length++)
        {
            var recorder = new MarketRecorder();
            var r = MarketFrameParser.Parse(new ReadOnlySequence<byte>(bytes, 0, length), false, symbols, ref recorder);
            Assert.Equal(ParseStatus.NeedMoreData, r.Status);
            Assert.Equal(0, recorder.Count);
        }
    }

    [Fact]
    public void Fast_path_is_taken_for_the_common_shapes()
    {
        var symbols = Symbols();
        foreach (var json in new[]
        {
            """{"e":"bookTicker","u":1,"E":2,"T":3,"s":"BTCUSDT","b":"1.0","B":"2","a":"1.1","A":"3"}""",
            """{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1,"a":2,"s":"BTCUSDT","p":"1","q":"2","f":3,"l":4,"T":5,"m":true,"st":1,"X":null}}""",
        })
        {
            var fields = default(MarketFields);
            Assert.True(MarketFastPath.TryParse(Sequences.Utf8(json), symbols, ref fields));
        }
    }

    [Theory]
    [InlineData("""{"result":null,"id":1}""", MarketFrameKind.Unknown)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","b":[["1","2"]]}""", MarketFrameKind.Unknown)]
    [InlineData("""{"e":"bookTicker","u":1,"E":2,"T":3,"s":"XRPUSDT","b":"1.0","B":"2","a":"1.1","A":"3"}""", MarketFrameKind.UnregisteredSymbol)]
    [InlineData("""{"stream":"!markPrice@arr","data":[{"e":"markPriceUpdate"}]}""", MarketFrameKind.Unknown)]
    public void Frames_vq_does_not_consume_are_done_but_not_dispatched(string json, MarketFrameKind kind)
    {
        var recorder = new MarketRecorder();
        var result = MarketFrameParser.Parse(Sequences.Utf8(json), Symbols(), ref recorder);
        Assert.Equal(ParseStatus.Done, result.Status);
        Assert.Equal(kind, result.Kind);
        Assert.Equal(0, recorder.Count);
    }

    [Theory]
    [InlineData("""{"e":"bookTicker","u":1,"E":2,"T":3,"s":"BTCUSDT","b":"1.0","B":"2","a":"1.1"}""", InvalidReason.MissingField)]
    [InlineData("""{"e":"bookTicker","u":"1","E":2,"T":3,"s":"BTCUSDT","b":"1.0","B":"2","a":"1.1","A":"3"}""", InvalidReason.BadFieldValue)]
    [InlineData("""{"e":"bookTicker","u":1,"E":2,"T":3,"s":"BTCUSDT","b":"abc","B":"2","a":"1.1","A":"3"}""", InvalidReason.BadFieldValue)]
    [InlineData("""{"e":"aggTrade","E":1,"a":2,"s":"BTCUSDT","p":"1","q":"2","f":3,"l":4,"T":5,"m":"yes"}""", InvalidReason.BadFieldValue)]
    [InlineData("""{"e":"aggTrade","E":99999999999999999999999,"a":2,"s":"BTCUSDT","p":"1","q":"2","f":3,"l":4,"T":5,"m":true}""", InvalidReason.BadFieldValue)]
    [InlineData("""{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"1e99999"}""", InvalidReason.BadFieldValue)]
    [InlineData("""{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"123456789012345678901234567890123"}""", InvalidReason.BadFieldValue)]
    [InlineData("""[1,2,3]""", InvalidReason.NotAnObject)]
    [InlineData("""{"e":"bookTicker",""", InvalidReason.MalformedJson)]
    [InlineData("""{"e":"bookTicker"}}""", InvalidReason.MalformedJson)]
    [InlineData("""{"e":01}""", InvalidReason.MalformedJson)]
    [InlineData("", InvalidReason.Empty)]
    public void Malformed_frames_are_invalid_with_a_reason(string json, InvalidReason reason)
    {
        var recorder = new MarketRecorder();
        var result = MarketFrameParser.Parse(Sequences.Utf8(json), Symbols(), ref recorder);
        Assert.Equal(ParseStatus.Invalid, result.Status);
        Assert.Equal(reason, result.Reason);
        Assert.Equal(0, recorder.Count);
    }

    [Fact]
    public void Nothing_in_the_malformed_corpus_throws()
    {
        var symbols = Symbols();
        var corpus = new List<byte[]>
        {
            Array.Empty<byte>(),
            new byte[] { 0xFF, 0xFE, 0x00 },
            Sequences.Utf8(new string('[', 10_000)),
            Sequences.Utf8("{\"a\":" + new string('{', 5000)),
            Sequences.Utf8("{\"e\":\"bookTicker\",\"s\":\"" + new string('x', 1024 * 1024) + "\"}"),
            Sequences.Utf8("{\"e\":\"aggTrade\",\"p\":\"" + new string('9', 5000) + "\"}"),
            Sequences.Utf8("{\"e\":\"aggTrade\",\"E\":" + new string('9', 5000) + "}"),
            new byte[] { (byte)'{', (byte)'"', (byte)'s', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' },
            Sequences.Utf8("{\"e\":\"bookTicker\",\"s\":\"BTCUSDT\",\"b\":\"1\u0001\"}"),
            Sequences.Utf8("null"),
            Sequences.Utf8("\"string\""),
            Sequences.Utf8("{\"stream\":\"x\",\"data\":"),
            Sequences.Utf8("{\"stream\":\"x\",\"data\":{}}"),
            Sequences.Utf8("{}"),
            Sequences.Utf8("{\"e\":\"bookTicker\",\"s\":\"BTC\\ud800\"}"),
            Sequences.Utf8("{\"\\udc00\":1}"),
            Sequences.Utf8("{\"e\":true,\"s\":null,\"b\":[],\"a\":{}}"),
        };
        foreach (var frame in corpus)
        {
            var recorder = new MarketRecorder();
            var whole = MarketFrameParser.Parse(frame, symbols, ref recorder);
            Assert.NotEqual(ParseStatus.NeedMoreData, whole.Status);
            Assert.Equal(0, recorder.Count);
            var split = MarketFrameParser.Parse(Sequences.Split(frame, frame.Length / 2), true, symbols, ref recorder);
            Assert.Equal(whole.Status, split.Status);
        }
    }

    [Fact]
    public void A_one_megabyte_frame_is_too_large()
    {
        var frame = new byte[1024 * 1024];
        frame.AsSpan().Fill((byte)' ');
        var recorder = new MarketRecorder();
        Assert.Equal(InvalidReason.TooLarge, MarketFrameParser.Parse(frame, Symbols(), ref recorder).Reason);
    }

    [Theory]
    [InlineData("0.001", "0.001")]
    [InlineData("28145.10", "28145.10")]
    [InlineData("-0.50", "-0.50")]
    [InlineData("0", "0")]
    [InlineData("1234567890.123456789", "1234567890.123456789")]
    [InlineData("12345678901234567890.5", "12345678901234567890.5")]
    [InlineData("1E-5", "0.00001")]
    public void Decimals_parse_exactly_from_utf8(string text, string expected)
    {
        Assert.True(Utf8Number.TryParseDecimal(Sequences.Utf8(text), out var value));
        Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    public void Non_decimals_are_rejected(string text) =>
        Assert.False(Utf8Number.TryParseDecimal(Sequences.Utf8(text), out _));
}
