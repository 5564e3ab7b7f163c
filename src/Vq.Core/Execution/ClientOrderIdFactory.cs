using Vq.Core.Primitives;

namespace Vq.Core.Execution;

/// <summary>
/// Client ids for execution orders (§5.6, D20): <c>vq-&lt;10 hex run id&gt;-&lt;22 hex&gt;</c>, exactly 36 characters.
/// The run prefix identifies this process's orders (shutdown cleanup, D5 leftovers); <c>vq-ps-</c> stop ids can never
/// match it because <c>p</c> and <c>s</c> are not hex digits. Every placement, retries included, gets a new id.
/// The suffix is a counter mixed with a seeded xorshift stream: unique within the run, unpredictable across runs.
/// Not thread-safe: owned by the engine thread.
/// </summary>
public sealed class ClientOrderIdFactory
{
    public const int RunIdLength = 10;
    private const int SuffixLength = ClientOrderId.MaxLength - 4 - RunIdLength;
    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    private readonly byte[] _prefix;
    private ulong _state;
    private ulong _counter;

    public ClientOrderIdFactory(string runId, ulong seed)
    {
        if (runId.Length != RunIdLength || !IsLowerHex(runId))
        {
            throw new ArgumentException($"run id must be {RunIdLength} lower-case hex digits", nameof(runId));
        }

        RunId = runId;
        Prefix = "vq-" + runId + "-";
        _prefix = System.Text.Encoding.ASCII.GetBytes(Prefix);
        _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
    }

    public string RunId { get; }

    /// <summary><c>vq-&lt;run id&gt;-</c>, 14 characters.</summary>
    public string Prefix { get; }

    public ReadOnlySpan<byte> PrefixBytes => _prefix;

    public ClientOrderId Next()
    {
        Span<byte> id = stackalloc byte[ClientOrderId.MaxLength];
        _prefix.CopyTo(id);
        // 22 hex digits = 88 bits: 40 bits of counter (unique in this run) and 48 of xorshift noise.
        var counter = ++_counter;
        var noise = NextRandom();
        var suffix = id[_prefix.Length..];
        for (var i = 0; i < 10; i++)
        {
            suffix[9 - i] = Hex[(int)(counter & 0xF)];
            counter >>= 4;
        }

        for (var i = 10; i < SuffixLength; i++)
        {
            suffix[i] = Hex[(int)(noise & 0xF)];
            noise >>= 4;
        }

        ClientOrderId.TryCreate(id, out var result);
        return result;
    }

    /// <summary>True for an execution order of this run.</summary>
    public bool IsOwn(in ClientOrderId id) => id.StartsWith(_prefix);

    /// <summary>True for a <c>vq-</c> execution order of any run except this one (D5 leftovers; stops excluded).</summary>
    public bool IsLeftover(in ClientOrderId id) =>
        id.StartsWith("vq-"u8) && !id.StartsWith("vq-ps-"u8) && !IsOwn(id);

    private ulong NextRandom()
    {
        var x = _state;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        _state = x;
        return x;
    }

    private static bool IsLowerHex(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
