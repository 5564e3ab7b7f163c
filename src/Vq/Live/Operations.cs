using System.Globalization;
using Vq.Binance.Stream;
using Vq.Config;
using Vq.Core.Config;
using Vq.Hosting;
using Vq.Logging;
using Vq.Notify;

namespace Vq.Live;

/// <summary>How a live command wants its logs, notifications, sd_notify and metrics (issue 6, §5.7–§5.8).</summary>
internal sealed record OperationsOptions
{
    /// <summary><c>run</c>, <c>flatten</c> or <c>demo</c> (the startup line names it).</summary>
    public required string Command { get; init; }
    /// <summary>Its <c>logging</c>, <c>telegram</c>, <c>metrics</c> and <c>proxy</c> sections are used.</summary>
    public required GlobalSettings Global { get; init; }
    /// <summary>Daily rolling files go here; null = no files (the demo without <c>VQ_LOG_DIR</c>, tests).</summary>
    public string? LogDir { get; init; }
    /// <summary>Values masked in every log destination: the API key and secret, the bot token and chat id.</summary>
    public IReadOnlyList<string?> Secrets { get; init; } = [];
    public string? TelegramBotToken { get; init; }
    public string? TelegramChatId { get; init; }
    /// <summary>
    /// The human console (flatten, demo): short lines, reports as given, the progress line erased when
    /// <see cref="Interactive"/>. Null = the ZLogger console on stdout (<c>vq run</c>, journald).
    /// </summary>
    public TextWriter? Console { get; init; }
    /// <summary>Where the ZLogger console goes when <see cref="Console"/> is null; null = stdout. Tests pass a stream.</summary>
    public Stream? ServiceConsole { get; init; }
    public bool Interactive { get; init; }
    /// <summary>stdout is the journal (<c>JOURNAL_STREAM</c> is set): syslog priority prefixes, no timestamps.</summary>
    public bool Journald { get; init; }
    public SdNotify Notify { get; init; } = SdNotify.Disabled;
    /// <summary>How often <c>STATUS=</c> is refreshed.</summary>
    public TimeSpan StatusPeriod { get; init; } = TimeSpan.FromSeconds(10);
    public TelegramNotifierOptions? TelegramOptions { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The options of a real command: log dir, secrets, Telegram credentials and sd_notify from the environment.</summary>
    public static OperationsOptions ForCommand(
        string command, LoadedConfiguration loaded, IEnvironmentVariables environment, TextWriter? console, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(environment);
        var secrets = loaded.Secrets;
        return new OperationsOptions
        {
            Command = command,
            Global = loaded.Config.Global,
            LogDir = loaded.LogDir,
            Secrets = [secrets.BinanceApiKey, secrets.BinanceApiSecret, secrets.TelegramBotToken, secrets.TelegramChatId],
            TelegramBotToken = secrets.TelegramBotToken,
            TelegramChatId = secrets.TelegramChatId,
            Console = console,
            Interactive = interactive,
            Journald = !string.IsNullOrEmpty(environment.Get("JOURNAL_STREAM")),
            Notify = SdNotify.FromEnvironment(environment),
        };
    }
}

/// <summary>
/// The operations side of a live command, built before the session and attached to it once it runs: the log
/// (<see cref="LineLog"/> over <see cref="LoggingSetup"/>), the Telegram notifier, sd_notify and the optional metrics
/// endpoint, fed by an <see cref="OpsObserver"/> on the engine thread. Nothing here can stop trading: a metrics
/// endpoint that cannot bind is logged and skipped, Telegram failures are logged and counted. Dispose after the
/// session has stopped (it flushes the log last). Created and driven by one host thread.
/// </summary>
internal sealed class Operations : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> StreamNames = ["user_data", "public", "market"];

    private readonly OperationsOptions _options;
    private MetricsServer? _metricsServer;

    private Operations(OperationsOptions options, LineLog log, TelegramNotifier telegram)
    {
        _options = options;
        Log = log;
        Telegram = telegram;
    }

    public LineLog Log { get; }

    public TelegramNotifier Telegram { get; }

    public SdNotify Notify => _options.Notify;

    /// <summary>Null until <see cref="AttachAsync"/>, and when metrics are off.</summary>
    public Metrics? Metrics { get; private set; }

    /// <summary>The bound metrics endpoint (<c>http://127.0.0.1:port/</c>), when it runs.</summary>
    public Uri? MetricsAddress => _metricsServer?.Address;

    public OpsObserver? Observer { get; private set; }

    public static Operations Create(OperationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logging = options.Global.Logging;
        var scrubber = new SecretScrubber(options.Secrets);
        var console = options.Console is null
            ? null
            : new ConsoleLineLogger(options.Console, options.Interactive, LoggingSetup.ToLogLevel(logging.ConsoleLevel), scrubber);
        var sinks = options.LogDir is null && options.Console is not null
            ? null
            : LoggingSetup.Create(new LoggingOptions
            {
                Settings = logging,
                Directory = options.LogDir ?? HostEnvironment.DefaultLogDir,
                Secrets = options.Secrets,
                Journald = options.Journald,
                // With a human console the ZLogger console is not wanted: only its files are.
                Console = options.Console is null ? options.ServiceConsole : Stream.Null,
                Time = options.Time,
            });
        var log = new LineLog(console, sinks);
        var telegram = TelegramNotifier.Create(
            options.Global.Telegram, options.TelegramBotToken, options.TelegramChatId, options.Global.Proxy, log.Logger, options.Time,
            options.TelegramOptions);
        telegram.Start();
        return new Operations(options, log, telegram);
    }

    /// <summary>
    /// <see cref="SessionRequest.BeforeStart"/>: streams are live, the engine thread not started yet. Creates the metrics
    /// and the <see cref="OpsObserver"/> and hooks it into the loop, so the very first decision is counted and
    /// notified; subscribes to stream state for reconnect notices.
    /// </summary>
    public void Prepare(LiveSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_options.Global.Metrics.Enabled)
        {
            Metrics = new Metrics(session.Universe, StreamNames) { Telegram = Telegram };
        }

        StreamCounters[] counters = [session.UserStream!.Counters, session.PublicStream!.Counters, session.MarketDataStream!.Counters];
        Observer = new OpsObserver(Notify, Metrics, Telegram, session.Universe, counters, session.Rest.RateLimits, _options.StatusPeriod);
        session.Loop.Gateway.ShutdownCancelConfirmed = Observer.OnShutdownCancelConfirmed;
        session.Loop.Telemetry = Observer;
        session.UserStream.StateChanged += change => OnStreamState(change, "user_data");
        session.PublicStream.StateChanged += change => OnStreamState(change, "market_data");
        session.MarketDataStream.StateChanged += change => OnStreamState(change, "market_data");
    }

    /// <summary>
    /// The session runs: start the metrics endpoint, log the startup line, tell systemd <c>READY=1</c> and only then
    /// let the observer ping the watchdog and send status. Never cancelled half-way: the engine already runs, so the
    /// caller must reach its orderly shutdown afterwards.
    /// </summary>
    public async Task AttachAsync(LiveSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (Metrics is not null)
        {
            var listen = _options.Global.Metrics.Listen;
            try
            {
                _metricsServer = await MetricsServer.StartAsync(listen, Metrics, CancellationToken.None).ConfigureAwait(false);
                Log.Line("metrics", $"listen={_metricsServer.Address}");
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException)
            {
                // Metrics are for watching, not for trading: a port in use must not keep a position open.
                Log.Line("error", $"where=metrics_server listen={listen} message=\"{ex.Message}\"");
            }
        }

        Log.Logger.Startup(_options.Command, Cli.CommandLine.VersionText, session.Ids.RunId, string.Join(',', session.Universe));
        Notify.Ready();
        Observer?.MarkReady();
    }

    /// <summary>Shutdown has begun: <c>STOPPING=1</c> (systemd then waits for the exit, bounded by its stop timeout).</summary>
    public void Stopping()
    {
        Notify.Status("stopping: cancelling this run's orders");
        Notify.Stopping();
    }

    public async ValueTask DisposeAsync()
    {
        await Telegram.DisposeAsync().ConfigureAwait(false);
        if (Metrics is not null)
        {
            // The endpoint goes away with the process moments after the shutdown sweep, before any scrape is likely:
            // the final counters (sweep cancels and shutdown drops included) are written down here instead.
            var totals = FinalTotals(Metrics);
            Log.Line("metrics_final", totals);
            Notify.Status("stopped: " + totals);
        }

        if (_metricsServer is not null)
        {
            await _metricsServer.DisposeAsync().ConfigureAwait(false);
        }

        Notify.Dispose();
        await Log.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary><c>orders_placed=N cancels=N rejects=N filled_maker=Q filled_taker=Q telegram_sent=N telegram_dropped=N telegram_failed=N</c>.</summary>
    public static string FinalTotals(Metrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        long rejects = 0;
        foreach (var (_, count) in metrics.Rejects.Snapshot())
        {
            rejects += count;
        }

        var placed = metrics.OrdersPlaced(Core.Primitives.ExecutionMode.MakerOnly) + metrics.OrdersPlaced(Core.Primitives.ExecutionMode.AggressiveLimit);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"orders_placed={placed} cancels={metrics.Cancels} rejects={rejects} filled_maker={metrics.FilledQty(true)} filled_taker={metrics.FilledQty(false)}");
        return metrics.Telegram is { } telegram
            ? text + string.Create(CultureInfo.InvariantCulture,
                $" telegram_sent={telegram.SentCount} telegram_dropped={telegram.DroppedCount} telegram_failed={telegram.FailedCount}")
            : text;
    }

    private void OnStreamState(StreamStateChange change, string stream)
    {
        if (change.State == StreamState.Reestablished)
        {
            Telegram.TryNotify(new Notice { Kind = NoticeKind.Reconnect, Stream = stream });
        }
    }
}
