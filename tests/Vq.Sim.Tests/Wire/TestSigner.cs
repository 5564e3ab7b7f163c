using System.Security.Cryptography;
using System.Text;

namespace Vq.Sim.Tests.Wire;

/// <summary>The test project's own HMAC-SHA256 signer (independent of Vq.Binance and of the simulator's verifier).</summary>
internal static class TestSigner
{
    public static string Sign(string payload, string secret)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(payload))).ToLowerInvariant();
    }
}

public sealed class TestSignerTests
{
    [Fact]
    public void Matches_binance_published_vector()
    {
        const string secret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
        const string message = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943";
        Assert.Equal("3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9", TestSigner.Sign(message, secret));
        Assert.Equal(TestSigner.Sign(message, secret), Vq.Sim.Wire.RequestAuth.Sign(message, secret));
    }
}
