using System.Diagnostics;
using System.Globalization;
using System.Text;
using HdrHistogram;
using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Live;
using Vq.Sim;
using Vq.Sim.Matching;
using Vq.Sim.Scenario;
using SimLimits = Vq.Sim.Wire.RateLimitSettings;

namespace Vq.Latency;

/// <summary>Harness settings (command line).</summary>
internal sealed record HarnessOptions(int Samples, int Warmup, int Symbols, int GapMs)
{
    public static HarnessOptions? Parse(string[] args)
    {
        int samples = 10_000, warmup = 1_000, symbols = 32, gap = 6;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                return null;
            }

            switch (args[i])
            {
                case "--samples": samples = value; break;
                case "--warmup": warmup = value; break;
                case "--symbols": symbols = value; break;
                case "--gap-ms": gap = value; break;
                default: return null;
            }
        }

        return args.Length % 2 == 0 ? new HarnessOptions(samples, warmup, symbols, gap) : null;
    }
}

/// <summary>What one run measured.</summary>
internal sealed record HarnessResult(LongHistogram Histogram, LongHistogram FromPublishCall, long Samples, long Ticks,
    long TicksWithoutOrder, long OrdersWithoutTick, double Seconds, string LoadBefore, string LoadAfter, HarnessOptions Options)
{
    /// <summary>vq's own share of the path, from its metrics histograms (all orders, warm-up included).</summary>
    public string Stages { get; init; } = "";

    /// <summary>Samples whose bookTicker frame the send-loop probe did not see (only in the publish-call histogram).</summary>
    public long FramesNotSeen { get; init; }

    /// <summary>The machine's own cost of the path's hand-offs, measured before the run.</summary>
    public string Floor { get; init; } = "";

    public static string Percentiles(LongHistogram h, IFormatProvider culture)
    {
        string Us(double percentile) => (h.GetValueAtPercentile(percentile) / 1000.0).ToString("F1", culture);
        return string.Create(culture, $"p50 {Us(50)} µs   p90 {Us(90)} µs   p99 {Us(99)} µs   p99.9 {Us(99.9)} µs   max {h.GetMaxValue() / 1000.0:F1} µs   mean {h.GetMean() / 1000.0:F1} µs   (n {h.TotalCount})");
    }

    public string Report(IFormatProvider culture)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(culture, $"tick-to-order latency, {Samples} samples after {Options.Warmup} warm-up ({Options.Symbols} symbols, a tick every {Options.GapMs} ms round-robin, {Seconds:F0} s)"));
        text.AppendLine("  bookTicker frame handed to the simulator's WebSocket → order request at the simulator's REST endpoint:");
        text.AppendLine("  " + Percentiles(Histogram, culture));
        text.AppendLine("  from the harness's publish call instead (adds the simulator's own lock, JSON and outbox hop):");
        text.AppendLine("  " + Percentiles(FromPublishCall, culture));
        text.AppendLine(string.Create(culture, $"  measured ticks {Ticks}, ticks that placed no order {TicksWithoutOrder}, orders with no pending tick {OrdersWithoutTick}, samples whose frame was not seen {FramesNotSeen}"));
        text.AppendLine(string.Create(culture, $"  load average before: {LoadBefore}; after: {LoadAfter}; {Environment.ProcessorCount} cores"));
        if (Floor.Length > 0)
        {
            text.AppendLine(Floor);
        }

        if (Stages.Length > 0)
        {
            text.AppendLine(Stages);
        }

        return text.ToString();
    }
}

/// <summary>
/// Tick-to-order latency of the real flatten pipeline (wire client → inbox → engine thread → order gateway → signed
/// REST) against the simulator in the same process.
/// <para>
/// Method. The simulator's market is frozen (speed 0): the only bookTicker frames are the ones this harness
/// publishes with <see cref="SimExchange.MoveMid"/>, one symbol at a time, round-robin. The send time is taken just
/// before that call (so the simulator's own lock, JSON and socket write are inside the measurement), the arrival
/// time by the simulator's REST endpoint when <c>POST /fapi/v1/order</c> reaches it
/// (<see cref="SimExchange.OrderRequestArrived"/>). Every target leg is worked with <see cref="Vq.Core.Engine.ExitGate.Always"/>,
/// so a tick that finds its leg idle places a slice at once. Causality is enforced, not assumed: vq skips a leg
/// whose market data is older than <c>stale_data_ms</c> (100 ms here, the smallest allowed), and each symbol is
/// ticked only every <c>symbols × gap</c> ms (192 ms by default). Orders rest for <c>order_ttl_ms</c> (20 ms), are
/// cancelled, and the repost cooldown (100 ms) keeps the leg busy until its data is stale, so the engine's timer
/// pass can never place an order between ticks; the only evaluation that can place one is the one the next tick
/// itself triggers. The first order
/// request per symbol after a tick is the sample; the harness also counts ticks that placed nothing and orders that
/// arrived with no pending tick, which should both stay near zero.
/// </para>
/// </summary>
internal static class TickToOrderHarness
{
    private const decimal Mid = 60000m;
    private const int FloorSamples = 2000;

    public static async Task<HarnessResult> RunAsync(HarnessOptions options, TextWriter progress, CancellationToken cancellation)
    {
        var symbols = new string[options.Symbols];
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = "LAT" + i.ToString("D2", CultureInfo.InvariantCulture) + "USDT";
            indexOf[symbols[i]] = i;
        }

        var floor = MachineFloor.Measure(FloorSamples, 3);
        await using var host = await SimHost.StartAsync(Scenario(symbols), port: 0, cancellation).ConfigureAwait(false);
        var state = new ProbeState(symbols.Length, options.Warmup, options.Samples);
        host.Exchange.BookFrameSending = (frame, sending) =>
        {
            if (SymbolIndex(frame) is var i && (uint)i < (uint)symbols.Length)
            {
                state.FrameSending(i, sending);
            }
        };
        host.Exchange.OrderRequestArrived = (symbol, arrived) =>
        {
            if (indexOf.TryGetValue(symbol, out var i))
            {
                state.OrderArrived(i, arrived);
            }
        };

        var loadBefore = LoadAverage();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var config = Config(host.RestUri, host.WsUri);
        // vq's metrics split the path: book-slot publish (after the WebSocket receive and the parse) → order decision.
        await using var ops = Operations.Create(new OperationsOptions { Command = "flatten", Global = config.Global, Console = TextWriter.Null });
        var flatten = FlattenRunner.RunAsync(new FlattenRequest
        {
            Config = config,
            ApiKey = SimOptions.DefaultApiKey,
            ApiSecret = SimOptions.DefaultApiSecret,
            Targets = [.. symbols.Select(s => (s, PositionSide.Long))],
            Operations = ops,
        }, TextWriter.Null, stop.Token);

        var started = Stopwatch.GetTimestamp();
        var driver = new Thread(() => Drive(host.Exchange, symbols, options.GapMs, state, stop.Token))
        {
            IsBackground = true,
            Name = "tick-driver",
            Priority = ThreadPriority.AboveNormal,
        };
        driver.Start();
        var lastReport = 0L;
        while (!state.Done.Task.IsCompleted && !flatten.IsCompleted)
        {
            await Task.WhenAny(state.Done.Task, flatten, Task.Delay(2000, CancellationToken.None)).ConfigureAwait(false);
            var count = state.Recorded;
            if (count != lastReport)
            {
                lastReport = count;
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {count} samples")).ConfigureAwait(false);
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var loadAfter = LoadAverage();
        await stop.CancelAsync().ConfigureAwait(false);
        driver.Join();
        if (flatten.IsCompleted && !state.Done.Task.IsCompleted)
        {
            var early = await flatten.ConfigureAwait(false);
            await progress.WriteLineAsync("flatten ended before enough samples: " + early.Reason).ConfigureAwait(false);
        }

        await Task.WhenAny(flatten, Task.Delay(10_000, CancellationToken.None)).ConfigureAwait(false);
        if (Environment.GetEnvironmentVariable("VQ_LATENCY_LEDGER") is { Length: > 0 } ledgerPath)
        {
            await File.WriteAllBytesAsync(ledgerPath, host.Exchange.LedgerJson(), CancellationToken.None).ConfigureAwait(false);
        }
        return state.Result(seconds, loadBefore, loadAfter, options) with { Stages = StageText(ops.Metrics), Floor = floor };
    }

    private static string StageText(Vq.Hosting.Metrics? metrics)
    {
        if (metrics is null)
        {
            return "";
        }

        static string Line(string name, Vq.Hosting.LatencyHistogram h)
        {
            string Bound(double fraction)
            {
                var target = (long)Math.Ceiling(h.Count * fraction);
                var seen = 0L;
                for (var i = 0; i < h.BoundsSeconds.Count; i++)
                {
                    seen += h.BucketCount(i);
                    if (seen >= target)
                    {
                        return "≤ " + (h.BoundsSeconds[i] * 1e6).ToString("F0", CultureInfo.InvariantCulture) + " µs";
                    }
                }

                return "> 1 s";
            }

            var mean = h.Count > 0 ? h.SumSeconds / h.Count * 1e6 : 0;
            return string.Create(CultureInfo.InvariantCulture,
                $"  {name}: n {h.Count}, mean {mean:F1} µs, p50 {Bound(0.5)}, p99 {Bound(0.99)} (bucketed)");
        }

        return "vq's own stages (metrics histograms):\n"
            + Line("book slot published → order decided", metrics.TickToOrderLatency) + "\n"
            + Line("engine pass start → order decided", metrics.DecisionLatency);
    }

    /// <summary>The harness's symbols are LAT00USDT…LAT99USDT: the index is the two digits after <c>"s":"LAT</c>.</summary>
    private static int SymbolIndex(byte[] frame)
    {
        var at = frame.AsSpan().IndexOf("\"s\":\"LAT"u8);
        if (at < 0 || at + 10 > frame.Length)
        {
            return -1;
        }

        int tens = frame[at + 8] - '0', ones = frame[at + 9] - '0';
        return (uint)tens <= 9 && (uint)ones <= 9 ? tens * 10 + ones : -1;
    }

    /// <summary>One bookTicker every <paramref name="gapMs"/>, round-robin over the symbols (same mid: nothing fills by itself).</summary>
    private static void Drive(SimExchange exchange, string[] symbols, int gapMs, ProbeState state, CancellationToken stop)
    {
        var i = 0;
        while (!stop.IsCancellationRequested && !state.Done.Task.IsCompleted)
        {
            Thread.Sleep(gapMs);
            state.TickSending(i, Stopwatch.GetTimestamp());
            exchange.MoveMid(symbols[i], Mid);
            i = (i + 1) % symbols.Length;
        }
    }

    /// <summary>A frozen market (speed 0) of BTCUSDT-like symbols, a large LONG leg in each, limits out of the way.</summary>
    private static SimOptions Scenario(string[] symbols) => new()
    {
        Name = "latency",
        Seed = 11,
        Speed = 0,
        WalletBalance = 1_000_000_000m,
        Symbols = [.. symbols.Select(s => new SymbolOptions(Instrument.BtcUsdt with { Symbol = s, BaseAsset = s[..^4] },
            SyntheticDefaults.BtcUsdt with { StartMid = Mid }))],
        Positions = [.. symbols.Select(s => new PositionSeed(s, LegSide.Long, 1000m, Mid, 1, MarginMode.Cross))],
        Limits = new SimLimits { WeightPerMinute = 1_000_000, OrdersPer10Seconds = 1_000_000, OrdersPerMinute = 1_000_000 },
    };

    /// <summary>
    /// The demo's sizing; maker orders at the touch that rest 20 ms and a 100 ms repost cooldown, so a leg is idle
    /// again only after its market data went stale (100 ms, the smallest allowed) and only a tick can trigger the
    /// next placement; vq's own order/cancel rate gates opened (they would refuse, not slow, the harness).
    /// </summary>
    private static VqConfig Config(Uri rest, Uri ws) => new(new GlobalSettings
    {
        Endpoints = new EndpointSettings { Rest = rest.ToString().TrimEnd('/'), Ws = ws.ToString().TrimEnd('/') },
        Ws = new WsSettings { StaleDataMs = 100 },
        Execution = new ExecutionSettings
        {
            BaseLotMult = 400, MaxMult = 1000, MaxOrderNotional = 1200m, OrderTtlMs = 20, RepostCooldownMs = 100,
            // Post-only at the touch, never escalated: each tick's slice rests until its TTL and nothing fills, so
            // every order request is the first reaction to a tick (no GTX rejects, retries or fills in between).
            MakerPriceMode = MakerPriceMode.AtTouch, MakerTimeoutsToEscalate = 0,
        },
        RateLimit = new RateLimitSettings { MaxOrdersPerSec = 100_000, MaxCancelsPerSec = 100_000 },
        Logging = new LoggingSettings { ConsoleLevel = LogLevelSetting.Warning },
        Metrics = new MetricsSettings { Enabled = true, Listen = "127.0.0.1:0" },
    });

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>Per-symbol pending tick stamps and the histogram. Thread-safety: ticks from the driver thread, orders from Kestrel threads.</summary>
    private sealed class ProbeState(int symbols, int warmup, int samples)
    {
        // Nanoseconds, 1 ns .. 60 s, 3 significant digits.
        private readonly LongHistogram _histogram = new(60_000_000_000L, 3);
        private readonly LongHistogram _fromPublishCall = new(60_000_000_000L, 3);
        private readonly long[] _pending = new long[symbols];
        private readonly long[] _frameSent = new long[symbols];
        private readonly Lock _lock = new();
        private long _seen, _ticks, _ticksWithoutOrder, _ordersWithoutTick, _framesMissed;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Recorded => Math.Max(0, Interlocked.Read(ref _seen) - warmup);

        /// <summary>The first book frame of a symbol after its tick is the tick's frame (the market is frozen).</summary>
        public void FrameSending(int symbol, long timestamp)
        {
            if (Volatile.Read(ref _pending[symbol]) != 0)
            {
                Interlocked.CompareExchange(ref _frameSent[symbol], timestamp, 0);
            }
        }

        public void TickSending(int symbol, long timestamp)
        {
            Volatile.Write(ref _frameSent[symbol], 0);
            // A previous tick of this symbol still pending: it placed nothing.
            if (Interlocked.Exchange(ref _pending[symbol], timestamp) != 0 && Interlocked.Read(ref _seen) >= warmup)
            {
                Interlocked.Increment(ref _ticksWithoutOrder);
            }

            if (Interlocked.Read(ref _seen) >= warmup)
            {
                Interlocked.Increment(ref _ticks);
            }
        }

        public void OrderArrived(int symbol, long arrived)
        {
            var sent = Interlocked.Exchange(ref _pending[symbol], 0);
            var frameSent = Interlocked.Exchange(ref _frameSent[symbol], 0);
            if (sent == 0)
            {
                if (Interlocked.Read(ref _seen) >= warmup)
                {
                    Interlocked.Increment(ref _ordersWithoutTick);
                }

                return;
            }

            static long Nanoseconds(long from, long to) => Math.Max(1, (long)((to - from) * (1_000_000_000.0 / Stopwatch.Frequency)));
            lock (_lock)
            {
                var n = ++_seen;
                if (n <= warmup)
                {
                    return;
                }

                _fromPublishCall.RecordValue(Nanoseconds(sent, arrived));
                if (frameSent >= sent)
                {
                    _histogram.RecordValue(Nanoseconds(frameSent, arrived));
                }
                else
                {
                    _framesMissed++;
                }

                if (n - warmup >= samples)
                {
                    Done.TrySetResult();
                }
            }
        }

        public HarnessResult Result(double seconds, string loadBefore, string loadAfter, HarnessOptions options)
        {
            lock (_lock)
            {
                return new HarnessResult((LongHistogram)_histogram.Copy(), (LongHistogram)_fromPublishCall.Copy(),
                    _fromPublishCall.TotalCount, _ticks, _ticksWithoutOrder, _ordersWithoutTick, seconds, loadBefore, loadAfter, options)
                {
                    FramesNotSeen = _framesMissed,
                };
            }
        }
    }
}
