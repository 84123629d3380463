using TomKing.Engine.Data.Lean;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Data;

[TestFixture]
public class LeanDataPathsTests
{
    private static readonly LeanDataPaths Rules = new("root");

    [Test]
    public void ZipPath_SpxwMinuteQuotes_DayZipUnderRootFolder()
    {
        string path = Rules.ZipPath(LeanSeries.IndexOptionMinute("SPXW", LeanTickType.Quote), new DateOnly(2021, 1, 4));
        Assert.That(path, Is.EqualTo(Path.Combine("root", "indexoption", "usa", "minute", "spxw", "20210104_quote_european.zip")));
    }

    [Test]
    public void ZipPath_EsFutureOptions_ContractMonthSubfolderAmerican()
    {
        string path = Rules.ZipPath(LeanSeries.FutureOptionMinute("es", 202003, LeanTickType.Trade), new DateOnly(2020, 1, 6));
        Assert.That(path, Is.EqualTo(Path.Combine("root", "futureoption", "cme", "minute", "es", "202003", "20200106_trade_american.zip")));
    }

    [Test]
    public void ZipPath_Futures_DayZipWithoutStyle()
    {
        var series = new LeanSeries(LeanSecurityType.Future, "cme", "es", LeanResolution.Minute, LeanTickType.Quote);
        Assert.That(Rules.ZipPath(series, new DateOnly(2020, 1, 5)), Is.EqualTo(Path.Combine("root", "future", "cme", "minute", "es", "20200105_quote.zip")));
        Assert.That(LeanDataPaths.UnderlyingEntryName(series, new DateOnly(2020, 1, 5), "202003"), Is.EqualTo("20200105_es_minute_quote_202003.csv"));
    }

    [Test]
    public void ZipPath_DailyEquityAndYearlyOptions_LeanNames()
    {
        var spy = new LeanSeries(LeanSecurityType.Equity, "usa", "SPY", LeanResolution.Daily, LeanTickType.Trade);
        var spx = new LeanSeries(LeanSecurityType.IndexOption, "usa", "spx", LeanResolution.Daily, LeanTickType.OpenInterest);
        var fop = new LeanSeries(LeanSecurityType.FutureOption, "cme", "es", LeanResolution.Daily, LeanTickType.Trade, "202003");
        Assert.That(Rules.ZipPath(spy, default), Is.EqualTo(Path.Combine("root", "equity", "usa", "daily", "spy.zip")));
        Assert.That(Rules.ZipPath(spx, new DateOnly(2021, 6, 1)), Is.EqualTo(Path.Combine("root", "indexoption", "usa", "daily", "spx_2021_openinterest_european.zip")));
        Assert.That(Rules.ZipPath(fop, new DateOnly(2020, 1, 2)), Is.EqualTo(Path.Combine("root", "futureoption", "cme", "daily", "es", "202003", "es_2020_trade_american.zip")));
    }

    [Test]
    public void Locate_EveryRealZip_FoundByTheRules()
    {
        var paths = new LeanDataPaths(LeanTestFiles.Root);
        var cases = new (LeanSeries Series, DateOnly Date)[]
        {
            (LeanSeries.IndexOptionMinute("spxw", LeanTickType.Trade), new DateOnly(2021, 1, 4)),
            (LeanSeries.IndexOptionMinute("spx", LeanTickType.OpenInterest), new DateOnly(2021, 1, 14)),
            (LeanSeries.FutureOptionMinute("es", 202006, LeanTickType.Quote), new DateOnly(2020, 1, 6)),
            (new LeanSeries(LeanSecurityType.Index, "usa", "spx", LeanResolution.Minute, LeanTickType.Trade), new DateOnly(2021, 1, 14)),
            (new LeanSeries(LeanSecurityType.Option, "usa", "aapl", LeanResolution.Daily, LeanTickType.Quote), new DateOnly(2014, 6, 2)),
            (new LeanSeries(LeanSecurityType.FutureOption, "cme", "es", LeanResolution.Daily, LeanTickType.Trade, "202003"), new DateOnly(2020, 1, 2)),
        };
        foreach (var (series, date) in cases)
        {
            Assert.That(paths.Locate(series, date).Exists, Is.True, series.ToString());
        }
    }

    [Test]
    public void Locate_DoubledZipExtension_FoundAndFlagged()
    {
        var paths = new LeanDataPaths(LeanTestFiles.Root);
        LeanFileLocation location = paths.Locate(LeanSeries.IndexOptionMinute("spxw", LeanTickType.Trade), new DateOnly(2021, 1, 4));
        Assert.That(location.Exists, Is.True);
        Assert.That(location.HasDoubledExtension, Is.True);
        Assert.That(location.ExistingPath, Does.EndWith("20210104_trade_european.zip.zip"));
        Assert.That(paths.Locate(LeanSeries.IndexOptionMinute("spxw", LeanTickType.Trade), new DateOnly(2021, 1, 5)).HasDoubledExtension, Is.False);
    }

    [TestCase("20210104_spxw_minute_quote_european_call_37000000_20210108.csv", OptionRight.Call, 37000000L, "2021-01-08")]
    [TestCase("20200105_es_minute_quote_american_put_31300000_20200320.csv", OptionRight.Put, 31300000L, "2020-03-20")]
    [TestCase("spx_quote_european_call_32000000_20210115.csv", OptionRight.Call, 32000000L, "2021-01-15")]
    [TestCase("20230803_spy_minute_trade_american_call_4300000_20230901.csv", OptionRight.Call, 4300000L, "2023-09-01")]
    public void TryParse_OptionEntryNames_RightStrikeExpiry(string name, OptionRight right, long strike, string expiry)
    {
        Assert.That(LeanEntryName.TryParse(name, out LeanContractId id, out string? problem), Is.True, problem);
        Assert.That(id, Is.EqualTo(new LeanContractId(LeanContractKind.Option, right, strike, DateOnly.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [TestCase("20210104_spx_minute_trade.csv", LeanContractKind.Underlying)]
    [TestCase("spy.csv", LeanContractKind.Underlying)]
    [TestCase("20131006_es_minute_quote_201312.csv", LeanContractKind.Future)]
    [TestCase("20131006_es_minute_openinterest_20131220.csv", LeanContractKind.Future)]
    public void TryParse_NonOptionEntryNames_Kind(string name, LeanContractKind kind)
    {
        Assert.That(LeanEntryName.TryParse(name, out LeanContractId id, out _), Is.True);
        Assert.That(id.Kind, Is.EqualTo(kind));
    }

    [TestCase("20210104_spxw_minute_quote_european_call_3700x_20210108.csv")]
    [TestCase("20210104_spxw_minute_quote_european_put_37000000_20211308.csv")]
    [TestCase("readme.txt")]
    public void TryParse_MalformedNames_FalseWithReason(string name)
    {
        Assert.That(LeanEntryName.TryParse(name, out _, out string? problem), Is.False);
        Assert.That(problem, Is.Not.Null.And.Not.Empty);
    }
}
