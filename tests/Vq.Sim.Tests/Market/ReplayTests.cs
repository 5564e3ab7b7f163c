using System.Text;
using Vq.Sim.Market;

namespace Vq.Sim.Tests.Market;

public sealed class ReplayTests
{
    public static TheoryData<string, MarketEventKind, string> Lines => new()
    {
        { """{"e":"bookTicker","u":2710246762461,"E":1680652700435,"T":1680652700430,"s":"BTCUSDT","b":"28145.10","B":"3.868","a":"28145.20","A":"6.887"}""", MarketEventKind.Quote, "28145.10/3.868/28145.20/6.887" },
        { """{"e":"aggTrade","E":1680652700455,"a":3535186032,"s":"BTCUSDT","p":"28145.10","q":"0.002","f":3535186032,"l":3535186032,"T":1680652700452,"m":true}""", MarketEventKind.Trade, "28145.10/0.002/True" },
        { """{"e":"markPriceUpdate","E":1680652701000,"s":"BTCUSDT","p":"28147.27373413","i":"28159.75642857","P":"28142.15563565","r":"0.00002754","T":1680652800000}""", MarketEventKind.Mark, "28147.27373413/28159.75642857/0.00002754" },
        { """{"s":"BTCUSDT","newField":{"x":[1,2]},"e":"aggTrade","p":"1.5","q":"2","m":false,"E":5}""", MarketEventKind.Trade, "1.5/2/False" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Parses_recorded_payload_shapes(string line, MarketEventKind kind, string expected)
    {
        Assert.Equal(ReplayParseStatus.Done, ReplayLineParser.TryParse(Encoding.UTF8.GetBytes(line), out var e));
        Assert.Equal(kind, e.Kind);
        Assert.Equal("BTCUSDT", e.Symbol);
        var text = kind switch
        {
            MarketEventKind.Quote => $"{e.Bid}/{e.BidQty}/{e.Ask}/{e.AskQty}",
            MarketEventKind.Trade => $"{e.Price}/{e.Qty}/{e.BuyerIsMaker}",
            _ => $"{e.Price}/{e.Index}/{e.FundingRate}",
        };
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("""{"e":"depthUpdate","s":"BTCUSDT","E":1}""", ReplayParseStatus.Skipped)]
    [InlineData("""{"e":"bookTicker","s":"BTCUSDT","b":"x","a":"1"}""", ReplayParseStatus.Invalid)]
    [InlineData(""" {"e":"aggTrade","s":"BTCUSDT","p":"1" """, ReplayParseStatus.Invalid)]
    [InlineData("""[1,2]""", ReplayParseStatus.Invalid)]
    [InlineData("""{"e":"aggTrade","p":"1","q":"1"}""", ReplayParseStatus.Invalid)]
    public void Rejects_or_skips_other_lines(string line, ReplayParseStatus status) =>
        Assert.Equal(status, ReplayLineParser.TryParse(Encoding.UTF8.GetBytes(line), out _));

    [Fact]
    public void Paces_events_by_their_recorded_time_and_shifts_prices_on_move()
    {
        var events = new List<MarketEvent>
        {
            new(MarketEventKind.Quote, "BTCUSDT", 1000, 100m, 1m, 100.1m, 1m),
            new(MarketEventKind.Trade, "BTCUSDT", 1500, Price: 100.1m, Qty: 1m),
            new(MarketEventKind.Quote, "BTCUSDT", 3000, 101m, 1m, 101.1m, 1m),
        };
        var replay = new ReplayMarket(events, loop: false);
        var output = new List<MarketEvent>();
        replay.Advance(400, output);
        Assert.Single(output);
        replay.Advance(100, output);
        Assert.Equal(2, output.Count);
        replay.MoveMid("BTCUSDT", 90.05m);
        replay.Advance(5000, output);
        Assert.Equal(91m - 0m, output[2].Bid);
        Assert.True(replay.Finished);
    }

    [Fact]
    public void Loads_a_real_recording_and_filters_symbols()
    {
        var path = RecordedData.Require(RecordedData.BtcEthFile);
        var replay = ReplayMarket.Load(path, new HashSet<string> { "ETHUSDT" }, loop: false, out var invalid);
        Assert.Equal(0, invalid);
        Assert.Equal(47_328 + 13_655, replay.Count);
    }
}
