using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TomKing.Greeks;

/// <summary>
/// The Black kernel (<see cref="BlackKernel.Evaluate"/>) for a whole vector of options at once, written
/// once over <see cref="ISimdOps{TV}"/> and specialized per width by the JIT.
/// </summary>
/// <remarks>
/// Every expression repeats the scalar kernel's operations in the scalar kernel's order (C# never
/// contracts a·b + c into an FMA, and IEEE +, −, ×, ÷, √ and FMA round identically in a vector lane),
/// so the only differences from the scalar path come from the vector exp and log, which are within
/// 2–3 ulp of the C runtime's. The normal tail is the same formula as <see cref="Normal.UpperTail"/>
/// (φ(x)·P(t)/(x + 1), same Chebyshev coefficients, same Estrin split, same FMA split of x²), the
/// sign handling of <see cref="Normal.Cdf"/> is a select, and the x ≥ <see cref="Normal.TailXMax"/>
/// cut-off is a select. Lanes the scalar kernel treats specially (t ≤ 0, σ ≤ 0, NaN) are recomputed
/// by the scalar kernel after the vector pass, so they match it exactly.
/// </remarks>
internal static class VectorKernel
{
    /// <summary>The vector exp of .NET falls back to scalar code for the whole vector when any |x| exceeds
    /// ~708; below this we clamp and patch the (rare) subnormal lanes instead.</summary>
    private const double ExpLowerLimit = -708.0;

    /// <summary>Below this Math.Exp is exactly 0 (its smallest non-zero result is at −745.13).</summary>
    private const double ExpZeroLimit = -746.0;

    public static void Evaluate<TOps, TV>(OptionChainBatch batch, double[] volatilities, int start, int end)
        where TOps : struct, ISimdOps<TV>
        where TV : struct
    {
        int width = TOps.Width;
        uint allLanes = (1u << width) - 1u;
        bool spread = batch.Model == ChainModel.BlackScholesMerton;

        ref byte right0 = ref Unsafe.As<OptionRight, byte>(ref MemoryMarshal.GetArrayDataReference(batch.RightArray));
        ref double s0 = ref MemoryMarshal.GetArrayDataReference(batch.UnderlyingArray);
        ref double k0 = ref MemoryMarshal.GetArrayDataReference(batch.StrikeArray);
        ref double t0 = ref MemoryMarshal.GetArrayDataReference(batch.YearsArray);
        ref double r0 = ref MemoryMarshal.GetArrayDataReference(batch.RateArray);
        ref double q0 = ref MemoryMarshal.GetArrayDataReference(batch.DividendYieldArray);
        ref double v0 = ref MemoryMarshal.GetArrayDataReference(volatilities);
        ref double price0 = ref MemoryMarshal.GetArrayDataReference(batch.PriceArray);
        ref double delta0 = ref MemoryMarshal.GetArrayDataReference(batch.DeltaArray);
        ref double gamma0 = ref MemoryMarshal.GetArrayDataReference(batch.GammaArray);
        ref double vega0 = ref MemoryMarshal.GetArrayDataReference(batch.VegaArray);
        ref double theta0 = ref MemoryMarshal.GetArrayDataReference(batch.ThetaArray);
        ref double rho0 = ref MemoryMarshal.GetArrayDataReference(batch.RhoArray);
        ref double vanna0 = ref MemoryMarshal.GetArrayDataReference(batch.VannaArray);
        ref double charm0 = ref MemoryMarshal.GetArrayDataReference(batch.CharmArray);
        ref double vomma0 = ref MemoryMarshal.GetArrayDataReference(batch.VommaArray);

        TV zero = TOps.Create(0.0);
        TV half = TOps.Create(0.5);
        TV two = TOps.Create(2.0);

        for (int lane = start; lane <= end - width; lane += width)
        {
            nuint i = (nuint)lane;
            TV sign = TOps.LoadSign(ref right0, i);
            TV s = TOps.Load(ref s0, i);
            TV k = TOps.Load(ref k0, i);
            TV t = TOps.Load(ref t0, i);
            TV r = TOps.Load(ref r0, i);
            TV sigma = TOps.Load(ref v0, i);
            // BlackScholesMerton.Evaluate passes b = rate − dividendYield; Black76.Evaluate passes 0.
            TV b = spread ? TOps.Subtract(r, TOps.Load(ref q0, i)) : zero;

            TV sqrtT = TOps.Sqrt(t);
            TV sigmaSqrtT = TOps.Multiply(sigma, sqrtT);
            TV drift = TOps.Multiply(TOps.Add(b, TOps.Multiply(TOps.Multiply(half, sigma), sigma)), t);
            TV d1 = TOps.Divide(TOps.Add(TOps.Log(TOps.Divide(s, k)), drift), sigmaSqrtT);
            TV d2 = TOps.Subtract(d1, sigmaSqrtT);
            TV bMinusR = TOps.Subtract(b, r);
            TV carryDiscount = Exp<TOps, TV>(TOps.Multiply(bMinusR, t));
            TV discount = Exp<TOps, TV>(TOps.Multiply(TOps.Negate(r), t));

            // φ(d1)√(2π) is shared by the density and by the tail of ±d1 (x² is the same for both signs).
            TV e1 = ExpMinusHalfSquare<TOps, TV>(d1);
            TV e2 = ExpMinusHalfSquare<TOps, TV>(d2);
            TV pdf1 = TOps.Multiply(TOps.Create(Normal.InvSqrt2Pi), e1);
            TV sFactor = TOps.Multiply(s, carryDiscount);
            TV kFactor = TOps.Multiply(k, discount);
            TV cdf1 = Cdf<TOps, TV>(TOps.Multiply(sign, d1), e1);
            TV cdf2 = Cdf<TOps, TV>(TOps.Multiply(sign, d2), e2);

            TV price = TOps.Multiply(sign, TOps.Subtract(TOps.Multiply(sFactor, cdf1), TOps.Multiply(kFactor, cdf2)));
            TV delta = TOps.Multiply(TOps.Multiply(sign, carryDiscount), cdf1);
            TV gamma = TOps.Divide(TOps.Multiply(carryDiscount, pdf1), TOps.Multiply(s, sigmaSqrtT));
            TV vega = TOps.Multiply(TOps.Multiply(sFactor, pdf1), sqrtT);
            TV thetaDecay = TOps.Divide(
                TOps.Multiply(TOps.Multiply(TOps.Negate(sFactor), pdf1), sigma),
                TOps.Multiply(two, sqrtT));
            TV signCarry = TOps.Multiply(sign, bMinusR);
            TV theta = TOps.Subtract(
                TOps.Subtract(thetaDecay, TOps.Multiply(TOps.Multiply(signCarry, sFactor), cdf1)),
                TOps.Multiply(TOps.Multiply(TOps.Multiply(sign, r), kFactor), cdf2));
            TV rho = spread
                ? TOps.Multiply(TOps.Multiply(TOps.Multiply(sign, t), kFactor), cdf2)
                : TOps.Multiply(TOps.Negate(t), price);
            TV negCarryDiscount = TOps.Negate(carryDiscount);
            TV vanna = TOps.Divide(TOps.Multiply(TOps.Multiply(negCarryDiscount, pdf1), d2), sigma);
            TV charmCommon = TOps.Multiply(
                pdf1,
                TOps.Subtract(TOps.Divide(b, sigmaSqrtT), TOps.Divide(d2, TOps.Multiply(two, t))));
            TV charm = TOps.Multiply(negCarryDiscount, TOps.Add(charmCommon, TOps.Multiply(signCarry, cdf1)));
            TV vomma = TOps.Divide(TOps.Multiply(TOps.Multiply(vega, d1), d2), sigma);

            TOps.Store(price, ref price0, i);
            TOps.Store(delta, ref delta0, i);
            TOps.Store(gamma, ref gamma0, i);
            TOps.Store(vega, ref vega0, i);
            TOps.Store(theta, ref theta0, i);
            TOps.Store(rho, ref rho0, i);
            TOps.Store(vanna, ref vanna0, i);
            TOps.Store(charm, ref charm0, i);
            TOps.Store(vomma, ref vomma0, i);

            // The scalar kernel's guard is !(t > 0) || !(σ > 0): those lanes (and NaN) are redone by it.
            uint regular = TOps.MaskBits(TOps.And(TOps.GreaterThan(t, zero), TOps.GreaterThan(sigma, zero)));
            uint special = ~regular & allLanes;
            while (special != 0)
            {
                int j = lane + System.Numerics.BitOperations.TrailingZeroCount(special);
                batch.StoreGreeks(j, ChainEvaluator.EvaluateOne(batch, volatilities, j));
                special &= special - 1;
            }
        }
    }

    /// <summary>Vector exp without the whole-vector scalar fallback of the runtime for arguments below −708:
    /// those lanes give exactly 0 below −746 (as Math.Exp does) and are patched lane by lane with Math.Exp
    /// in the subnormal range between (only |d| in about [37.6, 38.7] gets there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Exp<TOps, TV>(TV a)
        where TOps : struct, ISimdOps<TV>
        where TV : struct
    {
        TV low = TOps.Create(ExpLowerLimit);
        TV under = TOps.LessThan(a, low);
        if (TOps.MaskBits(under) == 0)
        {
            return TOps.Exp(a);
        }

        TV result = TOps.Select(under, TOps.Create(0.0), TOps.Exp(TOps.Max(a, low)));
        uint subnormal = TOps.MaskBits(TOps.And(under, TOps.GreaterThanOrEqual(a, TOps.Create(ExpZeroLimit))));
        while (subnormal != 0)
        {
            int j = System.Numerics.BitOperations.TrailingZeroCount(subnormal);
            result = TOps.WithElement(result, j, Math.Exp(TOps.GetElement(a, j)));
            subnormal &= subnormal - 1;
        }

        return result;
    }

    /// <summary>exp(−x²/2) as <see cref="Normal.ExpMinusHalfSquare"/>: x² split exactly by an FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ExpMinusHalfSquare<TOps, TV>(TV x)
        where TOps : struct, ISimdOps<TV>
        where TV : struct
    {
        TV p = TOps.Multiply(x, x);
        TV e = TOps.FusedMultiplyAdd(x, x, TOps.Negate(p));
        TV half = TOps.Create(0.5);
        return TOps.Multiply(
            Exp<TOps, TV>(TOps.Multiply(TOps.Create(-0.5), p)),
            TOps.Subtract(TOps.Create(1.0), TOps.Multiply(half, e)));
    }

    /// <summary>Φ(x) as <see cref="Normal.Cdf"/>, given exp(−x²/2) already computed for this |x|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Cdf<TOps, TV>(TV x, TV expMinusHalfSquare)
        where TOps : struct, ISimdOps<TV>
        where TV : struct
    {
        TV tail = UpperTail<TOps, TV>(TOps.Abs(x), expMinusHalfSquare);
        return TOps.Select(
            TOps.LessThanOrEqual(x, TOps.Create(0.0)),
            tail,
            TOps.Subtract(TOps.Create(1.0), tail));
    }

    /// <summary>Q(x) = Φ(−x), x ≥ 0, as <see cref="Normal.UpperTail"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV UpperTail<TOps, TV>(TV x, TV expMinusHalfSquare)
        where TOps : struct, ISimdOps<TV>
        where TV : struct
    {
        TV c = TOps.Create(Normal.TailC);
        TV y = TOps.Divide(c, TOps.Add(c, x));
        TV t = TOps.FusedMultiplyAdd(y, TOps.Create(Normal.TailTScale), TOps.Create(-Normal.TailTShift));
        TV q = TOps.Divide(
            TOps.Multiply(TOps.Multiply(expMinusHalfSquare, TOps.Create(Normal.InvSqrt2Pi)), MillsPolynomial<TOps, TV>(t)),
            TOps.Add(x, TOps.Create(1.0)));
        return TOps.Select(TOps.GreaterThanOrEqual(x, TOps.Create(Normal.TailXMax)), TOps.Create(0.0), q);
    }

    /// <summary>The Chebyshev polynomial of <see cref="Normal.MillsPolynomial"/> with the same even/odd split.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV MillsPolynomial<TOps, TV>(TV t)
        where TOps : struct, ISimdOps<TV>
        where TV : struct
    {
        ReadOnlySpan<double> c = Normal.TailCoefficients;
        TV t2 = TOps.Multiply(t, t);
        TV even = TOps.Create(c[0]);
        TV odd = TOps.Create(c[1]);
        for (int i = 2; i < c.Length - 1; i += 2)
        {
            even = TOps.FusedMultiplyAdd(even, t2, TOps.Create(c[i]));
            odd = TOps.FusedMultiplyAdd(odd, t2, TOps.Create(c[i + 1]));
        }

        even = TOps.FusedMultiplyAdd(even, t2, TOps.Create(c[^1]));
        return TOps.FusedMultiplyAdd(odd, t, even);
    }
}
