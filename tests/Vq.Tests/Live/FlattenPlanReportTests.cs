using System.Text.Json;
using Vq.Commands;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Market;
using Vq.Core.Positions;
using Vq.Core.Execution;
using Vq.Core.Primitives;
using Vq.Live;

namespace Vq.Tests.Live;

/// <summary>The deadline and the slippage cap in the execution report, the progress line and the flags.</summary>
public class FlattenPlanReportTests
{
    private static LegReport Leg() => new("BTCUSDT", PositionSide.Long, 0.1m, 0.1m, 0m, 60000.05m, 59999.5m, 0.0917m, 0.75m, 1.2m, 5, 2, 4,
        new SortedDictionary<int, int>(), 3.5m);

    [Fact]
    public void Without_the_options_the_report_has_only_the_documented_keys()
    {
        using var json = JsonDocument.Parse(ExecutionReport.Json([Leg()]));
        var names = json.RootElement.GetProperty("legs")[0].EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Equal("duration_s", names[^1]);
        Assert.DoesNotContain("deadline_s", names);
        Assert.DoesNotContain("price_cap", names);
        Assert.DoesNotContain("deadline", ExecutionReport.Text([Leg()]), StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_options_the_report_records_the_deadline_and_the_cap_after_the_documented_keys()
    {
        var leg = Leg() with { DeadlineS = 600m, DeadlineMet = true, MaxSlippageBps = 15m, PriceCap = 59910.1m };

        using var json = JsonDocument.Parse(ExecutionReport.Json([leg]));
        var row = json.RootElement.GetProperty("legs")[0];
        var text = ExecutionReport.Text([leg]);

        Assert.Equal(["duration_s", "deadline_s", "deadline_met", "max_slippage_bps", "price_cap"], row.EnumerateObject().Select(p => p.Name).Skip(13).ToArray());
        Assert.Equal("600", row.GetProperty("deadline_s").GetString());
        Assert.True(row.GetProperty("deadline_met").GetBoolean());
        Assert.Equal("15", row.GetProperty("max_slippage_bps").GetString());
        Assert.Equal("59910.1", row.GetProperty("price_cap").GetString());
        Assert.Contains("600 s, met", text, StringComparison.Ordinal);
        Assert.Contains("15 bps from arrival mid: SELL at or above 59910.1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missed_deadline_says_missed()
    {
        var leg = Leg() with { DeadlineS = 60m, DeadlineMet = false };
        Assert.Contains("60 s, missed", ExecutionReport.Text([leg]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PaceStatus.OnSchedule, "on schedule")]
    [InlineData(PaceStatus.Ahead, "ahead of schedule")]
    [InlineData(PaceStatus.Behind, "behind schedule")]
    [InlineData(PaceStatus.Final, "final stretch")]
    public void The_progress_line_names_the_schedule_status(PaceStatus status, string text) =>
        Assert.Equal(text, FlattenMonitor.ScheduleText(status));

    [Fact]
    public void The_plan_line_names_both_limits()
    {
        Assert.Equal("deadline=90s max_slippage_bps=12.5", FlattenMonitor.PlanText(TimeSpan.FromSeconds(90), 12.5m));
        Assert.Equal("deadline=none max_slippage_bps=3", FlattenMonitor.PlanText(null, 3m));
    }

    [Theory]
    [InlineData("10000")]
    [InlineData("25000")]
    public void A_cap_of_100_percent_or_more_is_refused(string bps)
    {
        Assert.False(FlattenCommand.TryParse(["--symbol", "BTCUSDT", "--max-slippage-bps", bps], out _, out var error));
        Assert.Contains("must be below 10000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missed_deadline_names_the_slice_caps_that_limited_the_pace()
    {
        var execution = new ExecutionSettings { MaxMult = 50, MaxOrderNotional = 200m };
        var engine = new ExitEngine(new GlobalSettings { Execution = execution }, new ClientOrderIdFactory("0123456789", 1)) { PositionsReady = true };
        var btc = engine.AddSymbol(new SymbolRules("BTCUSDT", 0.1m, 0.001m, 0.001m, 100m), new SymbolSettings { Symbol = "BTCUSDT", Execution = execution });
        var output = new EngineOutput();
        engine.OnPositionReport(new PositionReport { Symbol = btc, Side = PositionSide.Long, Size = 0.5m, EntryPrice = 60000m, AsOfMs = 1, Source = PositionSource.Rest }, 1, output);
        engine.OnBookTick(new BookTick(btc, 60000m, 1m, 60000.1m, 1m, 2, 2), output);

        var reason = FlattenMonitor.SliceCapReason(engine.Symbol(btc), engine.Symbol(btc).Long);

        // 200 USDT at 60000.05 is 0.00333…, floored to the step: 0.003 per slice.
        Assert.Equal("; BTCUSDT LONG has 0.5 left: its slices are at most 0.003 (max_mult 50, max_order_notional 200); it may need a longer deadline or larger caps", reason);
    }
}
