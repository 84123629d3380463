using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TomKing.Greeks;

/// <summary>
/// The Black kernel (<see cref="BlackKernel.Evaluate"/>) for a whole vector of options at once, written
/// once over <see cref="ISimdOps{TV}"/> and specialized per width by the JIT.
/// </summary>
/// <remarks>
/// Every expression repeats the scalar kernel's operations in the scalar kernel's order (C# never
/// contracts a·b + c into an FMA, and IEEE +, −, ×, ÷, √ and FMA round identically in a vector lane),
/// so the only differences from the scalar path come from the vector exp and log, which are within
/// 2–3 ulp of the C runtime's. The terms are BlackKernel.Terms' (one density exp, both tails through
/// the Mills ratio with the same Chebyshev coefficients and the same Estrin scheme, the same FMA
/// split of d²); the scalar code's branch-free CopySign/Max side choice is a select here (the two
/// differ only at z = −0, by rounding: the tail there is half the value). Lanes the scalar kernel
/// treats specially (t ≤ 0, σ ≤ 0, NaN) are recomputed by the scalar kernel after the vector pass,
/// so they match it exactly.
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
        TV one = TOps.Create(1.0);

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

            // The scalar Terms, lane by lane (see BlackKernel.Terms for the reasoning).
            TV sqrtT = TOps.Sqrt(t);
            TV sigmaSqrtT = TOps.Multiply(sigma, sqrtT);
            TV invSigmaSqrtT = TOps.Divide(one, sigmaSqrtT);
            TV bMinusR = TOps.Subtract(b, r);
            TV discount = Exp<TOps, TV>(TOps.Multiply(TOps.Negate(r), t));
            TV carryDiscount = Exp<TOps, TV>(TOps.Multiply(bMinusR, t));
            TV drift = TOps.Multiply(TOps.Add(b, TOps.Multiply(TOps.Multiply(half, sigma), sigma)), t);
            TV d1 = TOps.Multiply(TOps.Add(TOps.Log(TOps.Divide(s, k)), drift), invSigmaSqrtT);
            TV d2 = TOps.Subtract(d1, sigmaSqrtT);

            TV z1 = TOps.Multiply(sign, d1);
            TV z2 = TOps.Multiply(sign, d2);
            TV mills1 = MillsRatio<TOps, TV>(TOps.Abs(z1));
            TV mills2 = MillsRatio<TOps, TV>(TOps.Abs(z2));

            TV strikeValue = TOps.Multiply(k, discount);
            TV spotValue = TOps.Multiply(s, carryDiscount);
            TV dMin = TOps.Min(TOps.Abs(d1), TOps.Abs(d2));
            TV dMinSquared = TOps.Multiply(dMin, dMin);
            TV dMinSquaredError = TOps.FusedMultiplyAdd(dMin, dMin, TOps.Negate(dMinSquared));
            TV expMinusHalfSquare = TOps.Multiply(
                Exp<TOps, TV>(TOps.Multiply(TOps.Create(-0.5), dMinSquared)),
                TOps.Subtract(one, TOps.Multiply(half, dMinSquaredError)));
            TV density = TOps.Multiply(TOps.Multiply(TOps.Min(spotValue, strikeValue), TOps.Create(Normal.InvSqrt2Pi)), expMinusHalfSquare);

            TV spotTerm = Side<TOps, TV>(z1, spotValue, TOps.Multiply(density, mills1));
            TV strikeTerm = Side<TOps, TV>(z2, strikeValue, TOps.Multiply(density, mills2));

            // The scalar Evaluate's Greeks from the terms, same operations in the same order.
            TV invSigma = TOps.Multiply(sqrtT, invSigmaSqrtT);
            TV invSqrtT = TOps.Multiply(sigma, invSigmaSqrtT);
            TV invS = TOps.Divide(one, s);
            TV densityPerSpot = TOps.Multiply(density, invS);
            TV price = TOps.Multiply(sign, TOps.Subtract(spotTerm, strikeTerm));
            TV delta = TOps.Multiply(TOps.Multiply(sign, spotTerm), invS);
            TV gamma = TOps.Multiply(TOps.Multiply(densityPerSpot, invS), invSigmaSqrtT);
            TV vega = TOps.Multiply(density, sqrtT);
            TV theta = TOps.Subtract(
                TOps.Subtract(
                    TOps.Multiply(TOps.Multiply(TOps.Multiply(TOps.Create(-0.5), density), sigma), invSqrtT),
                    TOps.Multiply(TOps.Multiply(sign, bMinusR), spotTerm)),
                TOps.Multiply(TOps.Multiply(sign, r), strikeTerm));
            TV rho = spread
                ? TOps.Multiply(TOps.Multiply(sign, t), strikeTerm)
                : TOps.Multiply(TOps.Negate(t), price);
            TV vanna = TOps.Multiply(TOps.Multiply(TOps.Negate(densityPerSpot), d2), invSigma);
            TV charmCommon = TOps.Multiply(
                densityPerSpot,
                TOps.Subtract(TOps.Multiply(b, invSigmaSqrtT), TOps.Multiply(TOps.Multiply(TOps.Multiply(half, d2), invSqrtT), invSqrtT)));
            TV charm = TOps.Negate(TOps.Add(charmCommon, TOps.Multiply(TOps.Multiply(TOps.Multiply(sign, bMinusR), spotTerm), invS)));
            TV vomma = TOps.Multiply(TOps.Multiply(TOps.Multiply(vega, d1), d2), invSigma);

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

    /// <summary>value·Φ(z) from the lower tail value·Φ(−|z|) = tail: value − tail for z ≥ 0, else tail
    /// (as BlackKernel.Terms, with a select where the scalar code uses CopySign).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Side<TOps, TV>(TV z, TV value, TV tail)
        where TOps : struct, ISimdOps<TV>
        where TV : struct
    {
        TV negative = TOps.LessThan(z, TOps.Create(0.0));
        return TOps.Select(negative, tail, TOps.Subtract(value, tail));
    }

    /// <summary>The Mills ratio M(z) = Φ(−z)/φ(z), z ≥ 0, as <see cref="Normal.MillsRatio(Vector128{double})"/>:
    /// P(t)·(1/(z + 1)); lanes at or beyond <see cref="Normal.TailXMax"/> (rare) are patched with the
    /// scalar function's continued fraction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV MillsRatio<TOps, TV>(TV z)
        where TOps : struct, ISimdOps<TV>
        where TV : struct
    {
        TV c = TOps.Create(Normal.TailC);
        TV one = TOps.Create(1.0);
        TV y = TOps.Divide(c, TOps.Add(c, z));
        TV inverse = TOps.Divide(one, TOps.Add(z, one));
        TV t = TOps.FusedMultiplyAdd(y, TOps.Create(Normal.TailTScale), TOps.Create(-Normal.TailTShift));
        TV result = TOps.Multiply(MillsPolynomial<TOps, TV>(t), inverse);
        uint far = TOps.MaskBits(TOps.GreaterThanOrEqual(z, TOps.Create(Normal.TailXMax)));
        while (far != 0)
        {
            int j = System.Numerics.BitOperations.TrailingZeroCount(far);
            result = TOps.WithElement(result, j, Normal.MillsRatio(TOps.GetElement(z, j)));
            far &= far - 1;
        }

        return result;
    }

    /// <summary>The polynomial of <see cref="Normal.MillsPolynomial(Vector128{double})"/>, same Estrin
    /// scheme in the same order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV MillsPolynomial<TOps, TV>(TV t)
        where TOps : struct, ISimdOps<TV>
        where TV : struct
    {
        ReadOnlySpan<double> c = Normal.TailCoefficients;
        TV t2 = TOps.Multiply(t, t);
        TV t4 = TOps.Multiply(t2, t2);
        TV t8 = TOps.Multiply(t4, t4);
        TV t16 = TOps.Multiply(t8, t8);

        TV p0 = Pair(c[21], c[22], t);
        TV p1 = Pair(c[19], c[20], t);
        TV p2 = Pair(c[17], c[18], t);
        TV p3 = Pair(c[15], c[16], t);
        TV p4 = Pair(c[13], c[14], t);
        TV p5 = Pair(c[11], c[12], t);
        TV p6 = Pair(c[9], c[10], t);
        TV p7 = Pair(c[7], c[8], t);
        TV p8 = Pair(c[5], c[6], t);
        TV p9 = Pair(c[3], c[4], t);
        TV p10 = Pair(c[1], c[2], t);
        TV p11 = TOps.Create(c[0]);

        TV q0 = TOps.FusedMultiplyAdd(p1, t2, p0);
        TV q1 = TOps.FusedMultiplyAdd(p3, t2, p2);
        TV q2 = TOps.FusedMultiplyAdd(p5, t2, p4);
        TV q3 = TOps.FusedMultiplyAdd(p7, t2, p6);
        TV q4 = TOps.FusedMultiplyAdd(p9, t2, p8);
        TV q5 = TOps.FusedMultiplyAdd(p11, t2, p10);

        TV o0 = TOps.FusedMultiplyAdd(q1, t4, q0);
        TV o1 = TOps.FusedMultiplyAdd(q3, t4, q2);
        TV o2 = TOps.FusedMultiplyAdd(q5, t4, q4);

        return TOps.FusedMultiplyAdd(o2, t16, TOps.FusedMultiplyAdd(o1, t8, o0));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TV Pair(double high, double low, TV t) => TOps.FusedMultiplyAdd(TOps.Create(high), t, TOps.Create(low));
    }
}
