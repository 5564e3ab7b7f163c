using System.Globalization;

namespace Vq.Sim.Matching;

/// <summary>Decimal parsing and fixed-precision formatting the way Binance writes numbers (strings, trailing zeros kept).</summary>
public static class DecimalText
{
    private static readonly string[] s_fixedFormats = BuildFormats();

    /// <summary>Plain decimal text: digits, at most one point, optional leading minus. No exponent, no spaces.</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0m;
        if (string.IsNullOrEmpty(text) || text.Length > 40)
        {
            return false;
        }

        var dots = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                dots++;
            }
            else if (c == '-' && i == 0)
            {
                continue;
            }
            else if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return dots <= 1 && decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Number of decimals that carry information (trailing zeros do not count).</summary>
    public static int SignificantScale(decimal value) => (value / 1.000000000000000000000000000000000m).Scale;

    public static string Fixed(decimal value, int decimals) =>
        value.ToString(s_fixedFormats[Math.Clamp(decimals, 0, s_fixedFormats.Length - 1)], CultureInfo.InvariantCulture);

    /// <summary>Shortest exact text (no trailing zeros, never an exponent).</summary>
    public static string Plain(decimal value) =>
        (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>Balances, PnL and commissions: Binance writes 8 decimals.</summary>
    public static string Money(decimal value) => Fixed(value, 8);

    private static string[] BuildFormats()
    {
        var formats = new string[19];
        for (var i = 0; i < formats.Length; i++)
        {
            formats[i] = "F" + i.ToString(CultureInfo.InvariantCulture);
        }

        return formats;
    }
}
