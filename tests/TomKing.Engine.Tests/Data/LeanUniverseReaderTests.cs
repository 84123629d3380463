using System.Globalization;
using TomKing.Engine.Data.Lean;
using TomKing.Engine.Data.Lean.Universes;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Data;

[TestFixture]
public class LeanUniverseReaderTests
{
    private static LeanDataPaths Paths => new(LeanTestFiles.Root);

    [Test]
    public void TryReadOptionUniverse_Spx20210104_EqualsRawRows()
    {
        LeanFileLocation location = Paths.LocateUniverse(LeanSecurityType.IndexOption, "usa", "spx", new DateOnly(2021, 1, 4));
        Assert.That(location.Exists, Is.True);
        var rows = new List<OptionUniverseRow>();
        Assert.That(LeanUniverseReader.TryReadOptionUniverse(location.ExistingPath!, rows, new LeanReadOptions()), Is.True);

        string[][] raw = File.ReadAllLines(location.ExistingPath!).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        Assert.That(rows, Has.Count.EqualTo(raw.Length));
        Assert.That(rows[0].IsUnderlying, Is.True);
        Assert.That(rows[0].Close, Is.EqualTo(3700.65));
        Assert.That(double.IsNaN(rows[0].OpenInterest), Is.True);
        for (int i = 1; i < raw.Length; i++)
        {
            Assert.That(rows[i].IsUnderlying, Is.False);
            Assert.That(rows[i].Expiry, Is.EqualTo(DateOnly.ParseExact(raw[i][0], "yyyyMMdd", CultureInfo.InvariantCulture)));
            Assert.That(rows[i].Strike, Is.EqualTo(decimal.Parse(raw[i][1], CultureInfo.InvariantCulture)));
            Assert.That(rows[i].Right, Is.EqualTo(raw[i][2] == "C" ? OptionRight.Call : OptionRight.Put));
            Assert.That(rows[i].Close, Is.EqualTo(double.Parse(raw[i][6], CultureInfo.InvariantCulture)));
            Assert.That(rows[i].Volume, Is.EqualTo(long.Parse(raw[i][7], CultureInfo.InvariantCulture)));
            Assert.That(rows[i].Delta, Is.EqualTo(double.Parse(raw[i][10], CultureInfo.InvariantCulture)));
            Assert.That(rows[i].ThetaPerDay, Is.EqualTo(double.Parse(raw[i][13], CultureInfo.InvariantCulture)));
        }

        OptionUniverseRow atm = rows.Single(r => r.Expiry == new DateOnly(2021, 1, 15) && r.Strike == 3700m && r.Right == OptionRight.Call);
        Assert.That(atm.OpenInterest, Is.EqualTo(48148));
        Assert.That(atm.ImpliedVolatility, Is.EqualTo(0.1400472));
    }

    [Test]
    public void TryReadOptionUniverse_EsFutureOptions_NineColumnsGreeksNaN()
    {
        LeanFileLocation location = Paths.LocateUniverse(LeanSecurityType.FutureOption, "cme", "es", new DateOnly(2020, 1, 2), "202003");
        var rows = new List<OptionUniverseRow>();
        Assert.That(LeanUniverseReader.TryReadOptionUniverse(location.ExpectedPath, rows, new LeanReadOptions()), Is.True);
        Assert.That(rows[0].IsUnderlying, Is.True);
        Assert.That(rows[0].Close, Is.EqualTo(3235.5));
        Assert.That(rows[1].Strike, Is.EqualTo(3000m));
        Assert.That(double.IsNaN(rows[1].Delta), Is.True);
    }

    [Test]
    public void TryReadFutureUniverse_Es20131007_ContractMonths()
    {
        LeanFileLocation location = Paths.LocateUniverse(LeanSecurityType.Future, "cme", "es", new DateOnly(2013, 10, 7));
        var rows = new List<FutureUniverseRow>();
        Assert.That(LeanUniverseReader.TryReadFutureUniverse(location.ExpectedPath, rows, new LeanReadOptions()), Is.True);
        Assert.That(rows[0], Is.EqualTo(new FutureUniverseRow(new DateOnly(2013, 12, 1), true, 1669, 1671.5, 1646.5, 1646.5, 2109007, 2723644)));
    }

    [Test]
    public void TryReadOptionUniverse_MissingDay_ReturnsFalseWithWarning()
    {
        var options = new LeanReadOptions();
        LeanFileLocation location = Paths.LocateUniverse(LeanSecurityType.IndexOption, "usa", "spx", new DateOnly(2021, 1, 9));
        Assert.That(location.Exists, Is.False);
        Assert.That(LeanUniverseReader.TryReadOptionUniverse(location.ExpectedPath, new List<OptionUniverseRow>(), options), Is.False);
        Assert.That(options.Issues.MissingFiles, Is.EqualTo(1));
    }

    [Test]
    public void TryReadOptionUniverse_BadRightStrict_ThrowsWithLine()
    {
        using var temp = LeanTestFiles.Temp();
        string path = temp.File("20210104.csv");
        File.WriteAllText(path, "#expiry,strike,right,open,high,low,close,volume,open_interest\n,,,1,1,1,1,0,\n20210115,3700,X,1,1,1,1,0,5\n");
        var ex = Assert.Throws<LeanDataException>(() => LeanUniverseReader.TryReadOptionUniverse(path, new List<OptionUniverseRow>(), new LeanReadOptions()));
        Assert.That(ex!.Line, Is.EqualTo(3));
    }
}
