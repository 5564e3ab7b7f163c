using BenchmarkDotNet.Attributes;
using Vq.Binance.Protocol;
using Vq.Core.Primitives;

namespace Vq.Bench.Binance;

/// <summary>Build + sign a LIMIT close order: query into a stack buffer, HMAC-SHA256 into stackalloc, lowercase hex.</summary>
[MemoryDiagnoser]
public class OrderSignBenchmarks
{
    private readonly RequestSigner _signer = new("2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9");
    private LimitOrderRequest _order;

    [GlobalSetup]
    public void Setup() => _order = new LimitOrderRequest("BTCUSDT", OrderSide.Sell, PositionSide.Long, TimeInForce.Gtx,
        0.001m, 50000.1m, ClientOrderId.Parse("vq-0123456789-000000000000000000001"));

    [Benchmark]
    public int LimitOrder_BuildAndSign()
    {
        Span<byte> buffer = stackalloc byte[512];
        var writer = new QueryWriter(buffer);
        OrderEncoder.WriteLimitOrder(ref writer, _order);
        OrderEncoder.WriteTiming(ref writer, 5000, 1591702613943);
        _signer.AppendSignature(ref writer);
        return writer.Length;
    }
}
