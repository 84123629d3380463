using TomKing.Algorithm.Domain;
using TomKing.Greeks;

namespace TomKing.Algorithm.Market;

/// <summary>
/// Builds an <see cref="OptionChain"/> from individual quotes: hosts map their data into it, tests
/// write hand-built markets with it ("SPXW 0DTE at 10:30, spot 3800, 5-point strikes"), and the
/// synthetic market fills it from a volatility surface via <see cref="AddModelQuotes"/>.
/// Strikes missing a side get an empty quote.
/// </summary>
public sealed class OptionChainBuilder
{
    private readonly Ticker _underlying;
    private readonly Ticker _root;
    private readonly ExerciseStyle _exercise;
    private readonly OptionSettlement _settlement;
    private readonly decimal _multiplier;
    private readonly SortedDictionary<DateOnly, SortedDictionary<double, (Quote Call, Quote Put)>> _expiries = [];
    private DateTime _asOf;
    private double _underlyingPrice = double.NaN;
    private IRateCurve _rates = new ConstantRate(0.0);
    private double _dividendYield;

    /// <summary>A builder for a catalogued root, with its exercise style, settlement and multiplier.</summary>
    public OptionChainBuilder(Instrument root)
        : this(root.Underlying, root.Ticker, root.OptionExercise, root.OptionSettlement, root.OptionMultiplier)
    {
    }

    /// <summary>A builder with explicit contract terms.</summary>
    public OptionChainBuilder(Ticker underlying, Ticker root, ExerciseStyle exercise, OptionSettlement settlement, decimal multiplier)
    {
        _underlying = underlying;
        _root = root;
        _exercise = exercise;
        _settlement = settlement;
        _multiplier = multiplier;
    }

    /// <summary>The Eastern time the chain (and its Greeks) is as of.</summary>
    public OptionChainBuilder AsOf(DateTime eastern)
    {
        _asOf = eastern;
        return this;
    }

    /// <summary>The underlying price.</summary>
    public OptionChainBuilder UnderlyingPrice(double price)
    {
        _underlyingPrice = price;
        return this;
    }

    /// <summary>Rates and dividend yield (default: zero rate, no dividends).</summary>
    public OptionChainBuilder Rates(IRateCurve rates, double dividendYield = 0.0)
    {
        _rates = rates ?? throw new ArgumentNullException(nameof(rates));
        _dividendYield = dividendYield;
        return this;
    }

    /// <summary>Adds (or replaces) one contract's quote.</summary>
    public OptionChainBuilder AddQuote(DateOnly expiry, double strike, OptionRight right, double bid, double ask, int bidSize = 10, int askSize = 10)
    {
        if (!_expiries.TryGetValue(expiry, out var strikes))
        {
            strikes = [];
            _expiries.Add(expiry, strikes);
        }

        strikes.TryGetValue(strike, out var pair);
        var quote = new Quote(bid, ask, bidSize, askSize, _asOf);
        strikes[strike] = right == OptionRight.Call ? pair with { Call = quote } : pair with { Put = quote };
        return this;
    }

    /// <summary>
    /// Adds a call and a put at each strike priced from a volatility smile: Black-76 on
    /// F = spot × e^((r−q)T) (the futures price itself for futures options), quoted mid ± half the
    /// spread, bids floored at 0 (a zero bid makes the quote one-sided, like far wings in real chains).
    /// Call after <see cref="AsOf"/>, <see cref="UnderlyingPrice"/> and <see cref="Rates"/>.
    /// </summary>
    /// <param name="expiry">Expiry date.</param>
    /// <param name="strikes">Strikes to list.</param>
    /// <param name="volatilityAtStrike">Annualized volatility per strike (a constant for a flat smile).</param>
    /// <param name="halfSpread">Half the bid–ask spread in premium points.</param>
    public OptionChainBuilder AddModelQuotes(DateOnly expiry, IEnumerable<double> strikes, Func<double, double> volatilityAtStrike, double halfSpread)
    {
        ArgumentNullException.ThrowIfNull(strikes);
        ArgumentNullException.ThrowIfNull(volatilityAtStrike);
        double years = ExpiryTime.YearsToExpiry(_asOf, expiry, _settlement.Style);
        double rate = years > 0.0 ? _rates.ZeroRate(years) : 0.0;
        double forward = _settlement.Delivery == DeliveryKind.Future
            ? _underlyingPrice
            : _underlyingPrice * Math.Exp((rate - _dividendYield) * Math.Max(years, 0.0));
        foreach (double strike in strikes)
        {
            double vol = volatilityAtStrike(strike);
            foreach (var right in (ReadOnlySpan<OptionRight>)[OptionRight.Call, OptionRight.Put])
            {
                double value = years > 0.0
                    ? Black76.Price(right, forward, strike, years, rate, vol)
                    : Math.Max(right == OptionRight.Call ? forward - strike : strike - forward, 0.0);
                double bid = Math.Max(value - halfSpread, 0.0);
                AddQuote(expiry, strike, right, bid, value + halfSpread);
            }
        }

        return this;
    }

    /// <summary>Builds the chain; the builder may be reused.</summary>
    public OptionChain Build()
    {
        var chain = new OptionChain(_underlying, _root, _asOf, _underlyingPrice, _rates, _dividendYield);
        var expiries = new ChainExpiry[_expiries.Count];
        int e = 0;
        foreach (var (date, quotes) in _expiries)
        {
            var strikes = new double[quotes.Count];
            quotes.Keys.CopyTo(strikes, 0);
            var expiry = new ChainExpiry(chain, date, _exercise, _settlement, _multiplier, strikes);
            int i = 0;
            foreach (var (call, put) in quotes.Values)
            {
                if (call != default)
                {
                    expiry.UpdateQuote(i, OptionRight.Call, call);
                }

                if (put != default)
                {
                    expiry.UpdateQuote(i, OptionRight.Put, put);
                }

                i++;
            }

            expiries[e++] = expiry;
        }

        chain.SetExpiries(expiries);
        return chain;
    }
}
