using TomKing.Algorithm.Domain;
using TomKing.Greeks;

namespace TomKing.Algorithm.Risk.Margin;

/// <summary>
/// The pure buying-power formulas, per unit of a structure, from numbers the caller supplies (leg
/// premiums, |deltas|, the underlying price, the future's initial margin). No market access, no
/// allocation: <see cref="MarginModel"/> gathers the inputs, tests feed hand-computed ones.
/// </summary>
/// <remarks>
/// <para>All amounts are USD per unit; <c>m</c> is the option multiplier, <c>S</c> the underlying price,
/// <c>K</c> a strike, <c>P</c> a leg's premium (mid) in points.</para>
/// <para><b>Defined risk</b> (max loss): credit spreads <c>(width − credit) × m</c>; iron condor
/// <c>(max(put width, call width) − net credit) × m</c> (only one side can finish in the money);
/// never below 0.</para>
/// <para><b>Uncovered equity/ETF/index options — the CBOE rule</b> (Cboe Rule 10.3 "Margin Requirements",
/// formerly Rule 12.3; the Cboe Margin Manual's "Short Put or Short Call"; FINRA Rule 4210 is
/// comparable): per contract,
/// 100 % of the option's current value plus <c>max(x × S − out-of-the-money amount, 10 % × K)</c> for a
/// put and <c>max(x × S − out-of-the-money amount, 10 % × S)</c> for a call, all × m, where x = 20 % for
/// equity and ETF options and 15 % for broad-based index options (<see cref="AssetClass.Index"/>). The
/// OTM amount is <c>max(S − K, 0)</c> for a put and <c>max(K − S, 0)</c> for a call.</para>
/// <para><b>Uncovered futures options — a SPAN-like approximation</b> built on the exchange's outright
/// initial margin IM of the delivered future (LEAN margins files): per contract
/// <c>P × m + IM × clamp(scale × |Δ|, minimum, 1)</c> with scale = 3 and minimum = 10 %
/// (<see cref="MarginParameters"/>). SPAN charges the loss over a scan range of about IM's worth of
/// futures price; a short option loses roughly its delta, growing with gamma, times that move, hence
/// the delta scale, the short-option minimum, and the cap at one future's margin. An unknown delta is
/// charged the cap (the conservative choice).</para>
/// <para><b>Strangle</b> (CBOE and SPAN alike): the larger side's requirement plus the other side's
/// premium × m. <b>1-1-2</b>: the naked puts' requirement plus the debit of the put debit spread
/// (<c>max(P_long − P_short, 0) × m</c>). <b>Long options</b>: their cost <c>P × m</c>. <b>LEAP + short
/// call</b> (Reg T diagonal, the long call expiring later covers the short):
/// <c>max(P_long − P_short, 0) × m + max(K_long − K_short, 0) × m</c>.</para>
/// <para><b>Adjustment</b> (<see cref="StructureKind.Adjustment"/>: a buy-back, a roll, a weekly call, or a
/// held position that no longer has its entry shape), per leg: every long leg costs its debit
/// <c>P × m × size</c>; each short contract is covered, if it can be, by a long contract of the same
/// right in the same structure expiring no earlier (Reg T spread / diagonal; for a call the lowest long
/// strike, for a put the highest, is used first) and then costs <c>(gap − P_short) × m</c> with
/// <c>gap = max(K_long − K_short, 0)</c> for calls and <c>max(K_short − K_long, 0)</c> for puts (so a
/// credit spread sums to width − credit and a LEAP + short call to debit + strike gap, as above); the
/// short contracts left uncovered are naked (CBOE rule or the futures approximation), and when both naked
/// puts and naked calls remain, the strangle rule applies to the two sides' totals (the larger side plus
/// the other side's premium). The total is floored at 0. An adjustment priced alone cannot see the
/// position's other legs, so a short covered only by a held leg (the IPMCC weekly against its LEAP, a
/// roll's new short while the old long leg is being sold) is priced naked: conservative. Adjust intents
/// are never denied by P-1; after the fill the ledger prices the held structure, where the held cover
/// counts.</para>
/// </remarks>
public static class MarginCalculator
{
    /// <summary>Buying power per unit of <paramref name="unit"/>, USD.</summary>
    /// <param name="unit">The structure (legs in factory order).</param>
    /// <param name="underlyingPrice">S: index level, share price, or the delivered future's price.</param>
    /// <param name="premiums">Per leg (structure order): premium per contract in points (mid), ≥ 0.</param>
    /// <param name="absDeltas">Per leg: |delta| (NaN when unknown); used for futures options only.</param>
    /// <param name="assetClass">The underlying's asset class (selects the CBOE percentage or the futures model).</param>
    /// <param name="futuresInitialMargin">Initial margin of one delivered future, USD (futures options only).</param>
    /// <param name="parameters">Model numbers (null: <see cref="MarginParameters.Default"/>).</param>
    public static decimal PerUnit(
        in OptionStructure unit,
        double underlyingPrice,
        ReadOnlySpan<double> premiums,
        ReadOnlySpan<double> absDeltas,
        AssetClass assetClass,
        decimal futuresInitialMargin,
        MarginParameters? parameters = null)
    {
        Span<double> strikes = stackalloc double[OptionStructure.MaxLegs];
        for (int i = 0; i < unit.Count; i++)
        {
            strikes[i] = (double)unit.LegRef(i).Contract.Strike;
        }

        double usd = PerUnitUsd(unit, strikes, (double)unit.LegRef(0).Contract.Multiplier, underlyingPrice, premiums, absDeltas, assetClass,
            (double)futuresInitialMargin, parameters ?? MarginParameters.Default);
        return double.IsFinite(usd) ? MoneyMath.Cents(Math.Max(usd, 0.0)) : decimal.MaxValue;
    }

    /// <summary>
    /// The formulas of <see cref="PerUnit"/> on the legs' strikes as doubles (the chain's listed strikes,
    /// which equal the contracts' decimal strikes) and the multiplier as a double, in USD before rounding
    /// to cents: NaN when the structure kind has no formula. The risk engine's path (no decimal arithmetic).
    /// </summary>
    internal static double PerUnitUsd(
        in OptionStructure unit,
        ReadOnlySpan<double> strikes,
        double multiplier,
        double underlyingPrice,
        ReadOnlySpan<double> premiums,
        ReadOnlySpan<double> absDeltas,
        AssetClass assetClass,
        double futuresInitialMargin,
        MarginParameters p)
    {
        double m = multiplier;
        double im = futuresInitialMargin;
        double s = underlyingPrice;
        return unit.Kind switch
        {
            StructureKind.IronCondor => IronCondor(strikes, premiums, m),
            StructureKind.CallCreditSpread or StructureKind.PutCreditSpread => CreditSpread(strikes, premiums, m),
            StructureKind.Strangle => Strangle(unit, strikes, s, premiums, absDeltas, assetClass, im, m, p),
            StructureKind.OneOneTwo => OneOneTwo(unit, strikes, s, premiums, absDeltas, assetClass, im, m, p),
            StructureKind.LeapPlusShortCall => LeapPlusShortCall(unit, strikes, premiums, m),
            StructureKind.SinglePut => unit.LegRef(0).Size * NakedCore(OptionRight.Put, strikes[0], s, premiums[0], absDeltas[0], assetClass, im, m, p),
            StructureKind.Adjustment => Adjustment(unit, strikes, m, s, premiums, absDeltas, assetClass, im, p),
            _ => double.NaN,
        };
    }

    /// <summary>The requirement of one uncovered short option contract, USD (CBOE rule or the futures
    /// approximation, see the type remarks), including its premium.</summary>
    public static double Naked(in OptionContract contract, double underlyingPrice, double premium, double absDelta, AssetClass assetClass, double futuresInitialMargin, double multiplier, MarginParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return NakedCore(contract.Right, (double)contract.Strike, underlyingPrice, premium, absDelta, assetClass, futuresInitialMargin, multiplier, parameters);
    }

    private static double NakedCore(OptionRight right, double k, double s, double premium, double absDelta, AssetClass assetClass, double futuresInitialMargin, double multiplier, MarginParameters parameters)
    {
        if (assetClass == AssetClass.Future)
        {
            double fraction = double.IsFinite(absDelta)
                ? Math.Clamp(parameters.FuturesDeltaScale * absDelta, parameters.FuturesShortMinimumFraction, 1.0)
                : 1.0;
            return (premium * multiplier) + (futuresInitialMargin * fraction);
        }

        double x = assetClass == AssetClass.Index ? parameters.BroadIndexUnderlyingFraction : parameters.EquityUnderlyingFraction;
        double points = right == OptionRight.Put
            ? Math.Max((x * s) - Math.Max(s - k, 0.0), parameters.MinimumFraction * k)
            : Math.Max((x * s) - Math.Max(k - s, 0.0), parameters.MinimumFraction * s);
        return (premium + points) * multiplier;
    }

    private static double IronCondor(ReadOnlySpan<double> k, ReadOnlySpan<double> prem, double m)
    {
        double putWidth = k[1] - k[0];
        double callWidth = k[3] - k[2];
        double credit = prem[1] + prem[2] - prem[0] - prem[3];
        return (Math.Max(putWidth, callWidth) - credit) * m;
    }

    private static double CreditSpread(ReadOnlySpan<double> k, ReadOnlySpan<double> prem, double m)
    {
        double width = Math.Abs(k[1] - k[0]);
        double credit = prem[0] - prem[1];
        return (width - credit) * m;
    }

    private static double Strangle(in OptionStructure u, ReadOnlySpan<double> k, double s, ReadOnlySpan<double> prem, ReadOnlySpan<double> delta, AssetClass ac, double im, double m, MarginParameters p)
    {
        double put = NakedCore(u.LegRef(0).Contract.Right, k[0], s, prem[0], delta[0], ac, im, m, p);
        double call = NakedCore(u.LegRef(1).Contract.Right, k[1], s, prem[1], delta[1], ac, im, m, p);
        return put >= call ? put + (prem[1] * m) : call + (prem[0] * m);
    }

    private static double OneOneTwo(in OptionStructure u, ReadOnlySpan<double> k, double s, ReadOnlySpan<double> prem, ReadOnlySpan<double> delta, AssetClass ac, double im, double m, MarginParameters p)
    {
        double debit = Math.Max(prem[0] - prem[1], 0.0) * m;
        return debit + (u.LegRef(2).Size * NakedCore(u.LegRef(2).Contract.Right, k[2], s, prem[2], delta[2], ac, im, m, p));
    }

    private static double Adjustment(in OptionStructure u, ReadOnlySpan<double> k, double m, double s, ReadOnlySpan<double> prem, ReadOnlySpan<double> delta, AssetClass ac, double im, MarginParameters p)
    {
        Span<int> longLeft = stackalloc int[OptionStructure.MaxLegs];
        double total = 0.0;
        for (int i = 0; i < u.Count; i++)
        {
            var leg = u.LegRef(i);
            if (leg.Ratio > 0)
            {
                longLeft[i] = leg.Size;
                total += prem[i] * m * leg.Size;
            }
        }

        double nakedPut = 0.0, nakedCall = 0.0, putPremium = 0.0, callPremium = 0.0;
        for (int i = 0; i < u.Count; i++)
        {
            var leg = u.LegRef(i);
            if (leg.Ratio > 0)
            {
                continue;
            }

            var c = leg.Contract;
            int left = leg.Size;
            while (left > 0)
            {
                int cover = BestCover(u, k, longLeft, i, out double gap);
                if (cover < 0)
                {
                    break;
                }

                int n = Math.Min(left, longLeft[cover]);
                longLeft[cover] -= n;
                left -= n;
                total += n * (gap - prem[i]) * m;
            }

            if (left == 0)
            {
                continue;
            }

            double naked = left * NakedCore(c.Right, k[i], s, prem[i], delta[i], ac, im, m, p);
            if (c.Right == OptionRight.Put)
            {
                nakedPut += naked;
                putPremium += left * prem[i] * m;
            }
            else
            {
                nakedCall += naked;
                callPremium += left * prem[i] * m;
            }
        }

        total += nakedPut > 0.0 && nakedCall > 0.0
            ? (nakedPut >= nakedCall ? nakedPut + callPremium : nakedCall + putPremium)
            : nakedPut + nakedCall;
        return total;
    }

    /// <summary>The long leg with contracts left that covers a short best (same right, expiring no
    /// earlier, smallest strike gap); -1 when none.</summary>
    private static int BestCover(in OptionStructure u, ReadOnlySpan<double> k, ReadOnlySpan<int> longLeft, int shortIndex, out double gap)
    {
        int best = -1;
        gap = double.PositiveInfinity;
        var shortRight = u.LegRef(shortIndex).Contract.Right;
        var shortExpiry = u.LegRef(shortIndex).Contract.Expiry;
        for (int j = 0; j < u.Count; j++)
        {
            if (longLeft[j] <= 0 || u.LegRef(j).Contract.Right != shortRight || u.LegRef(j).Contract.Expiry < shortExpiry)
            {
                continue;
            }

            double g = shortRight == OptionRight.Call ? k[j] - k[shortIndex] : k[shortIndex] - k[j];
            g = Math.Max(g, 0.0);
            if (g < gap)
            {
                gap = g;
                best = j;
            }
        }

        return best;
    }

    private static double LeapPlusShortCall(in OptionStructure u, ReadOnlySpan<double> k, ReadOnlySpan<double> prem, double m)
    {
        if (u.Count == 1)
        {
            return prem[0] * m;
        }

        double debit = Math.Max(prem[0] - prem[1], 0.0);
        double strikeGap = Math.Max(k[0] - k[1], 0.0);
        return (debit + strikeGap) * m;
    }
}
