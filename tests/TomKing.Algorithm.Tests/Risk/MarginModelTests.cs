using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Greeks;

namespace TomKing.Algorithm.Tests.Risk;

public sealed class MarginModelTests
{
    private static readonly DateOnly Expiry = new(2021, 10, 15);

    private static OptionContract Spxw(double strike, OptionRight right) =>
        OptionContract.FromCatalogue(InstrumentCatalogue.Get("SPXW"), Expiry, (decimal)strike, right);

    private static OptionContract Spy(double strike, OptionRight right, DateOnly? expiry = null) =>
        OptionContract.FromCatalogue(InstrumentCatalogue.Get("SPY"), expiry ?? Expiry, (decimal)strike, right);

    private static OptionContract Es(double strike, OptionRight right) =>
        OptionContract.FromCatalogue(InstrumentCatalogue.Get("ES"), Expiry, (decimal)strike, right);

    private static decimal Calc(OptionStructure s, double spot, double[] premiums, AssetClass ac, decimal im = 0m, double[]? deltas = null) =>
        MarginCalculator.PerUnit(s, spot, premiums, deltas ?? new double[premiums.Length].Select(_ => double.NaN).ToArray(), ac, im);

    [Test]
    public void PerUnit_IronCondor_IsWiderWingMinusCredit()
    {
        // credit = 3.0 + 2.5 − 1.0 − 0.5 = 4.0; widths 50 and 50 → (50 − 4) × 100
        var ic = OptionStructure.IronCondor(Spxw(3700, OptionRight.Put), Spxw(3750, OptionRight.Put), Spxw(3850, OptionRight.Call), Spxw(3900, OptionRight.Call));
        Assert.That(Calc(ic, 3800, [1.0, 3.0, 2.5, 0.5], AssetClass.Index), Is.EqualTo(4600m));
    }

    [Test]
    public void PerUnit_PutCreditSpread_IsWidthMinusCredit()
    {
        // width 30, credit 3.0 − 1.5 = 1.5 → 28.5 × 100
        var pcs = OptionStructure.PutCreditSpread(Spxw(3750, OptionRight.Put), Spxw(3720, OptionRight.Put));
        Assert.That(Calc(pcs, 3800, [3.0, 1.5], AssetClass.Index), Is.EqualTo(2850m));
    }

    [Test]
    public void PerUnit_CallCreditSpread_IsWidthMinusCredit()
    {
        var ccs = OptionStructure.CallCreditSpread(Spxw(3850, OptionRight.Call), Spxw(3880, OptionRight.Call));
        Assert.That(Calc(ccs, 3800, [2.0, 0.8], AssetClass.Index), Is.EqualTo((30m - 1.2m) * 100m));
    }

    [Test]
    public void PerUnit_NakedEtfPut_CboeTwentyPercentLessOtm()
    {
        // 20 % × 400 − (400 − 380) = 60 > 10 % × 380 = 38 → (2.00 + 60) × 100
        var put = OptionStructure.SinglePut(Spy(380, OptionRight.Put));
        Assert.That(Calc(put, 400, [2.0], AssetClass.Etf), Is.EqualTo(6200m));
    }

    [Test]
    public void PerUnit_NakedIndexPut_CboeFifteenPercentLessOtm()
    {
        // 15 % × 3800 − 200 = 370 > 10 % × 3600 = 360 → (10 + 370) × 100
        var put = OptionStructure.SinglePut(Spxw(3600, OptionRight.Put));
        Assert.That(Calc(put, 3800, [10.0], AssetClass.Index), Is.EqualTo(38000m));
    }

    [Test]
    public void PerUnit_FarOtmPut_TenPercentOfStrikeMinimum()
    {
        // 80 − 100 = −20 < 10 % × 300 = 30 → (0.50 + 30) × 100
        var put = OptionStructure.SinglePut(Spy(300, OptionRight.Put));
        Assert.That(Calc(put, 400, [0.5], AssetClass.Etf), Is.EqualTo(3050m));
    }

    [Test]
    public void PerUnit_Strangle_LargerSidePlusOtherPremium()
    {
        // put: (2 + max(80 − 20, 38)) × 100 = 6200; call: (1.5 + max(80 − 20, 40)) × 100 = 6150 → 6200 + 150
        var strangle = OptionStructure.Strangle(Spy(380, OptionRight.Put), Spy(420, OptionRight.Call));
        Assert.That(Calc(strangle, 400, [2.0, 1.5], AssetClass.Etf), Is.EqualTo(6350m));
    }

    [Test]
    public void PerUnit_OneOneTwo_NakedPairPlusDebitSpread()
    {
        // debit (20 − 15) × 100 = 500; naked: 15 % × 3800 − 450 = 120 < 10 % × 3350 = 335 → (8 + 335) × 100 × 2 = 68600
        var l112 = OptionStructure.OneOneTwo(Spxw(3550, OptionRight.Put), Spxw(3500, OptionRight.Put), Spxw(3350, OptionRight.Put));
        Assert.That(Calc(l112, 3800, [20.0, 15.0, 8.0], AssetClass.Index), Is.EqualTo(69100m));
    }

    [Test]
    public void PerUnit_LongLeap_IsItsCost()
    {
        var leap = OptionStructure.LeapOnly(Spy(350, OptionRight.Call, new DateOnly(2022, 9, 16)));
        Assert.That(Calc(leap, 400, [62.5], AssetClass.Etf), Is.EqualTo(6250m));
    }

    [Test]
    public void PerUnit_LeapPlusShortCall_IsNetDebit()
    {
        // long 350 call 62.5, short 405 call 3.0 (expires first): debit 59.5 × 100, long strike below short → no gap
        var pmcc = OptionStructure.LeapPlusShortCall(Spy(350, OptionRight.Call, new DateOnly(2022, 9, 16)), Spy(405, OptionRight.Call));
        Assert.That(Calc(pmcc, 400, [62.5, 3.0], AssetClass.Etf), Is.EqualTo(5950m));
    }

    [Test]
    public void PerUnit_FuturesStrangle_SpanLikeDeltaScaledInitialMargin()
    {
        // IM 12,650. Put: 20 × 50 + 12,650 × 3 × 0.06 = 1,000 + 2,277 = 3,277.
        // Call: 10 × 50 + 12,650 × 0.15 = 500 + 1,897.5 = 2,397.5. Strangle = 3,277 + call premium 500.
        var strangle = OptionStructure.Strangle(Es(3800, OptionRight.Put), Es(4800, OptionRight.Call));
        Assert.That(Calc(strangle, 4400, [20.0, 10.0], AssetClass.Future, 12_650m, [0.06, 0.05]), Is.EqualTo(3777m));
    }

    [Test]
    public void PerUnit_FuturesPutTinyDelta_ShortOptionMinimum()
    {
        // 3 × 0.02 = 0.06 < 10 % minimum → 2 × 50 + 0.10 × 12,650
        var put = OptionStructure.SinglePut(Es(3000, OptionRight.Put));
        Assert.That(Calc(put, 4400, [2.0], AssetClass.Future, 12_650m, [0.02]), Is.EqualTo(1365m));
    }

    [Test]
    public void PerUnit_FuturesPutUnknownDelta_ChargedFullInitialMargin()
    {
        var put = OptionStructure.SinglePut(Es(3000, OptionRight.Put));
        Assert.That(Calc(put, 4400, [2.0], AssetClass.Future, 12_650m, [double.NaN]), Is.EqualTo(100m + 12_650m));
    }

    [Test]
    public void Parse_RealEsMarginsFile_DatedLookups()
    {
        var schedule = FuturesMarginSchedule.Parse(File.ReadAllText(RiskTestPaths.Margins("cme", "ES")));
        Assert.Multiple(() =>
        {
            Assert.That(schedule.TryGetAsOf(new DateOnly(2021, 9, 1), out var sep21), Is.True);
            Assert.That(sep21, Is.EqualTo(new FuturesMargin(new DateOnly(2021, 8, 18), 12_650m, 11_500m)));
            Assert.That(schedule.TryGetAsOf(new DateOnly(2020, 1, 15), out var jan20), Is.True);
            Assert.That(jan20.Initial, Is.EqualTo(7_260m));
            Assert.That(schedule.TryGetAsOf(new DateOnly(2020, 1, 9), out var exact), Is.True);
            Assert.That(exact.EffectiveFrom, Is.EqualTo(new DateOnly(2020, 1, 9)));
            Assert.That(schedule.TryGetAsOf(new DateOnly(2012, 3, 25), out _), Is.False);
        });
    }

    [Test]
    public void Parse_RealMicroAndEnergyFiles_Load()
    {
        var book = new FuturesMarginBook()
            .AddCsv("MES", File.ReadAllText(RiskTestPaths.Margins("cme", "MES")))
            .AddCsv("CL", File.ReadAllText(RiskTestPaths.Margins("nymex", "CL")))
            .AddCsv("GC", File.ReadAllText(RiskTestPaths.Margins("comex", "GC")));
        Assert.Multiple(() =>
        {
            Assert.That(book.TryGetAsOf("MES", new DateOnly(2022, 2, 1), out var mes), Is.True);
            Assert.That(mes.Initial, Is.EqualTo(1_188m));
            Assert.That(book.TryGetAsOf("CL", new DateOnly(2022, 3, 1), out var cl), Is.True);
            Assert.That(cl.Initial, Is.EqualTo(7_480m));
            Assert.That(book.TryGetAsOf("ZZ", new DateOnly(2022, 3, 1), out _), Is.False);
        });
    }

    [Test]
    public void Parse_MalformedLine_NamesTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => FuturesMarginSchedule.Parse("date,initial,maintenance\n20200101,100,90\n2020-01-02,100,90\n"));
        Assert.That(ex!.Message, Does.Contain("line 3"));
        Assert.Throws<FormatException>(() => FuturesMarginSchedule.Parse("date,initial,maintenance\n20200101,90,100\n"));
    }

    [Test]
    public void TryPerUnit_SpyPutFromMarket_MatchesCboeHandValue()
    {
        var asOf = new DateTime(2021, 9, 1, 10, 0, 0);
        var chain = new OptionChainBuilder(InstrumentCatalogue.Get("SPY")).AsOf(asOf).UnderlyingPrice(400)
            .AddQuote(Expiry, 380, OptionRight.Put, 1.9, 2.1).Build();
        var market = new TestMarket().WithChain(chain).WithPrice("SPY", 400);
        var ok = new MarginModel().TryPerUnit(OptionStructure.SinglePut(Spy(380, OptionRight.Put)), market, out decimal bp);
        Assert.That(ok, Is.True);
        Assert.That(bp, Is.EqualTo(6200m));
    }

    [Test]
    public void TryPerUnit_EsStrangleFromMarket_UsesChainDeltaAndDatedMargin()
    {
        var asOf = new DateTime(2021, 9, 1, 10, 0, 0);
        var chain = new OptionChainBuilder(InstrumentCatalogue.Get("ES")).AsOf(asOf).UnderlyingPrice(4500)
            .AddModelQuotes(new DateOnly(2021, 12, 17), [3800.0, 5000.0], _ => 0.20, 0.25).Build();
        var book = new FuturesMarginBook().AddCsv("ES", File.ReadAllText(RiskTestPaths.Margins("cme", "ES")));
        var market = new TestMarket().WithChain(chain);
        var e = chain.ExpiryAt(0);
        var s = OptionStructure.Strangle(e.ContractAt(0, OptionRight.Put), e.ContractAt(1, OptionRight.Call));
        Assert.That(new MarginModel(book).TryPerUnit(s, market, out decimal bp), Is.True);
        double[] prem = [e.QuoteAt(0, OptionRight.Put).Mid, e.QuoteAt(1, OptionRight.Call).Mid];
        double[] delta = [e.GreeksAt(0, OptionRight.Put).AbsDelta, e.GreeksAt(1, OptionRight.Call).AbsDelta];
        Assert.That(bp, Is.EqualTo(MarginCalculator.PerUnit(s, 4500, prem, delta, AssetClass.Future, 12_650m)));
        Assert.That(new MarginModel().TryPerUnit(s, market, out _), Is.False, "no margins book → cannot margin futures options");
    }

    // ---- Adjustment (buy-backs, rolls, weekly calls, held positions off their entry shape) ----
    private static OptionStructure Adj(params Leg[] legs) => OptionStructure.Adjustment(legs);

    [Test]
    public void PerUnit_AdjustmentBuyBack_IsTheDebit()
    {
        // L112-5 naked buy-back [Buy(naked, 2)]: 2 × 1.25 × 100
        Assert.That(Calc(Adj(Leg.Buy(Spxw(3350, OptionRight.Put), 2)), 3800, [1.25], AssetClass.Index), Is.EqualTo(250m));
    }

    [Test]
    public void PerUnit_AdjustmentShortPutCoveredByLowerLong_EqualsThePutCreditSpread()
    {
        var adj = Adj(Leg.Sell(Spxw(3750, OptionRight.Put)), Leg.Buy(Spxw(3720, OptionRight.Put)));
        var pcs = OptionStructure.PutCreditSpread(Spxw(3750, OptionRight.Put), Spxw(3720, OptionRight.Put));
        Assert.That(Calc(adj, 3800, [3.0, 1.5], AssetClass.Index), Is.EqualTo(Calc(pcs, 3800, [3.0, 1.5], AssetClass.Index)));
    }

    [Test]
    public void PerUnit_AdjustmentPutDebitSpread_IsTheDebitOnly()
    {
        // what a 1-1-2 holds after its naked puts are bought back: long 3550, short 3500 (covered, gap 0)
        var adj = Adj(Leg.Buy(Spxw(3550, OptionRight.Put)), Leg.Sell(Spxw(3500, OptionRight.Put)));
        Assert.That(Calc(adj, 3800, [60.0, 45.0], AssetClass.Index), Is.EqualTo(1500m));
    }

    [Test]
    public void PerUnit_AdjustmentLeapAndShortCall_EqualsTheDiagonal()
    {
        var leap = Spy(350, OptionRight.Call, new DateOnly(2022, 9, 16));
        var weekly = Spy(385, OptionRight.Call);
        var diag = OptionStructure.LeapPlusShortCall(leap, weekly);
        Assert.That(Calc(Adj(Leg.Buy(leap), Leg.Sell(weekly)), 380, [40.0, 2.0], AssetClass.Etf), Is.EqualTo(Calc(diag, 380, [40.0, 2.0], AssetClass.Etf)));
        Assert.That(Calc(Adj(Leg.Buy(leap), Leg.Sell(weekly)), 380, [40.0, 2.0], AssetClass.Etf), Is.EqualTo(3800m));
    }

    [Test]
    public void PerUnit_AdjustmentWeeklyCallAlone_PricedNakedConservatively()
    {
        // IPMCC-3 sale priced alone cannot see the held LEAP: CBOE naked call, (2 + max(76 − 5, 38)) × 100
        var weekly = Spy(385, OptionRight.Call);
        Assert.That(Calc(Adj(Leg.Sell(weekly)), 380, [2.0], AssetClass.Etf), Is.EqualTo(7300m));
    }

    [Test]
    public void PerUnit_AdjustmentRollToLaterShort_OldLongCannotCoverIt()
    {
        // IPMCC-4 roll [Buy(old), Sell(next)]: the bought-back call expires first, so the new short is naked
        var old = Spy(385, OptionRight.Call);
        var next = Spy(386, OptionRight.Call, Expiry.AddDays(7));
        decimal naked = Calc(Adj(Leg.Sell(next)), 380, [2.5], AssetClass.Etf);
        Assert.That(Calc(Adj(Leg.Buy(old), Leg.Sell(next)), 380, [0.5, 2.5], AssetClass.Etf), Is.EqualTo(naked + 50m));
    }

    [Test]
    public void PerUnit_AdjustmentNakedPutAndCall_StrangleRule()
    {
        var adj = Adj(Leg.Sell(Spy(380, OptionRight.Put)), Leg.Sell(Spy(420, OptionRight.Call)));
        Assert.That(Calc(adj, 400, [2.0, 1.5], AssetClass.Etf), Is.EqualTo(6350m), "as PerUnit_Strangle");
    }

    [Test]
    public void PerUnit_AdjustmentOneLongCoversOneOfTwoShorts_RestNaked()
    {
        // long 3550 covers one 3500 short (gap 0); the second is naked: max(15 % × 3800 − 300, 10 % × 3500) = 350
        var adj = Adj(Leg.Buy(Spxw(3550, OptionRight.Put)), Leg.Sell(Spxw(3500, OptionRight.Put), 2));
        decimal expected = (60m * 100m) + ((0m - 45m) * 100m) + ((45m + 350m) * 100m);
        Assert.That(Calc(adj, 3800, [60.0, 45.0], AssetClass.Index), Is.EqualTo(expected));
    }

    [Test]
    public void TryPerUnit_EsAdjustmentWithShort_UsesTheFuturesMargin()
    {
        var asOf = new DateTime(2021, 9, 1, 10, 0, 0);
        var chain = new OptionChainBuilder(InstrumentCatalogue.Get("ES")).AsOf(asOf).UnderlyingPrice(4500)
            .AddModelQuotes(new DateOnly(2021, 12, 17), [3800.0, 5000.0], _ => 0.20, 0.25).Build();
        var book = new FuturesMarginBook().AddCsv("ES", File.ReadAllText(RiskTestPaths.Margins("cme", "ES")));
        var market = new TestMarket().WithChain(chain);
        var e = chain.ExpiryAt(0);
        var put = e.ContractAt(0, OptionRight.Put);
        Assert.That(new MarginModel(book).TryPerUnit(Adj(Leg.Sell(put)), market, out decimal adj), Is.True);
        Assert.That(new MarginModel(book).TryPerUnit(OptionStructure.SinglePut(put), market, out decimal single), Is.True);
        Assert.That(adj, Is.EqualTo(single));
    }
}
