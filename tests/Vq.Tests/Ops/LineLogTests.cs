using Microsoft.Extensions.Logging;
using Vq.Live;
using Vq.Logging;

namespace Vq.Tests.Ops;

/// <summary>The host log facade: levels from stable names, the human console's shape, secrets masked there too.</summary>
public sealed class LineLogTests
{
    [Theory]
    [InlineData("error", LogLevel.Error)]
    [InlineData("ws_reconnect", LogLevel.Warning)]
    [InlineData("ws_disconnect", LogLevel.Warning)]
    [InlineData("startup_warning", LogLevel.Warning)]
    [InlineData("inspection_failed", LogLevel.Warning)]
    [InlineData("config_reload_error", LogLevel.Warning)]
    [InlineData("startup", LogLevel.Information)]
    [InlineData("calibration", LogLevel.Information)]
    [InlineData("order_cleanup", LogLevel.Information)]
    public void Host_lines_take_their_level_from_the_event_name(string name, LogLevel level) =>
        Assert.Equal(level, LineLog.LevelOf(name));

    [Fact]
    public async Task The_console_prints_time_and_line_warnings_with_their_level_reports_as_given_and_masks_secrets()
    {
        using var text = new StringWriter();
        var console = new ConsoleLineLogger(text, clearProgressLine: true, LogLevel.Information, new SecretScrubber(["s3cr3t-value"]));
        await using (var log = new LineLog(console, null))
        {
            log.Line("calibration", "stage=done");
            log.Line("ws_reconnect", "stream=user_data");
            log.Line("error", "where=x message=\"s3cr3t-value\"");
            log.Raw("  BTCUSDT       LONG    0.200");
            log.Logger.Log(LogLevel.Debug, "hidden below the console level");
            await log.FlushAsync();
        }

        var lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("\r\u001b[K", l, StringComparison.Ordinal));
        Assert.Matches(@"^\r\u001b\[K\d\d:\d\d:\d\d\.\d\d\d calibration stage=done$", lines[0]);
        Assert.Matches(@"^\r\u001b\[K\d\d:\d\d:\d\d\.\d\d\d WARN ws_reconnect stream=user_data$", lines[1]);
        Assert.EndsWith(" ERROR error where=x message=\"************\"", lines[2], StringComparison.Ordinal);
        Assert.Equal("\r\u001b[K  BTCUSDT       LONG    0.200", lines[3]);
    }
}
