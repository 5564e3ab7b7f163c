using System.Net.Sockets;
using System.Text;
using Vq.Sim.Tests.Market;

namespace Vq.Sim.Tests.Wire;

public sealed class PingAndReplayTests
{
    /// <summary>Reads raw frames (ClientWebSocket answers pings silently), expecting a server PING (opcode 0x9).</summary>
    [Fact]
    public async Task Server_sends_ping_frames()
    {
        await using var sim = await SimFixture.StartAsync(configure: o => o with { PingIntervalMs = 200 });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", sim.Host.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        var handshake = "GET /public/ws/btcusdt@bookTicker HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(handshake), TestContext.Current.CancellationToken);
        var buffer = new byte[4096];
        var head = new StringBuilder();
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, 1), TestContext.Current.CancellationToken);
            Assert.True(n > 0);
            head.Append((char)buffer[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", head.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(3000);
        var read = await stream.ReadAsync(buffer.AsMemory(0, 2), timeout.Token);
        Assert.Equal(2, read);
        Assert.Equal(0x89, buffer[0]); // FIN + PING
    }

    [Fact]
    public async Task Replay_runs_accelerated_with_recorded_prices_on_the_wire()
    {
        var recording = RecordedData.Require(RecordedData.BtcFile);
        await using var sim = await SimFixture.StartAsync(live: true, configure: o => o with
        {
            ReplayPath = recording,
            Speed = 20,
            Symbols = [new Vq.Sim.Scenario.SymbolOptions(Vq.Sim.Matching.Instrument.BtcUsdt, new Vq.Sim.Market.SyntheticParameters())],
        });
        using var ws = await sim.ConnectAsync("/market/stream?streams=btcusdt@aggTrade/btcusdt@markPrice@1s");
        var frames = await ws.CollectAsync(1000);
        Assert.True(frames.Count > 100, $"only {frames.Count} frames"); // ~25 trades/s recorded × 20
        var prices = frames.Where(f => f.GetProperty("stream").GetString() == "btcusdt@aggTrade")
            .Select(f => decimal.Parse(f.GetProperty("data").GetProperty("p").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(prices, p => Assert.InRange(p, 28136.0m, 28159.2m));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(frames[^1].GetProperty("data").GetProperty("E").GetInt64(), now - 5000, now + 1000); // re-stamped to now
    }

    [Fact]
    public async Task Deleting_the_listen_key_closes_its_stream()
    {
        await using var sim = await SimFixture.StartAsync();
        var key = await sim.ListenKeyAsync();
        using var ws = await sim.ConnectAsync("/private/ws/" + key);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        await sim.SendAsync(HttpMethod.Delete, "/fapi/v1/listenKey", "", apiKey: sim.ApiKey);
        Assert.True(await ws.WaitClosedAsync(3000));
    }
}
