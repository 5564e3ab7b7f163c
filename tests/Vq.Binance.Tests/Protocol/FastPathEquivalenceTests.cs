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
            from mutation in Gen.Int[0, 7]
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

    /// <summary>Key reordering, whitespace, escapes, extra (also nested) fields, duplicates, wrapping, truncation.</summary>
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
