using System.Globalization;
using System.Text.Json;
using Vq.Sim.Matching;

namespace Vq.Sim.Wire.Json;

/// <summary>User-data stream payloads in Binance's exact shapes and JSON types (BINANCE.md §7).</summary>
internal static class UserEventJson
{
    public static string EventType(UserEvent e) => e switch
    {
        OrderTradeUpdate => "ORDER_TRADE_UPDATE",
        AccountUpdate => "ACCOUNT_UPDATE",
        AlgoUpdate => "ALGO_UPDATE",
        AccountConfigUpdate => "ACCOUNT_CONFIG_UPDATE",
        _ => "listenKeyExpired",
    };

    public static byte[] Serialize(UserEvent e) => JsonBytes.Build(e, static (w, ev) => Write(w, ev));

    public static void Write(Utf8JsonWriter w, UserEvent e)
    {
        switch (e)
        {
            case OrderTradeUpdate o: WriteOrder(w, o); break;
            case AccountUpdate a: WriteAccount(w, a); break;
            case AlgoUpdate a: WriteAlgo(w, a); break;
            case AccountConfigUpdate c:
                w.WriteStartObject();
                w.WriteString("e", "ACCOUNT_CONFIG_UPDATE");
                w.WriteNumber("E", c.EventTime);
                w.WriteNumber("T", c.TransactionTime);
                w.WriteStartObject("ac");
                w.WriteString("s", c.Symbol);
                w.WriteNumber("l", c.Leverage);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case ListenKeyExpired k:
                w.WriteStartObject();
                w.WriteString("e", "listenKeyExpired");
                w.WriteNumber("E", k.EventTime);
                w.WriteString("listenKey", k.ListenKey);
                w.WriteEndObject();
                break;
        }
    }

    private static void WriteOrder(Utf8JsonWriter w, OrderTradeUpdate u)
    {
        var o = u.Order;
        var i = o.Instrument;
        var trade = u.Exec is ExecType.Trade or ExecType.Calculated;
        w.WriteStartObject();
        w.WriteString("e", "ORDER_TRADE_UPDATE");
        w.WriteNumber("E", u.EventTime);
        w.WriteNumber("T", u.TransactionTime);
        w.WriteStartObject("o");
        w.WriteString("s", o.Symbol);
        w.WriteString("c", o.ClientOrderId);
        w.WriteString("S", EnumText.Of(o.Side));
        w.WriteString("o", EnumText.Of(o.Kind));
        w.WriteString("f", EnumText.Of(o.TimeInForce));
        w.WriteString("q", i.Qty(o.OrigQty));
        w.WriteString("p", o.Kind == OrderKind.Market ? "0" : i.Price(o.Price));
        w.WriteString("ap", o.ExecutedQty == 0m ? "0" : OrderJson.AvgPrice(o));
        var parent = o.ParentAlgo;
        w.WriteString("sp", parent is null ? "0" : i.Price(parent.TriggerPrice));
        w.WriteString("x", EnumText.Of(u.Exec));
        w.WriteString("X", EnumText.Of(o.State));
        w.WriteNumber("i", o.OrderId);
        w.WriteString("l", trade ? i.Qty(u.LastQty) : "0");
        w.WriteString("z", i.Qty(o.ExecutedQty));
        w.WriteString("L", trade ? i.Price(u.LastPrice) : "0");
        if (trade && u.Commission != 0m)
        {
            // N and n are absent when there is no commission (BINANCE.md §7.1).
            w.WriteString("N", "USDT");
            w.WriteString("n", DecimalText.Money(u.Commission));
        }

        w.WriteNumber("T", u.TransactionTime);
        w.WriteNumber("t", trade ? u.TradeId : 0);
        w.WriteString("b", "0");
        w.WriteString("a", "0");
        w.WriteBoolean("m", trade && u.Maker);
        w.WriteBoolean("R", o.IsClose);
        w.WriteString("wt", parent is null ? "CONTRACT_PRICE" : EnumText.Of(parent.WorkingType));
        w.WriteString("ot", parent is null ? EnumText.Of(o.Kind) : EnumText.Of(parent.Kind));
        w.WriteString("ps", EnumText.Of(o.PositionSide));
        w.WriteBoolean("cp", parent?.ClosePosition ?? false);
        w.WriteString("rp", DecimalText.Money(u.RealizedPnl));
        w.WriteBoolean("pP", false);
        w.WriteNumber("si", 0);
        w.WriteNumber("ss", 0);
        w.WriteString("V", "NONE");
        w.WriteString("pm", "NONE");
        w.WriteNumber("gtd", 0);
        w.WriteString("er", (u.Exec == ExecType.Expired ? o.ExpireReason : 0).ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteAccount(Utf8JsonWriter w, AccountUpdate a)
    {
        w.WriteStartObject();
        w.WriteString("e", "ACCOUNT_UPDATE");
        w.WriteNumber("E", a.EventTime);
        w.WriteNumber("T", a.TransactionTime);
        w.WriteStartObject("a");
        w.WriteString("m", a.Reason);
        w.WriteStartArray("B");
        w.WriteStartObject();
        w.WriteString("a", "USDT");
        w.WriteString("wb", DecimalText.Money(a.WalletBalance));
        w.WriteString("cw", DecimalText.Money(a.CrossWalletBalance));
        w.WriteString("bc", DecimalText.Money(a.BalanceChange));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("P");
        foreach (var leg in a.Legs)
        {
            w.WriteStartObject();
            w.WriteString("s", leg.Symbol);
            w.WriteString("pa", leg.Instrument.Qty(leg.SignedAmount));
            w.WriteString("ep", DecimalText.Fixed(leg.EntryPrice, 8));
            w.WriteString("bep", DecimalText.Fixed(leg.BreakEven, 8));
            w.WriteString("cr", DecimalText.Money(leg.CumRealized));
            w.WriteString("up", DecimalText.Money(leg.Unrealized));
            w.WriteString("mt", EnumText.Of(leg.MarginMode));
            w.WriteString("iw", DecimalText.Money(leg.IsolatedWallet));
            w.WriteString("ps", EnumText.Of(leg.Side));
            w.WriteString("ma", "USDT");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteAlgo(Utf8JsonWriter w, AlgoUpdate u)
    {
        var a = u.Algo;
        var i = a.Instrument;
        w.WriteStartObject();
        w.WriteString("e", "ALGO_UPDATE");
        w.WriteNumber("T", u.TransactionTime);
        w.WriteNumber("E", u.EventTime);
        w.WriteStartObject("o");
        w.WriteString("caid", a.ClientAlgoId);
        w.WriteNumber("aid", a.AlgoId);
        w.WriteString("at", "CONDITIONAL");
        w.WriteString("o", EnumText.Of(a.Kind));
        w.WriteString("s", a.Symbol);
        w.WriteString("S", EnumText.Of(a.Side));
        w.WriteString("ps", EnumText.Of(a.PositionSide));
        w.WriteString("f", "GTC");
        w.WriteString("q", i.Qty(a.Quantity));
        w.WriteString("X", EnumText.Of(a.State));
        w.WriteString("ai", a.ChildOrderId == 0 ? "" : a.ChildOrderId.ToString(CultureInfo.InvariantCulture));
        w.WriteString("ap", a.ChildExecutedQty == 0m ? "0" : i.Price(a.ChildAvgPrice));
        w.WriteString("aq", i.Qty(a.ChildExecutedQty));
        w.WriteString("act", a.ChildOrderId == 0 ? "" : "MARKET");
        w.WriteString("tp", i.Price(a.TriggerPrice));
        w.WriteString("p", "0");
        w.WriteString("V", "EXPIRE_MAKER");
        w.WriteString("wt", EnumText.Of(a.WorkingType));
        w.WriteString("pm", "NONE");
        w.WriteBoolean("cp", a.ClosePosition);
        w.WriteBoolean("pP", a.PriceProtect);
        w.WriteBoolean("R", false);
        w.WriteNumber("tt", a.TriggerTime);
        w.WriteNumber("gtd", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
