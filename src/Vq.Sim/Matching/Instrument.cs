namespace Vq.Sim.Matching;

/// <summary>
/// A USDT-M perpetual with Binance's filters (BINANCE.md §3.1). Immutable. <see cref="PricePrecision"/> and
/// <see cref="QuantityPrecision"/> bound the decimals a request may carry (-1111); tick and step bound the values
/// (-4014/-4023).
/// </summary>
public sealed record Instrument
{
    public required string Symbol { get; init; }
    public string BaseAsset { get; init; } = "";
    public string QuoteAsset { get; init; } = "USDT";
    public decimal TickSize { get; init; } = 0.10m;
    public decimal MinPrice { get; init; } = 0.10m;
    public decimal MaxPrice { get; init; } = 1_000_000m;
    public decimal StepSize { get; init; } = 0.001m;
    public decimal MinQty { get; init; } = 0.001m;
    public decimal MaxQty { get; init; } = 1000m;
    public decimal MarketMaxQty { get; init; } = 120m;
    public decimal MinNotional { get; init; } = 100m;
    public decimal MultiplierUp { get; init; } = 1.05m;
    public decimal MultiplierDown { get; init; } = 0.95m;
    public int MaxOpenOrders { get; init; } = 200;
    /// <summary>Maintenance margin rate of the first bracket (BTCUSDT: 0.4 %); the sim models one bracket, cum = 0.</summary>
    public decimal MaintMarginRate { get; init; } = 0.004m;
    public int MaxLeverage { get; init; } = 125;

    private readonly int? _pricePrecision;
    private readonly int? _quantityPrecision;

    /// <summary>Decimals a price may carry and is written with (BTCUSDT: 2 although the tick is 0.10).</summary>
    public int PricePrecision
    {
        get => _pricePrecision ?? DecimalText.SignificantScale(TickSize);
        init => _pricePrecision = value;
    }

    public int QuantityPrecision
    {
        get => _quantityPrecision ?? DecimalText.SignificantScale(StepSize);
        init => _quantityPrecision = value;
    }

    public string Price(decimal value) => DecimalText.Fixed(value, PricePrecision);
    public string Qty(decimal value) => DecimalText.Fixed(value, QuantityPrecision);

    public bool OnTick(decimal price) => TickSize <= 0m || (price - (MinPrice > 0m ? MinPrice : 0m)) % TickSize == 0m;
    public bool OnStep(decimal qty) => StepSize <= 0m || (qty - MinQty) % StepSize == 0m;

    public decimal FloorToTick(decimal price) => TickSize <= 0m ? price : Math.Floor(price / TickSize) * TickSize;
    public decimal CeilToTick(decimal price) => TickSize <= 0m ? price : Math.Ceiling(price / TickSize) * TickSize;
    public decimal FloorToStep(decimal qty) => StepSize <= 0m ? qty : Math.Floor(qty / StepSize) * StepSize;

    /// <summary>Filters of the two symbols vq trades in its examples (tick/step/minNotional per 2026 fixtures).</summary>
    public static Instrument BtcUsdt { get; } = new()
    {
        Symbol = "BTCUSDT", BaseAsset = "BTC", PricePrecision = 2, QuantityPrecision = 3, TickSize = 0.10m, MinPrice = 261.10m, MaxPrice = 809484m,
        StepSize = 0.001m, MinQty = 0.001m, MaxQty = 1000m, MarketMaxQty = 120m, MinNotional = 100m,
        MaintMarginRate = 0.004m,
    };

    public static Instrument EthUsdt { get; } = new()
    {
        Symbol = "ETHUSDT", BaseAsset = "ETH", PricePrecision = 2, QuantityPrecision = 3, TickSize = 0.01m, MinPrice = 39.86m, MaxPrice = 306177m,
        StepSize = 0.001m, MinQty = 0.001m, MaxQty = 10000m, MarketMaxQty = 2000m, MinNotional = 20m,
        MaintMarginRate = 0.004m,
    };
}
