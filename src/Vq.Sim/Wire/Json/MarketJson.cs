using System.Text.Json;
using Vq.Sim.Matching;

namespace Vq.Sim.Wire.Json;

/// <summary>Market stream payloads (BINANCE.md §6): bookTicker, aggTrade, markPriceUpdate.</summary>
internal static class MarketJson
{
    public static byte[] BookTicker(BookState book, long now) => JsonBytes.Build((book, now), static (w, s) =>
    {
        var (b, t) = s;
        var i = b.Instrument;
        w.WriteStartObject();
        w.WriteString("e", "bookTicker");
        w.WriteNumber("u", b.UpdateId);
        w.WriteNumber("E", t);
        w.WriteNumber("T", t);
        w.WriteString("s", i.Symbol);
        w.WriteString("b", i.Price(b.Bid));
        w.WriteString("B", i.Qty(b.BidQty));
        w.WriteString("a", i.Price(b.Ask));
        w.WriteString("A", i.Qty(b.AskQty));
        w.WriteEndObject();
    });

    public static byte[] AggTrade(Instrument i, long aggId, decimal price, decimal qty, bool buyerIsMaker, long now) =>
        JsonBytes.Build((i, aggId, price, qty, buyerIsMaker, now), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("e", "aggTrade");
            w.WriteNumber("E", s.now);
            w.WriteString("s", s.i.Symbol);
            w.WriteNumber("a", s.aggId);
            w.WriteString("p", s.i.Price(s.price));
            w.WriteString("q", s.i.Qty(s.qty));
            w.WriteString("nq", s.i.Qty(s.qty));
            w.WriteNumber("f", s.aggId);
            w.WriteNumber("l", s.aggId);
            w.WriteNumber("T", s.now);
            w.WriteBoolean("m", s.buyerIsMaker);
            w.WriteEndObject();
        });

    public static byte[] MarkPrice(BookState book, long now) => JsonBytes.Build((book, now), static (w, s) =>
    {
        var (b, t) = s;
        w.WriteStartObject();
        w.WriteString("e", "markPriceUpdate");
        w.WriteNumber("E", t);
        w.WriteString("s", b.Symbol);
        w.WriteString("p", DecimalText.Fixed(b.Mark, 8));
        w.WriteString("ap", DecimalText.Fixed(b.Mark, 8));
        w.WriteString("i", DecimalText.Fixed(b.Index, 8));
        w.WriteString("P", DecimalText.Fixed(b.Mark, 8));
        w.WriteString("r", DecimalText.Fixed(b.FundingRate, 8));
        w.WriteNumber("T", b.NextFundingTime);
        w.WriteEndObject();
    });
}
