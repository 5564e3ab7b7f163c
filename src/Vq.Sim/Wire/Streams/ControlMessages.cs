using System.Text.Json;
using Vq.Sim.Wire.Json;

namespace Vq.Sim.Wire.Streams;

/// <summary>
/// SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS / SET_PROPERTY / GET_PROPERTY on a stream connection (BINANCE.md §6),
/// including the error replies with codes 0–3. On /private, SUBSCRIBE takes listenKeys (Binance.Net style).
/// </summary>
internal static class ControlMessages
{
    public static byte[] Handle(ReadOnlySpan<byte> message, StreamConnection connection, SimExchange exchange)
    {
        string? method = null;
        var parameters = new List<JsonElement>();
        long? id = null;
        var idInvalid = false;
        try
        {
            using var document = JsonDocument.Parse(message.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Error(2, "Invalid request: request must be an object");
            }

            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "method":
                        method = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                        break;
                    case "params" when property.Value.ValueKind == JsonValueKind.Array:
                        foreach (var item in property.Value.EnumerateArray())
                        {
                            parameters.Add(item.Clone());
                        }

                        break;
                    case "id":
                        if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var value) && value >= 0)
                        {
                            id = value;
                        }
                        else
                        {
                            idInvalid = true;
                        }

                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            return Error(3, "Invalid JSON: " + ex.Message);
        }

        if (idInvalid || id is null)
        {
            return Error(2, "Invalid request: request ID must be an unsigned integer");
        }

        switch (method)
        {
            case "SUBSCRIBE":
            case "UNSUBSCRIBE":
                var subscribe = method == "SUBSCRIBE";
                var names = new List<string>(parameters.Count);
                foreach (var item in parameters)
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return Error(2, "Invalid request: params must be strings", id);
                    }

                    var name = item.GetString()!;
                    // Checked before taking the connection's lock: the exchange gate is always taken first elsewhere.
                    if (!subscribe || connection.Route != StreamRoute.Private || exchange.IsListenKeyValid(name))
                    {
                        names.Add(name);
                    }
                }

                lock (connection.Gate)
                {
                    var target = connection.Route == StreamRoute.Private ? connection.ListenKeys : connection.Streams;
                    foreach (var name in names)
                    {
                        if (subscribe)
                        {
                            target.Add(name);
                        }
                        else
                        {
                            target.Remove(name);
                        }
                    }
                }

                return Result(id.Value, static w => w.WriteNullValue());
            case "LIST_SUBSCRIPTIONS":
                string[] subscribed;
                lock (connection.Gate)
                {
                    subscribed = connection.Route == StreamRoute.Private ? [.. connection.ListenKeys] : [.. connection.Streams];
                }

                Array.Sort(subscribed, StringComparer.Ordinal);
                return Result(id.Value, w =>
                {
                    w.WriteStartArray();
                    foreach (var name in subscribed)
                    {
                        w.WriteStringValue(name);
                    }

                    w.WriteEndArray();
                });
            case "SET_PROPERTY":
                if (parameters.Count != 2 || parameters[0].ValueKind != JsonValueKind.String || parameters[0].GetString() != "combined")
                {
                    return Error(0, "Unknown property", id);
                }

                if (parameters[1].ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return Error(1, "Invalid value type: expected Boolean", id);
                }

                connection.Combined = parameters[1].ValueKind == JsonValueKind.True;
                return Result(id.Value, static w => w.WriteNullValue());
            case "GET_PROPERTY":
                if (parameters.Count != 1 || parameters[0].ValueKind != JsonValueKind.String || parameters[0].GetString() != "combined")
                {
                    return Error(0, "Unknown property", id);
                }

                var combined = connection.Combined;
                return Result(id.Value, w => w.WriteBooleanValue(combined));
            default:
                return Error(2, "Invalid request: unknown method", id);
        }
    }

    private static byte[] Result(long id, Action<Utf8JsonWriter> result) => JsonBytes.Build((id, result), static (w, s) =>
    {
        w.WriteStartObject();
        w.WritePropertyName("result");
        s.result(w);
        w.WriteNumber("id", s.id);
        w.WriteEndObject();
    });

    private static byte[] Error(int code, string msg, long? id = null) => JsonBytes.Build((code, msg, id), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", s.code);
        w.WriteString("msg", s.msg);
        if (s.id is { } value)
        {
            w.WriteNumber("id", value);
        }

        w.WriteEndObject();
    });
}
