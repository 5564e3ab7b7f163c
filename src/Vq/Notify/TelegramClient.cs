using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Vq.Notify;

public enum SendOutcome : byte
{
    Sent = 0,
    /// <summary>HTTP 429: hold every send for <see cref="SendResult.RetryAfter"/>, then resend (P21).</summary>
    RateLimited = 1,
    Failed = 2,
}

/// <param name="Error">A short description for the log; never contains the URL (which carries the token).</param>
public readonly record struct SendResult(SendOutcome Outcome, TimeSpan RetryAfter, string? Error);

/// <summary>
/// One Bot API <c>sendMessage</c> call (§5.8): POST <c>{api_base}/bot{token}/sendMessage</c> with
/// <c>{chat_id, text, disable_web_page_preview: true}</c>; success is HTTP 200 with <c>"ok": true</c>. The URL holds
/// the token, so no error text produced here ever includes it. Not thread-safe: the notifier's single sender loop
/// is its only caller.
/// </summary>
internal sealed class TelegramClient : IDisposable
{
    /// <summary>P21: Telegram's 429 usually says how long; 5 s when it does not.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>A retry_after above an hour is treated as garbage (the default applies) rather than obeyed.</summary>
    private const double MaxRetryAfterSeconds = 3600;

    private readonly HttpClient _http;
    private readonly Uri _sendMessageUri;
    private readonly string _chatId;
    private readonly string _token;
    private readonly ArrayBufferWriter<byte> _body = new(1024);

    public TelegramClient(string apiBase, string token, string chatId, string? proxy, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiBase);
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(chatId);
        _token = token;
        _chatId = chatId;
        _sendMessageUri = new Uri(apiBase.TrimEnd('/') + "/bot" + token + "/sendMessage");
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrEmpty(proxy))
        {
            handler.Proxy = new WebProxy(proxy);
            handler.UseProxy = true;
        }
        else
        {
            // Only global.proxy is honoured (HostEnvironment): never pick up HTTP(S)_PROXY implicitly.
            handler.UseProxy = false;
        }

        _http = new HttpClient(handler) { Timeout = timeout };
    }

    public async Task<SendResult> SendAsync(string text, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(WriteBody(text));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _http.PostAsync(_sendMessageUri, content, cancellationToken).ConfigureAwait(false);
            var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return new SendResult(SendOutcome.RateLimited, ReadRetryAfter(payload), "HTTP 429");
            }

            if (response.StatusCode == HttpStatusCode.OK && ReadOk(payload))
            {
                return new SendResult(SendOutcome.Sent, TimeSpan.Zero, null);
            }

            return new SendResult(SendOutcome.Failed, TimeSpan.Zero,
                "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + Describe(payload));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(SendOutcome.Failed, TimeSpan.Zero, "timeout");
        }
        catch (HttpRequestException ex)
        {
            // HttpRequestException messages name the host, not the path; scrub anyway in case a handler changes that.
            return new SendResult(SendOutcome.Failed, TimeSpan.Zero, Scrub("transport: " + ex.Message));
        }
    }

    public void Dispose() => _http.Dispose();

    private byte[] WriteBody(string text)
    {
        _body.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_body))
        {
            writer.WriteStartObject();
            writer.WriteString("chat_id"u8, _chatId);
            writer.WriteString("text"u8, text);
            writer.WriteBoolean("disable_web_page_preview"u8, true);
            writer.WriteEndObject();
        }

        return _body.WrittenSpan.ToArray();
    }

    private string Scrub(string message) => message.Replace(_token, "***", StringComparison.Ordinal);

    /// <summary><c>{"ok":false,"error_code":429,"parameters":{"retry_after":N}}</c>; anything else → the default.</summary>
    internal static TimeSpan ReadRetryAfter(byte[] payload)
    {
        using var document = TryParse(payload);
        if (document is not null
            && document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("parameters"u8, out var parameters)
            && parameters.ValueKind == JsonValueKind.Object
            && parameters.TryGetProperty("retry_after"u8, out var retryAfter)
            && retryAfter.ValueKind == JsonValueKind.Number
            && retryAfter.TryGetDouble(out var seconds)
            && seconds > 0 && seconds <= MaxRetryAfterSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DefaultRetryAfter;
    }

    private static bool ReadOk(byte[] payload)
    {
        using var document = TryParse(payload);
        return document is not null
            && document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("ok"u8, out var ok)
            && ok.ValueKind == JsonValueKind.True;
    }

    /// <summary>Telegram's <c>description</c>, truncated and scrubbed (a 404 may echo the path, which holds the token).</summary>
    private string Describe(byte[] payload)
    {
        using var document = TryParse(payload);
        if (document is not null
            && document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("description"u8, out var description)
            && description.ValueKind == JsonValueKind.String)
        {
            var text = description.GetString() ?? "";
            return ": " + Scrub(text.Length > 200 ? text[..200] : text);
        }

        return "";
    }

    /// <summary>Cold path (one response per message): a document is simpler than a reader loop here.</summary>
    private static JsonDocument? TryParse(byte[] payload)
    {
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): callers fall back to their defaults.
            return null;
        }
    }
}
