using System.Diagnostics.CodeAnalysis;

namespace Vq.Binance.Protocol;

/// <summary>Throws live out of line so hot methods stay small (STYLE 12).</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgument(string name, string message) => throw new ArgumentException(message, name);

    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);
}
