using System.Globalization;
using System.Text;
using CsCheck;
using Vq.Binance.Protocol;

namespace Vq.Binance.Tests.Protocol;

/// <summary>The fast decimal formatter and the cached HMAC context against their slow, obvious counterparts.</summary>
public sealed class SigningAndFormattingTests
{
    private const string Secret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
    private const string VectorMessage = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943";
    private const string VectorSignature = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";

    [Fact]
    public void Decimal_text_equals_the_invariant_bcl_text_without_trailing_zeros()
    {
        Gen.Decimal.Sample(value =>
        {
            var expected = Reference(value);
            Assert.Equal(expected, DecimalText.Format(value));
        }, iter: 200_000);
    }

    [Theory]
    [InlineData("0.00000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("7922816251426433759354395.0335")]
    [InlineData("18446744073709551615")]
    [InlineData("18446744073709551616")]
    [InlineData("0.18446744073709551615")]
    [InlineData("-0.5")]
    [InlineData("-0.000")]
    [InlineData("12.3400")]
    public void Decimal_text_edges_match_the_reference(string input)
    {
        var value = decimal.Parse(input, CultureInfo.InvariantCulture);
        Assert.Equal(Reference(value), DecimalText.Format(value));
    }

    [Fact]
    public void Decimal_text_refuses_a_too_small_destination_without_writing_past_it()
    {
        Span<byte> buffer = stackalloc byte[16];
        Assert.False(DecimalText.TryFormat(123456.78m, buffer[..8], out _));
        Assert.True(DecimalText.TryFormat(123456.78m, buffer[..9], out var written));
        Assert.Equal("123456.78", Encoding.ASCII.GetString(buffer[..written]));
        Assert.False(DecimalText.TryFormat(0.00001m, buffer[..6], out _));
    }

    [Fact]
    public void The_signer_gives_the_published_vector_repeatedly_and_from_many_threads()
    {
        var signer = new RequestSigner(Secret);
        var message = Encoding.ASCII.GetBytes(VectorMessage);
        var failures = 0;
        Parallel.For(0, 4, _ =>
        {
            Span<byte> hex = stackalloc byte[RequestSigner.SignatureChars];
            for (var i = 0; i < 2000; i++)
            {
                signer.Sign(message, hex);
                if (Encoding.ASCII.GetString(hex) != VectorSignature)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void A_signature_that_does_not_fit_overflows_the_writer()
    {
        var signer = new RequestSigner(Secret);
        Span<byte> buffer = stackalloc byte[VectorMessage.Length + 20];
        var writer = new QueryWriter(buffer);
        writer.AppendRaw(Encoding.ASCII.GetBytes(VectorMessage));
        signer.AppendSignature(ref writer);
        Assert.True(writer.Overflowed);
    }

    private static string Reference(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text == "-0" ? "0" : text;
    }
}
