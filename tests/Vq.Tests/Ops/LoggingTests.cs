using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Primitives;
using Vq.Logging;
using Vq.Tests.Config;

namespace Vq.Tests.Ops;

public sealed class LoggingTests : IDisposable
{
    private static readonly DateTimeOffset LastSecondOfDay = new(2026, 11, 25, 23, 59, 59, 500, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _clock = new(LastSecondOfDay);

    public void Dispose() => _dir.Dispose();

    private string PathOf(string name) => Path.Combine(_dir.Path, name);

    [Fact]
    public void The_file_rolls_at_midnight_on_the_injected_clock()
    {
        using (var stream = new DailyRollingFileStream(_dir.Path, "vq_", _clock, 30, SecretScrubber.None))
        {
            stream.Write("before midnight\n"u8);
            _clock.Set(LastSecondOfDay.AddSeconds(1));
            stream.Write("after midnight\n"u8);
        }

        Assert.Equal("before midnight\n", File.ReadAllText(PathOf("vq_2026-11-25.log")));
        Assert.Equal("after midnight\n", File.ReadAllText(PathOf("vq_2026-11-26.log")));
    }

    [Fact]
    public void Retention_deletes_only_this_prefix_files_older_than_the_window()
    {
        foreach (var name in new[] { "vq_2026-10-26.log", "vq_2026-10-27.log", "vq_error_2026-10-01.log", "vq_notes.log", "other.log" })
        {
            File.WriteAllText(PathOf(name), "x");
        }

        using (var stream = new DailyRollingFileStream(_dir.Path, "vq_", _clock, 30, SecretScrubber.None))
        {
            stream.Write("x"u8);
        }

        Assert.False(File.Exists(PathOf("vq_2026-10-26.log")));
        Assert.True(File.Exists(PathOf("vq_2026-10-27.log"))); // 30 days including today
        Assert.True(File.Exists(PathOf("vq_error_2026-10-01.log")));
        Assert.True(File.Exists(PathOf("vq_notes.log")));
        Assert.True(File.Exists(PathOf("other.log")));
    }

    [Fact]
    public void Scrubber_masks_every_occurrence_and_ignores_short_values()
    {
        var scrubber = new SecretScrubber(["s3cr3t-key", "42", null]);
        var bytes = Encoding.UTF8.GetBytes("a s3cr3t-key b s3cr3t-keys3cr3t-key 42");

        scrubber.Scrub(bytes);

        Assert.Equal("a ********** b ******************** 42", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Full_pipeline_writes_main_and_error_files_per_day_and_console_at_its_level()
    {
        using var console = new MemoryStream();
        var sinks = LoggingSetup.Create(new LoggingOptions
        {
            Settings = new LoggingSettings { ConsoleLevel = LogLevelSetting.Information, FileLevel = LogLevelSetting.Debug },
            Directory = _dir.Path,
            Console = console,
            Time = _clock,
        });
        var logger = sinks.CreateLogger("vq");

        logger.LogDebug("debug line one");
        logger.Shutdown("day-one-info", 1, 2);
        logger.Error("test", "day-one-error");
        await WaitForFileText(PathOf("vq_error_2026-11-25.log"), "day-one-error");
        await WaitForFileText(PathOf("vq_2026-11-25.log"), "day-one-error");
        _clock.Set(LastSecondOfDay.AddSeconds(1));
        logger.Shutdown("day-two-info", 0, 0);
        await sinks.DisposeAsync();

        var dayOne = File.ReadAllText(PathOf("vq_2026-11-25.log"));
        var dayTwo = File.ReadAllText(PathOf("vq_2026-11-26.log"));
        var errors = File.ReadAllText(PathOf("vq_error_2026-11-25.log"));
        var consoleText = Encoding.UTF8.GetString(console.ToArray());
        Assert.Contains("| DEBUG | debug line one", dayOne);
        Assert.Contains("| INFO | shutdown reason=day-one-info cancelled=1 total_open=2", dayOne);
        Assert.Contains("2026-11-25 23:59:59.500 | ERROR | error where=test message=day-one-error", dayOne);
        Assert.DoesNotContain("day-two", dayOne);
        Assert.Contains("2026-11-26 00:00:00.500 | INFO | shutdown reason=day-two-info", dayTwo);
        Assert.DoesNotContain("info", errors);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(PathOf("vq_error_2026-11-26.log")));
        Assert.DoesNotContain("debug line one", consoleText);
        Assert.Contains("shutdown reason=day-two-info", consoleText);
    }

    [Fact]
    public async Task Journald_console_lines_carry_a_syslog_priority_and_json_mode_writes_json_lines()
    {
        using var console = new MemoryStream();
        var sinks = LoggingSetup.Create(new LoggingOptions
        {
            Settings = new LoggingSettings { Json = false },
            Directory = _dir.Path,
            Console = console,
            Journald = true,
            Time = _clock,
        });
        sinks.CreateLogger("vq").WsReconnect("market_data", "closed", 2, 1000);
        sinks.CreateLogger("vq").Error("x", "boom");
        await sinks.DisposeAsync();
        var lines = Encoding.UTF8.GetString(console.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("<4>WARN ws_reconnect stream=market_data reason=closed attempt=2 delay_ms=1000", lines[0]);
        Assert.StartsWith("<3>ERROR error", lines[1]);

        using var jsonConsole = new MemoryStream();
        var jsonSinks = LoggingSetup.Create(new LoggingOptions
        {
            Settings = new LoggingSettings { Json = true },
            Directory = Path.Combine(_dir.Path, "json"),
            Console = jsonConsole,
            Time = _clock,
        });
        jsonSinks.CreateLogger("vq").OrderPlace("BTCUSDT:LONG", "long_primary", "MAKER_ONLY", 0.00000123m, 1000m, "vq-abc");
        await jsonSinks.DisposeAsync();
        var fileLine = File.ReadAllLines(Path.Combine(_dir.Path, "json", "vq_2026-11-25.log")).Single();
        using var document = JsonDocument.Parse(fileLine);
        var root = document.RootElement;
        Assert.StartsWith("order_place leg=BTCUSDT:LONG", root.GetProperty("Message").GetString());
        Assert.Equal("vq-abc", root.GetProperty("clientOrderId").GetString());
        Assert.Equal(0.00000123m, root.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task Known_secret_values_never_appear_in_any_log_byte()
    {
        string[] secrets = ["AKIAbinanceKEY123456", "binance-secret-abcdef0123456789", "123456:SECRET-bot-token", "-1001234567"];
        using var console = new MemoryStream();
        var sinks = LoggingSetup.Create(new LoggingOptions
        {
            Settings = new LoggingSettings { FileLevel = LogLevelSetting.Trace, ConsoleLevel = LogLevelSetting.Trace },
            Directory = _dir.Path,
            Console = console,
            Secrets = secrets,
            Time = _clock,
        });
        var logger = sinks.CreateLogger("vq");
        foreach (var secret in secrets)
        {
            logger.Error("leak-test", "GET https://api.telegram.org/bot" + secret + "/sendMessage failed");
            logger.LogError(new InvalidOperationException("exception text " + secret), "with exception");
            logger.Startup("run", "0.1.0", secret, "BTCUSDT:LONG");
        }

        await sinks.DisposeAsync();

        var files = Directory.GetFiles(_dir.Path);
        Assert.Equal(2, files.Length);
        var outputs = files.Select(File.ReadAllBytes).Append(console.ToArray()).ToArray();
        Assert.All(outputs, bytes => Assert.NotEmpty(bytes));
        foreach (var bytes in outputs)
        {
            foreach (var secret in secrets)
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            }
        }

        Assert.Contains("leak-test", Encoding.UTF8.GetString(outputs[^1]));
    }

    [Fact]
    public void Every_engine_event_kind_maps_to_one_named_line_with_full_decimals()
    {
        var log = new RecordingLogger();
        var mapper = new EngineEventLog(log, ["BTCUSDT", "1000SATSUSDT"]);
        var cid = ClientOrderId.Parse("vq-0123456789-abcdef0123456789abcdef");
        foreach (var kind in Enum.GetValues<EngineEventKind>())
        {
            mapper.Write(new EngineEvent
            {
                Kind = kind,
                Symbol = 1,
                Side = PositionSide.Short,
                Reason = "why",
                Mode = ExecutionMode.AggressiveLimit,
                ClientOrderId = cid,
                Price = 0.0000001230m,
                Qty = 12.500m,
                Value = 0.00000001m,
                Code = -5022,
            });
        }

        var lines = log.Lines.ToArray();
        Assert.Equal(Enum.GetValues<EngineEventKind>().Length, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var kind = Enum.GetValues<EngineEventKind>()[i];
            var text = lines[i].Text;
            Assert.StartsWith(EngineEventLog.KindName(kind) + " leg=1000SATSUSDT:SHORT reason=why", text);
            if (kind == EngineEventKind.ProtectiveStop)
            {
                // A stop has no quantity (closePosition) and no mode: its price is the trigger, Value the liquidation price.
                Assert.Contains("trigger=0.000000123 liq=0.00000001 ", text);
            }
            else
            {
                Assert.Contains("price=0.000000123 ", text);
                Assert.Contains("qty=12.5 ", text);
            }

            Assert.Contains("cid=vq-0123456789-abcdef0123456789abcdef", text);
            Assert.DoesNotContain("E-", text);
        }

        Assert.Equal(LogLevel.Warning, lines[(int)EngineEventKind.OrderReject].Level);
        Assert.Equal(LogLevel.Information, lines[(int)EngineEventKind.ModeChange].Level);
        Assert.Equal(LogLevel.Warning, lines[(int)EngineEventKind.LegBlocked].Level);
        Assert.Contains("code=-5022", lines[(int)EngineEventKind.OrderReject].Text);
        Assert.Contains("distance=0.00000001", lines[(int)EngineEventKind.RiskTrigger].Text);
        Assert.Equal(
            Enum.GetValues<EngineEventKind>().Length,
            Enum.GetValues<EngineEventKind>().Select(EngineEventLog.KindName).Distinct().Count());
    }

    private static async Task WaitForFileText(string path, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!File.Exists(path) || !ReadShared(path).Contains(text))
        {
            Assert.True(DateTime.UtcNow < deadline, $"'{text}' never reached {path}");
            await Task.Delay(10);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
