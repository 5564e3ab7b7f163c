using Vq.Sim.Matching;

namespace Vq.Sim.Wire;

/// <summary>
/// The account's listenKey (BINANCE.md §3.9): one active key; POST returns the active key and extends it, PUT extends
/// it (-1125 when unknown or expired), DELETE removes it. Not thread-safe: used under the exchange gate.
/// </summary>
internal sealed class ListenKeyRegistry(long validityMs, int seed)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Random _random = new(seed ^ 0x5eed);
    private string? _key;
    private long _expiresAt;

    public long ValidityMs { get; set; } = validityMs;
    public string? ActiveKey => _key;

    public string CreateOrExtend(long now)
    {
        if (_key is null || now >= _expiresAt)
        {
            Span<char> chars = stackalloc char[64];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[_random.Next(Alphabet.Length)];
            }

            _key = new string(chars);
        }

        _expiresAt = now + ValidityMs;
        return _key;
    }

    public SimError? KeepAlive(string? key, long now)
    {
        if (_key is null || now >= _expiresAt || (!string.IsNullOrEmpty(key) && key != _key))
        {
            return Errors.ListenKeyMissing;
        }

        _expiresAt = now + ValidityMs;
        return null;
    }

    public bool IsValid(string key, long now) => _key == key && now < _expiresAt;

    public void Delete() => _key = null;

    /// <summary>Returns the key if it lapsed by <paramref name="now"/> (and forgets it), else null.</summary>
    public string? TakeExpired(long now)
    {
        if (_key is null || now < _expiresAt)
        {
            return null;
        }

        var expired = _key;
        _key = null;
        return expired;
    }

    /// <summary>The listenKey-expiry fault: the key lapses at once.</summary>
    public void ExpireNow(long now) => _expiresAt = Math.Min(_expiresAt, now);
}
