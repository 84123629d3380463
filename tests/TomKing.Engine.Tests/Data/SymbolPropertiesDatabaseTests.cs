using TomKing.Engine.Data.Lean;
using TomKing.Engine.Data.Lean.SymbolProperties;

namespace TomKing.Engine.Tests.Data;

[TestFixture]
public class SymbolPropertiesDatabaseTests
{
    private static SymbolPropertiesDatabase? _database;

    private static SymbolPropertiesDatabase Database =>
        _database ??= SymbolPropertiesDatabase.Load(LeanTestFiles.File("symbol-properties", "symbol-properties-database.csv"));

    [TestCase("SPX")]
    [TestCase("SPXW")]
    public void Get_SpxIndexOptions_Multiplier100Tick005(string root)
    {
        SymbolProperties p = Database.Get(LeanSecurityType.IndexOption, "usa", root);
        Assert.That(p.ContractMultiplier, Is.EqualTo(100m));
        Assert.That(p.MinimumPriceVariation, Is.EqualTo(0.05m));
        Assert.That(p.QuoteCurrency, Is.EqualTo("USD"));
    }

    [Test]
    public void Get_EsFuture_Multiplier50Tick025()
    {
        SymbolProperties p = Database.Get(LeanSecurityType.Future, "cme", "ES");
        Assert.That(p.ContractMultiplier, Is.EqualTo(50m));
        Assert.That(p.MinimumPriceVariation, Is.EqualTo(0.25m));
        Assert.That(p.Description, Is.EqualTo("E-mini S&P 500 Futures"));
    }

    [Test]
    public void Get_EsFutureOptionWithoutOwnRow_TakesTheFuturesRow()
    {
        Assert.That(Database.Get(LeanSecurityType.FutureOption, "cme", "ES").ContractMultiplier, Is.EqualTo(50m));
    }

    [Test]
    public void Get_MesFuture_MinimumOrderSizeColumnParsed()
    {
        SymbolProperties p = Database.Get(LeanSecurityType.Future, "cme", "MES");
        Assert.That(p.ContractMultiplier, Is.EqualTo(5m));
        Assert.That(p.MinimumOrderSize, Is.EqualTo(1m));
        Assert.That(p.PriceMagnifier, Is.EqualTo(1m));
    }

    [Test]
    public void Get_SpyEquityOption_Multiplier100Tick001()
    {
        SymbolProperties p = Database.Get(LeanSecurityType.Option, "usa", "SPY");
        Assert.That(p.ContractMultiplier, Is.EqualTo(100m));
        Assert.That(p.MinimumPriceVariation, Is.EqualTo(0.01m));
        Assert.That(Database.Get(LeanSecurityType.Equity, "usa", "SPY").ContractMultiplier, Is.EqualTo(1m));
    }

    [Test]
    public void TryGet_UnknownMarket_ReturnsFalse()
    {
        Assert.That(Database.TryGet(LeanSecurityType.Future, "nowhere", "ZZZ", out _), Is.False);
    }

    [Test]
    public void Load_BadNumber_ThrowsNamingFileAndLine()
    {
        using var temp = LeanTestFiles.Temp();
        string path = temp.File("symbol-properties-database.csv");
        File.WriteAllText(path, "market,symbol,type,description,quote_currency,contract_multiplier,minimum_price_variation,lot_size\n# comment\ncme,ES,future,E-mini,USD,fifty,0.25,1\n");
        var ex = Assert.Throws<LeanDataException>(() => SymbolPropertiesDatabase.Load(path));
        Assert.That(ex!.Line, Is.EqualTo(3));
        Assert.That(ex.Message, Does.Contain(path).And.Contain("line 3"));
    }
}
