using Vq.Binance.Rest;
using Vq.Binance.Stream;
using Vq.Core.Config;

namespace Vq.Binance.Tests.Stream;

public sealed class RoutingTests
{
    [Fact]
    public void Book_tickers_go_to_public_and_trades_and_mark_prices_to_market()
    {
        // SPEC §9.15 #128 under the 2026 routed streams (D16).
        var plans = MarketStreamPlan.For(["BTCUSDT", "ETHUSDT"]);
        Assert.Equal(2, plans.Count);
        Assert.Equal(new Uri("wss://fstream.binance.com/public/stream?streams=btcusdt@bookTicker/ethusdt@bookTicker"),
            StreamRoutes.Combined(new Uri("wss://fstream.binance.com"), plans[0].Route, plans[0].Streams));
        Assert.Equal(new Uri("wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade/btcusdt@markPrice@1s/ethusdt@aggTrade/ethusdt@markPrice@1s"),
            StreamRoutes.Combined(new Uri("wss://fstream.binance.com"), plans[1].Route, plans[1].Streams));
    }

    [Fact]
    public void More_than_1024_streams_are_split_across_connections()
    {
        var symbols = Enumerable.Range(0, 700).Select(i => "S" + i + "USDT").ToArray();
        var plans = MarketStreamPlan.For(symbols);
        Assert.Equal(["/public", "/market", "/market"], plans.Select(p => p.Route));
        Assert.Equal([700, 1024, 376], plans.Select(p => p.Streams.Count));
        Assert.All(plans, p => Assert.True(p.Streams.Count <= StreamRoutes.MaxStreamsPerConnection));
    }

    [Fact]
    public void User_data_url_takes_the_key_as_query_or_path()
    {
        var root = new Uri("wss://fstream.binance.com");
        Assert.Equal("wss://fstream.binance.com/private/ws?listenKey=abc", StreamRoutes.UserData(root, "abc", false).ToString());
        Assert.Equal("wss://fstream.binance.com/private/ws/abc", StreamRoutes.UserData(root, "abc", true).ToString());
    }

    [Fact]
    public void Endpoints_come_from_settings_with_testnet_and_overrides()
    {
        var mainnet = new GlobalSettings();
        Assert.Equal(new Uri("https://fapi.binance.com"), BinanceRestOptions.FromSettings(mainnet, "k", "s").BaseUri);
        Assert.Equal(new Uri("wss://fstream.binance.com"), StreamOptions.FromSettings(mainnet).BaseUri);

        var testnet = new GlobalSettings { Testnet = true, Proxy = "http://127.0.0.1:3128" };
        Assert.Equal(new Uri("https://demo-fapi.binance.com"), BinanceRestOptions.FromSettings(testnet, "k", "s").BaseUri);
        Assert.Equal(new Uri("wss://fstream.binancefuture.com"), StreamOptions.FromSettings(testnet).BaseUri);
        Assert.Equal(new Uri("http://127.0.0.1:3128"), StreamOptions.FromSettings(testnet).Proxy);

        var local = new GlobalSettings
        {
            Testnet = true,
            Endpoints = new EndpointSettings { Rest = "http://127.0.0.1:8080", Ws = "ws://127.0.0.1:8081" },
            Rest = new RestSettings { RecvWindowMs = 7000, TimeoutMs = 3000, TimeSyncIntervalS = 60 },
            Ws = new WsSettings { ListenKeyKeepaliveMin = 20, Reconnect = new ReconnectSettings { InitialDelayMs = 500, MaxDelayMs = 8000, Multiplier = 3 } },
        };
        var rest = BinanceRestOptions.FromSettings(local, "k", "s");
        var ws = StreamOptions.FromSettings(local);
        Assert.Equal((new Uri("http://127.0.0.1:8080"), 7000, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(1)),
            (rest.BaseUri, rest.RecvWindowMs, rest.RequestTimeout, rest.TimeSyncInterval));
        Assert.Equal((new Uri("ws://127.0.0.1:8081"), TimeSpan.FromMinutes(20), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8), 3d),
            (ws.BaseUri, ws.ListenKeyKeepAlive, ws.InitialReconnectDelay, ws.MaxReconnectDelay, ws.ReconnectMultiplier));
        Assert.DoesNotContain("s\"", rest.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ApiSecret", rest.ToString(), StringComparison.Ordinal);
    }
}
