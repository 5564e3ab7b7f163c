using Microsoft.Extensions.Logging;
using ZLogger;

namespace Vq.Logging;

/// <summary>
/// Every structured log line vq writes (STYLE 21, SPEC §5.7). Event ids and names are stable: dashboards and grep
/// rely on them, so add new ids at the end and never renumber. Order lines carry leg, reason, mode, price, qty and
/// the client order id (as text: ZLogger would otherwise serialize the struct by reflection in JSON mode); decimals arrive already normalized (<see cref="DecimalText.Normalize"/>, D12) so they print
/// in full without trailing zeros or exponents. Levels follow §5.7 (mode_change demoted to DEBUG, order_reject WARN).
/// </summary>
internal static partial class Log
{
    [ZLoggerMessage(EventId = 1, EventName = "startup", Level = LogLevel.Information,
        Message = "startup command={command} version={version} run_id={runId} legs={legs}")]
    public static partial void Startup(this ILogger logger, string command, string version, string runId, string legs);

    [ZLoggerMessage(EventId = 2, EventName = "signal", Level = LogLevel.Information,
        Message = "signal leg={leg} reason={reason} mode={mode} bid={bid} ask={ask} price={price} qty={qty} roi_mult={roiMult} accel_mult={accelMult} cid={clientOrderId}")]
    public static partial void Signal(
        this ILogger logger, string leg, string reason, string mode, decimal bid, decimal ask, decimal price, decimal qty,
        int roiMult, int accelMult, string clientOrderId);

    [ZLoggerMessage(EventId = 3, EventName = "order_place", Level = LogLevel.Information,
        Message = "order_place leg={leg} reason={reason} mode={mode} price={price} qty={qty} cid={clientOrderId}")]
    public static partial void OrderPlace(
        this ILogger logger, string leg, string reason, string mode, decimal price, decimal qty, string clientOrderId);

    [ZLoggerMessage(EventId = 4, EventName = "order_fill", Level = LogLevel.Information,
        Message = "order_fill leg={leg} reason={reason} mode={mode} price={price} qty={qty} filled={filled} role={role} fee={fee} trade_id={tradeId} cid={clientOrderId}")]
    public static partial void OrderFill(
        this ILogger logger, string leg, string reason, string mode, decimal price, decimal qty, decimal filled, string role,
        decimal fee, long tradeId, string clientOrderId);

    [ZLoggerMessage(EventId = 5, EventName = "order_cancel", Level = LogLevel.Information,
        Message = "order_cancel leg={leg} reason={reason} mode={mode} price={price} qty={qty} cid={clientOrderId}")]
    public static partial void OrderCancel(
        this ILogger logger, string leg, string reason, string mode, decimal price, decimal qty, string clientOrderId);

    [ZLoggerMessage(EventId = 6, EventName = "order_timeout", Level = LogLevel.Warning,
        Message = "order_timeout leg={leg} reason={reason} mode={mode} price={price} qty={qty} timeouts={timeouts} cid={clientOrderId}")]
    public static partial void OrderTimeout(
        this ILogger logger, string leg, string reason, string mode, decimal price, decimal qty, int timeouts,
        string clientOrderId);

    [ZLoggerMessage(EventId = 7, EventName = "order_reject", Level = LogLevel.Warning,
        Message = "order_reject leg={leg} reason={reason} mode={mode} price={price} qty={qty} code={code} cid={clientOrderId}")]
    public static partial void OrderReject(
        this ILogger logger, string leg, string reason, string mode, decimal price, decimal qty, int code,
        string clientOrderId);

    [ZLoggerMessage(EventId = 8, EventName = "mode_change", Level = LogLevel.Information,
        Message = "mode_change leg={leg} reason={reason} from={fromMode} mode={mode} price={price} qty={qty} cid={clientOrderId}")]
    public static partial void ModeChange(
        this ILogger logger, string leg, string reason, string fromMode, string mode, decimal price, decimal qty,
        string clientOrderId);

    [ZLoggerMessage(EventId = 9, EventName = "risk_trigger", Level = LogLevel.Warning,
        Message = "risk_trigger leg={leg} reason={reason} mode={mode} distance={distance} tier={tier} price={price} qty={qty} cid={clientOrderId}")]
    public static partial void RiskTrigger(
        this ILogger logger, string leg, string reason, string mode, decimal distance, decimal tier, decimal price,
        decimal qty, string clientOrderId);

    [ZLoggerMessage(EventId = 10, EventName = "protective_stop", Level = LogLevel.Information,
        Message = "protective_stop leg={leg} reason={reason} trigger={trigger} liq={liquidation} code={code} order_id={orderId} alert={alert} cid={clientOrderId}")]
    public static partial void ProtectiveStop(
        this ILogger logger, string leg, string reason, decimal trigger, decimal liquidation, int code, long orderId,
        string alert, string clientOrderId);

    [ZLoggerMessage(EventId = 11, EventName = "ws_reconnect", Level = LogLevel.Warning,
        Message = "ws_reconnect stream={stream} reason={reason} attempt={attempt} delay_ms={delayMs}")]
    public static partial void WsReconnect(this ILogger logger, string stream, string reason, int attempt, long delayMs);

    [ZLoggerMessage(EventId = 12, EventName = "calibration", Level = LogLevel.Information,
        Message = "calibration stage={stage} stream={stream} reason={reason}")]
    public static partial void Calibration(this ILogger logger, string stage, string stream, string reason);

    [ZLoggerMessage(EventId = 13, EventName = "rate_limit", Level = LogLevel.Warning,
        Message = "rate_limit leg={leg} reason={reason} mode={mode} price={price} qty={qty} code={code} cid={clientOrderId}")]
    public static partial void RateLimit(
        this ILogger logger, string leg, string reason, string mode, decimal price, decimal qty, int code,
        string clientOrderId);

    [ZLoggerMessage(EventId = 14, EventName = "shutdown", Level = LogLevel.Information,
        Message = "shutdown reason={reason} cancelled={cancelled} total_open={totalOpen}")]
    public static partial void Shutdown(this ILogger logger, string reason, int cancelled, int totalOpen);

    /// <summary>Engine events without a dedicated line (ack, done, position update, retries…), INFO.</summary>
    [ZLoggerMessage(EventId = 15, EventName = "leg_event", Level = LogLevel.Information,
        Message = "{name} leg={leg} reason={reason} mode={mode} price={price} qty={qty} value={value} value2={value2} code={code} order_id={orderId} cid={clientOrderId}")]
    public static partial void LegEvent(
        this ILogger logger, string name, string leg, string reason, string mode, decimal price, decimal qty,
        decimal value, decimal value2, int code, long orderId, string clientOrderId);

    /// <summary>Engine events an operator should look at (blocked leg, open alert, stray order…), WARN.</summary>
    [ZLoggerMessage(EventId = 16, EventName = "leg_warning", Level = LogLevel.Warning,
        Message = "{name} leg={leg} reason={reason} mode={mode} price={price} qty={qty} value={value} value2={value2} code={code} order_id={orderId} cid={clientOrderId}")]
    public static partial void LegWarning(
        this ILogger logger, string name, string leg, string reason, string mode, decimal price, decimal qty,
        decimal value, decimal value2, int code, long orderId, string clientOrderId);

    [ZLoggerMessage(EventId = 17, EventName = "notify_sent", Level = LogLevel.Debug,
        Message = "notify_sent kind={kind} attempts={attempts}")]
    public static partial void NotifySent(this ILogger logger, string kind, int attempts);

    [ZLoggerMessage(EventId = 18, EventName = "notify_rate_limited", Level = LogLevel.Warning,
        Message = "notify_rate_limited kind={kind} retry_after_s={retryAfterS}")]
    public static partial void NotifyRateLimited(this ILogger logger, string kind, double retryAfterS);

    [ZLoggerMessage(EventId = 19, EventName = "notify_failed", Level = LogLevel.Warning,
        Message = "notify_failed kind={kind} attempt={attempt} final={final} error={error}")]
    public static partial void NotifyFailed(this ILogger logger, string kind, int attempt, bool final, string error);

    [ZLoggerMessage(EventId = 20, EventName = "notify_dropped", Level = LogLevel.Warning,
        Message = "notify_dropped kind={kind} dropped_total={droppedTotal}")]
    public static partial void NotifyDropped(this ILogger logger, string kind, long droppedTotal);

    [ZLoggerMessage(EventId = 21, EventName = "error", Level = LogLevel.Error,
        Message = "error where={where} message={message}")]
    public static partial void Error(this ILogger logger, string where, string message);

    /// <summary>
    /// A host line written through <c>LineLog.Line</c> (startup steps, cleanup, calibration, ws state, config reload…):
    /// the stable event name first, then <c>k=v</c> fields; the level follows the event name (<c>LineLog.LevelOf</c>).
    /// </summary>
    [ZLoggerMessage(EventId = 22, EventName = "line", Message = "{eventName} {fields}")]
    public static partial void Line(this ILogger logger, LogLevel level, string eventName, string fields);

    /// <summary>Summaries and reports for the operator (legs table, execution report), INFO, printed as given.</summary>
    [ZLoggerMessage(EventId = 23, EventName = "report", Level = LogLevel.Information, Message = "{text}")]
    public static partial void Report(this ILogger logger, string text);

    public const int ReportEventId = 23;

    [ZLoggerMessage(EventId = 24, EventName = "notify_dropped_at_shutdown", Level = LogLevel.Warning,
        Message = "notify_dropped_at_shutdown count={count} dropped_total={droppedTotal}")]
    public static partial void NotifyDroppedAtShutdown(this ILogger logger, int count, long droppedTotal);
}
