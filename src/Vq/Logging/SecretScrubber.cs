using System.Text;

namespace Vq.Logging;

/// <summary>
/// The last guard before bytes leave the process: every known secret value (API key and secret, bot token, chat id)
/// is overwritten with <c>*</c> in each buffer written to a log destination. Callers must still never log secrets;
/// this catches the accident (an exception message, a URL). Values shorter than <see cref="MinLength"/> are ignored
/// so a short chat id cannot blank common digits. Immutable, thread-safe.
/// </summary>
internal sealed class SecretScrubber
{
    public const int MinLength = 6;

    private readonly byte[][] _secrets;
    private readonly string[] _texts;

    public SecretScrubber(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var list = new List<byte[]>();
        var texts = new List<string>();
        foreach (var secret in secrets)
        {
            if (secret is { Length: >= MinLength })
            {
                list.Add(Encoding.UTF8.GetBytes(secret));
                texts.Add(secret);
            }
        }

        _secrets = [.. list];
        _texts = [.. texts];
    }

    public static SecretScrubber None { get; } = new([]);

    public bool IsEmpty => _secrets.Length == 0;

    /// <summary>Masks every occurrence in place; a secret split across two writes is not seen (writes are whole lines).</summary>
    public void Scrub(Span<byte> buffer)
    {
        foreach (var secret in _secrets)
        {
            var offset = 0;
            int index;
            while ((index = buffer[offset..].IndexOf(secret)) >= 0)
            {
                buffer.Slice(offset + index, secret.Length).Fill((byte)'*');
                offset += index + secret.Length;
            }
        }
    }

    /// <summary>The same masking for text that is written without going through a byte buffer (the flatten console).</summary>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _texts)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, new string('*', secret.Length), StringComparison.Ordinal);
            }
        }

        return text;
    }
}
