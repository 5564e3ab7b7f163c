using System.Text.Json;
using Vq.Sim.Matching;

namespace Vq.Sim.Wire.Json;

/// <summary>GET /fapi/v1/exchangeInfo (BINANCE.md §3.1): the key is <c>orderTypes</c>; <c>multiplierDecimal</c> is a string.</summary>
internal static class ExchangeInfoJson
{
    public static byte[] Build(MatchingEngine engine, RateLimitSettings limits) => JsonBytes.Build((engine, limits), static (w, s) =>
    {
        var (e, l) = s;
        w.WriteStartObject();
        w.WriteString("timezone", "UTC");
        w.WriteNumber("serverTime", e.Clock.NowMs);
        w.WriteStartArray("rateLimits");
        Limit(w, "REQUEST_WEIGHT", "MINUTE", 1, l.WeightPerMinute);
        Limit(w, "ORDERS", "MINUTE", 1, l.OrdersPerMinute);
        Limit(w, "ORDERS", "SECOND", 10, l.OrdersPer10Seconds);
        w.WriteEndArray();
        w.WriteStartArray("exchangeFilters");
        w.WriteEndArray();
        w.WriteStartArray("assets");
        w.WriteStartObject();
        w.WriteString("asset", "USDT");
        w.WriteBoolean("marginAvailable", true);
        w.WriteString("autoAssetExchange", "0");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("symbols");
        foreach (var i in e.Instruments)
        {
            WriteSymbol(w, i);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static void Limit(Utf8JsonWriter w, string type, string interval, int intervalNum, int limit)
    {
        w.WriteStartObject();
        w.WriteString("rateLimitType", type);
        w.WriteString("interval", interval);
        w.WriteNumber("intervalNum", intervalNum);
        w.WriteNumber("limit", limit);
        w.WriteEndObject();
    }

    private static void WriteSymbol(Utf8JsonWriter w, Instrument i)
    {
        w.WriteStartObject();
        w.WriteString("symbol", i.Symbol);
        w.WriteString("pair", i.Symbol);
        w.WriteString("contractType", "PERPETUAL");
        w.WriteNumber("deliveryDate", 4133404800000);
        w.WriteNumber("onboardDate", 1569398400000);
        w.WriteString("status", "TRADING");
        w.WriteString("maintMarginPercent", DecimalText.Fixed(i.MaintMarginRate * 100m, 4));
        w.WriteString("requiredMarginPercent", "5.0000");
        w.WriteString("baseAsset", i.BaseAsset);
        w.WriteString("quoteAsset", i.QuoteAsset);
        w.WriteString("marginAsset", "USDT");
        w.WriteNumber("pricePrecision", i.PricePrecision);
        w.WriteNumber("quantityPrecision", i.QuantityPrecision);
        w.WriteNumber("baseAssetPrecision", 8);
        w.WriteNumber("quotePrecision", 8);
        w.WriteString("underlyingType", "COIN");
        w.WriteStartArray("underlyingSubType");
        w.WriteEndArray();
        w.WriteNumber("settlePlan", 0);
        w.WriteString("triggerProtect", "0.0500");
        w.WriteString("liquidationFee", "0.012500");
        w.WriteString("marketTakeBound", "0.05");
        w.WriteStartArray("filters");
        w.WriteStartObject();
        w.WriteString("filterType", "PRICE_FILTER");
        w.WriteString("minPrice", i.Price(i.MinPrice));
        w.WriteString("maxPrice", DecimalText.Plain(i.MaxPrice));
        w.WriteString("tickSize", i.Price(i.TickSize));
        w.WriteEndObject();
        Lot(w, "LOT_SIZE", i, i.MaxQty);
        Lot(w, "MARKET_LOT_SIZE", i, i.MarketMaxQty);
        w.WriteStartObject();
        w.WriteString("filterType", "MAX_NUM_ORDERS");
        w.WriteNumber("limit", i.MaxOpenOrders);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "MIN_NOTIONAL");
        w.WriteString("notional", DecimalText.Plain(i.MinNotional));
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "PERCENT_PRICE");
        w.WriteString("multiplierUp", DecimalText.Fixed(i.MultiplierUp, 4));
        w.WriteString("multiplierDown", DecimalText.Fixed(i.MultiplierDown, 4));
        w.WriteString("multiplierDecimal", "4");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("orderTypes");
        foreach (var type in (ReadOnlySpan<string>)["LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"])
        {
            w.WriteStringValue(type);
        }

        w.WriteEndArray();
        w.WriteStartArray("timeInForce");
        foreach (var tif in (ReadOnlySpan<string>)["GTC", "IOC", "FOK", "GTX", "GTD"])
        {
            w.WriteStringValue(tif);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Lot(Utf8JsonWriter w, string type, Instrument i, decimal maxQty)
    {
        w.WriteStartObject();
        w.WriteString("filterType", type);
        w.WriteString("minQty", i.Qty(i.MinQty));
        w.WriteString("maxQty", DecimalText.Plain(maxQty));
        w.WriteString("stepSize", i.Qty(i.StepSize));
        w.WriteEndObject();
    }
}
