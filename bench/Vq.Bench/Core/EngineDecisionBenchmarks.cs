using BenchmarkDotNet.Attributes;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Market;
using Vq.Core.Positions;
using Vq.Core.Primitives;

namespace Vq.Bench.Core;

/// <summary>
/// The engine's per-tick decision cost: a bookTicker that is evaluated for both legs without a signal (the common
/// case), and one that fires a signal and produces a place command (the tick-to-order decision).
/// </summary>
[MemoryDiagnoser]
public class EngineDecisionBenchmarks
{
    private const int TicksPerInvoke = 1000;
    private static readonly SymbolRules Btc = new("BTCUSDT", 0.1m, 0.001m, 0.001m, 5m);
    private ExitEngine _engine = null!;
    private EngineOutput _output = null!;
    private int _symbol;
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        var execution = new ExecutionSettings { MinSignalIntervalMs = 0, RepostCooldownMs = 0 };
        var global = new GlobalSettings { Execution = execution, RateLimit = new RateLimitSettings { MaxOrdersPerSec = 0, MaxCancelsPerSec = 0 } };
        _engine = new ExitEngine(global, new ClientOrderIdFactory("0123456789", 1)) { PositionsReady = true };
        _symbol = _engine.AddSymbol(Btc, new SymbolSettings { Symbol = "BTCUSDT", Execution = execution });
        _output = new EngineOutput();
        _engine.OnPositionReport(new PositionReport { Symbol = _symbol, Side = PositionSide.Long, Size = 1_000_000m, EntryPrice = 40000m, Leverage = 10m, AsOfMs = 1, Source = PositionSource.Rest }, 1, _output);
        _engine.OnPositionReport(new PositionReport { Symbol = _symbol, Side = PositionSide.Short, Size = 1_000_000m, EntryPrice = 40000m, Leverage = 10m, AsOfMs = 1, Source = PositionSource.Rest }, 1, _output);
        _now = 10;
        // prev 49999.9, last 50000.0: a bid at 50000.0 fires long_primary; a bid below it fires nothing.
        _engine.OnTrade(new TradeTick(_symbol, 49999.9m, 0.01m, false, _now, _now), _output);
        _engine.OnTrade(new TradeTick(_symbol, 50000.0m, 0.01m, false, _now, _now), _output);
        _output.Clear();
    }

    /// <summary>A book update inside the spread history that triggers nothing: both legs evaluated, no order.</summary>
    [Benchmark(OperationsPerInvoke = TicksPerInvoke)]
    public int BookTickNoSignal()
    {
        var n = 0;
        for (var i = 0; i < TicksPerInvoke; i++)
        {
            _now++;
            // bid below last and ask above last: neither leg's condition holds.
            _engine.OnBookTick(new BookTick(_symbol, 49999.9m, 1m, 50000.1m, 1m, _now, _now), _output);
            n += _output.Commands.Length;
            _output.Clear();
        }

        return n;
    }

    /// <summary>A bookTicker that fires long_primary and produces a post-only close order (then the leg is reset).</summary>
    [Benchmark(OperationsPerInvoke = TicksPerInvoke)]
    public int BookTickToPlaceCommand()
    {
        var n = 0;
        for (var i = 0; i < TicksPerInvoke; i++)
        {
            _now++;
            _engine.OnBookTick(new BookTick(_symbol, 50000.0m, 1m, 50000.1m, 1m, _now, _now), _output);
            foreach (ref readonly var command in _output.Commands)
            {
                if (command.Kind == CommandKind.PlaceOrder)
                {
                    n++;
                    // The exchange rejects it at once (no fill, position unchanged), so the next tick can place again.
                    _engine.OnPlaceResult(_symbol, command.Side, new PlaceResult(command.ClientOrderId, PlaceOutcome.Rejected, ErrorCode: -1111), _now, _output);
                    break;
                }
            }

            _output.Clear();
            _now += 1;
            _engine.OnTimer(_now, _output); // cooldown 0 → idle
            _output.Clear();
        }

        return n;
    }
}
