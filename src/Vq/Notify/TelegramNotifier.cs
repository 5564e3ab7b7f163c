using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Vq.Core.Config;
using Vq.Logging;

namespace Vq.Notify;

/// <summary>Transport limits of the notifier (§5.8, P21). Defaults are the original's numbers.</summary>
public sealed record TelegramNotifierOptions
{
    /// <summary>Messages waiting to be sent; beyond this the newest is dropped and counted.</summary>
    public int QueueCapacity { get; init; } = 256;
    /// <summary>P21: at least this long between the end of one request and the start of the next.</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Attempts per message for failures other than 429 (backoff 1 s, 2 s, capped at 5 s).</summary>
    public int MaxAttempts { get; init; } = 3;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>429s honoured per message before giving up on it, so one message cannot stall the queue forever.</summary>
    public int MaxRateLimitHolds { get; init; } = 10;
    /// <summary>§5.5 step 8: how long shutdown waits for the sender loop.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Telegram notifications that never make the engine wait (§5.8, P21). <see cref="TryNotify"/> is called from any
/// thread (the engine loop, stream callbacks) and only writes to a bounded queue: when the queue is full the
/// incoming message is dropped and counted (<see cref="DroppedCount"/>), never blocking; so is whatever shutdown
/// leaves unsent. One sender loop sends one
/// message at a time, at least <see cref="TelegramNotifierOptions.MinInterval"/> after the previous request ended;
/// a 429 holds every send until its <c>retry_after</c> and then resends without counting an attempt; other failures
/// are retried with backoff 1 s then 2 s. Per-event switches come from <c>telegram.events</c>. When Telegram is
/// disabled, or the token or chat id is missing, every call is a no-op that reports false.
/// </summary>
public sealed class TelegramNotifier : IAsyncDisposable
{
    private readonly TelegramSettings _settings;
    private readonly TelegramNotifierOptions _options;
    private readonly TelegramClient? _client;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<Notice>? _queue;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _dropped;
    private long _sent;
    private long _failed;
    private long _rateLimited;
    private int _disposed;

    private TelegramNotifier(
        TelegramSettings settings, TelegramNotifierOptions options, TelegramClient? client, ILogger logger, TimeProvider time)
    {
        _settings = settings;
        _options = options;
        _client = client;
        _logger = logger;
        _time = time;
        if (client is not null)
        {
            _queue = Channel.CreateBounded<Notice>(
                new BoundedChannelOptions(options.QueueCapacity)
                {
                    SingleReader = true,
                    SingleWriter = false,
                    // Explicit drop policy: keep what is already queued (earlier fills, risk alerts), drop the newcomer.
                    FullMode = BoundedChannelFullMode.DropWrite,
                },
                OnDropped);
        }
    }

    /// <summary>Builds the notifier; a disabled one when Telegram is off or a credential is missing.</summary>
    public static TelegramNotifier Create(
        TelegramSettings settings, string? botToken, string? chatId, string? proxy, ILogger logger, TimeProvider time,
        TelegramNotifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        options ??= new TelegramNotifierOptions();
        var client = settings.Enabled && !string.IsNullOrWhiteSpace(botToken) && !string.IsNullOrWhiteSpace(chatId)
            ? new TelegramClient(settings.ApiBase, botToken.Trim(), chatId.Trim(), proxy, options.RequestTimeout)
            : null;
        return new TelegramNotifier(settings, options, client, logger, time);
    }

    public bool IsEnabled => _client is not null;

    /// <summary>Messages never sent: refused by a full queue, or still queued (or in flight) at shutdown.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    public long SentCount => Interlocked.Read(ref _sent);

    /// <summary>Messages given up on after all attempts.</summary>
    public long FailedCount => Interlocked.Read(ref _failed);

    public long RateLimitedCount => Interlocked.Read(ref _rateLimited);

    /// <summary>Starts the sender loop (once).</summary>
    public void Start()
    {
        if (_queue is not null && _loop.IsCompleted && Volatile.Read(ref _disposed) == 0)
        {
            _loop = Task.Run(() => SendLoopAsync(_queue.Reader, _stop.Token));
        }
    }

    /// <summary>
    /// Queues a notice if its event switch is on. Never blocks. False when disabled, switched off, or shut down;
    /// a notice dropped because the queue is full still returns true (the drop is counted and logged).
    /// </summary>
    public bool TryNotify(in Notice notice)
    {
        if (_queue is null || !IsSwitchedOn(notice.Kind))
        {
            return false;
        }

        return _queue.Writer.TryWrite(notice);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue?.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.WaitAsync(_options.ShutdownTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // §5.5 step 8: queued notifications are dropped at shutdown; the loop ends on its own.
        }

        _client?.Dispose();
        _stop.Dispose();
    }

    private bool IsSwitchedOn(NoticeKind kind) => kind switch
    {
        NoticeKind.Fill => _settings.Events.OnFill,
        NoticeKind.OpenAlert => _settings.Events.OnOpenAlert,
        NoticeKind.Reconnect => _settings.Events.OnReconnect,
        NoticeKind.Risk => _settings.Events.OnRiskTrigger,
        _ => false,
    };

    private void OnDropped(Notice notice)
    {
        var total = Interlocked.Increment(ref _dropped);
        _logger.NotifyDropped(KindName(notice.Kind), total);
    }

    private async Task SendLoopAsync(ChannelReader<Notice> reader, CancellationToken cancellationToken)
    {
        var notBefore = _time.GetTimestamp();
        var sending = false;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var notice))
                {
                    sending = true;
                    notBefore = await SendOneAsync(notice, notBefore, cancellationToken).ConfigureAwait(false);
                    sending = false;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the message being sent (unconfirmed) and whatever is still queued are dropped (§5.5 step 8),
            // and counted, so every accepted notice ends as exactly one of sent, failed or dropped.
            var dropped = sending ? 1 : 0;
            while (reader.TryRead(out _))
            {
                dropped++;
            }

            if (dropped > 0)
            {
                _logger.NotifyDroppedAtShutdown(dropped, Interlocked.Add(ref _dropped, dropped));
            }
        }
    }

    /// <summary>Sends one message with pacing, 429 holds and retries; returns the earliest time of the next request.</summary>
    private async Task<long> SendOneAsync(Notice notice, long notBefore, CancellationToken cancellationToken)
    {
        var kind = KindName(notice.Kind);
        var text = TelegramTemplates.Format(notice, _settings.Language);
        var attempts = 0;
        var holds = 0;
        while (true)
        {
            await WaitUntilAsync(notBefore, cancellationToken).ConfigureAwait(false);
            SendResult result;
            try
            {
                result = await _client!.SendAsync(text, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A notification must never take the process down; an unexpected error is one failed attempt.
                result = new SendResult(SendOutcome.Failed, TimeSpan.Zero, "unexpected: " + ex.GetType().Name);
            }

            var now = _time.GetTimestamp();
            notBefore = now + ToTicks(_options.MinInterval);
            switch (result.Outcome)
            {
                case SendOutcome.Sent:
                    Interlocked.Increment(ref _sent);
                    _logger.NotifySent(kind, attempts + 1);
                    return notBefore;
                case SendOutcome.RateLimited:
                    Interlocked.Increment(ref _rateLimited);
                    _logger.NotifyRateLimited(kind, result.RetryAfter.TotalSeconds);
                    notBefore = Math.Max(notBefore, now + ToTicks(result.RetryAfter));
                    if (++holds > _options.MaxRateLimitHolds)
                    {
                        Interlocked.Increment(ref _failed);
                        _logger.NotifyFailed(kind, attempts, true, "still rate limited after " + _options.MaxRateLimitHolds + " holds");
                        return notBefore;
                    }

                    break;
                default:
                    attempts++;
                    var final = attempts >= _options.MaxAttempts;
                    _logger.NotifyFailed(kind, attempts, final, result.Error ?? "unknown");
                    if (final)
                    {
                        Interlocked.Increment(ref _failed);
                        return notBefore;
                    }

                    // §5.8: min(2^(attempt−1), 5) s between attempts → 1 s, 2 s.
                    var backoff = TimeSpan.FromSeconds(Math.Min(1 << (attempts - 1), 5));
                    notBefore = Math.Max(notBefore, now + ToTicks(backoff));
                    break;
            }
        }
    }

    private async Task WaitUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        // A loop, not one delay: system timers run on a coarse tick and may fire a few ms early, and the 1 s spacing
        // is a lower bound (P21).
        TimeSpan remaining;
        while ((remaining = _time.GetElapsedTime(_time.GetTimestamp(), timestamp)) > TimeSpan.Zero)
        {
            await Task.Delay(remaining, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private static string KindName(NoticeKind kind) => kind switch
    {
        NoticeKind.Fill => "fill",
        NoticeKind.OpenAlert => "open_alert",
        NoticeKind.Reconnect => "reconnect",
        NoticeKind.Risk => "risk",
        _ => "unknown",
    };
}
