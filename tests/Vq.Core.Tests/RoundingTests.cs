using Vq.Core.Primitives;

namespace Vq.Core.Tests;

public class RoundingTests
{
    // SPEC §9.18 #146
    [Theory]
    [InlineData("50000.15", "0.1", "50000.1")]
    [InlineData("50000.19", "0.1", "50000.1")]
    [InlineData("3000.159", "0.01", "3000.15")]
    [InlineData("0.0019", "0.001", "0.001")]
    public void FloorTo_rounds_down_to_the_increment(string value, string inc, string expected)
    {
        Assert.Equal(decimal.Parse(expected), Rounding.FloorTo(decimal.Parse(value), decimal.Parse(inc)));
    }

    [Fact]
    public void CeilTo_for_min_notional_rounds_up_to_the_step()
    {
        Assert.Equal(0.001m, Rounding.CeilTo(5m / 50000m, 0.001m));
    }

    [Fact]
    public void Rounding_is_identity_without_increment()
    {
        Assert.Equal(1.23456m, Rounding.FloorTo(1.23456m, 0m));
        Assert.Equal(1.23456m, Rounding.CeilTo(1.23456m, -1m));
    }
}
