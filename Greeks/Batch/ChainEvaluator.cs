using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TomKing.Greeks;

/// <summary>
/// Prices a whole <see cref="OptionChainBatch"/> and all its Greeks in one call — eight options per
/// step with AVX-512, four with AVX2, one at a time otherwise — with results equal to
/// <see cref="BlackScholesMerton.Evaluate"/> / <see cref="Black76.Evaluate"/> to ~1e-15 relative
/// (the vector path evaluates the same formulas in the same order; only its exp and log differ from
/// the C runtime's by an ulp or two). No allocation per call.
/// </summary>
public static class ChainEvaluator
{
    /// <summary>True when this machine runs the eight-wide path.</summary>
    public static bool IsVector512Accelerated => Vector512.IsHardwareAccelerated;

    /// <summary>True when this machine runs at least the four-wide path.</summary>
    public static bool IsVector256Accelerated => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Price and every Greek of the first <see cref="OptionChainBatch.Count"/> options at their
    /// <see cref="OptionChainBatch.Volatilities"/>. Options with no time or no volatility left get the
    /// scalar kernel's treatment (discounted intrinsic value, step delta, other Greeks 0).
    /// </summary>
    /// <param name="batch">Inputs to read and outputs to fill.</param>
    public static void EvaluateGreeks(OptionChainBatch batch) => EvaluateGreeks(batch, BatchPath.Auto);

    /// <summary>
    /// Implied volatility of each option from its <see cref="OptionChainBatch.MarketPrices"/> (the scalar
    /// solver <see cref="ImpliedVolatility"/>, which is branchy and iterative), then price and every Greek
    /// at those volatilities on the vector path. Options whose volatility cannot be solved (see
    /// <see cref="OptionChainBatch.ImpliedVolatilityStatuses"/>) get NaN volatility and NaN outputs, so a
    /// bad quote never passes for a number.
    /// </summary>
    /// <param name="batch">Inputs to read and outputs to fill.</param>
    public static void SolveImpliedVolatilitiesAndGreeks(OptionChainBatch batch) => SolveImpliedVolatilitiesAndGreeks(batch, BatchPath.Auto);

    internal static void EvaluateGreeks(OptionChainBatch batch, BatchPath path)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Evaluate(batch, batch.VolatilityArray, path);
    }

    internal static void SolveImpliedVolatilitiesAndGreeks(OptionChainBatch batch, BatchPath path)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int count = batch.Count;
        bool black76 = batch.Model == ChainModel.Black76;
        double[] vols = batch.ImpliedVolatilityArray;
        ImpliedVolatilityStatus[] statuses = batch.StatusArray;
        OptionRight[] rights = batch.RightArray;
        double[] prices = batch.MarketPriceArray;
        double[] underlyings = batch.UnderlyingArray;
        double[] strikes = batch.StrikeArray;
        double[] years = batch.YearsArray;
        double[] rates = batch.RateArray;
        double[] dividends = batch.DividendYieldArray;
        int failures = 0;
        for (int i = 0; i < count; i++)
        {
            ImpliedVolatilityResult result = black76
                ? ImpliedVolatility.FromForward(rights[i], prices[i], underlyings[i], strikes[i], years[i], Math.Exp(-rates[i] * years[i]))
                : ImpliedVolatility.FromSpot(rights[i], prices[i], underlyings[i], strikes[i], years[i], rates[i], dividends[i]);
            vols[i] = result.Volatility;
            statuses[i] = result.Status;
            failures += result.IsSolved ? 0 : 1;
        }

        Evaluate(batch, vols, path);

        for (int i = 0; failures > 0 && i < count; i++)
        {
            if (statuses[i] != ImpliedVolatilityStatus.Solved)
            {
                batch.StoreGreeks(i, new OptionGreeks(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN));
                failures--;
            }
        }
    }

    /// <summary>The path <see cref="BatchPath.Auto"/> resolves to, and forced paths the CPU lacks fall back to.</summary>
    internal static BatchPath Resolve(BatchPath path)
    {
        if (path is BatchPath.Auto or BatchPath.Vector512 && Vector512.IsHardwareAccelerated)
        {
            return BatchPath.Vector512;
        }

        if (path != BatchPath.Scalar && Vector256.IsHardwareAccelerated)
        {
            return BatchPath.Vector256;
        }

        return BatchPath.Scalar;
    }

    /// <summary>One option through the scalar API the batch must agree with.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static OptionGreeks EvaluateOne(OptionChainBatch batch, double[] volatilities, int i)
        => batch.Model == ChainModel.Black76
            ? Black76.Evaluate(batch.RightArray[i], batch.UnderlyingArray[i], batch.StrikeArray[i], batch.YearsArray[i], batch.RateArray[i], volatilities[i])
            : BlackScholesMerton.Evaluate(batch.RightArray[i], batch.UnderlyingArray[i], batch.StrikeArray[i], batch.YearsArray[i], batch.RateArray[i], batch.DividendYieldArray[i], volatilities[i]);

    private static void Evaluate(OptionChainBatch batch, double[] volatilities, BatchPath path)
    {
        int count = batch.Count;
        int vectorEnd = 0;
        switch (Resolve(path))
        {
            case BatchPath.Vector512:
                vectorEnd = count - (count % Vector512<double>.Count);
                VectorKernel.Evaluate<Simd512, Vector512<double>>(batch, volatilities, 0, vectorEnd);
                break;
            case BatchPath.Vector256:
                vectorEnd = count - (count % Vector256<double>.Count);
                VectorKernel.Evaluate<Simd256, Vector256<double>>(batch, volatilities, 0, vectorEnd);
                break;
            default:
                break;
        }

        // The scalar path, and the lanes left over after the last full vector.
        for (int i = vectorEnd; i < count; i++)
        {
            batch.StoreGreeks(i, EvaluateOne(batch, volatilities, i));
        }
    }
}
