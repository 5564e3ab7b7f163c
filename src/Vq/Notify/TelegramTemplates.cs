using System.Globalization;
using System.Text;
using Vq.Core.Config;
using Vq.Core.Primitives;

namespace Vq.Notify;

/// <summary>
/// Message texts (D19). <see cref="MessageLanguage.Zh"/> reproduces the original's Chinese templates word for word
/// (§5.8: every line after the first starts with two spaces); English is the default. Quantities and prices print as
/// given (invariant culture, never an exponent); PnL, fee and liquidation distance print with 4 decimals as the
/// original did. Pure and thread-safe.
/// </summary>
public static class TelegramTemplates
{
    public static string Format(in Notice notice, MessageLanguage language) => notice.Kind switch
    {
        NoticeKind.Fill => Fill(notice, language),
        NoticeKind.OpenAlert => OpenAlert(notice, language),
        NoticeKind.Reconnect => Reconnect(notice, language),
        NoticeKind.Risk => Risk(notice, language),
        _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, "unknown notice kind"),
    };

    private static string Fill(in Notice n, MessageLanguage language)
    {
        var zh = language == MessageLanguage.Zh;
        var text = new StringBuilder(192);
        text.Append(zh ? "【已成交】" : "[FILLED] ").Append(CloseAction(n.Side, zh));
        Line(text, zh ? "交易对" : "symbol", Symbols.ToDisplay(n.Symbol));
        Line(text, zh ? "成交" : "filled", Full(n.Qty) + " @ " + Full(n.Price));
        Line(text, zh ? "执行" : "mode", ModeLabel(n.Mode, zh));
        if (n.IsMaker is { } isMaker)
        {
            Line(text, zh ? "角色" : "role", isMaker ? "maker" : "taker");
        }

        if (n.RealizedPnl is { } pnl)
        {
            Line(text, zh ? "盈亏" : "pnl", Fixed4(pnl) + " USDT");
        }

        if (n.Fee is { } fee)
        {
            Line(text, zh ? "手续费" : "fee", Fixed4(fee) + " USDT");
        }

        Line(text, zh ? "原因" : "reason", n.Reason ?? "");
        Line(text, zh ? "仓位" : "position", Full(n.PositionBefore) + " -> " + Full(n.PositionAfter));
        return text.ToString();
    }

    private static string OpenAlert(in Notice n, MessageLanguage language)
    {
        var zh = language == MessageLanguage.Zh;
        var text = new StringBuilder(96);
        text.Append(zh ? "【告警】" : "[ALERT] ").Append(OpenAction(n.Side, zh));
        Line(text, zh ? "交易对" : "symbol", Symbols.ToDisplay(n.Symbol));
        Line(text, zh ? "仓位" : "position", Full(n.PositionBefore) + " -> " + Full(n.PositionAfter));
        return text.ToString();
    }

    private static string Reconnect(in Notice n, MessageLanguage language)
    {
        var zh = language == MessageLanguage.Zh;
        var text = new StringBuilder(48);
        text.Append(zh ? "【重连】" : "[RECONNECT] ").Append(n.Stream);
        Line(text, zh ? "状态" : "status", zh ? "已重连" : "reconnected");
        return text.ToString();
    }

    private static string Risk(in Notice n, MessageLanguage language)
    {
        var zh = language == MessageLanguage.Zh;
        var text = new StringBuilder(80);
        text.Append(zh ? "【风险】" : "[RISK] ").Append(CloseAction(n.Side, zh));
        Line(text, zh ? "交易对" : "symbol", Symbols.ToDisplay(n.Symbol));
        Line(text, zh ? "强平距离" : "liq distance", Fixed4(n.LiqDistance));
        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append("\n  ").Append(label).Append(": ").Append(value);

    private static string CloseAction(PositionSide side, bool zh) => side == PositionSide.Long
        ? (zh ? "平多" : "close long")
        : (zh ? "平空" : "close short");

    private static string OpenAction(PositionSide side, bool zh) => side == PositionSide.Long
        ? (zh ? "开多" : "open long")
        : (zh ? "开空" : "open short");

    private static string ModeLabel(ExecutionMode mode, bool zh) => mode == ExecutionMode.MakerOnly
        ? (zh ? "挂单" : "maker")
        : (zh ? "激进限价" : "aggressive limit");

    private static string Full(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fixed4(decimal value) =>
        decimal.Round(value, 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture);
}
