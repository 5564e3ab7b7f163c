using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Engine.Stops;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Stops;

/// <summary>Symbols and legs the coordinator reads; tests change them between steps.</summary>
internal sealed class FakeLegSource : IStopLegSource
{
    private readonly List<string> _names = [];
    private readonly List<decimal> _ticks = [];
    private readonly Dictionary<(int, PositionSide), StopLeg> _legs = [];

    public ProtectiveStopSettings StopSettings { get; set; } = new();

    public int Add(string name, decimal tick)
    {
        _names.Add(name);
        _ticks.Add(tick);
        return _names.Count - 1;
    }

    public void Set(int symbol, PositionSide side, decimal amount, decimal? liq, decimal? mark) =>
        _legs[(symbol, side)] = new StopLeg(side, amount, liq, mark, _ticks[symbol]);

    public string ExchangeSymbol(int symbol) => _names[symbol];

    public ProtectiveStopSettings Settings(int symbol) => StopSettings;

    public StopLeg Leg(int symbol, PositionSide side) =>
        _legs.TryGetValue((symbol, side), out var leg) ? leg : new StopLeg(side, 0m, null, null, _ticks[symbol]);
}

/// <summary>
/// Drives a <see cref="ProtectiveStopCoordinator"/> the way the live host does: timer passes, commands executed against
/// a fake exchange (resting normal and algo orders per symbol), results and user-data events fed back. Commands are
/// queued and answered one at a time, so tests can look at what is in flight. Every emitted command is checked
/// against the coordinator's guarantees: nothing new for a symbol while one of its commands is unanswered.
/// </summary>
internal sealed class StopHarness
{
    private readonly List<EngineCommand> _inFlight = [];
    private long _nextAlgoId = 1000;

    public StopHarness()
    {
        Stops = new ProtectiveStopCoordinator(Source);
    }

    public FakeLegSource Source { get; } = new();
    public ProtectiveStopCoordinator Stops { get; private set; }
    public EngineOutput Out { get; } = new();
    public long Now { get; set; } = 10_000;

    /// <summary>Wall clock in µs (a different origin than the monotonic clock, as live).</summary>
    public long WallMicros => 1_764_000_000_000_000 + (Now * 1000) + 17;

    public Dictionary<int, List<ScannedOrder>> Book { get; } = [];
    public List<EngineCommand> Commands { get; } = [];
    public List<EngineEvent> Events { get; } = [];
    public IReadOnlyList<EngineCommand> InFlight => _inFlight;

    /// <summary>Exchange behaviour knobs.</summary>
    public bool FailScans { get; set; }
    public Func<EngineCommand, bool>? CancelFails { get; set; }
    public Func<EngineCommand, int>? PlaceErrorCode { get; set; }
    /// <summary>Send ALGO_UPDATE NEW/CANCELED for our placements and cancels, before the REST answer (the race D10 describes).</summary>
    public bool UserEventsBeforeResult { get; set; }

    /// <summary>A fresh process (same exchange): the coordinator forgets everything, as after a restart.</summary>
    public void Restart()
    {
        Assert.Empty(_inFlight);
        Stops = new ProtectiveStopCoordinator(Source);
    }

    public List<ScannedOrder> Orders(int symbol)
    {
        if (!Book.TryGetValue(symbol, out var list))
        {
            list = [];
            Book[symbol] = list;
        }

        return list;
    }

    public ScannedOrder AddOwnStop(int symbol, PositionSide side, long algoId, decimal? trigger, int counter = 1)
    {
        var identity = new ProtectiveStopIdentity(Source.ExchangeSymbol(symbol), side);
        var order = new ScannedOrder(OrderBook.Algo, algoId, identity.CreateId(123_456, counter), OrderKind.StopMarket, side, true, false, trigger);
        Orders(symbol).Add(order);
        return order;
    }

    public ScannedOrder AddExternal(int symbol, PositionSide side, long id, decimal? trigger, string clientId = "ios-abc", OrderBook book = OrderBook.Algo)
    {
        var order = new ScannedOrder(book, id, ClientOrderId.Parse(clientId), OrderKind.StopMarket, side, true, false, trigger);
        Orders(symbol).Add(order);
        return order;
    }

    public IEnumerable<EngineCommand> Sent(CommandKind kind) => Commands.Where(c => c.Kind == kind);

    public IEnumerable<string> StopEvents() => Events.Where(e => e.Kind == EngineEventKind.ProtectiveStop).Select(e => e.Reason);

    public void Request(int symbol, string reason)
    {
        Stops.Request(symbol, reason, Now);
    }

    public void Timer()
    {
        Stops.OnTimer(Now, Out);
        Drain();
    }

    /// <summary>Answers the oldest command in flight. False when none is.</summary>
    public bool AnswerOne()
    {
        if (_inFlight.Count == 0)
        {
            return false;
        }

        var command = _inFlight[0];
        _inFlight.RemoveAt(0);
        switch (command.Kind)
        {
            case CommandKind.ScanStops:
                Stops.OnStopScan(command.Symbol, Orders(command.Symbol).ToArray(), FailScans, Now, WallMicros, Out);
                break;
            case CommandKind.PlaceStop:
                AnswerPlace(command);
                break;
            case CommandKind.CancelStop:
                AnswerCancel(command);
                break;
            default:
                Assert.Fail($"unexpected command {command.Kind}");
                break;
        }

        Drain();
        return true;
    }

    public void Settle()
    {
        while (AnswerOne())
        {
        }
    }

    /// <summary>Timer passes every <paramref name="stepMs"/> up to <paramref name="untilMs"/>, answering everything at once.</summary>
    public void RunUntil(long untilMs, long stepMs = 50)
    {
        do
        {
            Timer();
            Settle();
            if (Now >= untilMs)
            {
                break;
            }

            Now = Math.Min(untilMs, Now + stepMs);
        }
        while (true);
    }

    public void UserEvent(StopOrderEvent e)
    {
        Stops.OnStopOrderEvent(e, Now, Out);
        Drain();
    }

    private void AnswerPlace(EngineCommand command)
    {
        if (PlaceErrorCode?.Invoke(command) is { } code and not 0)
        {
            Stops.OnStopCommandResult(command, StopCommandResult.Failed(code), Now, WallMicros, Out);
            return;
        }

        var algoId = _nextAlgoId++;
        var order = new ScannedOrder(OrderBook.Algo, algoId, command.ClientOrderId, OrderKind.StopMarket, command.Side, true, false, command.TriggerPrice);
        Orders(command.Symbol).Add(order);
        if (UserEventsBeforeResult)
        {
            Stops.OnStopOrderEvent(Event(command.Symbol, order, terminal: false), Now, Out);
        }

        Stops.OnStopCommandResult(command, StopCommandResult.Placed(algoId), Now, WallMicros, Out);
    }

    private void AnswerCancel(EngineCommand command)
    {
        if (CancelFails?.Invoke(command) == true)
        {
            Stops.OnStopCommandResult(command, StopCommandResult.Failed(-1001), Now, WallMicros, Out);
            return;
        }

        var list = Orders(command.Symbol);
        var index = list.FindIndex(o => o.Book == command.Book && o.OrderId == command.OrderId);
        if (index >= 0)
        {
            var order = list[index];
            list.RemoveAt(index);
            if (UserEventsBeforeResult)
            {
                Stops.OnStopOrderEvent(Event(command.Symbol, order, terminal: true), Now, Out);
            }
        }

        Stops.OnStopCommandResult(command, StopCommandResult.Cancelled, Now, WallMicros, Out);
    }

    public static StopOrderEvent Event(int symbol, in ScannedOrder order, bool terminal) =>
        new(symbol, order.PositionSide, order.Book, order.OrderId, order.ClientId, order.Kind, order.ClosePosition, order.ReduceOnly, terminal);

    private void Drain()
    {
        foreach (var command in Out.Commands)
        {
            Assert.True(command.Kind is CommandKind.ScanStops or CommandKind.PlaceStop or CommandKind.CancelStop, $"unexpected {command.Kind}");
            // One command per symbol at a time: never two syncs of a symbol, never a placement before its cancel is answered.
            Assert.DoesNotContain(_inFlight, c => c.Symbol == command.Symbol);
            _inFlight.Add(command);
            Commands.Add(command);
        }

        foreach (var e in Out.Events)
        {
            Events.Add(e);
        }

        Out.Clear();
    }
}
