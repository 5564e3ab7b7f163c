using System.Text.Json;
using Vq.Core.Engine;
using Vq.Core.Primitives;
using Vq.Live;

namespace Vq.Tests.Live;

/// <summary>Log lines print decimals in full; the JSON report has exactly the documented shape.</summary>
public class ReportAndLogTests
{
    [Fact]
    public async Task Event_lines_print_decimals_in_full_with_stable_names()
    {
        var e = new EngineEvent
        {
            Kind = EngineEventKind.OrderFill, Symbol = 0, Side = PositionSide.Short, Reason = "own",
            Price = 0.00001234m, Qty = 1000000m, IsMaker = true, TradeId = 42,
        };

        using var text = new StringWriter();
        await using (var log = new LineLog(text))
        {
            log.Event(e, "1000SATSUSDT");
        }

        var line = text.ToString().TrimEnd();
        Assert.EndsWith(
            " order_fill leg=1000SATSUSDT:SHORT reason=own mode=MAKER_ONLY price=0.00001234 qty=1000000 filled=0 role=maker fee=0 trade_id=42 cid=-",
            line, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_json_has_the_documented_fields_with_decimals_as_strings()
    {
        var leg = new LegReport("BTCUSDT", PositionSide.Long, 0.1m, 0.1m, 0m, 60000.05m, 59999.5m, 0.0917m, 0.75m, 1.2m, 5, 2, 4,
            new SortedDictionary<int, int> { [-5022] = 2 }, 3.5m);

        using var json = JsonDocument.Parse(ExecutionReport.Json([leg]));
        var row = json.RootElement.GetProperty("legs")[0];

        Assert.Equal("60000.05", row.GetProperty("arrival_mid").GetString());
        Assert.Equal("0.0917", row.GetProperty("shortfall_bps").GetString());
        Assert.Equal(5, row.GetProperty("orders").GetInt32());
        Assert.Equal(2, row.GetProperty("rejects").GetProperty("-5022").GetInt32());
        Assert.Equal("LONG", row.GetProperty("side").GetString());
        Assert.Contains("-5022×2", ExecutionReport.Text([leg]), StringComparison.Ordinal);
    }
}
