using System.Collections.Frozen;
using TomKing.Algorithm.Domain;
using TomKing.Greeks;

namespace TomKing.Engine.Synthetic;

/// <summary>Option listings and quotes of <see cref="SyntheticMarket"/>.</summary>
public sealed partial class SyntheticMarket
{
    private const double MaxMoneyness = 3.5;
    private const double MinSmileFactor = 0.35;
    private const int MaxFineStrikesPerSide = 120;

    /// <summary>How far ahead equity-index futures options list serial (third-Friday) and end-of-month expiries: about nine months.</summary>
    private const int SerialMonthsDays = 280;

    private readonly FrozenDictionary<string, RootInfo> _roots;

    /// <summary>The listing and quoting rules of an option root.</summary>
    public bool TryGetOptionRoot(Ticker root, out SyntheticOptionRoot spec)
    {
        bool found = _roots.TryGetValue(root.Symbol, out var info);
        spec = found ? info!.Spec : null!;
        return found;
    }

    /// <summary>The expiries a root lists on a trading day, ascending, into <paramref name="expiries"/> (cleared first).
    /// See <see cref="ExpiryListing"/> for the rules.</summary>
    /// <exception cref="ArgumentException">Unknown root.</exception>
    public void ListExpiries(Ticker root, DateOnly today, List<DateOnly> expiries)
    {
        ArgumentNullException.ThrowIfNull(expiries);
        ListExpiries(RootOf(root).Spec.Listing, today, expiries);
    }

    /// <summary>
    /// The strikes a root lists for an expiry on a trading day, ascending, into <paramref name="strikes"/> (cleared
    /// first). The listing is fixed for the day, set at the open from the previous close and VIX: fine increments
    /// within about one standard deviation (at least ±1.5 %), coarse increments out to −5 / +3.5 standard deviations
    /// (at least one day's worth and ±2 %).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown root, or a date outside the generated history.</exception>
    public void ListStrikes(Ticker root, DateOnly today, DateOnly expiry, List<double> strikes)
    {
        ArgumentNullException.ThrowIfNull(strikes);
        var info = RootOf(root);
        int d = DayOnOrBefore(today);
        if (d < 0)
        {
            throw new ArgumentException($"{today:yyyy-MM-dd} is before the synthetic history.", nameof(today));
        }

        ListStrikes(info, d, expiry, strikes);
    }

    /// <summary>The price an expiry's options are written on at a time: the future of the delivered contract month
    /// for futures options (ES options on the quarterly at or after the expiry), the spot otherwise.</summary>
    public bool TryGetOptionUnderlyingPrice(Ticker root, DateOnly expiry, DateTime eastern, out double price)
    {
        price = double.NaN;
        if (!_roots.TryGetValue(root.Symbol, out var info) || !TryLocate(eastern, out int d, out int m))
        {
            return false;
        }

        var pricing = PriceExpiry(info, d, m, eastern, expiry);
        price = info.OnFuture ? pricing.Forward : pricing.Spot;
        return true;
    }

    /// <summary>The model implied volatility of a strike (the surface the quotes are priced from).</summary>
    public bool TryGetModelVolatility(Ticker root, DateOnly expiry, double strike, DateTime eastern, out double volatility)
    {
        volatility = double.NaN;
        if (!_roots.TryGetValue(root.Symbol, out var info) || !TryLocate(eastern, out int d, out int m))
        {
            return false;
        }

        var pricing = PriceExpiry(info, d, m, eastern, expiry);
        volatility = SmileVolatility(info.Spec, pricing, strike, out _);
        return true;
    }

    /// <summary>
    /// The quote of any strike of a root at a time (listed today or not, so a position opened days ago always has a
    /// quote): the model price ± half a spread that widens with volatility, with moneyness and with time, rounded
    /// outward to the premium tick, never crossed, with a zero bid when the option is worth less than a tick.
    /// </summary>
    public bool TryQuoteOption(Ticker root, DateOnly expiry, double strike, OptionRight right, DateTime eastern, out Quote quote)
    {
        quote = default;
        if (!_roots.TryGetValue(root.Symbol, out var info) || !TryLocate(eastern, out int d, out int m) || !(strike > 0.0))
        {
            return false;
        }

        var pricing = PriceExpiry(info, d, m, eastern, expiry);
        Span<double> k = [strike];
        Span<double> cb = stackalloc double[1];
        Span<double> ca = stackalloc double[1];
        Span<double> pb = stackalloc double[1];
        Span<double> pa = stackalloc double[1];
        QuoteStrikes(info.Spec, pricing, k, cb, ca, pb, pa);
        quote = right == OptionRight.Call ? MakeQuote(cb[0], ca[0], eastern) : MakeQuote(pb[0], pa[0], eastern);
        return true;
    }

    /// <summary>The quote of a contract at a time (its root, expiry, strike and right).</summary>
    public bool TryQuoteOption(in OptionContract contract, DateTime eastern, out Quote quote) =>
        TryQuoteOption(contract.Root, contract.Expiry, (double)contract.Strike, contract.Right, eastern, out quote);

    /// <summary>A chain feed for a root: an <see cref="Algorithm.Market.OptionChain"/> that it lists once per trading
    /// day and re-quotes in place on each <see cref="SyntheticChainFeed.Refresh"/>.</summary>
    /// <param name="root">Option root.</param>
    /// <param name="scope">Which expiries to carry (default: <see cref="ChainScope.All"/>).</param>
    /// <exception cref="ArgumentException">Unknown root.</exception>
    public SyntheticChainFeed CreateChainFeed(Ticker root, ChainScope? scope = null) => new(this, RootOf(root), scope ?? ChainScope.All);

    internal static Quote MakeQuote(double bid, double ask, DateTime time) =>
        new(bid, ask, bid > 0.0 ? 25 : 0, 25, time);

    internal RootInfo RootOf(Ticker root) =>
        _roots.TryGetValue(root.Symbol, out var info) ? info : throw new ArgumentException($"'{root}' is not a synthetic option root.", nameof(root));

    internal bool TryLocateForFeed(DateTime eastern, out int day, out int minute, out DateOnly sessionDate)
    {
        bool ok = TryLocate(eastern, out day, out minute);
        sessionDate = ok ? _dates[day] : default;
        return ok;
    }

    internal double ProductPriceAt(int product, int d, int m) => ProductPrice(product, d, m);

    internal void ListStrikes(RootInfo info, int d, DateOnly expiry, List<double> strikes)
    {
        strikes.Clear();
        var spec = info.Spec;
        int dRef = Math.Max(d - 1, 0);
        var listedAt = _dates[d].ToDateTime(NyseCalendar.Open);
        var pricing = PriceExpiry(info, dRef, _sessionMinutes[dRef], listedAt, expiry);
        double f = pricing.Forward;
        double sd = pricing.AtmVolatility * Math.Sqrt(Math.Max(pricing.Years, 1.0 / TradingDaysPerYear));
        double lo = Math.Min(f * Math.Exp(-5.0 * sd), f * 0.98);
        double hi = Math.Max(f * Math.Exp(3.5 * sd), f * 1.02);
        double fineHalf = Math.Max(sd, 0.015);
        double fine = spec.FineStrikeStep;
        long ratio = Math.Max(1L, (long)Math.Round(spec.CoarseStrikeStep / fine));
        double fineLo = Math.Max(f * Math.Exp(-fineHalf), f - (MaxFineStrikesPerSide * fine));
        double fineHi = Math.Min(f * Math.Exp(fineHalf), f + (MaxFineStrikesPerSide * fine));
        long nLo = Math.Max(1L, (long)Math.Ceiling(lo / fine));
        long nHi = (long)Math.Floor(hi / fine);
        for (long n = nLo; n <= nHi; n++)
        {
            double k = n * fine;
            if (n % ratio == 0 || (k >= fineLo && k <= fineHi))
            {
                strikes.Add(Math.Round(k, 10));
            }
        }
    }

    internal static void ListExpiries(ExpiryListing listing, DateOnly today, List<DateOnly> into)
    {
        into.Clear();
        switch (listing)
        {
            case ExpiryListing.IndexDaily:
                AddDailies(today, 45, into);
                AddFridays(today, 200, into);
                AddMonthly(today, 400, 1, into);
                break;
            case ExpiryListing.IndexMonthlyAm:
                AddMonthly(today, 400, 1, into);
                AddMonthly(today, 3 * 365, 12, into, onlyMonth: 12);
                into.RemoveAll(e => e <= today);
                break;
            case ExpiryListing.EtfDaily:
                AddDailies(today, 7, into);
                AddFridays(today, 63, into);
                AddMonthly(today, 270, 1, into);
                AddMonthly(today, 450, 3, into);
                AddMonthly(today, 3 * 365, 12, into, onlyMonth: 1);
                break;
            case ExpiryListing.EtfWeekly:
                AddFridays(today, 35, into);
                AddMonthly(today, 270, 1, into);
                AddMonthly(today, 450, 3, into);
                AddMonthly(today, 800, 12, into, onlyMonth: 1);
                break;
            case ExpiryListing.EquityIndexFutureOptions:
                AddDailies(today, 7, into);
                AddFridays(today, 63, into);
                AddMonthly(today, SerialMonthsDays, 1, into);
                AddMonthEnds(today, SerialMonthsDays, into);
                AddMonthly(today, 2 * 365, 3, into);
                break;
            default:
                AddFridays(today, 28, into);
                AddFourthLastTradingDays(today, 200, into);
                break;
        }

        into.Sort();
        int w = 0;
        for (int i = 0; i < into.Count; i++)
        {
            if (into[i] >= today && (w == 0 || into[w - 1] != into[i]))
            {
                into[w++] = into[i];
            }
        }

        into.RemoveRange(w, into.Count - w);
    }

    private static void AddDailies(DateOnly today, int days, List<DateOnly> into)
    {
        var last = today.AddDays(days);
        for (var d = NyseCalendar.IsTradingDay(today) ? today : NyseCalendar.NextTradingDay(today); d <= last; d = NyseCalendar.NextTradingDay(d))
        {
            into.Add(d);
        }
    }

    private static void AddFridays(DateOnly today, int days, List<DateOnly> into)
    {
        var friday = today.AddDays(((int)DayOfWeek.Friday - (int)today.DayOfWeek + 7) % 7);
        for (var last = today.AddDays(days); friday <= last; friday = friday.AddDays(7))
        {
            into.Add(NyseCalendar.OnOrBefore(friday));
        }
    }

    private static void AddMonthly(DateOnly today, int days, int everyMonths, List<DateOnly> into, int onlyMonth = 0)
    {
        var last = today.AddDays(days);
        for (var month = new DateOnly(today.Year, today.Month, 1); month <= last; month = month.AddMonths(1))
        {
            bool wanted = onlyMonth != 0 ? month.Month == onlyMonth : month.Month % everyMonths == 0;
            if (wanted)
            {
                var expiry = NyseCalendar.OnOrBefore(NyseCalendar.ThirdFriday(month.Year, month.Month));
                if (expiry <= last)
                {
                    into.Add(expiry);
                }
            }
        }
    }

    /// <summary>The last trading day of each month (CME end-of-month options) up to <paramref name="days"/> ahead.</summary>
    private static void AddMonthEnds(DateOnly today, int days, List<DateOnly> into)
    {
        var last = today.AddDays(days);
        for (var month = new DateOnly(today.Year, today.Month, 1); month <= last; month = month.AddMonths(1))
        {
            var d = NyseCalendar.OnOrBefore(month.AddMonths(1).AddDays(-1));
            if (d <= last)
            {
                into.Add(d);
            }
        }
    }

    private static void AddFourthLastTradingDays(DateOnly today, int days, List<DateOnly> into)
    {
        var last = today.AddDays(days);
        for (var month = new DateOnly(today.Year, today.Month, 1); month <= last; month = month.AddMonths(1))
        {
            var d = NyseCalendar.OnOrBefore(month.AddMonths(1).AddDays(-1));
            for (int i = 0; i < 3; i++)
            {
                d = NyseCalendar.PreviousTradingDay(d);
            }

            if (d <= last)
            {
                into.Add(d);
            }
        }
    }

    /// <summary>Everything common to the strikes of one expiry at one time.</summary>
    internal ExpiryPricing PriceExpiry(RootInfo info, int d, int m, DateTime eastern, DateOnly expiry)
    {
        var product = _products[info.Product];
        int f = info.Factor;
        double spot = ProductPrice(info.Product, d, m);
        double vix = VixAt(d, m);
        double mult = MultiplierBefore(f, d);
        double years = ExpiryTime.YearsToExpiry(eastern, expiry, info.Style);
        double tau = Math.Max(years, 0.0);
        double rate = Settings.RiskFreeRate;
        double forward = product.Kind switch
        {
            SyntheticProductKind.EquityIndexFuture => FactorLevel(f, d, m) * product.Scale
                * Math.Exp((rate - product.DividendYield) * (QuarterlyOnOrAfter(expiry).DayNumber - _dates[d].DayNumber) / 365.0),
            SyntheticProductKind.Future => spot * Math.Exp(product.CarryPerYear * tau),
            _ => spot * Math.Exp((rate - product.DividendYield) * tau),
        };
        double atm30 = Atm30(f, vix, mult);
        return new ExpiryPricing(
            Spot: spot,
            Forward: forward,
            Years: years,
            Rate: rate,
            Discount: Math.Exp(-rate * tau),
            AtmVolatility: TermStructure(f, atm30, mult, tau),
            VolatilityFactor: atm30 / _factors[f].BaseVolatility,
            DividendYield: product.DividendYield);
    }

    /// <summary>ATM implied volatility for an expiry: the 30-day level reverting toward the long-run level with
    /// maturity (implied variance σ²(T) = σ∞² + (σ0² − σ∞²)(1 − e^(−κT))/(κT), calibrated so σ(30 days) is the
    /// VIX-linked level).</summary>
    private double TermStructure(int f, double atm30, double mult, double years)
    {
        double kappa = Settings.TermStructureSpeed;
        double longRun = _factors[f].BaseVolatility * mult;
        double w30 = Weight(kappa, 30.0 / 365.0);
        double floor = 0.3 * atm30 * 0.3 * atm30;
        double v0 = Math.Max((longRun * longRun) + (((atm30 * atm30) - (longRun * longRun)) / w30), floor);
        double vt = (longRun * longRun) + ((v0 - (longRun * longRun)) * Weight(kappa, years));
        return Math.Sqrt(Math.Max(vt, floor));

        static double Weight(double kappa, double t) => kappa * t < 1e-8 ? 1.0 : (1.0 - Math.Exp(-kappa * t)) / (kappa * t);
    }

    /// <summary>The smile: σ(K) = σ_ATM × max(0.35, 1 + skew·x + smile·x²) with x = ln(K/F) / (σ_ATM √T) clamped to ±3.5
    /// (flat beyond, which keeps far-wing call and put spreads free of arbitrage), so the skew in strike space
    /// steepens as 1/√T for short expiries.</summary>
    private static double SmileVolatility(SyntheticOptionRoot spec, in ExpiryPricing e, double strike, out double moneyness)
    {
        double sd = e.AtmVolatility * Math.Sqrt(Math.Max(e.Years, 1e-9));
        return Smile(spec, e.AtmVolatility, Math.Log(strike / e.Forward) / sd, out moneyness);
    }

    private static double Smile(SyntheticOptionRoot spec, double atm, double rawMoneyness, out double moneyness)
    {
        double x = Math.Clamp(rawMoneyness, -MaxMoneyness, MaxMoneyness);
        moneyness = x;
        return atm * Math.Max(MinSmileFactor, 1.0 + (spec.Skew * x) + (spec.Smile * x * x));
    }

    /// <summary>Bid/ask for calls and puts of one expiry: the out-of-the-money side from Black-76 on the forward, the
    /// other by put–call parity, then spread and tick rounding.</summary>
    internal static void QuoteStrikes(SyntheticOptionRoot spec, in ExpiryPricing e, ReadOnlySpan<double> strikes, Span<double> callBid, Span<double> callAsk, Span<double> putBid, Span<double> putAsk)
    {
        double f = e.Forward;
        double df = e.Discount;
        double longDated = 1.0 + (0.5 * Math.Max(e.Years, 0.0));
        double sqrtT = Math.Sqrt(Math.Max(e.Years, 1e-9));
        double atmSd = e.AtmVolatility * sqrtT;
        for (int i = 0; i < strikes.Length; i++)
        {
            double k = strikes[i];
            double call;
            double put;
            double x = 0.0;
            if (e.Years > 0.0)
            {
                // Black-76 inline: ln(K/F) serves both the smile and d1, and the discount factor is shared.
                double logKf = Math.Log(k / f);
                double vol = Smile(spec, e.AtmVolatility, logKf / atmSd, out x);
                double volSd = vol * sqrtT;
                double d1 = (-logKf / volSd) + (0.5 * volSd);
                double d2 = d1 - volSd;
                if (k >= f)
                {
                    call = df * ((f * Normal.Cdf(d1)) - (k * Normal.Cdf(d2)));
                    put = call - (df * (f - k));
                }
                else
                {
                    put = df * ((k * Normal.Cdf(-d2)) - (f * Normal.Cdf(-d1)));
                    call = put + (df * (f - k));
                }
            }
            else
            {
                call = Math.Max(f - k, 0.0);
                put = Math.Max(k - f, 0.0);
            }

            double scale = e.VolatilityFactor * (1.0 + (0.15 * Math.Abs(x))) * longDated;
            (callBid[i], callAsk[i]) = Round(spec, Math.Max(call, 0.0), scale);
            (putBid[i], putAsk[i]) = Round(spec, Math.Max(put, 0.0), scale);
        }
    }

    private static (double Bid, double Ask) Round(SyntheticOptionRoot spec, double value, double scale)
    {
        double half = 0.5 * ((spec.MinSpreadTicks * TickFor(spec, value)) + (spec.RelativeSpread * value * scale));
        double bidRaw = value - half;
        double askRaw = value + half;
        double bid = 0.0;
        if (bidRaw > 0.0)
        {
            double tb = TickFor(spec, bidRaw);
            bid = Math.Round(Math.Floor((bidRaw / tb) + 1e-9) * tb, 10);
        }

        double ta = TickFor(spec, askRaw);
        double ask = Math.Round(Math.Ceiling((askRaw / ta) - 1e-9) * ta, 10);
        if (ask <= bid)
        {
            double t = TickFor(spec, bid);
            ask = Math.Round(bid + t, 10);
        }

        return (bid, Math.Max(ask, spec.SmallTick));
    }

    /// <summary>The premium tick at a price level.</summary>
    internal static double TickFor(SyntheticOptionRoot spec, double price) => price >= spec.LargeTickFrom ? spec.LargeTick : spec.SmallTick;

    private static FrozenDictionary<string, RootInfo> IndexRoots(IReadOnlyList<SyntheticOptionRoot> roots, FrozenDictionary<string, int> products, int[] productFactor)
    {
        var map = new Dictionary<string, RootInfo>(StringComparer.Ordinal);
        foreach (var spec in roots)
        {
            if (!products.TryGetValue(spec.Product, out int p) || !InstrumentCatalogue.TryGet(spec.Root, out var instrument))
            {
                throw new ArgumentException($"Option root '{spec.Root}': unknown product '{spec.Product}' or not in the instrument catalogue.", nameof(roots));
            }

            if (!(spec.FineStrikeStep > 0.0) || spec.CoarseStrikeStep < spec.FineStrikeStep || !(spec.SmallTick > 0.0) || spec.LargeTick < spec.SmallTick)
            {
                throw new ArgumentException($"Option root '{spec.Root}': positive steps and ticks, coarse ≥ fine, large tick ≥ small tick required.", nameof(roots));
            }

            map.Add(spec.Root, new RootInfo(spec, p, productFactor[p], instrument));
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    internal sealed class RootInfo
    {
        public RootInfo(SyntheticOptionRoot spec, int product, int factor, Instrument instrument)
        {
            Spec = spec;
            Product = product;
            Factor = factor;
            Instrument = instrument;
            Style = instrument.OptionSettlement.Style;
            OnFuture = instrument.OptionSettlement.Delivery == DeliveryKind.Future;
        }

        public SyntheticOptionRoot Spec { get; }

        public int Product { get; }

        public int Factor { get; }

        public Instrument Instrument { get; }

        public SettlementStyle Style { get; }

        public bool OnFuture { get; }
    }
}

/// <summary>Inputs shared by the strikes of one expiry at one time.</summary>
internal readonly record struct ExpiryPricing(
    double Spot,
    double Forward,
    double Years,
    double Rate,
    double Discount,
    double AtmVolatility,
    double VolatilityFactor,
    double DividendYield);
