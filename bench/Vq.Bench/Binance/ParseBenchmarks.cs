using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Vq.Binance.Protocol;

namespace Vq.Bench.Binance;

/// <summary>
/// One recorded frame per event kind (combined-stream wrapper, as Binance sends them), parsed by vq and by the
/// typical-client baseline. Names carry the event name so they can be filtered (<c>--filter *BookTicker*</c>).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ParseBenchmarks
{
    private static readonly byte[] s_bookTicker = Encoding.UTF8.GetBytes(
        """{"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":2710246762461,"E":1680652700435,"T":1680652700430,"s":"BTCUSDT","b":"28145.10","B":"3.868","a":"28145.20","A":"6.887"}}""");

    private static readonly byte[] s_aggTrade = Encoding.UTF8.GetBytes(
        """{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1680652700455,"a":3535186032,"s":"BTCUSDT","p":"28145.10","q":"0.002","f":3535186032,"l":3535186032,"T":1680652700452,"m":true}}""");

    private static readonly byte[] s_markPrice = Encoding.UTF8.GetBytes(
        """{"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1680652701000,"s":"BTCUSDT","p":"28147.27373413","i":"28159.75642857","P":"28142.15563565","r":"0.00002754","T":1680652800000}}""");

    private static readonly byte[] s_orderTradeUpdate = Encoding.UTF8.GetBytes(
        """{"e":"ORDER_TRADE_UPDATE","E":1568879465651,"T":1568879465650,"o":{"s":"BTCUSDT","c":"vq-0123456789-000000000000000000001","S":"SELL","o":"LIMIT","f":"GTX","q":"0.001","p":"7103.04","ap":"7103.04","sp":"0","x":"TRADE","X":"FILLED","i":8886774,"l":"0.001","z":"0.001","L":"7103.04","N":"USDT","n":"0.00142060","T":1568879465650,"t":4512,"b":"0","a":"0","m":true,"R":true,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"LONG","cp":false,"rp":"1.20","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0,"er":"0"}}""");

    private static readonly ReadOnlySequence<byte> s_orderSequence = new(s_orderTradeUpdate);

    private readonly SymbolTable _symbols = new();
    private SinkHandler _sink;
    private UserSink _userSink = new();

    [GlobalSetup]
    public void Setup() => _symbols.Register("BTCUSDT");

    [BenchmarkCategory("BookTicker"), Benchmark(Baseline = true)]
    public decimal BookTicker_SystemTextJson() =>
        JsonSerializer.Deserialize(s_bookTicker, BaselineJsonContext.Default.CombinedBookTickerDto)!.Data!.BidPrice;

    [BenchmarkCategory("BookTicker"), Benchmark]
    public decimal BookTicker_Vq()
    {
        MarketFrameParser.Parse(s_bookTicker, _symbols, ref _sink);
        return _sink.Last;
    }

    [BenchmarkCategory("AggTrade"), Benchmark(Baseline = true)]
    public decimal AggTrade_SystemTextJson() =>
        JsonSerializer.Deserialize(s_aggTrade, BaselineJsonContext.Default.CombinedAggTradeDto)!.Data!.Price;

    [BenchmarkCategory("AggTrade"), Benchmark]
    public decimal AggTrade_Vq()
    {
        MarketFrameParser.Parse(s_aggTrade, _symbols, ref _sink);
        return _sink.Last;
    }

    [BenchmarkCategory("MarkPriceUpdate"), Benchmark(Baseline = true)]
    public decimal MarkPriceUpdate_SystemTextJson() =>
        JsonSerializer.Deserialize(s_markPrice, BaselineJsonContext.Default.CombinedMarkPriceDto)!.Data!.MarkPrice;

    [BenchmarkCategory("MarkPriceUpdate"), Benchmark]
    public decimal MarkPriceUpdate_Vq()
    {
        MarketFrameParser.Parse(s_markPrice, _symbols, ref _sink);
        return _sink.Last;
    }

    [BenchmarkCategory("OrderTradeUpdate"), Benchmark(Baseline = true)]
    public decimal OrderTradeUpdate_SystemTextJson() =>
        JsonSerializer.Deserialize(s_orderTradeUpdate, BaselineJsonContext.Default.OrderTradeUpdateDto)!.Order!.CumulativeFilledQty;

    [BenchmarkCategory("OrderTradeUpdate"), Benchmark]
    public decimal OrderTradeUpdate_Vq()
    {
        UserDataParser.Parse(s_orderSequence, true, _symbols, ref _userSink);
        return _userSink.Last;
    }

    private struct SinkHandler : IMarketEventHandler
    {
        public decimal Last;

        public void OnBookTicker(in BookTicker e) => Last = e.BidPrice;

        public void OnAggTrade(in AggTrade e) => Last = e.Price;

        public void OnMarkPrice(in MarkPriceUpdate e) => Last = e.MarkPrice;
    }

    private sealed class UserSink : IUserDataHandler
    {
        public decimal Last;

        public void OnOrderTradeUpdate(in OrderTradeUpdate e) => Last = e.CumulativeFilledQty;

        public void OnAccountUpdate(AccountUpdate e) => Last = 0;

        public void OnAccountConfigUpdate(in AccountConfigUpdate e) => Last = 0;

        public void OnAlgoUpdate(AlgoUpdate e) => Last = 0;

        public void OnListenKeyExpired(in ListenKeyExpired e) => Last = 0;

        public void OnMarginCall(MarginCall e) => Last = 0;
    }
}
