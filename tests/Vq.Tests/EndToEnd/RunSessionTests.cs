using Vq.Core.Engine;
using Vq.Live;
using Vq.Sim;
using Vq.Sim.Scenario;
using static Vq.Tests.EndToEnd.SimSupport;

namespace Vq.Tests.EndToEnd;

/// <summary>The <c>run</c> session: startup with the signal gate, recalibration after a reconnect, clean shutdown.</summary>
public class RunSessionTests
{
    [Fact]
    public async Task A_run_session_recalibrates_after_a_reconnect_and_leaves_no_order_of_its_run_open_at_shutdown()
    {
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.2m, 60000m), Short("ETHUSDT", 3m, 3000m)), 0, TestContext.Current.CancellationToken);
        using var text = new StringWriter();
        var output = TextWriter.Synchronized(text);
        await using var log = new LineLog(output);
        var config = SimConfig(host);
        var started = await LiveSession.StartAsync(new SessionRequest
        {
            Config = config,
            ApiKey = SimOptions.DefaultApiKey,
            ApiSecret = SimOptions.DefaultApiSecret,
            DefaultGate = ExitGate.Signals,
        }, log, TestContext.Current.CancellationToken);
        Assert.True(started.Session is not null, started.Error);
        await using var session = started.Session!;

        Assert.Equal(["BTCUSDT", "ETHUSDT"], session.Universe);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        host.Exchange.DropConnections();
        await WaitForAsync(() => text.ToString().Contains("calibration stage=done", StringComparison.Ordinal));
        await session.StopAsync("test");
        await log.FlushAsync();

        var all = text.ToString();
        Assert.Contains("ws_reconnect", all, StringComparison.Ordinal);
        Assert.Contains("BTCUSDT       LONG    0.200", all, StringComparison.Ordinal);
        Assert.Contains("order_cleanup cancelled=", all, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenOrders(host), o => o.ClientOrderId.StartsWith(session.Ids.Prefix, StringComparison.Ordinal));
        AssertOnlyClosingOrders(host);
        AssertNoForbiddenRejects(host);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = Environment.TickCount64 + 20_000;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < until, "condition not met within 20 s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
