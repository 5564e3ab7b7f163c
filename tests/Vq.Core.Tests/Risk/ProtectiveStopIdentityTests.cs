using CsCheck;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Risk;

public class ProtectiveStopIdentityTests
{
    [Fact]
    public void Prefix_names_the_stream_symbol_and_the_side()
    {
        Assert.Equal("vq-ps-btcusdt-L", new ProtectiveStopIdentity("BTCUSDT", PositionSide.Long).Prefix);
        Assert.Equal("vq-ps-btcusdt-S", new ProtectiveStopIdentity("BTCUSDT", PositionSide.Short).Prefix);
    }

    // SPEC §9.14 #127
    [Fact]
    public void Scenario_127_stop_id_is_at_most_36_characters_and_recognised_by_a_new_process()
    {
        var identity = new ProtectiveStopIdentity("BTCUSDT", PositionSide.Long);
        var id = identity.CreateId(microseconds: 1_732_000_123_456_789, counter: 42);

        Assert.Equal("vq-ps-btcusdt-L-4567890042", id.ToString());
        Assert.True(id.Length <= ClientOrderId.MaxLength);

        var restarted = new ProtectiveStopIdentity("BTCUSDT", PositionSide.Long);
        Assert.True(restarted.IsOwn(id));
        Assert.False(new ProtectiveStopIdentity("BTCUSDT", PositionSide.Short).IsOwn(id));
        Assert.False(new ProtectiveStopIdentity("ETHUSDT", PositionSide.Long).IsOwn(id));
    }

    [Fact]
    public void Scenario_127_long_symbols_use_a_stable_md5_prefix()
    {
        // 8 + 25 = 33 ≥ 30 characters → hashed. The digest is MD5, identical in every process (P13).
        var identity = new ProtectiveStopIdentity("ABCDEFGHIJKLMNOPQRSTUUSDT", PositionSide.Short);
        Assert.Equal("vq-ps-fe4dd9c-S", identity.Prefix);
        Assert.Equal("51aa47c", ProtectiveStopIdentity.ShortHash("btcusdt"));

        var id = identity.CreateId(999_999, 9_999);
        Assert.Equal("vq-ps-fe4dd9c-S-9999999999", id.ToString());
        Assert.True(new ProtectiveStopIdentity("ABCDEFGHIJKLMNOPQRSTUUSDT", PositionSide.Short).IsOwn(id));
    }

    [Fact]
    public void Prefix_of_29_characters_is_kept_and_the_id_is_cut_to_36()
    {
        var symbol = "ABCDEFGHIJKLMNOPQUSDT"; // 21 characters: prefix 29, the largest kept unhashed
        var identity = new ProtectiveStopIdentity(symbol, PositionSide.Long);
        Assert.Equal(29, identity.Prefix.Length);

        var id = identity.CreateId(123_456, 7);
        Assert.Equal(36, id.Length);
        Assert.Equal("vq-ps-abcdefghijklmnopqusdt-L-123456", id.ToString());
        Assert.True(identity.IsOwn(id));
    }

    [Fact]
    public void Run_prefix_ids_never_match_a_stop_prefix()
    {
        var runId = ClientOrderId.Parse("vq-0123abcdef-0123456789abcdef012345");
        Assert.False(ProtectiveStopIdentity.IsProtectiveStopId(runId));
        Assert.False(new ProtectiveStopIdentity("BTCUSDT", PositionSide.Long).IsOwn(runId));
        Assert.True(ProtectiveStopIdentity.IsProtectiveStopId(ClientOrderId.Parse("vq-ps-ethusdt-S-0000010001")));
    }

    [Fact]
    public void Property_ids_are_valid_owned_and_distinct_for_distinct_suffix_inputs()
    {
        var symbolGen = Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"], 1, 24].Select(s => s + "USDT");
        Gen.Select(symbolGen, Gen.Bool, Gen.Long[0, long.MaxValue / 2], Gen.Int[0, 9_998]).Sample((symbol, isLong, micros, counter) =>
        {
            var identity = new ProtectiveStopIdentity(symbol, isLong ? PositionSide.Long : PositionSide.Short);
            Assert.True(identity.Prefix.Length < ProtectiveStopIdentity.HashedPrefixThreshold);
            var id = identity.CreateId(micros, counter);
            Assert.True(id.Length <= ClientOrderId.MaxLength);
            Assert.True(identity.IsOwn(id));
            Assert.True(ProtectiveStopIdentity.IsProtectiveStopId(id));
            if (identity.Prefix.Length + ProtectiveStopIdentity.SuffixLength <= ClientOrderId.MaxLength)
            {
                Assert.NotEqual(id, identity.CreateId(micros, counter + 1));
            }
        });
    }
}
