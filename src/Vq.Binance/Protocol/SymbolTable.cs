using System.Runtime.InteropServices;
using System.Text;

namespace Vq.Binance.Protocol;

/// <summary>A small interned symbol id, assigned by <see cref="SymbolTable.Register"/> in registration order.</summary>
public readonly record struct SymbolId(ushort Value);

/// <summary>
/// Maps the exchange symbol bytes of a frame (<c>"s":"BTCUSDT"</c>) to a <see cref="SymbolId"/> without allocating.
/// Thread-safety: lookups are lock-free reads of an immutable snapshot; <see cref="Register"/> (cold path) builds a
/// new snapshot under a lock and publishes it, so readers on stream threads never see a half-built table.
/// </summary>
public sealed class SymbolTable
{
    /// <summary>Ids are ushort; far above Binance's ~600 USDT-M symbols.</summary>
    public const int MaxSymbols = ushort.MaxValue;

    private readonly Lock _writeLock = new();
    private Snapshot _snapshot = Snapshot.Empty;

    public int Count => Volatile.Read(ref _snapshot).Names.Length;

    /// <summary>Registers an exchange-form symbol (e.g. <c>BTCUSDT</c>); returns the existing id if already known.</summary>
    public SymbolId Register(string exchangeSymbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exchangeSymbol);
        var utf8 = Encoding.UTF8.GetBytes(exchangeSymbol);
        lock (_writeLock)
        {
            var current = _snapshot;
            if (current.TryGetId(utf8, out var existing))
            {
                return existing;
            }

            if (current.Names.Length >= MaxSymbols)
            {
                throw new InvalidOperationException($"Symbol table is full ({MaxSymbols} symbols).");
            }

            var next = current.With(utf8, exchangeSymbol);
            Volatile.Write(ref _snapshot, next);
            return new SymbolId((ushort)(next.Names.Length - 1));
        }
    }

    public bool TryGetId(ReadOnlySpan<byte> utf8Symbol, out SymbolId id) =>
        Volatile.Read(ref _snapshot).TryGetId(utf8Symbol, out id);

    /// <summary>The registered string instance for an id (no allocation).</summary>
    public string GetName(SymbolId id) => Volatile.Read(ref _snapshot).Strings[id.Value];

    /// <summary>The registered string when known (no allocation), else a new string (user-data cold path).</summary>
    internal string GetOrCreateString(ReadOnlySpan<byte> utf8Symbol, out SymbolId? id)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.TryGetId(utf8Symbol, out var found))
        {
            id = found;
            return snapshot.Strings[found.Value];
        }

        id = null;
        return Encoding.UTF8.GetString(utf8Symbol);
    }

    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new([], [], new int[1]);

        public readonly byte[][] Names;
        public readonly string[] Strings;
        // Open addressing; slot holds id + 1 (0 = empty). Size is a power of two at least twice the count.
        private readonly int[] _slots;

        private Snapshot(byte[][] names, string[] strings, int[] slots)
        {
            Names = names;
            Strings = strings;
            _slots = slots;
        }

        public Snapshot With(byte[] utf8, string text)
        {
            var names = new byte[Names.Length + 1][];
            var strings = new string[Strings.Length + 1];
            Names.CopyTo(names, 0);
            Strings.CopyTo(strings, 0);
            names[^1] = utf8;
            strings[^1] = text;
            var size = 2;
            while (size < names.Length * 2)
            {
                size <<= 1;
            }

            var slots = new int[size];
            for (var id = 0; id < names.Length; id++)
            {
                var slot = Hash(names[id]) & (size - 1);
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & (size - 1);
                }

                slots[slot] = id + 1;
            }

            return new Snapshot(names, strings, slots);
        }

        public bool TryGetId(ReadOnlySpan<byte> utf8, out SymbolId id)
        {
            var mask = _slots.Length - 1;
            var slot = Hash(utf8) & mask;
            while (true)
            {
                var entry = _slots[slot];
                if (entry == 0)
                {
                    id = default;
                    return false;
                }

                if (Names[entry - 1].AsSpan().SequenceEqual(utf8))
                {
                    id = new SymbolId((ushort)(entry - 1));
                    return true;
                }

                slot = (slot + 1) & mask;
            }
        }

        // Symbols are short ASCII; mixing the length with the first and last 8 bytes spreads them well enough.
        private static int Hash(ReadOnlySpan<byte> utf8)
        {
            ulong head = 0, tail = 0;
            if (utf8.Length >= 8)
            {
                head = MemoryMarshal.Read<ulong>(utf8);
                tail = MemoryMarshal.Read<ulong>(utf8[^8..]);
            }
            else
            {
                foreach (var b in utf8)
                {
                    head = (head << 8) | b;
                }
            }

            var h = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)utf8.Length;
            return (int)(h ^ (h >> 29)) & int.MaxValue;
        }
    }
}
