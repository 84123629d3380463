using FsCheck;
using FsCheck.Fluent;
using TomKing.Algorithm.Domain;
using TomKing.Brokerages.Tastytrade.Symbology;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Tests.Symbology;

[TestFixture]
public class SymbologyTests
{
    // ---- fixed examples from the reference (§3.9 and the chain fixtures) ----

    [TestCase("SPY   240315C00450000", "SPY", 2024, 3, 15, OptionRight.Call, "450")]
    [TestCase("AAPL  250620C00200000", "AAPL", 2025, 6, 20, OptionRight.Call, "200")]
    [TestCase("SPXW  250530C01400000", "SPXW", 2025, 5, 30, OptionRight.Call, "1400")]
    [TestCase("GOOGL 270617P00235000", "GOOGL", 2027, 6, 17, OptionRight.Put, "235")]
    [TestCase("F     250620C00002020", "F", 2025, 6, 20, OptionRight.Call, "2.02")]
    [TestCase("BRKB  250620C00200000", "BRKB", 2025, 6, 20, OptionRight.Call, "200")]
    [TestCase("SPXW  240315C05012500", "SPXW", 2024, 3, 15, OptionRight.Call, "5012.5")]
    public void Occ_ReferenceExamples_ParseAndFormat(string occ, string root, int y, int m, int d, OptionRight right, string strike)
    {
        var expected = new OccOptionSymbol(root, new DateOnly(y, m, d), right, decimal.Parse(strike));
        Assert.That(OccOptionSymbol.ParseOcc(occ), Is.EqualTo(expected));
        Assert.That(expected.ToOcc(), Is.EqualTo(occ));
    }

    [TestCase(".AAPL250620C200", "AAPL", 2025, 6, 20, OptionRight.Call, "200")]
    [TestCase(".F250620C2.02", "F", 2025, 6, 20, OptionRight.Call, "2.02")]
    [TestCase(".SPXW250718C3500", "SPXW", 2025, 7, 18, OptionRight.Call, "3500")]
    [TestCase(".IRBT260116C22.5", "IRBT", 2026, 1, 16, OptionRight.Call, "22.5")]
    [TestCase(".SPY240315C450", "SPY", 2024, 3, 15, OptionRight.Call, "450")]
    [TestCase(".SPX240315P5000", "SPX", 2024, 3, 15, OptionRight.Put, "5000")]
    public void OptionStreamer_ReferenceExamples_ParseAndFormat(string streamer, string root, int y, int m, int d, OptionRight right, string strike)
    {
        var expected = new OccOptionSymbol(root, new DateOnly(y, m, d), right, decimal.Parse(strike));
        Assert.That(OccOptionSymbol.ParseStreamer(streamer), Is.EqualTo(expected));
        Assert.That(expected.ToStreamer(), Is.EqualTo(streamer));
    }

    [Test]
    public void Occ_SpxVsSpxw_MapToAmAndPmContractsOnSpx()
    {
        var am = OptionContractSymbols.FromOcc("SPX   240315C05000000");
        var pm = OptionContractSymbols.FromOcc("SPXW  240315C05000000");
        Assert.Multiple(() =>
        {
            Assert.That(am.Underlying, Is.EqualTo(new Ticker("SPX")));
            Assert.That(pm.Underlying, Is.EqualTo(new Ticker("SPX")));
            Assert.That(am.Settlement, Is.EqualTo(OptionSettlement.AmCash));
            Assert.That(pm.Settlement, Is.EqualTo(OptionSettlement.PmCash));
            Assert.That(pm.Exercise, Is.EqualTo(ExerciseStyle.European));
            Assert.That(OptionContractSymbols.ToOcc(pm), Is.EqualTo("SPXW  240315C05000000"));
            Assert.That(OptionContractSymbols.ToStreamer(pm), Is.EqualTo(".SPXW240315C5000"));
        });
    }

    [Test]
    public void Occ_ShareClassRoot_DropsSlash()
    {
        var contract = new OptionContract("BRK/B", "BRK/B", new DateOnly(2025, 6, 20), 200m, OptionRight.Call, ExerciseStyle.American, OptionSettlement.PmShares, 100m);
        Assert.That(OptionContractSymbols.ToOcc(contract), Is.EqualTo("BRKB  250620C00200000"));
    }

    [TestCase("/ESH4", "ES", 3, 2024)]
    [TestCase("/ESZ5", "ES", 12, 2025)]
    [TestCase("/6BZ5", "6B", 12, 2025)]
    [TestCase("/GEM0", "GE", 6, 2030)]
    [TestCase("/M2KU6", "M2K", 9, 2026)]
    public void Future_OrderSymbol_ParseAndFormat(string text, string product, int month, int year)
    {
        var expected = new FutureSymbol(product, month, year);
        Assert.That(FutureSymbol.ParseOrderSymbol(text, referenceYear: 2025), Is.EqualTo(expected));
        Assert.That(expected.ToOrderSymbol(), Is.EqualTo(text));
    }

    [TestCase("/ESZ25:XCME", "ES", 12, 2025, "XCME")]
    [TestCase("/GCZ25:XCEC", "GC", 12, 2025, "XCEC")]
    [TestCase("/RBN25:XNYM", "RB", 7, 2025, "XNYM")]
    [TestCase("/GEM30:XCME", "GE", 6, 2030, "XCME")]
    [TestCase("/ESH24:XCME", "ES", 3, 2024, "XCME")]
    public void Future_Streamer_ParseAndFormat(string text, string product, int month, int year, string mic)
    {
        Assert.That(FutureSymbol.TryParseStreamer(text, out var parsed, out string parsedMic), Is.True);
        Assert.That(parsed, Is.EqualTo(new FutureSymbol(product, month, year)));
        Assert.That(parsedMic, Is.EqualTo(mic));
        Assert.That(parsed.ToStreamer(mic), Is.EqualTo(text));
    }

    [Test]
    public void Future_Streamer_DefaultMicFromCatalogue()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new FutureSymbol("ES", 3, 2024).ToStreamer(), Is.EqualTo("/ESH24:XCME"));
            Assert.That(new FutureSymbol("GC", 12, 2025).ToStreamer(), Is.EqualTo("/GCZ25:XCEC"));
            Assert.That(new FutureSymbol("ZB", 12, 2025).ToStreamer(), Is.EqualTo("/ZBZ25:XCBT"));
            Assert.That(new FutureSymbol("CL", 1, 2026).ToStreamer(), Is.EqualTo("/CLF26:XNYM"));
        });
    }

    [TestCase("./ESZ4 EW4Z4 241220P5000", "ES", 12, 2024, "EW4", 12, 2024, 2024, 12, 20, OptionRight.Put, "5000")]
    [TestCase("./GCQ5 OGN5  250625P2095", "GC", 8, 2025, "OG", 7, 2025, 2025, 6, 25, OptionRight.Put, "2095")]
    [TestCase("./ZBZ5 OZBZ5 251121P150", "ZB", 12, 2025, "OZB", 12, 2025, 2025, 11, 21, OptionRight.Put, "150")]
    [TestCase("./MNQZ5MNQZ5 251219P11000", "MNQ", 12, 2025, "MNQ", 12, 2025, 2025, 12, 19, OptionRight.Put, "11000")]
    [TestCase("./MNQZ5D4AU5 250922C24575", "MNQ", 12, 2025, "D4A", 9, 2025, 2025, 9, 22, OptionRight.Call, "24575")]
    [TestCase("./ESU4 EW4Q4 240823C5750", "ES", 9, 2024, "EW4", 8, 2024, 2024, 8, 23, OptionRight.Call, "5750")]
    [TestCase("./ESH4 EW4H4 240315C5000", "ES", 3, 2024, "EW4", 3, 2024, 2024, 3, 15, OptionRight.Call, "5000")]
    public void FutureOption_OrderSymbol_ParseAndFormat(string text, string product, int fm, int fy, string root, int cm, int cy,
        int y, int m, int d, OptionRight right, string strike)
    {
        var expected = new FutureOptionSymbol(new FutureSymbol(product, fm, fy), root, cm, cy, new DateOnly(y, m, d), right, decimal.Parse(strike));
        Assert.That(FutureOptionSymbol.ParseOrderSymbol(text), Is.EqualTo(expected));
        Assert.That(expected.ToOrderSymbol(), Is.EqualTo(text));
    }

    [Test]
    public void FutureOption_UnpaddedSpaces_StillParse()
    {
        var parsed = FutureOptionSymbol.ParseOrderSymbol("./ESU5 ESU5 250919P900");
        Assert.That(parsed.Future, Is.EqualTo(new FutureSymbol("ES", 9, 2025)));
        Assert.That(parsed.OptionRoot, Is.EqualTo("ES"));
        Assert.That(parsed.ToOrderSymbol(), Is.EqualTo("./ESU5 ESU5  250919P900"));
    }

    [TestCase("./EW4Z24P5000:XCME", "EW4", 12, 2024, OptionRight.Put, "5000", "XCME")]
    [TestCase("./OGN25P2095:XCEC", "OG", 7, 2025, OptionRight.Put, "2095", "XCEC")]
    [TestCase("./OZBN25C142.5:XCBT", "OZB", 7, 2025, OptionRight.Call, "142.5", "XCBT")]
    [TestCase("./MNQZ25P11000:XCME", "MNQ", 12, 2025, OptionRight.Put, "11000", "XCME")]
    [TestCase("./EW4H24C5000:XCME", "EW4", 3, 2024, OptionRight.Call, "5000", "XCME")]
    public void FutureOption_Streamer_ParseAndFormat(string text, string root, int month, int year, OptionRight right, string strike, string mic)
    {
        Assert.That(FutureOptionSymbol.TryParseStreamer(text, out var parts), Is.True);
        Assert.That(parts, Is.EqualTo(new FutureOptionSymbol.StreamerParts(root, month, year, right, decimal.Parse(strike), mic)));
        var symbol = new FutureOptionSymbol(new FutureSymbol("X", 1, 2024), root, month, year, new DateOnly(2024, 1, 1), right, decimal.Parse(strike));
        Assert.That(symbol.ToStreamer(mic), Is.EqualTo(text));
    }

    [Test]
    public void FutureOption_ChainFixturePair_OrderAndStreamerAgree()
    {
        var order = FutureOptionSymbol.ParseOrderSymbol("./ESU4 EW4Q4 240823C5750");
        Assert.That(order.ToStreamer(), Is.EqualTo("./EW4Q24C5750:XCME"));
    }

    [Test]
    public void FutureOption_ToContract_UsesProductCatalogue()
    {
        var contract = OptionContractSymbols.FromFutureOption(FutureOptionSymbol.ParseOrderSymbol("./ESZ4 EW4Z4 241220P5000"));
        Assert.Multiple(() =>
        {
            Assert.That(contract.Underlying, Is.EqualTo(new Ticker("ES")));
            Assert.That(contract.Root, Is.EqualTo(new Ticker("EW4")));
            Assert.That(contract.Multiplier, Is.EqualTo(50m));
            Assert.That(contract.Settlement.Delivery, Is.EqualTo(DeliveryKind.Future));
            Assert.That(OptionContractSymbols.ToFutureOption(contract, new FutureSymbol("ES", 12, 2024)).ToOrderSymbol(), Is.EqualTo("./ESZ4 EW4Z4 241220P5000"));
        });
    }

    [TestCase("")]
    [TestCase("SPY")]
    [TestCase("SPY   240315X00450000")]
    [TestCase("SPY   241315C00450000")]
    [TestCase("TOOLONGR240315C00450000")]
    [TestCase("SPY   240315C0045000A")]
    [TestCase("SPY   240315C00000000")]
    public void Occ_Malformed_IsRefused(string text) =>
        Assert.That(OccOptionSymbol.TryParseOcc(text, out _), Is.False);

    [TestCase("")]
    [TestCase(".SPY240315C")]
    [TestCase(".SPY240315X450")]
    [TestCase("./EW4Z24P5000:XCME")]
    [TestCase("SPY240315C450")]
    [TestCase(".SPY240315C4.")]
    public void OptionStreamer_Malformed_IsRefused(string text) =>
        Assert.That(OccOptionSymbol.TryParseStreamer(text, out _), Is.False);

    [TestCase("")]
    [TestCase("/ES")]
    [TestCase("/ESA4")]
    [TestCase("/ESZ")]
    [TestCase("./ESZ4 EW4Z4 241220P5000")]
    public void Future_Malformed_IsRefused(string text) =>
        Assert.That(FutureSymbol.TryParseOrderSymbol(text, 2025, out _), Is.False);

    [TestCase("")]
    [TestCase("./ESZ4")]
    [TestCase(".SPY240315C450")]
    [TestCase("./ESZ4 EW4Z4 241320P5000")]
    [TestCase("./ESZ4EW4Z4241220P5000")]
    public void FutureOption_Malformed_IsRefused(string text) =>
        Assert.That(FutureOptionSymbol.TryParseOrderSymbol(text, out _), Is.False);

    [Test]
    public void Occ_StrikeWithFourDecimals_IsRefusedOnFormat() =>
        Assert.Throws<FormatException>(() => new OccOptionSymbol("SPY", new DateOnly(2024, 3, 15), OptionRight.Call, 450.0001m).ToOcc());

    [TestCase(0, 2025, 2030)]
    [TestCase(4, 2025, 2024)]
    [TestCase(5, 2025, 2025)]
    [TestCase(3, 2025, 2033)]
    [TestCase(9, 2030, 2029)]
    public void ResolveYear_OneDigit_PicksWindowYear(int digit, int reference, int expected) =>
        Assert.That(FuturesMonth.ResolveYear(digit, reference), Is.EqualTo(expected));

    // ---- properties: parse(format(x)) == x over generated symbols ----

    private static readonly Gen<string> Roots =
        from len in Gen.Choose(1, 6)
        from chars in Gen.ArrayOf(Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".ToCharArray()), len)
        where char.IsAsciiLetter(chars[0])
        select new string(chars);

    private static readonly Gen<DateOnly> Dates =
        from day in Gen.Choose(0, (new DateOnly(2049, 12, 31).DayNumber) - new DateOnly(2000, 1, 1).DayNumber)
        select DateOnly.FromDayNumber(new DateOnly(2000, 1, 1).DayNumber + day);

    private static readonly Gen<decimal> OccStrikes =
        from thousandths in Gen.Choose(1, 99_999_999)
        select thousandths / 1000m;

    private static readonly Gen<decimal> Strikes =
        from units in Gen.Choose(1, 2_000_000)
        from scale in Gen.Elements(0, 1, 2, 3, 4)
        select units / (decimal)Math.Pow(10, scale);

    private static readonly Gen<OptionRight> Rights = Gen.Elements(OptionRight.Call, OptionRight.Put);

    private static readonly Gen<string> Products =
        from len in Gen.Choose(1, 3)
        from chars in Gen.ArrayOf(Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".ToCharArray()), len)
        select new string(chars);

    [Test]
    public void Occ_RoundTrip_Property()
    {
        var gen = from root in Roots from date in Dates from right in Rights from strike in OccStrikes
                  select new OccOptionSymbol(root, date, right, strike);
        Prop.ForAll(Arb.From(gen), x =>
            OccOptionSymbol.ParseOcc(x.ToOcc()) == x && x.ToOcc().Length == 21).QuickCheckThrowOnFailure();
    }

    [Test]
    public void OptionStreamer_RoundTrip_Property()
    {
        var gen = from root in Roots from date in Dates from right in Rights from strike in Strikes
                  select new OccOptionSymbol(root, date, right, strike);
        Prop.ForAll(Arb.From(gen), x => OccOptionSymbol.ParseStreamer(x.ToStreamer()) == x).QuickCheckThrowOnFailure();
    }

    [Test]
    public void Future_RoundTrip_Property()
    {
        var gen = from product in Products from month in Gen.Choose(1, 12) from offset in Gen.Choose(-1, 8) from reference in Gen.Choose(2001, 2090)
                  select (Symbol: new FutureSymbol(product, month, reference + offset), Reference: reference);
        Prop.ForAll(Arb.From(gen), x =>
        {
            bool order = FutureSymbol.ParseOrderSymbol(x.Symbol.ToOrderSymbol(), x.Reference) == x.Symbol;
            bool streamer = FutureSymbol.TryParseStreamer(x.Symbol.ToStreamer("XCME"), out var s, out string mic) && s == x.Symbol && mic == "XCME";
            return order && streamer;
        }).QuickCheckThrowOnFailure();
    }

    [Test]
    public void FutureOption_RoundTrip_Property()
    {
        var gen = from product in Gen.Elements("ES", "MNQ", "GC", "ZB", "6E", "CL", "M2K")
                  from root in Gen.Elements("EW4", "OG", "OZB", "MNQ", "D4A", "E1A", "LO")
                  from expiry in Dates.Where(d => d.Year is >= 2001 and <= 2048)
                  from futureMonth in Gen.Choose(1, 12)
                  from futureOffset in Gen.Choose(0, 1)
                  from contractMonth in Gen.Choose(1, 12)
                  from contractOffset in Gen.Choose(0, 1)
                  from right in Rights
                  from strike in Strikes
                  select new FutureOptionSymbol(new FutureSymbol(product, futureMonth, expiry.Year + futureOffset), root,
                      contractMonth, expiry.Year + contractOffset, expiry, right, strike);
        Prop.ForAll(Arb.From(gen), x =>
        {
            bool order = FutureOptionSymbol.ParseOrderSymbol(x.ToOrderSymbol()) == x;
            bool streamer = FutureOptionSymbol.TryParseStreamer(x.ToStreamer("XCME"), out var p) &&
                p == new FutureOptionSymbol.StreamerParts(x.OptionRoot, x.ContractMonth, x.ContractYear, x.Right, x.Strike, "XCME");
            return order && streamer;
        }).QuickCheckThrowOnFailure();
    }

    [Test]
    public void OptionContract_CatalogueRoots_RoundTripThroughOccAndStreamer_Property()
    {
        var roots = InstrumentCatalogue.All.Where(i => i.AssetClass != AssetClass.Future).ToArray();
        var gen = from root in Gen.Elements(roots) from date in Dates from right in Rights from strike in OccStrikes
                  select OptionContract.FromCatalogue(root, date, strike, right);
        Prop.ForAll(Arb.From(gen), c =>
            OptionContractSymbols.FromOcc(OptionContractSymbols.ToOcc(c)) == c &&
            OptionContractSymbols.FromStreamer(OptionContractSymbols.ToStreamer(c)) == c).QuickCheckThrowOnFailure();
    }

    [Test]
    public void OptionContract_FuturesOptions_RoundTrip_Property()
    {
        var products = InstrumentCatalogue.All.Where(i => i.AssetClass == AssetClass.Future).ToArray();
        var gen = from product in Gen.Elements(products)
                  from root in Gen.Elements("EW4", "OG", "LO", "E1A")
                  from expiry in Dates.Where(d => d.Year is >= 2001 and <= 2048)
                  from right in Rights from strike in Strikes
                  select (Contract: new OptionContract(product.Ticker, root, expiry, strike, right, product.OptionExercise, product.OptionSettlement, product.OptionMultiplier),
                          Future: new FutureSymbol(product.Ticker.Symbol, expiry.Month, expiry.Year));
        Prop.ForAll(Arb.From(gen), x =>
        {
            var symbol = OptionContractSymbols.ToFutureOption(x.Contract, x.Future);
            return OptionContractSymbols.FromFutureOption(FutureOptionSymbol.ParseOrderSymbol(symbol.ToOrderSymbol())) == x.Contract;
        }).QuickCheckThrowOnFailure();
    }
}
