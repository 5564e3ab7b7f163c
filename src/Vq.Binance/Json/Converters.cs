using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vq.Binance.Protocol;

namespace Vq.Binance.Json;

/// <summary>
/// Decimals arrive as strings (<c>"0.001"</c>), sometimes as numbers (leverageBracket), and as <c>""</c> or the
/// string <c>"null"</c> when unset (<c>activatePrice</c>, <c>icebergQuantity</c>): those read as 0.
/// </summary>
internal sealed class LenientDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return 0m;
        }

        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            throw new JsonException($"Expected a decimal, got {reader.TokenType}.");
        }

        var bytes = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (reader.ValueIsEscaped)
        {
            bytes = System.Text.Encoding.UTF8.GetBytes(reader.GetString()!);
        }

        if (bytes.IsEmpty || bytes.SequenceEqual("null"u8))
        {
            return 0m;
        }

        return Utf8Number.TryParseDecimal(bytes, out var value) ? value : throw new JsonException("Not a decimal.");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(DecimalText.Format(value));
}

/// <summary>Booleans sent as JSON booleans or as <c>"true"</c>/<c>"false"</c> (<c>isAutoAddMargin</c>).</summary>
internal sealed class LenientBoolConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String when reader.ValueTextEquals("true"u8) => true,
            JsonTokenType.String when reader.ValueTextEquals("false"u8) => false,
            _ => throw new JsonException($"Expected a boolean, got {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
