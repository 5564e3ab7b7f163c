using System.Globalization;
using Vq.Core.Primitives;

namespace Vq.Live;

/// <summary>
/// Text helpers of the live host's summaries and progress lines: leg and mode names, decimals in full (D12, never an
/// exponent). Engine events themselves are logged by <see cref="Logging.EngineEventLog"/> through <see cref="LineLog.Event"/>.
/// </summary>
internal static class EngineEventLog
{
    public static string Leg(PositionSide side) => side == PositionSide.Long ? "LONG" : "SHORT";

    public static string Mode(ExecutionMode mode) => mode == ExecutionMode.MakerOnly ? "maker" : "aggressive";

    public static string D(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
