using System.Globalization;
using System.Text.Json;
using Vq.Sim.Matching;

namespace Vq.Sim.Wire.Json;

/// <summary>Algo order objects (BINANCE.md §3.10): <c>orderType</c> not <c>type</c>, <c>icebergQuantity</c> the string "null".</summary>
internal static class AlgoJson
{
    public static void Write(Utf8JsonWriter w, AlgoOrder a, bool withActual)
    {
        var i = a.Instrument;
        w.WriteStartObject();
        w.WriteNumber("algoId", a.AlgoId);
        w.WriteString("clientAlgoId", a.ClientAlgoId);
        w.WriteString("algoType", "CONDITIONAL");
        w.WriteString("orderType", EnumText.Of(a.Kind));
        w.WriteString("symbol", a.Symbol);
        w.WriteString("side", EnumText.Of(a.Side));
        w.WriteString("positionSide", EnumText.Of(a.PositionSide));
        w.WriteString("timeInForce", "GTC");
        w.WriteString("quantity", i.Qty(a.Quantity));
        w.WriteString("algoStatus", EnumText.Of(a.State));
        if (withActual)
        {
            w.WriteString("actualOrderId", a.ChildOrderId == 0 ? "" : a.ChildOrderId.ToString(CultureInfo.InvariantCulture));
            w.WriteString("actualPrice", a.ChildExecutedQty == 0m ? "0" : i.Price(a.ChildAvgPrice));
            w.WriteString("actualType", a.ChildOrderId == 0 ? "" : "MARKET");
            w.WriteString("actualQty", i.Qty(a.ChildExecutedQty));
        }

        w.WriteString("triggerPrice", i.Price(a.TriggerPrice));
        w.WriteString("price", i.Price(0m));
        w.WriteString("icebergQuantity", "null");
        w.WriteString("selfTradePreventionMode", "EXPIRE_MAKER");
        w.WriteString("workingType", EnumText.Of(a.WorkingType));
        w.WriteString("priceMatch", "NONE");
        w.WriteBoolean("closePosition", a.ClosePosition);
        w.WriteBoolean("priceProtect", a.PriceProtect);
        w.WriteBoolean("reduceOnly", false);
        w.WriteString("activatePrice", "");
        w.WriteString("callbackRate", "");
        w.WriteNumber("createTime", a.CreateTime);
        w.WriteNumber("updateTime", a.UpdateTime);
        w.WriteNumber("triggerTime", a.TriggerTime);
        w.WriteNumber("goodTillDate", 0);
        w.WriteEndObject();
    }

    public static byte[] One(AlgoOrder algo, bool withActual) =>
        JsonBytes.Build((algo, withActual), static (w, s) => Write(w, s.algo, s.withActual));

    public static byte[] Many(IReadOnlyList<AlgoOrder> algos) => JsonBytes.Build(algos, static (w, list) =>
    {
        w.WriteStartArray();
        foreach (var algo in list)
        {
            Write(w, algo, withActual: true);
        }

        w.WriteEndArray();
    });

    /// <summary>Cancel response: <c>code</c> is a string here, unlike cancel-all (BINANCE.md §3.10).</summary>
    public static byte[] Canceled(AlgoOrder algo) => JsonBytes.Build(algo, static (w, a) =>
    {
        w.WriteStartObject();
        w.WriteNumber("algoId", a.AlgoId);
        w.WriteString("clientAlgoId", a.ClientAlgoId);
        w.WriteString("code", "200");
        w.WriteString("msg", "success");
        w.WriteEndObject();
    });
}
