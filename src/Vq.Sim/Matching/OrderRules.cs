namespace Vq.Sim.Matching;

/// <summary>
/// Binance's parameter and filter checks, shared by new orders, modifications and algo orders. Each method returns
/// the first violated rule or null. The order of the checks follows BINANCE.md §10 (precision, tick/step, min/max,
/// percent price, min notional); Binance's exact order is unconfirmed.
/// </summary>
internal static class OrderRules
{
    public static SimError? ParseSide(string? text, out Side side)
    {
        side = Side.Buy;
        switch (text)
        {
            case null or "":
                return Errors.Mandatory("side");
            case "BUY":
                return null;
            case "SELL":
                side = Side.Sell;
                return null;
            default:
                return Errors.InvalidSide;
        }
    }

    /// <summary>-4061: hedge mode needs LONG/SHORT; one-way mode needs BOTH (or nothing).</summary>
    public static SimError? ParsePositionSide(string? text, bool hedgeMode, out LegSide leg)
    {
        leg = text switch
        {
            "LONG" => LegSide.Long,
            "SHORT" => LegSide.Short,
            _ => LegSide.Both,
        };
        if (text is not (null or "" or "BOTH" or "LONG" or "SHORT"))
        {
            return Errors.Mandatory("positionSide");
        }

        return hedgeMode == (leg == LegSide.Both) ? Errors.PositionSideMismatch : null;
    }

    /// <summary>Binance's client id pattern <c>^[\.A-Z\:/a-z0-9_-]{1,36}$</c> (-4015).</summary>
    public static bool IsValidClientId(string id)
    {
        if (id.Length is 0 or > 36)
        {
            return false;
        }

        foreach (var c in id)
        {
            var ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or ':' or '/' or '_' or '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static SimError? ParseDecimal(string? text, string name, out decimal value)
    {
        value = 0m;
        return string.IsNullOrEmpty(text) || !DecimalText.TryParse(text, out value) ? Errors.Mandatory(name) : null;
    }

    /// <summary>Precision, tick, min and max price (-1111, -4014, -4013, -4016).</summary>
    public static SimError? CheckPrice(Instrument instrument, decimal price)
    {
        if (DecimalText.SignificantScale(price) > instrument.PricePrecision)
        {
            return Errors.Precision;
        }

        if (price <= 0m)
        {
            return Errors.PriceBelowMin;
        }

        if (!instrument.OnTick(price))
        {
            return Errors.PriceTick;
        }

        if (instrument.MinPrice > 0m && price < instrument.MinPrice)
        {
            return Errors.PriceBelowMin;
        }

        return instrument.MaxPrice > 0m && price > instrument.MaxPrice ? Errors.PriceAboveUp(instrument.Price(instrument.MaxPrice)) : null;
    }

    /// <summary>Precision, step, zero, min and max quantity (-1111, -4023, -4003, -4004, -4005).</summary>
    public static SimError? CheckQuantity(Instrument instrument, decimal qty, bool isMarket)
    {
        if (DecimalText.SignificantScale(qty) > instrument.QuantityPrecision)
        {
            return Errors.Precision;
        }

        if (qty <= 0m)
        {
            return Errors.QtyNotPositive;
        }

        if (!instrument.OnStep(qty))
        {
            return Errors.QtyStep;
        }

        if (qty < instrument.MinQty)
        {
            return Errors.QtyBelowMin;
        }

        return qty > (isMarket ? instrument.MarketMaxQty : instrument.MaxQty) ? Errors.QtyAboveMax : null;
    }

    /// <summary>PERCENT_PRICE against the mark (-4016 / -4024). Without a mark the filter cannot apply.</summary>
    public static SimError? CheckPercentPrice(BookState book, Side side, decimal price)
    {
        if (book.Mark <= 0m)
        {
            return null;
        }

        var instrument = book.Instrument;
        if (side == Side.Buy)
        {
            var up = instrument.FloorToTick(book.Mark * instrument.MultiplierUp);
            return price > book.Mark * instrument.MultiplierUp ? Errors.PriceAboveUp(instrument.Price(up)) : null;
        }

        var down = instrument.CeilToTick(book.Mark * instrument.MultiplierDown);
        return price < book.Mark * instrument.MultiplierDown ? Errors.PriceBelowDown(instrument.Price(down)) : null;
    }
}
