using System.Text.Json;
using Vq.Binance.Rest;
using Vq.Commands;
using Vq.Core.Primitives;
using Vq.Core.Risk;
using Vq.Sim;
using LegSide = Vq.Sim.Matching.LegSide;
using MarginMode = Vq.Sim.Matching.MarginMode;
using Vq.Sim.Scenario;
using Vq.Tests.Config;

namespace Vq.Tests.Ops;

public sealed class StatusCommandTests : IAsyncLifetime
{
    private const string OwnOrderId = "vq-0123456789-aaaaaaaaaaaaaaaaaaaaaa";
    private const string ManualOrderId = "manual-take-profit";

    private readonly TempDirectory _dir = new();
    private SimHost _sim = null!;
    private string _stopId = "";

    private TestEnvironment Environment => new(
        ("BINANCE_API_KEY", SimOptions.DefaultApiKey), ("BINANCE_API_SECRET", SimOptions.DefaultApiSecret));

    public async ValueTask InitializeAsync()
    {
        _sim = await SimHost.StartAsync(
            new SimOptions { Seed = 7, ManualClockStartMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, 0,
            TestContext.Current.CancellationToken);
        Assert.True(_sim.Exchange.MoveMid("BTCUSDT", 60000m));
        Assert.Null(_sim.Exchange.SetPosition("BTCUSDT", LegSide.Long, 0.5m, 60000m, 10, MarginMode.Cross));
        Assert.Null(_sim.Exchange.SetPosition("ETHUSDT", LegSide.Short, 2m, 3000m, 5, MarginMode.Cross));

        using var rest = new BinanceRestClient(new BinanceRestOptions
        {
            BaseUri = _sim.RestUri,
            ApiKey = SimOptions.DefaultApiKey,
            ApiSecret = SimOptions.DefaultApiSecret,
        });
        var ct = TestContext.Current.CancellationToken;
        Assert.True((await rest.StartAsync(ct)).IsOk);
        var own = await rest.PlaceLimitOrderAsync(new(
            "BTCUSDT", OrderSide.Sell, PositionSide.Long, TimeInForce.Gtx, 0.01m, 61000m, ClientOrderId.Parse(OwnOrderId)), ct);
        Assert.True(own.IsOk, own.ToString());
        var manual = await rest.PlaceLimitOrderAsync(new(
            "BTCUSDT", OrderSide.Sell, PositionSide.Long, TimeInForce.Gtc, 0.02m, 62000m, ClientOrderId.Parse(ManualOrderId)), ct);
        Assert.True(manual.IsOk, manual.ToString());
        _stopId = ProtectiveStopIdentity.BuildPrefix("BTCUSDT", PositionSide.Long) + "-1234567";
        var stop = await rest.PlaceStopMarketAsync(new("BTCUSDT", PositionSide.Long, 57000m, ClientOrderId.Parse(_stopId)), ct);
        Assert.True(stop.IsOk, stop.ToString());

        _dir.Write("config.yaml", $"""
            global:
              endpoints:
                rest: {_sim.RestUri.ToString().TrimEnd('/')}
                ws: {_sim.WsUri.ToString().TrimEnd('/')}
            symbols:
              BTCUSDT: {"{}"}
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await StatusCommand.RunAsync(args, stdout, stderr, Environment, _dir.Path, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Json_snapshot_lists_managed_legs_stop_and_only_vq_orders()
    {
        var fillsBefore = _sim.Exchange.Read(e => e.Ledger.Fills.Count);

        var (code, output, error) = await RunAsync("--config", "config.yaml", "--json");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var document = JsonDocument.Parse(output);
        var legs = document.RootElement.GetProperty("legs").EnumerateArray().ToArray();
        Assert.Equal(2, legs.Length);
        var btc = legs.Single(l => l.GetProperty("symbol").GetString() == "BTCUSDT");
        Assert.Equal("LONG", btc.GetProperty("side").GetString());
        Assert.Equal(0.5m, btc.GetProperty("size").GetDecimal());
        Assert.Equal(60000m, btc.GetProperty("entry_price").GetDecimal());
        Assert.True(btc.GetProperty("configured").GetBoolean());
        var mark = btc.GetProperty("mark_price").GetDecimal();
        var liq = btc.GetProperty("liquidation_price").GetDecimal();
        Assert.True(liq > 0 && liq < mark, $"liq {liq} mark {mark}");
        Assert.Equal(Math.Abs(mark - liq) / mark, btc.GetProperty("liquidation_distance").GetDecimal());
        Assert.Equal(_stopId, btc.GetProperty("protective_stop").GetProperty("client_algo_id").GetString());
        Assert.Equal(57000m, btc.GetProperty("protective_stop").GetProperty("trigger_price").GetDecimal());
        var eth = legs.Single(l => l.GetProperty("symbol").GetString() == "ETHUSDT");
        Assert.Equal("SHORT", eth.GetProperty("side").GetString());
        Assert.False(eth.GetProperty("configured").GetBoolean());
        Assert.Equal(JsonValueKind.Null, eth.GetProperty("protective_stop").ValueKind);
        var orders = document.RootElement.GetProperty("open_orders").EnumerateArray().ToArray();
        Assert.Equal(OwnOrderId, Assert.Single(orders).GetProperty("client_order_id").GetString());
        Assert.Equal(61000m, orders[0].GetProperty("price").GetDecimal());
        // Read-only: nothing filled, and a second snapshot still sees the same order.
        Assert.Equal(fillsBefore, _sim.Exchange.Read(e => e.Ledger.Fills.Count));
        var again = await RunAsync("--config", "config.yaml", "--json");
        Assert.Equal(OwnOrderId, Assert.Single(JsonDocument.Parse(again.Out).RootElement.GetProperty("open_orders").EnumerateArray())
            .GetProperty("client_order_id").GetString());
    }

    [Fact]
    public async Task Text_snapshot_is_readable()
    {
        var (code, output, _) = await RunAsync("--config", "config.yaml");

        Assert.Equal(0, code);
        Assert.Contains("Legs (2)", output);
        Assert.Contains("BTCUSDT LONG  size 0.5  entry 60000  mark ", output);
        Assert.Contains("stop 57000 (" + _stopId + ")", output);
        Assert.Contains("ETHUSDT SHORT  size 2  entry 3000", output);
        Assert.Contains("[not in config]", output);
        Assert.Contains("vq open orders (1)", output);
        Assert.Contains("BTCUSDT LONG SELL  0.01 @ 61000  filled 0  NEW  " + OwnOrderId, output);
        Assert.DoesNotContain(ManualOrderId, output);
    }

    [Fact]
    public async Task Configured_universe_hides_unconfigured_positions()
    {
        _dir.Write("configured.yaml", File.ReadAllText(Path.Combine(_dir.Path, "config.yaml")).Replace("global:\n", "global:\n  universe: configured\n"));

        var (code, output, _) = await RunAsync("--config", "configured.yaml", "--json");

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("BTCUSDT", Assert.Single(document.RootElement.GetProperty("legs").EnumerateArray()).GetProperty("symbol").GetString());
    }

    [Fact]
    public async Task Bad_arguments_missing_files_missing_keys_and_exchange_errors_have_distinct_exits()
    {
        Assert.Equal(64, (await RunAsync("--bogus")).Code);
        Assert.Equal(64, (await RunAsync("--config")).Code);
        Assert.Equal(66, (await RunAsync("--config", "nope.yaml")).Code);

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var noKeys = await StatusCommand.RunAsync(["--config", "config.yaml"], stdout, stderr, new TestEnvironment(), _dir.Path, TestContext.Current.CancellationToken);
        Assert.Equal(78, noKeys);
        Assert.Contains("BINANCE_API_KEY", stderr.ToString());

        using var wrongOut = new StringWriter();
        using var wrongErr = new StringWriter();
        var wrongKey = await StatusCommand.RunAsync(
            ["--config", "config.yaml"], wrongOut, wrongErr,
            new TestEnvironment(("BINANCE_API_KEY", "wrong-key-0000"), ("BINANCE_API_SECRET", "wrong-secret-0000")), _dir.Path,
            TestContext.Current.CancellationToken);
        Assert.Equal(1, wrongKey);
        Assert.Contains("failed", wrongErr.ToString());
        Assert.DoesNotContain("wrong-secret-0000", wrongErr.ToString());
    }
}
