using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Risk.Events;
using TomKing.Algorithm.Risk.Rules;
using TomKing.Greeks;
using static TomKing.Algorithm.Tests.Risk.RiskScenario;

namespace TomKing.Algorithm.Tests.Risk;

public sealed class EventCalendarTests
{
    private const string Text = """
        # P-8 calendar
        2021-09-03, NFP
        2021-09-14 , cpi   # lower case is fine
        2021-09-22, FOMC
        2021-09-07, EARNINGS, AAPL
        2021-09-07, EARNINGS, SPY
        """;

    [Test]
    public void Parse_CommentsAndPadding_EventsAndEarnings()
    {
        var c = EventCalendar.Parse(Text);
        string[] blocking = ["FOMC", "CPI", "NFP"];
        Assert.Multiple(() =>
        {
            Assert.That(c.MarketEventCount, Is.EqualTo(3));
            Assert.That(c.BlockingEventOn(new DateOnly(2021, 9, 14), blocking), Is.EqualTo("CPI"));
            Assert.That(c.BlockingEventOn(new DateOnly(2021, 9, 15), blocking), Is.Null);
            Assert.That(c.IsWithinEarningsWindow("AAPL", new DateOnly(2021, 9, 2), 3), Is.True, "Fri 3, Mon 6, Tue 7: 3 trading days");
            Assert.That(c.IsWithinEarningsWindow("AAPL", new DateOnly(2021, 9, 1), 3), Is.False, "Thu 2 … Tue 7: 4 trading days");
            Assert.That(c.IsWithinEarningsWindow("AAPL", new DateOnly(2021, 9, 8), 3), Is.False, "after the report");
        });
    }

    [Test]
    public void Parse_EarningsWithoutSymbol_ThrowsNamingTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => EventCalendar.Parse("2021-09-03, NFP\n2021-09-07, EARNINGS\n"));
        Assert.That(ex!.Message, Does.Contain("line 2"));
        Assert.Throws<FormatException>(() => EventCalendar.Parse("09/03/2021, NFP"));
    }

    [Test]
    public void Allow_SingleStockThreeTradingDaysBeforeEarnings_DeniedByP8()
    {
        var s = new RiskScenario(calendar: EventCalendar.Parse(Text));
        var rule = new EventBlackoutRule(EventCalendar.Parse(Text));
        var aapl = new OptionContract("AAPL", "AAPL", D79, 140m, OptionRight.Call, ExerciseStyle.American, OptionSettlement.PmShares, 100m);
        var state = new EntryCheckState();
        var leap = Open(StrategyId.IPMCC, OptionStructure.LeapOnly(aapl));

        s.Clock.Set(new DateTime(2021, 9, 2, 10, 0, 0)); // Thu: Fri 3, Mon 6, Tue 7 → 3 trading days
        var check = state.Begin(in leap, s.Refresh());
        Assert.That(rule.Allow(check, 1, out string reason), Is.Zero);
        Assert.That(reason, Does.Contain("earnings"));

        s.Clock.Set(new DateTime(2021, 9, 1, 10, 0, 0)); // Wed: 4 trading days before
        check = state.Begin(in leap, s.Refresh());
        Assert.That(rule.Allow(check, 1, out _), Is.EqualTo(1));
    }

    [Test]
    public void Allow_EtfWithEarningsLine_ExemptFromP8()
    {
        var s = new RiskScenario();
        s.Clock.Set(new DateTime(2021, 9, 6, 10, 0, 0));
        var rule = new EventBlackoutRule(EventCalendar.Parse(Text));
        var leap = Open(StrategyId.IPMCC, OptionStructure.LeapOnly(s.Contract("SPY", D79, 350, OptionRight.Call)));
        var check = new EntryCheckState().Begin(in leap, s.Refresh());
        Assert.That(rule.Allow(check, 1, out _), Is.EqualTo(1));
    }

    [Test]
    public void Between_WeekdaysAcrossAWeekend_CountsTradingDays()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TradingDays.Between(new DateOnly(2021, 9, 3), new DateOnly(2021, 9, 7)), Is.EqualTo(2));
            Assert.That(TradingDays.Between(new DateOnly(2021, 9, 1), new DateOnly(2021, 9, 15)), Is.EqualTo(10));
            Assert.That(TradingDays.Between(new DateOnly(2021, 9, 7), new DateOnly(2021, 9, 7)), Is.Zero);
        });
    }
}
