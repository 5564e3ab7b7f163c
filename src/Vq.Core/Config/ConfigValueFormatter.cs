using System.Globalization;
using System.Text;

namespace Vq.Core.Config;

/// <summary>Prints resolved values the way they are written in YAML: invariant, decimals in full without exponent
/// or trailing zeros (D12), tier lists in flow style.</summary>
public static class ConfigValueFormatter
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        decimal d => Format(d),
        string s => s,
        IReadOnlyList<AccelTier> accel => FormatTiers(accel, static (sb, t) => sb.Append("ret: ").Append(Format(t.Ret)).Append(", mult: ").Append(t.Mult.ToString(CultureInfo.InvariantCulture))),
        IReadOnlyList<RoiTier> roi => FormatTiers(roi, static (sb, t) => sb.Append("roi: ").Append(Format(t.Roi)).Append(", mult: ").Append(t.Mult.ToString(CultureInfo.InvariantCulture))),
        IReadOnlyList<PanicTier> panic => FormatTiers(panic, static (sb, t) => sb
            .Append("dist_to_liq: ").Append(Format(t.DistToLiq))
            .Append(", slice_ratio: ").Append(Format(t.SliceRatio))
            .Append(", maker_timeouts_to_escalate: ").Append(t.MakerTimeoutsToEscalate.ToString(CultureInfo.InvariantCulture))),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>Full precision, no exponent, no trailing zeros: 0.0100 → 0.01, 500.0 → 500.</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string FormatTiers<T>(IReadOnlyList<T> tiers, Action<StringBuilder, T> writeFields)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < tiers.Count; i++)
        {
            sb.Append(i == 0 ? "{" : ", {");
            writeFields(sb, tiers[i]);
            sb.Append('}');
        }

        return sb.Append(']').ToString();
    }
}
