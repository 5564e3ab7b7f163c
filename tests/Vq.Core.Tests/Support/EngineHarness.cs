using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Market;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;

namespace Vq.Core.Tests.Support;

/// <summary>An engine with one symbol (BTCUSDT, SPEC §9 rules) and helpers to feed it events at chosen times.</summary>
internal sealed class EngineHarness
{
    public EngineHarness(GlobalSettings? global = null, SymbolSettings? symbol = null, ExitGate gate = ExitGate.Signals, string runId = "0123456789")
    {
        Global = global ?? new GlobalSettings();
        Engine = new ExitEngine(Global, new ClientOrderIdFactory(runId, 7)) { DefaultGate = gate };
        Btc = Engine.AddSymbol(LegHarness.BtcRules, symbol ?? new SymbolSettings { Symbol = "BTCUSDT", Execution = Global.Execution, Accel = Global.Accel, Roi = Global.Roi, Risk = Global.Risk });
        Engine.PositionsReady = true;
    }

    public GlobalSettings Global { get; }
    public ExitEngine Engine { get; }
    public int Btc { get; }
    public EngineOutput Out { get; } = new();
    public long Now { get; set; } = 1000;
    public long ExchangeTime { get; set; } = 1_700_000_000_000;

    public LegContext Leg(PositionSide side) => Engine.Symbol(Btc).Leg(side);

    public MarketState Market => Engine.Symbol(Btc).Market;

    public void Book(decimal bid, decimal ask) => Engine.OnBookTick(new BookTick(Btc, bid, 1m, ask, 1m, ExchangeTime, Now), Out);

    public void Trade(decimal price) => Engine.OnTrade(new TradeTick(Btc, price, 0.01m, false, ExchangeTime, Now), Out);

    public void Mark(decimal price) => Engine.OnMark(new MarkTick(Btc, price, ExchangeTime, Now), Out);

    public void Position(PositionSide side, decimal size, decimal entry = 50000m, decimal liq = 0m, decimal leverage = 10m, PositionSource source = PositionSource.Rest, long? asOf = null) =>
        Engine.OnPositionReport(new PositionReport
        {
            Symbol = Btc,
            Side = side,
            Size = size,
            EntryPrice = entry,
            LiquidationPrice = liq,
            Leverage = leverage,
            AsOfMs = asOf ?? ExchangeTime,
            Source = source,
        }, Now, Out);

    /// <summary>A ready market: one book and two trades (prev, last).</summary>
    public void Ready(decimal bid, decimal ask, decimal prev, decimal last)
    {
        Trade(prev);
        Trade(last);
        Book(bid, ask);
    }

    public void Timer() => Engine.OnTimer(Now, Out);

    public List<EngineCommand> Commands(CommandKind kind)
    {
        var list = new List<EngineCommand>();
        foreach (var c in Out.Commands)
        {
            if (c.Kind == kind)
            {
                list.Add(c);
            }
        }

        return list;
    }

    public List<EngineEvent> Events(EngineEventKind kind)
    {
        var list = new List<EngineEvent>();
        foreach (var e in Out.Events)
        {
            if (e.Kind == kind)
            {
                list.Add(e);
            }
        }

        return list;
    }

    public void Accept(EngineCommand place, long orderId = 500, OrderStatus status = OrderStatus.New) =>
        Engine.OnPlaceResult(place.Symbol, place.Side, new PlaceResult(place.ClientOrderId, PlaceOutcome.Accepted, orderId, status), Now, Out);

    public OrderUpdate Update(EngineCommand place, OrderStatus status, decimal cum = 0m, decimal last = 0m, long tradeId = 0, long orderId = 500) => new()
    {
        Symbol = place.Symbol,
        PositionSide = place.Side,
        Side = place.OrderSide,
        ClientOrderId = place.ClientOrderId,
        OrderId = orderId,
        Status = status,
        OrigQty = place.Qty,
        Price = place.Price,
        CumFilledQty = cum,
        AvgPrice = cum > 0 ? place.Price : 0m,
        LastFillQty = last,
        LastFillPrice = last > 0 ? place.Price : 0m,
        TradeId = tradeId,
        TransactionTimeMs = ExchangeTime,
    };
}
