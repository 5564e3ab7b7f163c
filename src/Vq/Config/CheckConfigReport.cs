using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vq.Core.Config;
using Vq.Core.Primitives;

namespace Vq.Config;

/// <summary>
/// What <c>vq check-config</c> prints: the resolved settings with provenance, the environment (secrets only as
/// set/missing), warnings and errors, as text or as one JSON document (<see cref="Utf8JsonWriter"/>, no
/// reflection). Secret values are never read here: only <see cref="Secrets.IsSet"/>.
/// </summary>
internal sealed record CheckConfigReport(
    string File,
    ConfigLoadResult Result,
    Secrets Secrets,
    string LogDir,
    string? LogDirVariable,
    IReadOnlyList<string> Warnings)
{
    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var config = Result.Config ?? throw new InvalidOperationException("only a valid configuration has settings to print");
        output.WriteLine($"{File}: valid");
        output.WriteLine();
        output.WriteLine("environment:");
        foreach (var name in Secrets.VariableNames)
        {
            output.WriteLine($"  {name,-20} {(Secrets.IsSet(name) ? "set" : "missing")}");
        }

        output.WriteLine($"  {HostEnvironment.LogDirVariable,-20} {LogDirVariable ?? "(unset)"}  -> log dir {LogDir}");
        output.WriteLine();
        output.WriteLine("global:");
        WriteValues(output, config.DescribeGlobal());
        foreach (var symbol in config.Symbols)
        {
            output.WriteLine();
            output.WriteLine($"symbols.{symbol} ({Symbols.ToUnified(symbol)}):");
            WriteValues(output, config.DescribeSymbol(symbol));
        }

        if (config.Symbols.Count == 0)
        {
            output.WriteLine();
            output.WriteLine("symbols: none configured (every symbol with a position uses the global values)");
        }

        foreach (var warning in Warnings)
        {
            output.WriteLine();
            output.WriteLine($"warning: {warning}");
        }
    }

    public static void WriteErrors(TextWriter output, string file, IReadOnlyList<ConfigDiagnostic> errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var count = errors.Count.ToString(CultureInfo.InvariantCulture);
        output.WriteLine($"{file}: invalid configuration ({count} error{(errors.Count == 1 ? string.Empty : "s")})");
        foreach (var error in errors)
        {
            output.WriteLine($"  {error}");
        }
    }

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("file", File);
            json.WriteBoolean("valid", Result.IsValid);
            json.WriteStartArray("errors");
            foreach (var error in Result.Errors)
            {
                json.WriteStartObject();
                json.WriteString("path", error.Path);
                if (error.HasPosition)
                {
                    json.WriteNumber("line", error.Line);
                    json.WriteNumber("column", error.Column);
                }

                json.WriteString("message", error.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("warnings");
            foreach (var warning in Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
            json.WriteStartObject("environment");
            foreach (var name in Secrets.VariableNames)
            {
                json.WriteString(name, Secrets.IsSet(name) ? "set" : "missing");
            }

            json.WriteString(HostEnvironment.LogDirVariable, LogDirVariable);
            json.WriteString("log_dir", LogDir);
            json.WriteEndObject();
            if (Result.Config is { } config)
            {
                json.WritePropertyName("global");
                WriteValues(json, config.DescribeGlobal());
                json.WriteStartObject("symbols");
                foreach (var symbol in config.Symbols)
                {
                    json.WriteStartObject(symbol);
                    json.WriteString("unified", Symbols.ToUnified(symbol));
                    json.WritePropertyName("settings");
                    WriteValues(json, config.DescribeSymbol(symbol));
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValues(TextWriter output, IReadOnlyList<ResolvedValue> values)
    {
        // Align paths, and values up to a sensible width (tier lists are long and simply run on).
        const int MaxAlignedValue = 24;
        var pathWidth = 0;
        var valueWidth = 0;
        var texts = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            texts[i] = ConfigValueFormatter.Format(values[i].Value);
            pathWidth = Math.Max(pathWidth, values[i].Path.Length);
            if (texts[i].Length <= MaxAlignedValue)
            {
                valueWidth = Math.Max(valueWidth, texts[i].Length);
            }
        }

        for (var i = 0; i < values.Count; i++)
        {
            output.WriteLine($"  {values[i].Path.PadRight(pathWidth)}  {texts[i].PadRight(valueWidth)}  ({values[i].SourceName})");
        }
    }

    private static void WriteValues(Utf8JsonWriter json, IReadOnlyList<ResolvedValue> values)
    {
        json.WriteStartObject();
        foreach (var value in values)
        {
            json.WriteStartObject(value.Path);
            json.WritePropertyName("value");
            WriteValue(json, value.Value);
            json.WriteString("source", value.SourceName);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case decimal d:
                json.WriteNumberValue(d);
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case IReadOnlyList<AccelTier> accel:
                json.WriteStartArray();
                foreach (var t in accel)
                {
                    json.WriteStartObject();
                    json.WriteNumber("ret", t.Ret);
                    json.WriteNumber("mult", t.Mult);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case IReadOnlyList<RoiTier> roi:
                json.WriteStartArray();
                foreach (var t in roi)
                {
                    json.WriteStartObject();
                    json.WriteNumber("roi", t.Roi);
                    json.WriteNumber("mult", t.Mult);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case IReadOnlyList<PanicTier> panic:
                json.WriteStartArray();
                foreach (var t in panic)
                {
                    json.WriteStartObject();
                    json.WriteNumber("dist_to_liq", t.DistToLiq);
                    json.WriteNumber("slice_ratio", t.SliceRatio);
                    json.WriteNumber("maker_timeouts_to_escalate", t.MakerTimeoutsToEscalate);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(ConfigValueFormatter.Format(value));
                break;
        }
    }
}
