namespace Vq.Core.Primitives;

/// <summary>
/// Tick/step rounding (SPEC §0). Every helper is the identity when the increment is ≤ 0, so a missing filter never
/// turns a price or quantity into zero.
/// </summary>
public static class Rounding
{
    public static decimal FloorTo(decimal value, decimal increment)
    {
        if (increment <= 0m)
        {
            return value;
        }

        return decimal.Floor(value / increment) * increment;
    }

    public static decimal CeilTo(decimal value, decimal increment)
    {
        if (increment <= 0m)
        {
            return value;
        }

        var floored = FloorTo(value, increment);
        return floored < value ? floored + increment : floored;
    }

    /// <summary>True when <paramref name="value"/> is an exact multiple of <paramref name="increment"/> (or the increment is unset).</summary>
    public static bool IsAligned(decimal value, decimal increment) => increment <= 0m || value % increment == 0m;

    /// <summary>Normalizes a decimal for display and wire use: no exponent, no trailing zeros (D12).</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
