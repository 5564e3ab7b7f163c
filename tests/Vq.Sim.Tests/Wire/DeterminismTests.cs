using Vq.Sim.Scenario;

namespace Vq.Sim.Tests.Wire;

public sealed class DeterminismTests
{
    /// <summary>The same seed and the same requests over the wire give byte-identical trading ledgers.</summary>
    [Fact]
    public async Task Two_runs_same_seed_same_requests_identical_ledgers()
    {
        var first = await RunAsync(seed: 9);
        var second = await RunAsync(seed: 9);
        Assert.Equal(first, second);
        Assert.Contains("\"fills\":[{", first, StringComparison.Ordinal);
        Assert.NotEqual(first, await RunAsync(seed: 10));
    }

    private static async Task<string> RunAsync(int seed)
    {
        await using var sim = await SimFixture.StartAsync(configure: o => o with
        {
            Seed = seed,
            Positions = [new PositionSeed("BTCUSDT", Vq.Sim.Matching.LegSide.Long, 2m, 60000m, 10, Vq.Sim.Matching.MarginMode.Cross)],
        });
        for (var round = 0; round < 20; round++)
        {
            sim.Exchange.AdvanceMarket(500);
            var book = sim.Exchange.Read(e => e.Book("BTCUSDT")!);
            var ask = book.Ask.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await sim.PlaceAsync($"symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTX&quantity=0.020&price={ask}&newClientOrderId=d-{round}");
            if (round % 5 == 4)
            {
                await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=MARKET&quantity=0.050");
            }
        }

        sim.Exchange.AdvanceMarket(5000);
        return System.Text.Encoding.UTF8.GetString(sim.Exchange.TradingLedgerJson());
    }
}
