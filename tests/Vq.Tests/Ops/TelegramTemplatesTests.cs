using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Notify;

namespace Vq.Tests.Ops;

public sealed class TelegramTemplatesTests
{
    private static Notice Fill(PositionSide side, ExecutionMode mode, decimal before, decimal after) => new()
    {
        Kind = NoticeKind.Fill,
        Symbol = "BTCUSDT",
        Side = side,
        Mode = mode,
        Qty = 0.1m,
        Price = 50000m,
        Reason = "long_primary",
        PositionBefore = before,
        PositionAfter = after,
    };

    [Fact]
    public void Spec_142_chinese_fill_text_word_for_word()
    {
        var text = TelegramTemplates.Format(Fill(PositionSide.Long, ExecutionMode.MakerOnly, 1.0m, 0.9m), MessageLanguage.Zh);

        Assert.Equal("【已成交】平多\n  交易对: BTC/USDT\n  成交: 0.1 @ 50000\n  执行: 挂单\n  原因: long_primary\n  仓位: 1.0 -> 0.9", text);
    }

    [Fact]
    public void Chinese_fill_with_role_pnl_and_fee_places_them_after_the_mode_line()
    {
        var notice = Fill(PositionSide.Short, ExecutionMode.AggressiveLimit, 2m, 1.9m) with
        {
            IsMaker = false,
            RealizedPnl = 1.23456m,
            Fee = 0.02m,
            Reason = "panic_close@2",
        };

        var text = TelegramTemplates.Format(notice, MessageLanguage.Zh);

        Assert.Equal(
            "【已成交】平空\n  交易对: BTC/USDT\n  成交: 0.1 @ 50000\n  执行: 激进限价\n  角色: taker\n  盈亏: 1.2346 USDT\n  手续费: 0.0200 USDT\n  原因: panic_close@2\n  仓位: 2 -> 1.9",
            text);
    }

    [Fact]
    public void English_is_the_default_and_carries_the_same_facts()
    {
        var notice = Fill(PositionSide.Long, ExecutionMode.MakerOnly, 1.0m, 0.9m) with { IsMaker = true, RealizedPnl = -0.5m, Fee = 0.001m };

        var text = TelegramTemplates.Format(notice, new TelegramSettings().Language);

        Assert.Equal(
            "[FILLED] close long\n  symbol: BTC/USDT\n  filled: 0.1 @ 50000\n  mode: maker\n  role: maker\n  pnl: -0.5000 USDT\n  fee: 0.0010 USDT\n  reason: long_primary\n  position: 1.0 -> 0.9",
            text);
    }

    [Fact]
    public void Tiny_prices_print_in_full_without_exponent()
    {
        var notice = Fill(PositionSide.Long, ExecutionMode.MakerOnly, 1000000m, 999000m) with { Symbol = "1000SATSUSDT", Price = 0.0000001234m, Qty = 1000m };

        var text = TelegramTemplates.Format(notice, MessageLanguage.En);

        Assert.Contains("filled: 1000 @ 0.0000001234", text);
        Assert.DoesNotContain("E-", text);
    }

    [Fact]
    public void Spec_136_open_alert_reconnect_and_risk_texts()
    {
        var alert = new Notice { Kind = NoticeKind.OpenAlert, Symbol = "ETHUSDT", Side = PositionSide.Short, PositionBefore = 0m, PositionAfter = 1.2m };
        var reconnect = new Notice { Kind = NoticeKind.Reconnect, Stream = "market_data" };
        var risk = new Notice { Kind = NoticeKind.Risk, Symbol = "BTCUSDT", Side = PositionSide.Long, LiqDistance = 0.012345m };

        Assert.Equal("【告警】开空\n  交易对: ETH/USDT\n  仓位: 0 -> 1.2", TelegramTemplates.Format(alert, MessageLanguage.Zh));
        Assert.Equal("【重连】market_data\n  状态: 已重连", TelegramTemplates.Format(reconnect, MessageLanguage.Zh));
        Assert.Equal("【风险】平多\n  交易对: BTC/USDT\n  强平距离: 0.0123", TelegramTemplates.Format(risk, MessageLanguage.Zh));
        Assert.Equal("[ALERT] open short\n  symbol: ETH/USDT\n  position: 0 -> 1.2", TelegramTemplates.Format(alert, MessageLanguage.En));
        Assert.Equal("[RECONNECT] market_data\n  status: reconnected", TelegramTemplates.Format(reconnect, MessageLanguage.En));
        Assert.Equal("[RISK] close long\n  symbol: BTC/USDT\n  liq distance: 0.0123", TelegramTemplates.Format(risk, MessageLanguage.En));
    }

    [Fact]
    public void Spec_143_estimated_positions_when_no_change_arrives()
    {
        Assert.Equal((1.0m, 0.9m), FillPositions.Resolve(PositionSide.Long, 1.0m, 0.1m));
        var (before, after) = FillPositions.Resolve(PositionSide.Short, -0.05m, 0.1m);
        Assert.Equal("0.05 -> 0", $"{before} -> {after}");
    }

    [Fact]
    public void Observed_decrease_wins_but_an_increase_falls_back_to_the_estimate()
    {
        Assert.Equal((1.0m, 0.85m), FillPositions.Resolve(PositionSide.Long, 1.0m, 0.1m, (1.0m, 0.85m)));
        Assert.Equal((2m, 1.5m), FillPositions.Resolve(PositionSide.Short, -2m, 0.5m, (-2m, -2.5m)));
    }
}

public sealed class EngineEventNoticesTests
{
    [Fact]
    public void Open_alerts_and_risk_triggers_become_notices_and_nothing_else_does()
    {
        string[] symbols = ["BTCUSDT", "ETHUSDT"];
        var alert = new Vq.Core.Engine.EngineEvent
        {
            Kind = Vq.Core.Engine.EngineEventKind.OpenAlert, Symbol = 1, Side = PositionSide.Short, Value = 1.2m, Value2 = 0m,
        };
        var risk = new Vq.Core.Engine.EngineEvent
        {
            Kind = Vq.Core.Engine.EngineEventKind.RiskTrigger, Symbol = 0, Side = PositionSide.Long, Value = 0.012345m, Value2 = 0.015m,
        };

        Assert.True(EngineEventNotices.TryCreate(alert, symbols, out var alertNotice));
        Assert.True(EngineEventNotices.TryCreate(risk, symbols, out var riskNotice));
        Assert.Equal("【告警】开空\n  交易对: ETH/USDT\n  仓位: 0 -> 1.2", TelegramTemplates.Format(alertNotice, MessageLanguage.Zh));
        Assert.Equal("【风险】平多\n  交易对: BTC/USDT\n  强平距离: 0.0123", TelegramTemplates.Format(riskNotice, MessageLanguage.Zh));
        foreach (var kind in Enum.GetValues<Vq.Core.Engine.EngineEventKind>())
        {
            if (kind is not (Vq.Core.Engine.EngineEventKind.OpenAlert or Vq.Core.Engine.EngineEventKind.RiskTrigger))
            {
                Assert.False(EngineEventNotices.TryCreate(new Vq.Core.Engine.EngineEvent { Kind = kind, Symbol = 0 }, symbols, out _));
            }
        }
    }
}
