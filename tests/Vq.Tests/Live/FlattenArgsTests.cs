using Vq.Commands;
using Vq.Core.Primitives;

namespace Vq.Tests.Live;

/// <summary><c>vq flatten</c> flags: every bad input gets a specific message.</summary>
public class FlattenArgsTests
{
    [Fact]
    public void Defaults_are_both_sides_and_config_yaml()
    {
        Assert.True(FlattenCommand.TryParse(["--symbol", "btc/usdt:usdt"], out var args, out _));

        Assert.Equal("BTCUSDT", args.Symbol);
        Assert.Equal([PositionSide.Long, PositionSide.Short], args.Sides);
        Assert.Equal("config/config.yaml", args.ConfigPath);
        Assert.Null(args.Deadline);
        Assert.False(args.Yes);
    }

    [Fact]
    public void All_flags_are_read()
    {
        Assert.True(FlattenCommand.TryParse(
            ["--symbol", "ETHUSDT", "--side", "short", "--deadline", "10m", "--max-slippage-bps", "12.5", "--yes", "--config", "c.yaml", "--report", "r.json"],
            out var args, out _));

        Assert.Equal([PositionSide.Short], args.Sides);
        Assert.Equal(TimeSpan.FromMinutes(10), args.Deadline);
        Assert.Equal(12.5m, args.MaxSlippageBps);
        Assert.True(args.Yes);
        Assert.Equal("c.yaml", args.ConfigPath);
        Assert.Equal("r.json", args.ReportPath);
    }

    [Theory]
    [InlineData(new[] { "--side", "long" }, "--symbol SYM is required")]
    [InlineData(new[] { "--symbol", "BTCUSDT", "--side", "up" }, "--side must be long, short or both")]
    [InlineData(new[] { "--symbol", "BTCUSDT", "--deadline", "soon" }, "is not a duration")]
    [InlineData(new[] { "--symbol", "BTCUSDT", "--max-slippage-bps", "-3" }, "must be a positive number")]
    [InlineData(new[] { "--symbol", "BTCUSDT", "--what" }, "bad or incomplete argument '--what'")]
    [InlineData(new[] { "--symbol" }, "bad or incomplete argument '--symbol'")]
    public void Bad_flags_are_named(string[] argv, string message)
    {
        Assert.False(FlattenCommand.TryParse(argv, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("2m", 120)]
    [InlineData("1.5h", 5400)]
    public void Durations(string text, int seconds)
    {
        Assert.True(FlattenCommand.TryParseDuration(text, out var d));
        Assert.Equal(TimeSpan.FromSeconds(seconds), d);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("5d")]
    [InlineData("m")]
    public void Bad_durations(string text) => Assert.False(FlattenCommand.TryParseDuration(text, out _));
}
