using System.Collections.Concurrent;
using TomKing.Algorithm.Domain;
using TomKing.Engine.Synthetic;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Emulator.Market;

/// <summary>One option's Greeks as the emulator streams them (DXLink's Greeks event).</summary>
/// <param name="Price">The model (theoretical) option price the Greeks belong to: the value the emulator's quote is
/// spread around, so it lies inside the quote's bid/ask.</param>
/// <param name="Volatility">The model implied volatility of the strike (a fraction: 0.20 = 20 %).</param>
/// <param name="Delta">∂price/∂underlying (spot for equity and index options, the future for futures options).</param>
/// <param name="Gamma">∂²price/∂underlying².</param>
/// <param name="Theta">Value change per calendar day as time passes.</param>
/// <param name="Rho">Value change per 1 % (0.01) of the interest rate.</param>
/// <param name="Vega">Value change per 1 volatility point (0.01).</param>
/// <param name="Time">The market time of the values (Eastern).</param>
public readonly record struct EmulatorGreeks(double Price, double Volatility, double Delta, double Gamma, double Theta, double Rho, double Vega, DateTime Time);

/// <summary>One daily bar (DXLink Candle <c>{=d}</c>): the session's 09:30 open, the high and low of its minute
/// prices, and its close (the latest price while the session runs).</summary>
/// <param name="Date">The session.</param>
/// <param name="Open">09:30 price.</param>
/// <param name="High">Highest minute price so far.</param>
/// <param name="Low">Lowest minute price so far.</param>
/// <param name="Close">Close (the current price for a session still open).</param>
/// <param name="Complete">True once the session has closed.</param>
public readonly record struct EmulatorCandle(DateOnly Date, double Open, double High, double Low, double Close, bool Complete)
{
    /// <summary>DXLink's candle <c>time</c> of a daily bar: the session date at 00:00 UTC, epoch milliseconds.</summary>
    public long TimeMs => new DateTimeOffset(Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
}

/// <summary>Greeks and daily candles of <see cref="EmulatorMarket"/> (DXLink's Greeks and Candle events).</summary>
public sealed partial class EmulatorMarket
{
    private readonly ConcurrentDictionary<(string Product, DateOnly Date), EmulatorCandle> _completeCandles = new();

    /// <summary>
    /// The Greeks of an option (order or streamer symbol) now, from the same inputs its quotes are made of: the
    /// synthetic market's underlying price (spot, or the delivered future for futures options), the strike's model
    /// volatility, its risk-free rate and the product's dividend yield, and the time to the contract's settlement.
    /// Equity and index options use Black-Scholes-Merton on the spot with the dividend yield (the market's Black-76 on
    /// the forward S·e^((r−q)T), the same price); futures options use Black-76 on the future. False for a non-option,
    /// an unknown symbol or an expired contract.
    /// </summary>
    public bool TryGetGreeks(string symbol, out EmulatorGreeks greeks)
    {
        greeks = default;
        if (!(TryResolve(symbol, out var instrument) || _byStreamer.TryGetValue(symbol, out instrument))
            || instrument.Right is not { } right || instrument.Expiration is not { } expiry || instrument.Strike is not { } strike
            || !InstrumentCatalogue.TryGet(instrument.Root, out var catalogued))
        {
            return false;
        }

        var now = Clock.NowEastern;
        double years = ExpiryTime.YearsToExpiry(now, expiry, catalogued.OptionSettlement.Style);
        if (!(years > 0.0))
        {
            return false;
        }

        double k = (double)strike;
        double underlying, volatility, rate, dividendYield;
        lock (_gate)
        {
            if (!_market.TryGetOptionUnderlyingPrice(instrument.Root, expiry, now, out underlying)
                || !_market.TryGetModelVolatility(instrument.Root, expiry, k, now, out volatility))
            {
                return false;
            }

            rate = _market.Settings.RiskFreeRate;
            dividendYield = _market.Settings.Products.FirstOrDefault(p => string.Equals(p.Ticker, instrument.Product, StringComparison.Ordinal))?.DividendYield ?? 0.0;
        }

        bool onFuture = string.Equals(instrument.InstrumentType, "Future Option", StringComparison.Ordinal);
        var g = onFuture
            ? Black76.Evaluate(right, underlying, k, years, rate, volatility)
            : BlackScholesMerton.Evaluate(right, underlying, k, years, rate, dividendYield, volatility);
        greeks = new EmulatorGreeks(g.Price, volatility, g.Delta, g.Gamma, g.ThetaPerDay, g.Rho / 100.0, g.Vega / 100.0, now);
        return true;
    }

    /// <summary>
    /// Daily bars of a share, index, future (order or streamer symbol) or <see cref="VixSymbol"/> for every session
    /// whose DXLink candle time (<see cref="EmulatorCandle.TimeMs"/>) is at or after <paramref name="fromTimeMs"/>, up to
    /// today's session while it runs (from 09:30), oldest first, into <paramref name="into"/> (cleared first). History
    /// starts at the synthetic market's first warm-up day. False for an option or an unknown symbol.
    /// </summary>
    public bool TryGetDailyCandles(string symbol, long fromTimeMs, List<EmulatorCandle> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        string product;
        if (string.Equals(symbol, VixSymbol, StringComparison.Ordinal))
        {
            product = VixSymbol;
        }
        else if ((TryResolve(symbol, out var instrument) || _byStreamer.TryGetValue(symbol, out instrument)) && instrument.Right is null)
        {
            product = instrument.Product;
        }
        else
        {
            return false;
        }

        var now = Clock.NowEastern;
        var today = DateOnly.FromDateTime(now);
        var from = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(fromTimeMs, 0)).UtcDateTime);
        if (new EmulatorCandle(from, 0, 0, 0, 0, false).TimeMs < fromTimeMs)
        {
            from = from.AddDays(1); // a fromTime inside a day starts at the next session's bar
        }

        lock (_gate)
        {
            if (from < _market.HistoryStart)
            {
                from = _market.HistoryStart;
            }

            for (var d = NyseCalendar.IsTradingDay(from) ? from : NyseCalendar.NextTradingDay(from); d <= today; d = NyseCalendar.NextTradingDay(d))
            {
                if (d < today || TimeOnly.FromDateTime(now) >= NyseCalendar.CloseOn(d))
                {
                    into.Add(CompleteCandle(product, d));
                }
                else if (TimeOnly.FromDateTime(now) >= NyseCalendar.Open && BuildCandle(product, d, now, out var partial))
                {
                    into.Add(partial);
                }
            }
        }

        return true;
    }

    private EmulatorCandle CompleteCandle(string product, DateOnly date)
    {
        if (_completeCandles.TryGetValue((product, date), out var candle))
        {
            return candle;
        }

        BuildCandle(product, date, date.ToDateTime(NyseCalendar.CloseOn(date)), out candle);
        _completeCandles[(product, date)] = candle;
        return candle;
    }

    /// <summary>Open, high, low and close of a session's minute prices up to <paramref name="until"/> (under the lock).</summary>
    private bool BuildCandle(string product, DateOnly date, DateTime until, out EmulatorCandle candle)
    {
        candle = default;
        var open = date.ToDateTime(NyseCalendar.Open);
        int minutes = Math.Min(NyseCalendar.SessionMinutes(date), (int)Math.Floor((until - open).TotalMinutes));
        if (minutes < 0 || !TryPriceAt(product, open, out double first))
        {
            return false;
        }

        double high = first, low = first, last = first;
        for (int m = 1; m <= minutes; m++)
        {
            if (TryPriceAt(product, open.AddMinutes(m), out double p))
            {
                high = Math.Max(high, p);
                low = Math.Min(low, p);
                last = p;
            }
        }

        candle = new EmulatorCandle(date, first, high, low, last, minutes >= NyseCalendar.SessionMinutes(date));
        return true;
    }

    private bool TryPriceAt(string product, DateTime eastern, out double price)
    {
        if (string.Equals(product, VixSymbol, StringComparison.Ordinal))
        {
            price = _market.Vix(eastern);
            return true;
        }

        return _market.TryGetPrice(product, eastern, out price);
    }
}
