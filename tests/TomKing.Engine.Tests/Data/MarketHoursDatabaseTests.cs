using TomKing.Engine.Data.Lean;
using TomKing.Engine.Data.Lean.MarketHours;

namespace TomKing.Engine.Tests.Data;

[TestFixture]
public class MarketHoursDatabaseTests
{
    private static MarketHoursDatabase? _database;

    private static MarketHoursDatabase Database =>
        _database ??= MarketHoursDatabase.Load(LeanTestFiles.File("market-hours", "market-hours-database.json"));

    [Test]
    public void GetEntry_SpxwIndexOption_NewYorkDataChicagoExchange()
    {
        MarketHoursEntry entry = Database.GetEntry(LeanSecurityType.IndexOption, "usa", "SPXW");
        Assert.That(entry.Key, Is.EqualTo("IndexOption-usa-SPXW"));
        Assert.That(entry.DataTimeZone, Is.SameAs(LeanTimeZone.NewYork));
        Assert.That(entry.ExchangeTimeZone, Is.SameAs(LeanTimeZone.Chicago));
    }

    [Test]
    public void GetEntry_FutureOptionWithoutOwnEntry_UsesTheFuturesEntry()
    {
        MarketHoursEntry entry = Database.GetEntry(LeanSecurityType.FutureOption, "cme", "ES");
        Assert.That(entry.Key, Is.EqualTo("Future-cme-ES"));
        Assert.That(entry.DataTimeZone, Is.SameAs(LeanTimeZone.Utc));
    }

    [Test]
    public void GetEntry_UnknownEquity_FallsBackToMarketWideEntry()
    {
        Assert.That(Database.GetEntry(LeanSecurityType.Equity, "usa", "QQQ").Key, Is.EqualTo("Equity-usa-[*]"));
    }

    [Test]
    public void RegularSession_SpxwOnFriday20210108_0930To1615Eastern()
    {
        MarketHoursEntry spxw = Database.GetEntry(LeanSecurityType.IndexOption, "usa", "SPXW");
        var day = new DateOnly(2021, 1, 8);
        Assert.That(spxw.IsTradingDay(day), Is.True);
        Assert.That(spxw.RegularOpen(day), Is.EqualTo(new DateTime(2021, 1, 8, 9, 30, 0)));
        Assert.That(spxw.RegularClose(day), Is.EqualTo(new DateTime(2021, 1, 8, 16, 15, 0)), "15:15 CT");
        Assert.That(spxw.IsOpen(new DateTime(2021, 1, 8, 10, 30, 0)), Is.True);
        Assert.That(spxw.IsOpen(new DateTime(2021, 1, 8, 9, 29, 0)), Is.False);
        Assert.That(spxw.StateAt(new DateTime(2021, 1, 8, 16, 30, 0)), Is.EqualTo(MarketState.PostMarket));
        Assert.That(spxw.IsOpen(new DateTime(2021, 1, 8, 16, 30, 0), extendedHours: true), Is.True);
    }

    [Test]
    public void RegularSession_EquityOnFriday20210108_0930To1600()
    {
        MarketHoursEntry equity = Database.GetEntry(LeanSecurityType.Equity, "usa", "SPY");
        var day = new DateOnly(2021, 1, 8);
        Assert.That(equity.RegularOpen(day), Is.EqualTo(new DateTime(2021, 1, 8, 9, 30, 0)));
        Assert.That(equity.RegularClose(day), Is.EqualTo(new DateTime(2021, 1, 8, 16, 0, 0)));
        Assert.That(equity.StateAt(new DateTime(2021, 1, 8, 8, 0, 0)), Is.EqualTo(MarketState.PreMarket));
    }

    [Test]
    public void IsHoliday_MlkDay2021_ClosedForEquityIndexAndInheritedBySpxw()
    {
        var mlk = new DateOnly(2021, 1, 18);
        MarketHoursEntry spxw = Database.GetEntry(LeanSecurityType.IndexOption, "usa", "SPXW");
        Assert.That(Database.GetEntry(LeanSecurityType.Equity, "usa", "SPY").IsHoliday(mlk), Is.True);
        Assert.That(Database.GetEntry(LeanSecurityType.Index, "usa", "SPX").IsHoliday(mlk), Is.True);
        Assert.That(spxw.IsHoliday(mlk), Is.True, "IndexOption-usa-SPXW lists no holidays; it inherits Index-usa-[*]'s");
        Assert.That(spxw.IsOpen(new DateTime(2021, 1, 18, 10, 30, 0)), Is.False);
        Assert.That(spxw.RegularClose(mlk), Is.Null);
        Assert.That(spxw.IsHoliday(new DateOnly(2021, 1, 19)), Is.False);
    }

    [Test]
    public void RegularClose_EarlyClose20201127_1300Eastern()
    {
        var friday = new DateOnly(2020, 11, 27);
        MarketHoursEntry equity = Database.GetEntry(LeanSecurityType.Equity, "usa", "SPY");
        MarketHoursEntry spx = Database.GetEntry(LeanSecurityType.Index, "usa", "SPX");
        MarketHoursEntry spxw = Database.GetEntry(LeanSecurityType.IndexOption, "usa", "SPXW");
        Assert.That(equity.RegularClose(friday), Is.EqualTo(new DateTime(2020, 11, 27, 13, 0, 0)));
        Assert.That(spx.RegularClose(friday), Is.EqualTo(new DateTime(2020, 11, 27, 13, 0, 0)), "12:00 CT");
        Assert.That(spxw.RegularClose(friday), Is.EqualTo(new DateTime(2020, 11, 27, 13, 0, 0)));
        Assert.That(spxw.IsOpen(new DateTime(2020, 11, 27, 12, 30, 0)), Is.True);
        Assert.That(spxw.IsOpen(new DateTime(2020, 11, 27, 13, 30, 0)), Is.False);
        Assert.That(equity.IsOpen(new DateTime(2020, 11, 27, 15, 0, 0), extendedHours: true), Is.False, "an early close ends extended hours too");
    }

    [Test]
    public void StateAt_EsOnMlkDay_HaltsBetweenEarlyCloseAndLateOpen()
    {
        MarketHoursEntry es = Database.GetEntry(LeanSecurityType.Future, "cme", "ES");
        Assert.That(es.StateAt(new DateTime(2021, 1, 18, 12, 0, 0)), Is.EqualTo(MarketState.Market));
        Assert.That(es.StateAt(new DateTime(2021, 1, 18, 14, 0, 0)), Is.EqualTo(MarketState.Closed));
        Assert.That(es.StateAt(new DateTime(2021, 1, 18, 18, 30, 0)), Is.EqualTo(MarketState.PostMarket));
        Assert.That(es.RegularClose(new DateOnly(2021, 1, 18)), Is.EqualTo(new DateTime(2021, 1, 18, 13, 0, 0)));
    }

    [Test]
    public void StateAt_EsSundayEvening_OvernightSessionOpens1800Eastern()
    {
        MarketHoursEntry es = Database.GetEntry(LeanSecurityType.Future, "cme", "ES");
        Assert.That(es.StateAt(new DateTime(2021, 1, 10, 17, 59, 0)), Is.EqualTo(MarketState.Closed));
        Assert.That(es.StateAt(new DateTime(2021, 1, 10, 18, 0, 0)), Is.EqualTo(MarketState.PreMarket));
        Assert.That(es.IsOpen(new DateTime(2021, 1, 10, 18, 0, 0)), Is.False);
        Assert.That(es.IsOpen(new DateTime(2021, 1, 10, 18, 0, 0), extendedHours: true), Is.True);
    }

    [Test]
    public void ParseTimeOfDay_BothWholeDaySpellings_AreOneDay()
    {
        Assert.That(MarketHoursDatabase.ParseTimeOfDay("1.00:00:00"), Is.EqualTo(TimeSpan.FromDays(1)));
        Assert.That(MarketHoursDatabase.ParseTimeOfDay("1:00:00:00"), Is.EqualTo(TimeSpan.FromDays(1)));
        Assert.That(MarketHoursDatabase.ParseTimeOfDay("09:30:00"), Is.EqualTo(new TimeSpan(9, 30, 0)));
    }

    [Test]
    public void Load_BrokenJson_ThrowsNamingFileAndLine()
    {
        using var temp = LeanTestFiles.Temp();
        string path = temp.File("market-hours-database.json");
        File.WriteAllText(path, "{\n  \"entries\": {\n    \"Equity-usa-[*]\": { oops }\n  }\n}\n");
        var ex = Assert.Throws<LeanDataException>(() => MarketHoursDatabase.Load(path));
        Assert.That(ex!.FilePath, Is.EqualTo(path));
        Assert.That(ex.Line, Is.EqualTo(3));
    }

    [Test]
    public void Load_BadHolidayDate_ThrowsNamingTheEntry()
    {
        using var temp = LeanTestFiles.Temp();
        string path = temp.File("market-hours-database.json");
        File.WriteAllText(path, "{\"entries\":{\"Equity-usa-[*]\":{\"dataTimeZone\":\"America/New_York\",\"exchangeTimeZone\":\"America/New_York\",\"holidays\":[\"2021-01-18\"]}}}");
        var ex = Assert.Throws<LeanDataException>(() => MarketHoursDatabase.Load(path));
        Assert.That(ex!.EntryName, Is.EqualTo("Equity-usa-[*]"));
        Assert.That(ex.Message, Does.Contain("2021-01-18"));
    }
}
