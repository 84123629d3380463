namespace TomKing.Greeks;

/// <summary>
/// A whole option chain as a struct of arrays — one array per input and per output, each sized to
/// <see cref="Capacity"/> — so that <see cref="ChainEvaluator"/> can price eight (AVX-512) or four
/// (AVX2) options per instruction and the same instance can be refilled and re-evaluated on every
/// quote update without allocating.
/// </summary>
/// <remarks>
/// Fill the inputs for the first <see cref="Count"/> options (through the input spans or
/// <see cref="Set"/>), call <see cref="ChainEvaluator.EvaluateGreeks(OptionChainBatch)"/> (volatilities given) or
/// <see cref="ChainEvaluator.SolveImpliedVolatilitiesAndGreeks(OptionChainBatch)"/> (market prices given), then read the
/// output spans or <see cref="GetGreeks"/>. Units are those of <see cref="OptionGreeks"/>. The instance
/// is not thread-safe; use one per thread.
/// </remarks>
public sealed class OptionChainBatch
{
    private int _count;

    /// <summary>Creates an empty batch able to hold <paramref name="capacity"/> options.</summary>
    /// <param name="capacity">Largest <see cref="Count"/> this batch will hold (≥ 0).</param>
    /// <param name="model">Model the options are evaluated under.</param>
    public OptionChainBatch(int capacity, ChainModel model = ChainModel.BlackScholesMerton)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        Model = model;
        RightArray = new OptionRight[capacity];
        UnderlyingArray = new double[capacity];
        StrikeArray = new double[capacity];
        YearsArray = new double[capacity];
        RateArray = new double[capacity];
        DividendYieldArray = new double[capacity];
        VolatilityArray = new double[capacity];
        MarketPriceArray = new double[capacity];
        PriceArray = new double[capacity];
        DeltaArray = new double[capacity];
        GammaArray = new double[capacity];
        VegaArray = new double[capacity];
        ThetaArray = new double[capacity];
        RhoArray = new double[capacity];
        VannaArray = new double[capacity];
        CharmArray = new double[capacity];
        VommaArray = new double[capacity];
        ImpliedVolatilityArray = new double[capacity];
        StatusArray = new ImpliedVolatilityStatus[capacity];
    }

    /// <summary>Most options the batch can hold (the length of every array).</summary>
    public int Capacity { get; }

    /// <summary>Number of options in use, 0 ≤ Count ≤ <see cref="Capacity"/>; the spans cover exactly these.</summary>
    public int Count
    {
        get => _count;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Capacity);
            _count = value;
        }
    }

    /// <summary>Black-Scholes-Merton (underlying = spot, dividend yields used) or Black-76 (underlying = forward).</summary>
    public ChainModel Model { get; set; }

    /// <summary>Input: call or put per option.</summary>
    public Span<OptionRight> Rights => RightArray.AsSpan(0, _count);

    /// <summary>Input: spot (Black-Scholes-Merton) or forward (Black-76) per option.</summary>
    public Span<double> Underlyings => UnderlyingArray.AsSpan(0, _count);

    /// <summary>Input: strike per option.</summary>
    public Span<double> Strikes => StrikeArray.AsSpan(0, _count);

    /// <summary>Input: time to expiry in years per option (see <see cref="ExpiryTime"/>).</summary>
    public Span<double> Years => YearsArray.AsSpan(0, _count);

    /// <summary>Input: continuously compounded risk-free rate per option.</summary>
    public Span<double> Rates => RateArray.AsSpan(0, _count);

    /// <summary>Input: continuous dividend yield per option (Black-Scholes-Merton only; ignored for Black-76).</summary>
    public Span<double> DividendYields => DividendYieldArray.AsSpan(0, _count);

    /// <summary>Input for <see cref="ChainEvaluator.EvaluateGreeks(OptionChainBatch)"/>: annualized volatility per option.</summary>
    public Span<double> Volatilities => VolatilityArray.AsSpan(0, _count);

    /// <summary>Input for <see cref="ChainEvaluator.SolveImpliedVolatilitiesAndGreeks(OptionChainBatch)"/>: option price (present value) per option.</summary>
    public Span<double> MarketPrices => MarketPriceArray.AsSpan(0, _count);

    /// <summary>Output: option value.</summary>
    public ReadOnlySpan<double> Prices => PriceArray.AsSpan(0, _count);

    /// <summary>Output: ∂V/∂S (per unit of the underlying).</summary>
    public ReadOnlySpan<double> Deltas => DeltaArray.AsSpan(0, _count);

    /// <summary>Output: ∂²V/∂S².</summary>
    public ReadOnlySpan<double> Gammas => GammaArray.AsSpan(0, _count);

    /// <summary>Output: ∂V/∂σ per unit of volatility.</summary>
    public ReadOnlySpan<double> Vegas => VegaArray.AsSpan(0, _count);

    /// <summary>Output: value change per year as time passes.</summary>
    public ReadOnlySpan<double> Thetas => ThetaArray.AsSpan(0, _count);

    /// <summary>Output: ∂V/∂r.</summary>
    public ReadOnlySpan<double> Rhos => RhoArray.AsSpan(0, _count);

    /// <summary>Output: ∂²V/∂S∂σ.</summary>
    public ReadOnlySpan<double> Vannas => VannaArray.AsSpan(0, _count);

    /// <summary>Output: ∂Δ/∂t per year as time passes.</summary>
    public ReadOnlySpan<double> Charms => CharmArray.AsSpan(0, _count);

    /// <summary>Output: ∂²V/∂σ².</summary>
    public ReadOnlySpan<double> Vommas => VommaArray.AsSpan(0, _count);

    /// <summary>Output of <see cref="ChainEvaluator.SolveImpliedVolatilitiesAndGreeks(OptionChainBatch)"/>: implied volatility, NaN where not solved.</summary>
    public ReadOnlySpan<double> ImpliedVolatilities => ImpliedVolatilityArray.AsSpan(0, _count);

    /// <summary>Output of <see cref="ChainEvaluator.SolveImpliedVolatilitiesAndGreeks(OptionChainBatch)"/>: why each implied volatility is what it is.</summary>
    public ReadOnlySpan<ImpliedVolatilityStatus> ImpliedVolatilityStatuses => StatusArray.AsSpan(0, _count);

    internal OptionRight[] RightArray { get; }

    internal double[] UnderlyingArray { get; }

    internal double[] StrikeArray { get; }

    internal double[] YearsArray { get; }

    internal double[] RateArray { get; }

    internal double[] DividendYieldArray { get; }

    internal double[] VolatilityArray { get; }

    internal double[] MarketPriceArray { get; }

    internal double[] PriceArray { get; }

    internal double[] DeltaArray { get; }

    internal double[] GammaArray { get; }

    internal double[] VegaArray { get; }

    internal double[] ThetaArray { get; }

    internal double[] RhoArray { get; }

    internal double[] VannaArray { get; }

    internal double[] CharmArray { get; }

    internal double[] VommaArray { get; }

    internal double[] ImpliedVolatilityArray { get; }

    internal ImpliedVolatilityStatus[] StatusArray { get; }

    /// <summary>Writes every input of option <paramref name="index"/> (which must be below <see cref="Count"/>).</summary>
    /// <param name="index">Option slot.</param>
    /// <param name="right">Call or put.</param>
    /// <param name="underlying">Spot (Black-Scholes-Merton) or forward (Black-76).</param>
    /// <param name="strike">Strike.</param>
    /// <param name="years">Time to expiry in years.</param>
    /// <param name="rate">Continuously compounded risk-free rate.</param>
    /// <param name="dividendYield">Continuous dividend yield (ignored for Black-76).</param>
    /// <param name="volatility">Annualized volatility (for <see cref="ChainEvaluator.EvaluateGreeks(OptionChainBatch)"/>).</param>
    /// <param name="marketPrice">Option price (for <see cref="ChainEvaluator.SolveImpliedVolatilitiesAndGreeks(OptionChainBatch)"/>).</param>
    public void Set(int index, OptionRight right, double underlying, double strike, double years, double rate, double dividendYield, double volatility, double marketPrice = double.NaN)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        RightArray[index] = right;
        UnderlyingArray[index] = underlying;
        StrikeArray[index] = strike;
        YearsArray[index] = years;
        RateArray[index] = rate;
        DividendYieldArray[index] = dividendYield;
        VolatilityArray[index] = volatility;
        MarketPriceArray[index] = marketPrice;
    }

    /// <summary>The outputs of option <paramref name="index"/> gathered into one <see cref="OptionGreeks"/>.</summary>
    /// <param name="index">Option slot, below <see cref="Count"/>.</param>
    public OptionGreeks GetGreeks(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        return new OptionGreeks(
            PriceArray[index],
            DeltaArray[index],
            GammaArray[index],
            VegaArray[index],
            ThetaArray[index],
            RhoArray[index],
            VannaArray[index],
            CharmArray[index],
            VommaArray[index]);
    }

    /// <summary>Stores one option's outputs (used by the scalar path, the remainder and degenerate lanes).</summary>
    internal void StoreGreeks(int index, in OptionGreeks greeks)
    {
        PriceArray[index] = greeks.Price;
        DeltaArray[index] = greeks.Delta;
        GammaArray[index] = greeks.Gamma;
        VegaArray[index] = greeks.Vega;
        ThetaArray[index] = greeks.Theta;
        RhoArray[index] = greeks.Rho;
        VannaArray[index] = greeks.Vanna;
        CharmArray[index] = greeks.Charm;
        VommaArray[index] = greeks.Vomma;
    }
}
