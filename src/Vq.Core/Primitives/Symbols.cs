namespace Vq.Core.Primitives;

/// <summary>
/// Symbol forms (SPEC §0): canonical unified <c>BASE/USDT:USDT</c>, exchange <c>BTCUSDT</c>, stream <c>btcusdt</c>.
/// vq keys everything by the exchange form; the unified form is accepted in config and shown in messages.
/// </summary>
public static class Symbols
{
    /// <summary>
    /// Normalizes a user-written symbol (<c>BTCUSDT</c>, <c>btcusdt</c>, <c>BTC/USDT:USDT</c>, <c>BTC/USDT</c>) to the
    /// exchange form <c>BTCUSDT</c>. Returns false for anything that is not a USDT-margined linear symbol name.
    /// </summary>
    public static bool TryNormalize(string? text, out string exchangeSymbol)
    {
        exchangeSymbol = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToUpperInvariant();
        if (s.EndsWith(":USDT", StringComparison.Ordinal))
        {
            s = s[..^5];
        }

        s = s.Replace("/", string.Empty, StringComparison.Ordinal);
        if (s.Length <= 4 || !s.EndsWith("USDT", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        exchangeSymbol = s;
        return true;
    }

    /// <summary><c>BTCUSDT</c> → <c>BTC/USDT:USDT</c>; anything else passes through unchanged.</summary>
    public static string ToUnified(string exchangeSymbol)
    {
        var upper = exchangeSymbol.ToUpperInvariant();
        return upper.Length > 4 && upper.EndsWith("USDT", StringComparison.Ordinal)
            ? string.Concat(upper.AsSpan(0, upper.Length - 4), "/USDT:USDT")
            : exchangeSymbol;
    }

    /// <summary><c>BTCUSDT</c> → <c>BTC/USDT</c> (the display form of the Telegram templates, §5.8).</summary>
    public static string ToDisplay(string exchangeSymbol)
    {
        var unified = ToUnified(exchangeSymbol);
        var colon = unified.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? unified : unified[..colon];
    }

    /// <summary><c>BTCUSDT</c> → <c>btcusdt</c> (stream names).</summary>
    public static string ToStream(string exchangeSymbol) => exchangeSymbol.ToLowerInvariant();
}
