using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Live;
using Vq.Sim;
using Vq.Sim.Matching;
using Vq.Sim.Scenario;

namespace Vq.Tests.EndToEnd;

/// <summary>Starting a loopback simulator (port 0) and flattening against it through the real wire client.</summary>
internal static class SimSupport
{
    public static SimOptions Scenario(params PositionSeed[] positions) => new() { Name = "test", Seed = 11, Positions = positions };

    public static PositionSeed Long(string symbol, decimal qty, decimal entry) => new(symbol, LegSide.Long, qty, entry, 10, MarginMode.Cross);

    public static PositionSeed Short(string symbol, decimal qty, decimal entry) => new(symbol, LegSide.Short, qty, entry, 10, MarginMode.Cross);

    /// <summary>The simulator's endpoints; slices up to 1,200 USDT unless <paramref name="execution"/> says otherwise.</summary>
    public static VqConfig SimConfig(SimHost host, ExecutionSettings? execution = null) => new(new GlobalSettings
    {
        Endpoints = new EndpointSettings { Rest = host.RestUri.ToString().TrimEnd('/'), Ws = host.WsUri.ToString().TrimEnd('/') },
        Execution = execution ?? new ExecutionSettings { BaseLotMult = 400, MaxMult = 1000, MaxOrderNotional = 1200m },
        Ws = new WsSettings { Reconnect = new ReconnectSettings { InitialDelayMs = 100, MaxDelayMs = 1000 } },
    });

    public static FlattenRequest Request(SimHost host, VqConfig config, params (string, PositionSide)[] targets) => new()
    {
        Config = config,
        ApiKey = SimOptions.DefaultApiKey,
        ApiSecret = SimOptions.DefaultApiSecret,
        Targets = targets,
        GiveUpAfter = TimeSpan.FromSeconds(60),
    };

    public static async Task<(FlattenResult Result, string Output)> FlattenAsync(FlattenRequest request, CancellationToken interrupt = default)
    {
        using var text = new StringWriter();
        var output = TextWriter.Synchronized(text);
        var result = await FlattenRunner.RunAsync(request, output, interrupt);
        return (result, text.ToString());
    }

    public static decimal Position(SimHost host, string symbol, LegSide side) =>
        host.Exchange.Read(e => e.Account.FindLeg(symbol, side)?.Amount ?? 0m);

    public static List<SimOrder> Orders(SimHost host) => host.Exchange.Read(e => e.AllOrders.Select(o => o.Snapshot()).ToList());

    public static List<SimOrder> OpenOrders(SimHost host) => host.Exchange.Read(e => e.OpenOrders.Select(o => o.Snapshot()).ToList());

    public static List<FillRecord> Fills(SimHost host) => host.Exchange.Read(e => e.Ledger.Fills.ToList());

    public static Dictionary<int, int> Rejects(SimHost host) => host.Exchange.Read(e => e.Ledger.RejectCounts.ToDictionary(kv => kv.Key, kv => kv.Value));

    /// <summary>Every order vq sent closes its leg: SELL on LONG, BUY on SHORT (it never opens or adds).</summary>
    public static void AssertOnlyClosingOrders(SimHost host)
    {
        foreach (var order in Orders(host))
        {
            if (order.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal))
            {
                var closes = order.PositionSide == LegSide.Long ? order.Side == Side.Sell : order.PositionSide == LegSide.Short && order.Side == Side.Buy;
                Assert.True(closes, $"order {order.ClientOrderId} {order.Side} on {order.PositionSide} would open or add");
            }
        }
    }

    public static void AssertNoForbiddenRejects(SimHost host)
    {
        var rejects = Rejects(host);
        foreach (var code in new[] { -1106, -4061, -2022 })
        {
            Assert.False(rejects.ContainsKey(code), $"the simulator rejected an order with {code}: {string.Join(", ", rejects)}");
        }
    }
}
