using TomKing.Algorithm.Domain;
using TomKing.Greeks;

namespace TomKing.Algorithm.Market;

/// <summary>
/// One expiry of an option chain as struct-of-arrays: ascending strikes, and per strike the call and
/// put quotes, so a strategy scans spans without allocating. Greeks are computed on first request and
/// cached until that contract's quote, the chain's time/underlying/rate, or (for index options) the
/// parity forward changes.
/// </summary>
/// <remarks>Single-threaded like the rest of the kernel: the host updates quotes between events,
/// strategies read during them. Indexing: <c>strikeIndex</c> into <see cref="Strikes"/>.</remarks>
public sealed class ChainExpiry
{
    private readonly OptionChain _chain;
    private readonly double[] _strikes;
    private readonly double[] _bid;
    private readonly double[] _ask;
    private readonly int[] _bidSize;
    private readonly int[] _askSize;
    private readonly DateTime[] _quoteTime;
    private readonly long[] _quoteVersion;
    private readonly ContractGreeks[] _greeks;
    private readonly long[] _greeksQuoteVersion;
    private readonly long[] _greeksInputsVersion;
    private readonly double[] _callMids;
    private readonly double[] _putMids;
    private long _quotesVersion = 1;
    private long _inputsVersion = 1;
    private long _seenChainVersion;
    private long _forwardQuotesVersion;
    private double _forward = double.NaN;
    private double _underlyingOverride = double.NaN;

    internal ChainExpiry(OptionChain chain, DateOnly expiry, ExerciseStyle exercise, OptionSettlement settlement, decimal multiplier, double[] strikes)
    {
        _chain = chain;
        Expiry = expiry;
        Exercise = exercise;
        Settlement = settlement;
        Multiplier = multiplier;
        MultiplierValue = (double)multiplier;
        Model = GreeksModels.For(exercise, settlement);
        _strikes = strikes;
        int n = strikes.Length;
        _bid = new double[2 * n];
        _ask = new double[2 * n];
        _bidSize = new int[2 * n];
        _askSize = new int[2 * n];
        _quoteTime = new DateTime[2 * n];
        _quoteVersion = new long[2 * n];
        _greeks = new ContractGreeks[2 * n];
        _greeksQuoteVersion = new long[2 * n];
        _greeksInputsVersion = new long[2 * n];
        _callMids = new double[n];
        _putMids = new double[n];
        _quoteVersion.AsSpan().Fill(1);
    }

    /// <summary>Expiry date.</summary>
    public DateOnly Expiry { get; }

    /// <summary>Exercise style of this expiry's contracts.</summary>
    public ExerciseStyle Exercise { get; }

    /// <summary>Settlement of this expiry's contracts.</summary>
    public OptionSettlement Settlement { get; }

    /// <summary>USD per 1.0 of premium.</summary>
    public decimal Multiplier { get; }

    /// <summary><see cref="Multiplier"/> as a double (the risk engine's arithmetic).</summary>
    public double MultiplierValue { get; }

    /// <summary>The mid of a usable quote (two-sided, uncrossed), else NaN; with the bid and ask read
    /// without building a <see cref="Quote"/>.</summary>
    public double MidAt(int strikeIndex, OptionRight right, out double bid, out double ask)
    {
        int k = Slot(strikeIndex, right);
        bid = _bid[k];
        ask = _ask[k];
        return Quote.MidOf(bid, ask);
    }

    /// <summary>The model Greeks are computed with.</summary>
    public GreeksModel Model { get; }

    /// <summary>Number of strikes.</summary>
    public int Count => _strikes.Length;

    /// <summary>Strikes, ascending.</summary>
    public ReadOnlySpan<double> Strikes => _strikes;

    /// <summary>Call bids by strike index (0 = none).</summary>
    public ReadOnlySpan<double> CallBids => _bid.AsSpan(0, Count);

    /// <summary>Call asks by strike index (0 = none).</summary>
    public ReadOnlySpan<double> CallAsks => _ask.AsSpan(0, Count);

    /// <summary>Put bids by strike index (0 = none).</summary>
    public ReadOnlySpan<double> PutBids => _bid.AsSpan(Count, Count);

    /// <summary>Put asks by strike index (0 = none).</summary>
    public ReadOnlySpan<double> PutAsks => _ask.AsSpan(Count, Count);

    /// <summary>Calendar days from <paramref name="today"/> to expiry.</summary>
    public int DaysToExpiry(DateOnly today) => Expiry.DayNumber - today.DayNumber;

    /// <summary>The quote of a contract.</summary>
    public Quote QuoteAt(int strikeIndex, OptionRight right)
    {
        int k = Slot(strikeIndex, right);
        return new Quote(_bid[k], _ask[k], _bidSize[k], _askSize[k], _quoteTime[k]);
    }

    /// <summary>The contract identity at a strike index (for legs and orders).</summary>
    public OptionContract ContractAt(int strikeIndex, OptionRight right) =>
        new(_chain.Underlying, _chain.Root, Expiry, (decimal)_strikes[strikeIndex], right, Exercise, Settlement, Multiplier);

    /// <summary>Index of an exactly listed strike, or −1.</summary>
    public int IndexOfStrike(double strike)
    {
        int i = Array.BinarySearch(_strikes, strike);
        return i >= 0 ? i : -1;
    }

    /// <summary>Index of the listed strike nearest to <paramref name="target"/> (the lower one on a tie), or −1 when empty.</summary>
    public int NearestStrikeIndex(double target)
    {
        if (Count == 0)
        {
            return -1;
        }

        int i = Array.BinarySearch(_strikes, target);
        if (i >= 0)
        {
            return i;
        }

        int above = ~i;
        if (above == 0)
        {
            return 0;
        }

        if (above == Count)
        {
            return Count - 1;
        }

        return target - _strikes[above - 1] <= _strikes[above] - target ? above - 1 : above;
    }

    /// <summary>The price this expiry's options are written on: the chain's underlying price, or for futures
    /// options the price of the futures month this expiry delivers (set with <see cref="SetUnderlyingPrice"/>).</summary>
    public double UnderlyingPrice => double.IsNaN(_underlyingOverride) ? _chain.UnderlyingPrice : _underlyingOverride;

    /// <summary>Host: the price of the future this expiry delivers (futures options on several contract
    /// months share one chain, each expiry on its own future). NaN reverts to the chain's price.</summary>
    public void SetUnderlyingPrice(double price)
    {
        if (!price.Equals(_underlyingOverride))
        {
            _underlyingOverride = price;
            _seenChainVersion = 0;
        }
    }

    /// <summary>Host: replaces a contract's quote. Invalidates its cached Greeks (and the parity forward).</summary>
    public void UpdateQuote(int strikeIndex, OptionRight right, in Quote quote)
    {
        int k = Slot(strikeIndex, right);
        _bid[k] = quote.Bid;
        _ask[k] = quote.Ask;
        _bidSize[k] = quote.BidSize;
        _askSize[k] = quote.AskSize;
        _quoteTime[k] = quote.Time;
        _quoteVersion[k]++;
        _quotesVersion++;
    }

    /// <summary>The forward this expiry is priced on: the parity-implied forward for European index options
    /// (falling back to spot × e^((r−q)T) when no strike has two usable mids), the futures price for futures
    /// options, spot × e^((r−q)T) for equity options. NaN when there is no underlying price.</summary>
    public double Forward
    {
        get
        {
            RefreshInputs();
            return _forward;
        }
    }

    /// <summary>How many times Greeks were computed rather than served from the cache (tests and measurements).</summary>
    internal long GreeksComputations { get; private set; }

    /// <summary>Implied volatility and Greeks of a contract from its mid, computed lazily and cached.</summary>
    public ContractGreeks GreeksAt(int strikeIndex, OptionRight right) => GreeksRefAt(strikeIndex, right);

    /// <summary>As <see cref="GreeksAt"/>, returning a reference to the cached value instead of a copy (the
    /// risk engine reads two fields of it). Valid until the next quote or input change of this expiry.</summary>
    public ref readonly ContractGreeks GreeksRefAt(int strikeIndex, OptionRight right)
    {
        int k = Slot(strikeIndex, right);
        RefreshInputs();
        if (_greeksQuoteVersion[k] != _quoteVersion[k] || _greeksInputsVersion[k] != _inputsVersion)
        {
            _greeks[k] = Compute(k, strikeIndex, right);
            GreeksComputations++;
            _greeksQuoteVersion[k] = _quoteVersion[k];
            _greeksInputsVersion[k] = _inputsVersion;
        }

        return ref _greeks[k];
    }

    private ContractGreeks Compute(int k, int strikeIndex, OptionRight right)
    {
        double years = ExpiryTime.YearsToExpiry(_chain.AsOf, Expiry, Settlement.Style);
        if (!(years > 0.0))
        {
            return ContractGreeks.Unavailable(GreeksStatus.Expired, _forward, years);
        }

        var quote = new Quote(_bid[k], _ask[k], _bidSize[k], _askSize[k], _quoteTime[k]);
        if (!quote.IsTwoSided)
        {
            return ContractGreeks.Unavailable(GreeksStatus.NoTwoSidedQuote, _forward, years);
        }

        if (quote.IsCrossed)
        {
            return ContractGreeks.Unavailable(GreeksStatus.CrossedQuote, _forward, years);
        }

        double rate = _chain.Rates.ZeroRate(years);
        // Warm start: the volatility this contract had before its quote or the forward moved.
        ref readonly var previous = ref _greeks[k];
        double start = previous.IsAvailable ? previous.ImpliedVolatility : double.NaN;
        return ChainValuation.Evaluate(Model, right, quote.Mid, _strikes[strikeIndex], years, UnderlyingPrice, _forward, rate, _chain.DividendYield, start);
    }

    private void RefreshInputs()
    {
        bool chainChanged = _seenChainVersion != _chain.InputsVersion;
        bool quotesChanged = Model == GreeksModel.EuropeanOnParityForward && _forwardQuotesVersion != _quotesVersion;
        if (!chainChanged && !quotesChanged)
        {
            return;
        }

        _seenChainVersion = _chain.InputsVersion;
        _forwardQuotesVersion = _quotesVersion;
        double forward = ComputeForward();
        if (chainChanged || !forward.Equals(_forward))
        {
            _forward = forward;
            _inputsVersion++;
        }
    }

    private double ComputeForward()
    {
        double spot = UnderlyingPrice;
        double years = ExpiryTime.YearsToExpiry(_chain.AsOf, Expiry, Settlement.Style);
        if (Model == GreeksModel.OnFuture)
        {
            return spot > 0.0 ? spot : double.NaN;
        }

        double carry = years > 0.0 ? Math.Exp((_chain.Rates.ZeroRate(years) - _chain.DividendYield) * years) : 1.0;
        double fromSpot = spot > 0.0 ? spot * carry : double.NaN;
        if (Model != GreeksModel.EuropeanOnParityForward || !(years > 0.0))
        {
            return fromSpot;
        }

        int n = Count;
        for (int i = 0; i < n; i++)
        {
            _callMids[i] = MidOrNaN(i);
            _putMids[i] = MidOrNaN(n + i);
        }

        double parity = ImpliedForward.FromParity(_strikes, _callMids, _putMids, _chain.Rates.DiscountFactor(years), out _);
        return double.IsFinite(parity) && parity > 0.0 ? parity : fromSpot;
    }

    private double MidOrNaN(int k)
    {
        double bid = _bid[k];
        double ask = _ask[k];
        return bid > 0.0 && ask >= bid ? 0.5 * (bid + ask) : double.NaN;
    }

    private int Slot(int strikeIndex, OptionRight right)
    {
        if ((uint)strikeIndex >= (uint)_strikes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(strikeIndex));
        }

        return right == OptionRight.Call ? strikeIndex : _strikes.Length + strikeIndex;
    }
}
