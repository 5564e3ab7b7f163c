using Vq.Core.Engine;

namespace Vq.Notify;

/// <summary>
/// The engine events that are notifications by themselves: open/increase alerts (§5.3 step 4; vq never opens, so
/// any increase is news) and risk triggers (soft-risk entry, panic tier entry or change). Fills need the position
/// before → after (§5.8: wait up to 1.5 s for the next position update, else <see cref="FillPositions.Resolve"/>),
/// so the host builds fill notices itself; reconnects come from the stream supervisor. Pure.
/// </summary>
public static class EngineEventNotices
{
    /// <param name="symbols">Exchange symbol names by engine symbol index.</param>
    public static bool TryCreate(in EngineEvent engineEvent, IReadOnlyList<string> symbols, out Notice notice)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var symbol = (uint)engineEvent.Symbol < (uint)symbols.Count ? symbols[engineEvent.Symbol] : "#" + engineEvent.Symbol;
        switch (engineEvent.Kind)
        {
            case EngineEventKind.OpenAlert:
                notice = new Notice
                {
                    Kind = NoticeKind.OpenAlert,
                    Symbol = symbol,
                    Side = engineEvent.Side,
                    PositionBefore = engineEvent.Value2,
                    PositionAfter = engineEvent.Value,
                };
                return true;
            case EngineEventKind.RiskTrigger:
                notice = new Notice
                {
                    Kind = NoticeKind.Risk,
                    Symbol = symbol,
                    Side = engineEvent.Side,
                    Mode = engineEvent.Mode,
                    Reason = engineEvent.Reason,
                    LiqDistance = engineEvent.Value,
                };
                return true;
            default:
                notice = default;
                return false;
        }
    }
}
