using System.Text.Json;
using Vq.Sim.Matching;

namespace Vq.Sim.Wire.Json;

/// <summary>positionRisk v2/v3, symbolConfig and account v2/v3 (BINANCE.md §3.2, §3.4). Mind the casing quirks.</summary>
internal static class AccountJson
{
    public static byte[] PositionRiskV2(MatchingEngine engine, string? symbol) => JsonBytes.Build((engine, symbol), static (w, s) =>
    {
        var (e, only) = s;
        w.WriteStartArray();
        foreach (var instrument in e.Instruments)
        {
            if (only is not null && instrument.Symbol != only)
            {
                continue;
            }

            // Hedge mode: a LONG and a SHORT row per symbol, zero rows included.
            foreach (var side in (ReadOnlySpan<LegSide>)[LegSide.Long, LegSide.Short])
            {
                var leg = e.Account.GetLeg(instrument, side);
                var mark = e.Book(instrument.Symbol)!.Mark;
                var view = e.View(leg, mark);
                w.WriteStartObject();
                w.WriteString("symbol", instrument.Symbol);
                w.WriteString("positionAmt", instrument.Qty(leg.SignedAmount));
                w.WriteString("entryPrice", DecimalText.Fixed(leg.EntryPrice, 8));
                w.WriteString("breakEvenPrice", DecimalText.Fixed(view.BreakEven, 8));
                w.WriteString("markPrice", DecimalText.Fixed(mark, 8));
                w.WriteString("unRealizedProfit", DecimalText.Money(view.Unrealized));
                w.WriteString("liquidationPrice", DecimalText.Fixed(e.LiquidationPrice(leg), 8));
                w.WriteString("leverage", leg.Leverage.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("maxNotionalValue", "100000000");
                w.WriteString("marginType", EnumText.Of(leg.MarginMode));
                w.WriteString("isolatedMargin", DecimalText.Money(leg.IsolatedWallet + (leg.MarginMode == MarginMode.Isolated ? view.Unrealized : 0m)));
                w.WriteString("isAutoAddMargin", "false");
                w.WriteString("positionSide", EnumText.Of(side));
                w.WriteString("notional", DecimalText.Money(leg.Notional(mark)));
                w.WriteString("isolatedWallet", DecimalText.Money(leg.IsolatedWallet));
                w.WriteNumber("updateTime", leg.UpdateTime);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
    });

    public static byte[] PositionRiskV3(MatchingEngine engine, string? symbol) => JsonBytes.Build((engine, symbol), static (w, s) =>
    {
        var (e, only) = s;
        w.WriteStartArray();
        foreach (var leg in e.Account.Legs)
        {
            if ((only is not null && leg.Symbol != only) || (leg.Amount == 0m && !HasOpenOrders(e, leg)))
            {
                continue;
            }

            var mark = e.Book(leg.Symbol)!.Mark;
            var view = e.View(leg, mark);
            w.WriteStartObject();
            w.WriteString("symbol", leg.Symbol);
            w.WriteString("positionSide", EnumText.Of(leg.Side));
            w.WriteString("positionAmt", leg.Instrument.Qty(leg.SignedAmount));
            w.WriteString("entryPrice", DecimalText.Fixed(leg.EntryPrice, 8));
            w.WriteString("breakEvenPrice", DecimalText.Fixed(view.BreakEven, 8));
            w.WriteString("markPrice", DecimalText.Fixed(mark, 8));
            w.WriteString("unRealizedProfit", DecimalText.Money(view.Unrealized));
            w.WriteString("liquidationPrice", DecimalText.Fixed(e.LiquidationPrice(leg), 8));
            w.WriteString("isolatedMargin", DecimalText.Money(leg.IsolatedWallet));
            w.WriteString("notional", DecimalText.Money(leg.Notional(mark)));
            w.WriteString("marginAsset", "USDT");
            w.WriteString("isolatedWallet", DecimalText.Money(leg.IsolatedWallet));
            w.WriteString("initialMargin", DecimalText.Money(leg.InitialMargin(mark)));
            w.WriteString("maintMargin", DecimalText.Money(leg.MaintMargin(mark)));
            w.WriteString("positionInitialMargin", DecimalText.Money(leg.InitialMargin(mark)));
            w.WriteString("openOrderInitialMargin", "0");
            w.WriteNumber("adl", 2);
            w.WriteString("bidNotional", "0");
            w.WriteString("askNotional", "0");
            w.WriteNumber("updateTime", leg.UpdateTime);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private static bool HasOpenOrders(MatchingEngine engine, Leg leg)
    {
        foreach (var order in engine.OpenOrders)
        {
            if (order.Symbol == leg.Symbol && order.PositionSide == leg.Side)
            {
                return true;
            }
        }

        return false;
    }

    public static byte[] SymbolConfig(MatchingEngine engine, string? symbol) => JsonBytes.Build((engine, symbol), static (w, s) =>
    {
        var (e, only) = s;
        w.WriteStartArray();
        foreach (var instrument in e.Instruments)
        {
            if (only is not null && instrument.Symbol != only)
            {
                continue;
            }

            var leg = e.Account.GetLeg(instrument, LegSide.Long);
            w.WriteStartObject();
            w.WriteString("symbol", instrument.Symbol);
            w.WriteString("marginType", leg.MarginMode == MarginMode.Cross ? "CROSSED" : "ISOLATED");
            w.WriteBoolean("isAutoAddMargin", false);
            w.WriteNumber("leverage", leg.Leverage);
            w.WriteString("maxNotionalValue", "100000000");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    public static byte[] Account(MatchingEngine engine, bool v2) => JsonBytes.Build((engine, v2), static (w, s) =>
    {
        var (e, isV2) = s;
        decimal unrealized = 0m, maint = 0m, initial = 0m;
        foreach (var leg in e.Account.Legs)
        {
            var mark = e.Book(leg.Symbol)!.Mark;
            unrealized += leg.UnrealizedPnl(mark);
            maint += leg.MaintMargin(mark);
            initial += leg.InitialMargin(mark);
        }

        var wallet = e.Account.WalletBalance;
        var available = Math.Max(0m, wallet + unrealized - initial);
        w.WriteStartObject();
        if (isV2)
        {
            w.WriteNumber("feeTier", 0);
            w.WriteBoolean("canTrade", true);
            w.WriteBoolean("canDeposit", true);
            w.WriteBoolean("canWithdraw", true);
            w.WriteBoolean("multiAssetsMargin", false);
            w.WriteNumber("tradeGroupId", -1);
        }

        w.WriteString("totalInitialMargin", DecimalText.Money(initial));
        w.WriteString("totalMaintMargin", DecimalText.Money(maint));
        w.WriteString("totalWalletBalance", DecimalText.Money(wallet));
        w.WriteString("totalUnrealizedProfit", DecimalText.Money(unrealized));
        w.WriteString("totalMarginBalance", DecimalText.Money(wallet + unrealized));
        w.WriteString("totalPositionInitialMargin", DecimalText.Money(initial));
        w.WriteString("totalOpenOrderInitialMargin", DecimalText.Money(0m));
        w.WriteString("totalCrossWalletBalance", DecimalText.Money(e.CrossWalletBalance()));
        w.WriteString("totalCrossUnPnl", DecimalText.Money(unrealized));
        w.WriteString("availableBalance", DecimalText.Money(available));
        w.WriteString("maxWithdrawAmount", DecimalText.Money(available));
        w.WriteStartArray("assets");
        w.WriteStartObject();
        w.WriteString("asset", "USDT");
        w.WriteString("walletBalance", DecimalText.Money(wallet));
        w.WriteString("unrealizedProfit", DecimalText.Money(unrealized));
        w.WriteString("marginBalance", DecimalText.Money(wallet + unrealized));
        w.WriteString("maintMargin", DecimalText.Money(maint));
        w.WriteString("initialMargin", DecimalText.Money(initial));
        w.WriteString("positionInitialMargin", DecimalText.Money(initial));
        w.WriteString("openOrderInitialMargin", DecimalText.Money(0m));
        w.WriteString("crossWalletBalance", DecimalText.Money(e.CrossWalletBalance()));
        w.WriteString("crossUnPnl", DecimalText.Money(unrealized));
        w.WriteString("availableBalance", DecimalText.Money(available));
        w.WriteString("maxWithdrawAmount", DecimalText.Money(available));
        w.WriteNumber("updateTime", e.Clock.NowMs);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("positions");
        foreach (var leg in e.Account.Legs)
        {
            var mark = e.Book(leg.Symbol)!.Mark;
            w.WriteStartObject();
            w.WriteString("symbol", leg.Symbol);
            w.WriteString("positionSide", EnumText.Of(leg.Side));
            w.WriteString("positionAmt", leg.Instrument.Qty(leg.SignedAmount));
            w.WriteString("unrealizedProfit", DecimalText.Money(leg.UnrealizedPnl(mark)));
            w.WriteString("isolatedMargin", DecimalText.Money(leg.IsolatedWallet));
            w.WriteString("notional", DecimalText.Money(leg.Notional(mark)));
            w.WriteString("isolatedWallet", DecimalText.Money(leg.IsolatedWallet));
            w.WriteString("initialMargin", DecimalText.Money(leg.InitialMargin(mark)));
            w.WriteString("maintMargin", DecimalText.Money(leg.MaintMargin(mark)));
            if (isV2)
            {
                w.WriteString("leverage", leg.Leverage.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteBoolean("isolated", leg.MarginMode == MarginMode.Isolated);
                w.WriteString("entryPrice", DecimalText.Fixed(leg.EntryPrice, 8));
                w.WriteString("maxNotional", "100000000");
                w.WriteString("bidNotional", "0");
                w.WriteString("askNotional", "0");
            }

            w.WriteNumber("updateTime", leg.UpdateTime);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] UserTrades(MatchingEngine engine, string symbol, long? orderId, long? startTime, long? endTime, int limit)
    {
        var fills = new List<FillRecord>();
        foreach (var fill in engine.Ledger.Fills)
        {
            if (fill.Symbol == symbol && (orderId is not { } id || fill.OrderId == id)
                && (startTime is not { } from || fill.Time >= from) && (endTime is not { } to || fill.Time <= to))
            {
                fills.Add(fill);
            }
        }

        // From a start time: the oldest first; otherwise the most recent ones.
        var skip = startTime is null && fills.Count > limit ? fills.Count - limit : 0;
        var page = fills.GetRange(skip, Math.Min(limit, fills.Count - skip));
        return UserTrades(engine, page);
    }

    private static byte[] UserTrades(MatchingEngine engine, List<FillRecord> fills) => JsonBytes.Build((engine, fills), static (w, s) =>
    {
        w.WriteStartArray();
        foreach (var fill in s.fills)
        {

            var i = s.engine.FindInstrument(fill.Symbol)!;
            w.WriteStartObject();
            w.WriteBoolean("buyer", fill.Side == Side.Buy);
            w.WriteString("commission", DecimalText.Money(fill.Commission));
            w.WriteString("commissionAsset", "USDT");
            w.WriteNumber("id", fill.TradeId);
            w.WriteBoolean("maker", fill.Maker);
            w.WriteNumber("orderId", fill.OrderId);
            w.WriteString("price", i.Price(fill.Price));
            w.WriteString("qty", i.Qty(fill.Qty));
            w.WriteString("quoteQty", OrderJson.Quote(i, fill.Price * fill.Qty));
            w.WriteString("realizedPnl", DecimalText.Money(fill.RealizedPnl));
            w.WriteString("side", EnumText.Of(fill.Side));
            w.WriteString("positionSide", EnumText.Of(fill.PositionSide));
            w.WriteString("symbol", fill.Symbol);
            w.WriteNumber("time", fill.Time);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });
}
