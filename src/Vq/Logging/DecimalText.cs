namespace Vq.Logging;

/// <summary>D12: decimals in full, normalized (no trailing zeros), never rounded and never with an exponent.</summary>
internal static class DecimalText
{
    // Dividing by 1 with 28 zero decimals yields the smallest scale that still represents the value exactly.
    private const decimal NormalizingOne = 1.0000000000000000000000000000m;

    public static decimal Normalize(decimal value) => value / NormalizingOne;
}
