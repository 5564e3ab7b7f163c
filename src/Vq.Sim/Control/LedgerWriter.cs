using System.Text.Json;
using Vq.Sim.Matching;
using Vq.Sim.Wire.Json;

namespace Vq.Sim.Control;

/// <summary>The control plane's JSON views of the ledger and of the current state (docs/sim.md "Control plane").</summary>
internal static class LedgerWriter
{
    public static byte[] Write(MatchingEngine engine, bool includeRequests) => JsonBytes.Build((engine, includeRequests), static (w, s) =>
    {
        var (e, requests) = s;
        var ledger = e.Ledger;
        w.WriteStartObject();
        w.WriteStartArray("orders");
        foreach (var order in e.AllOrders)
        {
            OrderJson.Write(w, order, withTime: true);
        }

        w.WriteEndArray();
        w.WriteStartArray("algoOrders");
        foreach (var algo in e.AllAlgoOrders)
        {
            AlgoJson.Write(w, algo, withActual: true);
        }

        w.WriteEndArray();
        w.WriteStartArray("fills");
        foreach (var f in ledger.Fills)
        {
            var i = e.FindInstrument(f.Symbol)!;
            w.WriteStartObject();
            w.WriteNumber("tradeId", f.TradeId);
            w.WriteNumber("orderId", f.OrderId);
            w.WriteString("clientOrderId", f.ClientOrderId);
            w.WriteString("symbol", f.Symbol);
            w.WriteString("side", EnumText.Of(f.Side));
            w.WriteString("positionSide", EnumText.Of(f.PositionSide));
            w.WriteString("price", i.Price(f.Price));
            w.WriteString("qty", i.Qty(f.Qty));
            w.WriteString("commission", DecimalText.Money(f.Commission));
            w.WriteString("realizedPnl", DecimalText.Money(f.RealizedPnl));
            w.WriteBoolean("maker", f.Maker);
            w.WriteNumber("time", f.Time);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("cancels");
        foreach (var c in ledger.Cancels)
        {
            w.WriteStartObject();
            w.WriteNumber("orderId", c.OrderId);
            w.WriteString("clientOrderId", c.ClientOrderId);
            w.WriteString("symbol", c.Symbol);
            w.WriteString("reason", c.Reason);
            w.WriteNumber("time", c.Time);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("rejectsByCode");
        foreach (var (code, count) in ledger.RejectCounts)
        {
            w.WriteNumber(code.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
        }

        w.WriteEndObject();
        w.WriteStartArray("rejects");
        foreach (var r in ledger.Rejects)
        {
            w.WriteStartObject();
            w.WriteString("endpoint", r.Endpoint);
            w.WriteNumber("code", r.Code);
            w.WriteString("msg", r.Message);
            w.WriteNumber("time", r.Time);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WritePositions(w, e);
        if (requests)
        {
            w.WriteStartArray("requests");
            foreach (var r in ledger.Requests)
            {
                w.WriteStartObject();
                w.WriteString("method", r.Method);
                w.WriteString("path", r.Path);
                w.WriteNumber("weight", r.Weight);
                w.WriteNumber("orders", r.OrderCount);
                w.WriteNumber("status", r.Status);
                w.WriteNumber("code", r.Code);
                w.WriteNumber("time", r.Time);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    });

    public static byte[] State(MatchingEngine engine, string? listenKey, int connections) => JsonBytes.Build((engine, listenKey, connections), static (w, s) =>
    {
        var e = s.engine;
        w.WriteStartObject();
        w.WriteNumber("serverTime", e.Clock.NowMs);
        w.WriteString("walletBalance", DecimalText.Money(e.Account.WalletBalance));
        w.WriteBoolean("hedgeMode", e.Account.HedgeMode);
        w.WriteString("listenKey", s.listenKey ?? "");
        w.WriteNumber("connections", s.connections);
        w.WriteNumber("openOrders", e.OpenOrders.Count);
        w.WriteNumber("openAlgoOrders", e.OpenAlgoOrders.Count);
        w.WriteStartArray("books");
        foreach (var instrument in e.Instruments)
        {
            var b = e.Book(instrument.Symbol)!;
            w.WriteStartObject();
            w.WriteString("symbol", instrument.Symbol);
            w.WriteString("bid", instrument.Price(b.Bid));
            w.WriteString("bidQty", instrument.Qty(b.BidQty));
            w.WriteString("ask", instrument.Price(b.Ask));
            w.WriteString("askQty", instrument.Qty(b.AskQty));
            w.WriteString("mark", DecimalText.Fixed(b.Mark, 8));
            w.WriteString("last", instrument.Price(b.LastPrice));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WritePositions(w, e);
        w.WriteEndObject();
    });

    private static void WritePositions(Utf8JsonWriter w, MatchingEngine e)
    {
        w.WriteStartArray("positions");
        foreach (var leg in e.Account.Legs)
        {
            var mark = e.Book(leg.Symbol)!.Mark;
            w.WriteStartObject();
            w.WriteString("symbol", leg.Symbol);
            w.WriteString("positionSide", EnumText.Of(leg.Side));
            w.WriteString("positionAmt", leg.Instrument.Qty(leg.SignedAmount));
            w.WriteString("entryPrice", DecimalText.Fixed(leg.EntryPrice, 8));
            w.WriteString("liquidationPrice", DecimalText.Fixed(e.LiquidationPrice(leg), 8));
            w.WriteString("unRealizedProfit", DecimalText.Money(leg.UnrealizedPnl(mark)));
            w.WriteString("realizedPnl", DecimalText.Money(leg.CumRealized));
            w.WriteNumber("leverage", leg.Leverage);
            w.WriteString("marginType", EnumText.Of(leg.MarginMode));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
