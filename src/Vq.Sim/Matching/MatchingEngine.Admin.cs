namespace Vq.Sim.Matching;

// Direct state changes for scenarios, tests and the control plane. Each emits what Binance would push for the
// equivalent real-world change (ADJUSTMENT balance updates, ACCOUNT_CONFIG_UPDATE for leverage).
public sealed partial class MatchingEngine
{
    public void SetWalletBalance(decimal balance)
    {
        var change = balance - Account.WalletBalance;
        Account.WalletBalance = balance;
        var now = Clock.NowMs;
        _outbox.Add(new AccountUpdate
        {
            EventTime = now, TransactionTime = now, Reason = "ADJUSTMENT", WalletBalance = balance,
            CrossWalletBalance = CrossWalletBalance(), BalanceChange = change, Legs = [],
        });
    }

    /// <summary>Sets a leg outright (amount ≥ 0, entry price, leverage, margin mode) and pushes an ADJUSTMENT update.</summary>
    public SimError? SetPosition(string symbol, LegSide side, decimal amount, decimal entryPrice, int? leverage, MarginMode? marginMode)
    {
        var instrument = FindInstrument(symbol);
        if (instrument is null)
        {
            return Errors.InvalidSymbol;
        }

        if (side == LegSide.Both || amount < 0m || (amount > 0m && entryPrice <= 0m))
        {
            return Errors.Mandatory(side == LegSide.Both ? "positionSide" : amount < 0m ? "qty" : "entryPrice");
        }

        var leg = Account.GetLeg(instrument, side);
        if (leverage is { } lev)
        {
            if (lev < 1 || lev > instrument.MaxLeverage)
            {
                return Errors.Mandatory("leverage");
            }

            SetLeverage(instrument, lev);
        }

        if (marginMode is { } mode)
        {
            leg.MarginMode = mode;
        }

        leg.Amount = amount;
        leg.EntryPrice = amount == 0m ? 0m : entryPrice;
        leg.IsolatedWallet = leg.MarginMode == MarginMode.Isolated ? amount * entryPrice / Math.Max(1, leg.Leverage) : 0m;
        leg.UpdateTime = Clock.NowMs;
        EmitAccount("ADJUSTMENT", 0m, leg);
        CheckLiquidation(_books[symbol]);
        return null;
    }

    /// <summary>POST /fapi/v1/leverage: both legs of the symbol; ACCOUNT_CONFIG_UPDATE when it changed.</summary>
    public void ChangeLeverage(Instrument instrument, int leverage) => SetLeverage(instrument, leverage);

    private void SetLeverage(Instrument instrument, int leverage)
    {
        var changed = false;
        foreach (var side in (ReadOnlySpan<LegSide>)[LegSide.Long, LegSide.Short])
        {
            var leg = Account.GetLeg(instrument, side);
            changed |= leg.Leverage != leverage;
            leg.Leverage = leverage;
        }

        if (changed)
        {
            var now = Clock.NowMs;
            _outbox.Add(new AccountConfigUpdate { EventTime = now, TransactionTime = now, Symbol = instrument.Symbol, Leverage = leverage });
        }
    }

    /// <summary>Synthetic depth beyond the touch, per tick (the price-impact knob).</summary>
    public void SetDepth(string symbol, decimal qtyPerTick)
    {
        if (_books.TryGetValue(symbol, out var book) && qtyPerTick > 0m)
        {
            book.DepthQtyPerTick = qtyPerTick;
        }
    }
}
