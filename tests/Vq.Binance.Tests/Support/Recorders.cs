using Vq.Binance.Protocol;

namespace Vq.Binance.Tests.Support;

/// <summary>Keeps the last event of each kind, plus a text form that shows decimal scale exactly.</summary>
public struct MarketRecorder : IMarketEventHandler
{
    public int Count;
    public BookTicker? Book;
    public AggTrade? Trade;
    public MarkPriceUpdate? Mark;
    public string? Text;

    public void OnBookTicker(in BookTicker e)
    {
        Count++;
        Book = e;
        Text = e.ToString();
    }

    public void OnAggTrade(in AggTrade e)
    {
        Count++;
        Trade = e;
        Text = e.ToString();
    }

    public void OnMarkPrice(in MarkPriceUpdate e)
    {
        Count++;
        Mark = e;
        Text = e.ToString();
    }
}

/// <summary>Counts without keeping anything: the allocation test's dispatcher.</summary>
public struct CountingHandler : IMarketEventHandler
{
    public long Books;
    public long Trades;
    public long Marks;
    public decimal Checksum;

    public void OnBookTicker(in BookTicker e)
    {
        Books++;
        Checksum += e.BidPrice;
    }

    public void OnAggTrade(in AggTrade e)
    {
        Trades++;
        Checksum += e.Price;
    }

    public void OnMarkPrice(in MarkPriceUpdate e)
    {
        Marks++;
        Checksum += e.MarkPrice;
    }
}

public sealed class UserRecorder : IUserDataHandler
{
    public List<object> Events { get; } = [];

    public void OnOrderTradeUpdate(in OrderTradeUpdate e) => Events.Add(e);

    public void OnAccountUpdate(AccountUpdate e) => Events.Add(e);

    public void OnAccountConfigUpdate(in AccountConfigUpdate e) => Events.Add(e);

    public void OnAlgoUpdate(AlgoUpdate e) => Events.Add(e);

    public void OnListenKeyExpired(in ListenKeyExpired e) => Events.Add(e);

    public void OnMarginCall(MarginCall e) => Events.Add(e);

    public T Single<T>() => Assert.IsType<T>(Assert.Single(Events));
}
