using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Vq.Binance.Protocol;

/// <summary>
/// Accumulates a run of ASCII digits eight at a time (SWAR: one 64-bit load, a digit check and three multiplies,
/// after Lemire's "fast number parsing"), then one at a time. A scalar <c>acc * 10 + d</c> loop is a serial chain
/// of about four cycles per digit; Binance timestamps and trade ids are 10–13 digits, several per frame.
/// The accumulator wraps past 20 digits: callers bound the digit count and reject longer runs.
/// </summary>
internal static class DigitRun
{
    /// <summary>Consumes every digit from <paramref name="i"/>; <paramref name="acc"/> = acc·10^n + the digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate(ReadOnlySpan<byte> f, ref int i, ref ulong acc)
    {
        while (i + 8 <= f.Length)
        {
            var chunk = BinaryPrimitives.ReadUInt64LittleEndian(f[i..]);
            if (!AllDigits(chunk))
            {
                break;
            }

            acc = (acc * 100_000_000) + ParseEight(chunk);
            i += 8;
        }

        while (i < f.Length)
        {
            var d = (uint)(f[i] - '0');
            if (d > 9)
            {
                return;
            }

            acc = (acc * 10) + d;
            i++;
        }
    }

    /// <summary>True when all eight bytes are '0'..'9'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AllDigits(ulong chunk) =>
        ((chunk & 0xF0F0F0F0F0F0F0F0UL) | (((chunk + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4))
        == 0x3333333333333333UL;

    /// <summary>Eight ASCII digits (first digit in the lowest byte) → their value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ParseEight(ulong chunk)
    {
        const ulong mask = 0x000000FF000000FFUL;
        const ulong mul1 = 0x000F424000000064UL; // 100 + (1000000 << 32)
        const ulong mul2 = 0x0000271000000001UL; // 1 + (10000 << 32)
        chunk -= 0x3030303030303030UL;
        chunk = (chunk * 10) + (chunk >> 8);
        return (((chunk & mask) * mul1) + (((chunk >> 16) & mask) * mul2)) >> 32;
    }
}
