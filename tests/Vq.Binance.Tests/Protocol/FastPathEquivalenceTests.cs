using System.Text;
using CsCheck;
using Vq.Binance.Protocol;
using Vq.Binance.Tests.Support;

namespace Vq.Binance.Tests.Protocol;

/// <summary>
/// The flat fast path and the Utf8JsonReader path must produce identical events (same values, same decimal scale)
/// for every recorded USDⓈ-M frame and for mutations the fast path either handles or must hand over.
/// </summary>
public sealed class FastPathEquivalenceTests
{
    private static readonly Lazy<(SymbolTable Symbols, string[] Lines)> s_data = new(Load);

    private static (SymbolTable, string[]) Load()
    {
        var symbols = new SymbolTable();
        symbols.Register("BTCUSDT");
        symbols.Register("ETHUSDT");
        var lines = MarketData.UsdmFiles().SelectMany(File.ReadLines).Where(l => l.Length > 0).ToArray();
        return (symbols, lines);
    }

    private static (MarketParseResult Result, string? Text, bool FastTaken) ViaFast(byte[] frame, SymbolTable symbols)
    {
        var fields = default(MarketFields);
        var recorder = new MarketRecorder();
        if (!MarketFastPath.TryParse(frame, symbols, ref fields))
        {
            return (default, null, false);
        }

        var result = fields.Complete(ref recorder);
        return (result, recorder.Text, true);
    }

    private static (MarketParseResult Result, string? Text) ViaReader(byte[] frame, SymbolTable symbols)
    {
        var recorder = new MarketRecorder();
        var result = MarketReaderPath.Parse(frame, symbols, ref recorder);
        return (result, recorder.Text);
    }

    [Fact]
    public void Every_recorded_frame_parses_identically_on_both_paths_raw_and_wrapped()
    {
        var (symbols, lines) = s_data.Value;
        Assert.True(lines.Length > 100_000, "expected the recorded USDⓈ-M data set");
        var checkedFrames = 0;
        foreach (var line in lines)
        {
            foreach (var frame in new[] { Encoding.UTF8.GetBytes(line), Encoding.UTF8.GetBytes(MarketData.Wrap(line)) })
            {
                var fast = ViaFast(frame, symbols);
                Assert.True(fast.FastTaken, "the fast path must take recorded frames: " + line);
                var slow = ViaReader(frame, symbols);
                Assert.Equal(ParseStatus.Done, slow.Result.Status);
                Assert.Equal(slow.Result, fast.Result);
                Assert.Equal(slow.Text, fast.Text);
                Assert.NotNull(fast.Text);
                checkedFrames++;
            }
        }

        Assert.Equal(lines.Length * 2, checkedFrames);
    }

    [Fact]
    public void Random_mutations_of_recorded_frames_parse_identically()
    {
        var (symbols, lines) = s_data.Value;
        var generator =
            from index in Gen.Int[0, lines.Length - 1]
            from mutation in Gen.Int[0, 8]
            from seed in Gen.Int
            select Mutate(lines[index], mutation, seed);

        generator.Sample(frame =>
        {
            var bytes = Encoding.UTF8.GetBytes(frame);
            var slow = ViaReader(bytes, symbols);
            var fast = ViaFast(bytes, symbols);
            if (fast.FastTaken)
            {
                Assert.Equal(slow.Result, fast.Result);
                Assert.Equal(slow.Text, fast.Text);
            }

            // Whatever path the public entry takes, it must agree with the reference.
            var recorder = new MarketRecorder();
            var viaEntry = MarketFrameParser.Parse(bytes, symbols, ref recorder);
            Assert.Equal(slow.Result, viaEntry);
            Assert.Equal(slow.Text, recorder.Text);
        }, iter: 20_000);
    }

    private static readonly string[] s_oddDecimals =
    [
        "", "-", "1.", ".5", "-.5", "1e3", "1E-2", "0001.50", "-0.0", "-0", "1.2.3", " 1", "1 ", "+1", "0x10",
        "1234567890123456789", "12345678901234567890", "1234567890.1234567890", "0.0000000000000000000000000001",
        "79228162514264337593543950335", "79228162514264337593543950336", "9999999999999999999.9", "1,5", "1-",
        "--1", "١", "NaN", "Infinity", "0.10000000000000000000", "28145.10",
    ];

    private static readonly string[] s_oddIntegers =
    [
        "0", "-0", "01", "00000000", "12345678", "123456789", "1234567a", "12345678a", "123456789012345678",
        "1234567890123456789", "9223372036854775807", "-9223372036854775808", "99999999999999999999", "1.5", "1e3",
        "-", "--1", "1234567890123.0", "\"1680652700435\"", "true", "null", "[]", "{}",
    ];

    /// <summary>Key reordering, whitespace, escapes, extra (also nested) fields, duplicates, wrapping, truncation, odd decimals.</summary>
    private static string Mutate(string line, int mutation, int seed)
    {
        var random = new Random(seed);
        var body = line[1..^1];
        var pairs = SplitPairs(body);
        switch (mutation)
        {
            case 0:
                pairs = [.. pairs.OrderBy(_ => random.Next())];
                break;
            case 1:
                return "{ " + string.Join(" , ", pairs.Select(p => p.Replace(":", " : ", StringComparison.Ordinal))) + " }";
            case 2:
                var i = random.Next(pairs.Count);
                var colon = pairs[i].IndexOf(':', StringComparison.Ordinal);
                pairs[i] = "\"\\u00" + ((int)pairs[i][1]).ToString("x2") + pairs[i][2..colon] + pairs[i][colon..];
                break;
            case 3:
                pairs.Insert(random.Next(pairs.Count + 1), "\"zz\":\"new\"");
                pairs.Insert(random.Next(pairs.Count + 1), "\"st\":1");
                break;
            case 4:
                pairs.Insert(random.Next(pairs.Count + 1), "\"nest\":{\"a\":[1,{\"b\":null}]}");
                break;
            case 5:
                pairs.Add(pairs[random.Next(pairs.Count)]);
                break;
            case 6:
                return MarketData.Wrap(line);
            case 8:
                // Odd decimal strings where the fast path parses prices while scanning: each must parse or fail
                // exactly as the reader path does.
                // Likewise odd integer literals where it accumulates eight digits at a time.
                var target = random.Next(pairs.Count);
                var key = pairs[target][..(pairs[target].IndexOf(':', StringComparison.Ordinal) + 1)];
                pairs[target] = pairs[target].Contains(":\"", StringComparison.Ordinal)
                    ? key + "\"" + s_oddDecimals[random.Next(s_oddDecimals.Length)] + "\""
                    : key + s_oddIntegers[random.Next(s_oddIntegers.Length)];
                break;
            default:
                var full = MarketData.Wrap(line);
                return full[..random.Next(1, full.Length)];
        }

        return "{" + string.Join(",", pairs) + "}";
    }

    private static List<string> SplitPairs(string body)
    {
        // Recorded frames are flat with no commas inside strings, so a plain split is exact.
        return [.. body.Split(',')];
    }
}
