using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Vq.Binance.Rest;
using Vq.Binance.Stream;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Primitives;
using Vq.Hosting;
using Vq.Live;
using Vq.Notify;
using Vq.Tests.Config;

namespace Vq.Tests.Ops;

/// <summary>The engine-thread side of operations, driven by hand: fill notices, metrics counters, watchdog gating.</summary>
public sealed class OpsObserverTests : IAsyncLifetime
{
    private readonly ExitEngine _engine = new(new GlobalSettings(), new ClientOrderIdFactory("0123456789", 1)) { DefaultGate = ExitGate.Off };
    private readonly EventInbox _inbox = new(1);
    private readonly BinanceRestClient _rest = new(new BinanceRestOptions { BaseUri = new Uri("http://127.0.0.1:9"), ApiKey = "k", ApiSecret = "s" });
    private LineLog _log = null!;
    private EngineLoop _loop = null!;
    private FakeTelegram _telegram = null!;
    private TelegramNotifier _notifier = null!;

    public async ValueTask InitializeAsync()
    {
        _engine.AddSymbol(new SymbolRules("BTCUSDT", 0.1m, 0.001m, 0.001m, 100m, 1000m), VqConfig.Defaults.For("BTCUSDT"));
        _log = new LineLog(TextWriter.Null);
        _loop = new EngineLoop(_engine, _inbox, new OrderGateway(_rest, _inbox, _log, CancellationToken.None), _log, 300);
        _telegram = await FakeTelegram.StartAsync(TimeProvider.System);
        _notifier = TelegramNotifier.Create(new TelegramSettings { Enabled = true, ApiBase = _telegram.BaseUrl }, "12345:token", "42", null,
            NullLogger.Instance, TimeProvider.System, new TelegramNotifierOptions { MinInterval = TimeSpan.FromMilliseconds(10) });
        _notifier.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _notifier.DisposeAsync();
        await _telegram.DisposeAsync();
        await _log.DisposeAsync();
        _rest.Dispose();
        _inbox.Dispose();
    }

    private OpsObserver Observer(Metrics? metrics = null, SdNotify? notify = null) =>
        new(notify ?? SdNotify.Disabled, metrics, _notifier, ["BTCUSDT"], [new StreamCounters()], _rest.RateLimits, TimeSpan.FromSeconds(10));

    private static EngineEvent Fill(decimal qty, long atMs) => new()
    {
        Kind = EngineEventKind.OrderFill, Symbol = 0, Side = PositionSide.Long, Reason = "own", Price = 60000.5m, Qty = qty,
        IsMaker = true, Value2 = 0.01m, Roi = 1.5m, TimeMs = atMs,
    };

    private static EngineEvent PositionUpdate(decimal before, decimal after, long atMs) => new()
    {
        Kind = EngineEventKind.PositionUpdate, Symbol = 0, Side = PositionSide.Long, Reason = "stream", Value = after, Value2 = before, TimeMs = atMs,
    };

    [Fact]
    public async Task A_fill_takes_the_position_change_that_follows_it_or_the_one_just_before_it()
    {
        var observer = Observer();

        observer.OnEngineEvent(_loop, Fill(0.4m, 1000));
        observer.OnEngineEvent(_loop, PositionUpdate(1m, 0.6m, 1010));
        await _telegram.WaitForRequestsAsync(1);
        observer.OnEngineEvent(_loop, PositionUpdate(0.6m, 0.5m, 2000));
        observer.OnEngineEvent(_loop, Fill(0.1m, 2005));
        await _telegram.WaitForRequestsAsync(2);

        var texts = _telegram.Requests.Select(r => r.Text).ToList();
        Assert.Contains("  position: 1 -> 0.6", texts[0], StringComparison.Ordinal);
        Assert.Contains("  filled: 0.4 @ 60000.5", texts[0], StringComparison.Ordinal);
        Assert.Contains("  pnl: 1.5000 USDT", texts[0], StringComparison.Ordinal);
        Assert.Contains("  position: 0.6 -> 0.5", texts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fill_without_a_position_change_is_sent_after_the_wait_with_an_estimate()
    {
        var observer = Observer();
        observer.OnEngineEvent(_loop, Fill(0.4m, 1000));

        observer.OnPass(_loop, 1000 + OpsObserver.FillPositionWaitMs - 1);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Empty(_telegram.Requests);
        observer.OnPass(_loop, 1000 + OpsObserver.FillPositionWaitMs);
        await _telegram.WaitForRequestsAsync(1);
        // The engine knew no position (0): the estimate is clamped at zero, never negative.
        Assert.Contains("  position: 0 -> 0", _telegram.Requests.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_count_placements_by_mode_each_cancelled_order_once_and_rejects_by_code()
    {
        var metrics = new Metrics(["BTCUSDT"], Operations.StreamNames);
        var observer = Observer(metrics);

        observer.OnEngineEvent(_loop, new EngineEvent { Kind = EngineEventKind.OrderPlace, Symbol = 0, Reason = "long_primary", Mode = ExecutionMode.MakerOnly });
        observer.OnEngineEvent(_loop, new EngineEvent { Kind = EngineEventKind.OrderPlace, Symbol = 0, Reason = "panic_close@1", Mode = ExecutionMode.AggressiveLimit });
        observer.OnEngineEvent(_loop, new EngineEvent { Kind = EngineEventKind.OrderDone, Symbol = 0, Reason = "canceled" });
        observer.OnEngineEvent(_loop, new EngineEvent { Kind = EngineEventKind.OrderCancel, Symbol = 0, Reason = "cancel_accepted" });
        observer.OnEngineEvent(_loop, new EngineEvent { Kind = EngineEventKind.OrderDone, Symbol = 0, Reason = "filled" });
        observer.OnEngineEvent(_loop, new EngineEvent { Kind = EngineEventKind.OrderCancel, Symbol = 0, Reason = "already_gone", Code = -2011 });
        observer.OnEngineEvent(_loop, new EngineEvent { Kind = EngineEventKind.OrderReject, Symbol = 0, Code = -5022 });
        observer.OnEngineEvent(_loop, Fill(0.25m, 5) with { IsMaker = false });
        observer.OnEngineEvent(_loop, Fill(0.5m, 5) with { Reason = "external" });

        Assert.Equal(1, metrics.OrdersPlaced(ExecutionMode.MakerOnly));
        Assert.Equal(1, metrics.OrdersPlaced(ExecutionMode.AggressiveLimit));
        Assert.Equal(1, metrics.Cancels);
        Assert.Equal([(-5022, 1L)], metrics.Rejects.Snapshot());
        Assert.Equal(0.25, metrics.FilledQty(isMaker: false));
        Assert.Equal(0, metrics.FilledQty(isMaker: true));
    }

    [Fact]
    public async Task From_shutdown_on_an_order_reported_by_both_the_engine_and_a_shutdown_cancel_ack_is_counted_once()
    {
        var metrics = new Metrics(["BTCUSDT"], Operations.StreamNames);
        var observer = Observer(metrics);
        var before = ClientOrderId.Parse("vq-0123456789-1");
        var both = ClientOrderId.Parse("vq-0123456789-2");
        var ackOnly = ClientOrderId.Parse("vq-0123456789-3");
        observer.OnEngineEvent(_loop, new EngineEvent { Kind = EngineEventKind.OrderDone, Symbol = 0, Reason = "canceled", ClientOrderId = before });

        // No order rests: the drain ends at once and the thread stops, still flagged as shutting down.
        _loop.Start();
        _loop.RequestShutdown("test", 1000);
        await _loop.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(_loop.ShuttingDown);
        observer.OnShutdownCancelConfirmed(both);
        observer.OnEngineEvent(_loop, new EngineEvent { Kind = EngineEventKind.OrderDone, Symbol = 0, Reason = "canceled", ClientOrderId = both });
        observer.OnShutdownCancelConfirmed(both);
        observer.OnShutdownCancelConfirmed(ackOnly);

        Assert.Equal(3, metrics.Cancels);
    }

    [Fact]
    public void The_watchdog_is_pinged_from_the_loop_pass_only_after_ready()
    {
        var path = Path.Combine(Path.GetTempPath(), "vq-o-" + Guid.NewGuid().ToString("N")[..10] + ".sock");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            using var notify = SdNotify.FromEnvironment(new TestEnvironment((SdNotify.NotifySocketVariable, path), (SdNotify.WatchdogUsecVariable, "1000")));
            var observer = Observer(notify: notify);

            observer.OnPass(_loop, 10);
            Assert.Equal(0, systemd.Available);

            observer.MarkReady();
            observer.OnPass(_loop, 20);
            var received = new List<string>();
            var buffer = new byte[512];
            systemd.ReceiveTimeout = 2000;
            while (received.Count < 2)
            {
                received.Add(Encoding.UTF8.GetString(buffer, 0, systemd.Receive(buffer)));
            }

            Assert.Equal("WATCHDOG=1", received[0]);
            Assert.Equal("STATUS=legs=0 open_orders=0", received[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
