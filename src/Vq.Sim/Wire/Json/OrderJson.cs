using System.Text.Json;
using Vq.Sim.Matching;

namespace Vq.Sim.Wire.Json;

/// <summary>REST order objects (BINANCE.md §3.6–§3.8): decimals as strings with the symbol's precision, ids as numbers.</summary>
internal static class OrderJson
{
    public static void Write(Utf8JsonWriter w, SimOrder o, bool withTime)
    {
        var i = o.Instrument;
        w.WriteStartObject();
        w.WriteNumber("orderId", o.OrderId);
        w.WriteString("symbol", o.Symbol);
        w.WriteString("status", EnumText.Of(o.State));
        w.WriteString("clientOrderId", o.ClientOrderId);
        w.WriteString("price", o.Kind == OrderKind.Limit ? i.Price(o.Price) : "0");
        w.WriteString("avgPrice", AvgPrice(o));
        w.WriteString("origQty", i.Qty(o.OrigQty));
        w.WriteString("executedQty", i.Qty(o.ExecutedQty));
        w.WriteString("cumQty", i.Qty(o.ExecutedQty));
        w.WriteString("cumQuote", Quote(i, o.CumQuote));
        w.WriteString("timeInForce", EnumText.Of(o.TimeInForce));
        w.WriteString("type", EnumText.Of(o.Kind));
        w.WriteBoolean("reduceOnly", o.IsClose);
        var parent = o.ParentAlgo;
        w.WriteBoolean("closePosition", parent?.ClosePosition ?? false);
        w.WriteString("side", EnumText.Of(o.Side));
        w.WriteString("positionSide", EnumText.Of(o.PositionSide));
        w.WriteString("stopPrice", parent is null ? "0" : i.Price(parent.TriggerPrice));
        w.WriteString("workingType", parent is null ? "CONTRACT_PRICE" : EnumText.Of(parent.WorkingType));
        w.WriteBoolean("priceProtect", false);
        w.WriteString("origType", parent is null ? EnumText.Of(o.Kind) : EnumText.Of(parent.Kind));
        w.WriteString("priceMatch", "NONE");
        w.WriteString("selfTradePreventionMode", "NONE");
        w.WriteNumber("goodTillDate", 0);
        if (withTime)
        {
            w.WriteNumber("time", o.Time);
        }

        w.WriteNumber("updateTime", o.UpdateTime);
        w.WriteEndObject();
    }

    public static string AvgPrice(SimOrder o) =>
        o.ExecutedQty == 0m ? "0.00" : DecimalText.Fixed(o.AvgPrice, Math.Min(8, o.Instrument.PricePrecision + 3));

    public static string Quote(Instrument i, decimal value) => DecimalText.Fixed(value, Math.Min(8, i.PricePrecision + i.QuantityPrecision));

    public static byte[] One(SimOrder order, bool withTime) =>
        JsonBytes.Build((order, withTime), static (w, s) => Write(w, s.order, s.withTime));

    public static byte[] Many(IReadOnlyList<SimOrder> orders) => JsonBytes.Build(orders, static (w, list) =>
    {
        w.WriteStartArray();
        foreach (var order in list)
        {
            Write(w, order, withTime: true);
        }

        w.WriteEndArray();
    });
}
