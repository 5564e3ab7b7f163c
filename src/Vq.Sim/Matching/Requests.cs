namespace Vq.Sim.Matching;

/// <summary>
/// A new-order request with its parameters still as text, exactly as they arrived, so the engine can apply Binance's
/// checks (missing, malformed, precision) itself. A null field was not sent.
/// </summary>
public sealed class OrderRequest
{
    public string? Symbol { get; set; }
    public string? Side { get; set; }
    public string? PositionSide { get; set; }
    public string? Type { get; set; }
    public string? TimeInForce { get; set; }
    public string? Quantity { get; set; }
    public string? Price { get; set; }
    public string? ReduceOnly { get; set; }
    public string? ClosePosition { get; set; }
    public string? NewClientOrderId { get; set; }
    public string? NewOrderRespType { get; set; }
    public string? PriceMatch { get; set; }
    public string? StopPrice { get; set; }
}

/// <summary>PUT /fapi/v1/order parameters as text.</summary>
public sealed class ModifyRequest
{
    public string? Symbol { get; set; }
    public string? OrderId { get; set; }
    public string? OrigClientOrderId { get; set; }
    public string? Side { get; set; }
    public string? Quantity { get; set; }
    public string? Price { get; set; }
}

/// <summary>POST /fapi/v1/algoOrder parameters as text.</summary>
public sealed class AlgoRequest
{
    public string? AlgoType { get; set; }
    public string? Symbol { get; set; }
    public string? Side { get; set; }
    public string? PositionSide { get; set; }
    public string? Type { get; set; }
    public string? Quantity { get; set; }
    public string? TriggerPrice { get; set; }
    public string? WorkingType { get; set; }
    public string? ClosePosition { get; set; }
    public string? ReduceOnly { get; set; }
    public string? PriceProtect { get; set; }
    public string? ClientAlgoId { get; set; }
    public string? TimeInForce { get; set; }
}

/// <summary>The outcome of a request against the engine: an error, or the object's state for the response.</summary>
public readonly record struct Outcome<T>(T? Value, SimError? Error) where T : class
{
    public bool Ok => Error is null;
}

public static class Outcome
{
    public static Outcome<T> Fail<T>(SimError error) where T : class => new(null, error);
    public static Outcome<T> Success<T>(T value) where T : class => new(value, null);
}
