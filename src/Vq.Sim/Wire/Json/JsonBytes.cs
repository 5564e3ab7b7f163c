using System.Buffers;
using System.Text.Json;
using Vq.Sim.Matching;

namespace Vq.Sim.Wire.Json;

/// <summary>Builds a JSON document by hand with <see cref="Utf8JsonWriter"/> (no reflection) and returns its bytes.</summary>
internal static class JsonBytes
{
    public delegate void Body<TState>(Utf8JsonWriter writer, TState state);

    public static byte[] Build<TState>(TState state, Body<TState> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false }))
        {
            body(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(SimError error) => Build(error, static (w, e) =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", e.Code);
        w.WriteString("msg", e.Message);
        w.WriteEndObject();
    });

    public static byte[] Empty { get; } = "{}"u8.ToArray();
}
