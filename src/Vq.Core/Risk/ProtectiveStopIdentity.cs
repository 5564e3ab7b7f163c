using System.Security.Cryptography;
using System.Text;
using Vq.Core.Primitives;

namespace Vq.Core.Risk;

/// <summary>
/// The client id family of one leg's protective stop (SPEC §4.4, P13, D20): the stable prefix
/// <c>vq-ps-{wssymbol}-{L|S}</c> that any process run recognises, and fresh unique ids built on it.
/// The prefix never matches a run prefix <c>vq-&lt;10 hex&gt;-</c>, because <c>p</c> and <c>s</c> are not hex digits.
/// Immutable; build one per leg when the leg is created.
/// </summary>
public sealed class ProtectiveStopIdentity
{
    /// <summary>The common head of every protective-stop id; the leftover-order cleanup (D5) must skip it.</summary>
    public const string StopIdHead = "vq-ps-";

    /// <summary>P13: a prefix of 30 characters or more would leave too little room for the suffix, so the symbol is hashed.</summary>
    public const int HashedPrefixThreshold = 30;

    /// <summary><c>-</c> + 6 digits of microseconds + 4 digits of a process counter.</summary>
    public const int SuffixLength = 11;

    private readonly byte[] _prefixAscii;

    public ProtectiveStopIdentity(string exchangeSymbol, PositionSide side)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exchangeSymbol);
        Symbol = exchangeSymbol;
        Side = side;
        Prefix = BuildPrefix(exchangeSymbol, side);
        _prefixAscii = Encoding.ASCII.GetBytes(Prefix);
    }

    /// <summary>Exchange form, e.g. <c>BTCUSDT</c>.</summary>
    public string Symbol { get; }

    public PositionSide Side { get; }

    /// <summary>e.g. <c>vq-ps-btcusdt-L</c>.</summary>
    public string Prefix { get; }

    /// <summary>Ownership by id: the id starts with this leg's prefix. (Ownership by recorded algoId is the planner's.)</summary>
    public bool IsOwn(in ClientOrderId clientId) => clientId.StartsWith(_prefixAscii);

    public bool IsOwn(ReadOnlySpan<byte> clientIdAscii) => clientIdAscii.StartsWith(_prefixAscii);

    /// <summary>
    /// A fresh id: <c>{prefix}-{microseconds:D6}{counter:D4}</c>, cut to 36 characters. Binance refuses an id reused
    /// within 7 days (-4116), hence the time and counter parts; they are parameters so tests stay deterministic.
    /// </summary>
    /// <param name="microseconds">Any clock reading in microseconds; its last 6 digits are used.</param>
    /// <param name="counter">A process-wide counter; its last 4 digits are used.</param>
    public ClientOrderId CreateId(long microseconds, int counter)
    {
        Span<byte> buffer = stackalloc byte[_prefixAscii.Length + SuffixLength];
        _prefixAscii.CopyTo(buffer);
        var suffix = buffer[_prefixAscii.Length..];
        suffix[0] = (byte)'-';
        WriteDigits(suffix.Slice(1, 6), (ulong)(Math.Abs(microseconds % 1_000_000)));
        WriteDigits(suffix.Slice(7, 4), (ulong)Math.Abs(counter % 10_000));
        var length = Math.Min(buffer.Length, ClientOrderId.MaxLength);
        return ClientOrderId.TryCreate(buffer[..length], out var id)
            ? id
            : throw new InvalidOperationException($"protective stop id for '{Symbol}' is not a valid client order id");
    }

    /// <summary>True for any protective-stop id of any symbol (D5: never a leftover to cancel).</summary>
    public static bool IsProtectiveStopId(in ClientOrderId clientId) => clientId.StartsWith("vq-ps-"u8);

    /// <summary>
    /// <c>vq-ps-{wssymbol}-{L|S}</c>; when that is 30 characters or longer, <c>wssymbol</c> becomes the first 7 hex
    /// digits of its MD5, which is the same in every process (Python's <c>hash()</c> was not: P13).
    /// </summary>
    public static string BuildPrefix(string exchangeSymbol, PositionSide side)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exchangeSymbol);
        var wsSymbol = Symbols.ToStream(exchangeSymbol);
        var sideCode = side == PositionSide.Long ? "-L" : "-S";
        var prefix = string.Concat(StopIdHead, wsSymbol, sideCode);
        return prefix.Length < HashedPrefixThreshold ? prefix : string.Concat(StopIdHead, ShortHash(wsSymbol), sideCode);
    }

    /// <summary>The first 7 lowercase hex digits of MD5(<paramref name="wsSymbol"/>).</summary>
    public static string ShortHash(string wsSymbol)
    {
        Span<byte> digest = stackalloc byte[16];
        // Not a security use: MD5 only gives a short name that is identical across processes and platforms.
#pragma warning disable CA5351
        MD5.HashData(Encoding.ASCII.GetBytes(wsSymbol), digest);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(digest[..4])[..7];
    }

    private static void WriteDigits(Span<byte> destination, ulong value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
    }
}
