using TomKing.Engine.Synthetic;

namespace TomKing.Engine.Tests.Synthetic;

public sealed class NyseCalendarTests
{
    [Test]
    public void IsTradingDay_IndependenceDay2024_Closed()
    {
        Assert.That(NyseCalendar.IsTradingDay(new DateOnly(2024, 7, 4)), Is.False);
        Assert.That(NyseCalendar.IsTradingDay(new DateOnly(2024, 7, 5)), Is.True);
    }

    [Test]
    public void IsEarlyClose_DayAfterThanksgiving2024_ClosesAt1300()
    {
        var day = new DateOnly(2024, 11, 29);
        Assert.That(NyseCalendar.IsEarlyClose(day), Is.True);
        Assert.That(NyseCalendar.CloseOn(day), Is.EqualTo(new TimeOnly(13, 0)));
        Assert.That(NyseCalendar.SessionMinutes(day), Is.EqualTo(210));
        Assert.That(NyseCalendar.IsEarlyClose(new DateOnly(2024, 12, 24)), Is.True);
        Assert.That(NyseCalendar.IsEarlyClose(new DateOnly(2024, 11, 27)), Is.False);
    }

    [Test]
    public void IsHoliday_Year2024_MatchesPublishedNyseHolidays()
    {
        DateOnly[] expected =
        [
            new(2024, 1, 1), new(2024, 1, 15), new(2024, 2, 19), new(2024, 3, 29), new(2024, 5, 27), new(2024, 6, 19),
            new(2024, 7, 4), new(2024, 9, 2), new(2024, 11, 28), new(2024, 12, 25),
        ];
        var actual = Enumerable.Range(0, 366).Select(i => new DateOnly(2024, 1, 1).AddDays(i))
            .Where(d => d.Year == 2024 && NyseCalendar.IsHoliday(d)).ToArray();
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void IsHoliday_WeekendFixedDates_ObservedByNyseRules()
    {
        Assert.Multiple(() =>
        {
            Assert.That(NyseCalendar.IsHoliday(new DateOnly(2022, 6, 20)), Is.True, "Juneteenth on Sunday → Monday");
            Assert.That(NyseCalendar.IsHoliday(new DateOnly(2021, 6, 18)), Is.False, "no Juneteenth before 2022");
            Assert.That(NyseCalendar.IsHoliday(new DateOnly(2022, 12, 26)), Is.True, "Christmas on Sunday → Monday");
            Assert.That(NyseCalendar.IsTradingDay(new DateOnly(2021, 12, 31)), Is.True, "New Year on Saturday is not observed on Friday");
            Assert.That(NyseCalendar.IsHoliday(new DateOnly(2026, 7, 3)), Is.True, "Independence Day on Saturday → Friday");
            Assert.That(NyseCalendar.GoodFriday(2025), Is.EqualTo(new DateOnly(2025, 4, 18)));
        });
    }

    [Test]
    public void TradingDays_Year2024_Are252()
    {
        int count = Enumerable.Range(0, 366).Select(i => new DateOnly(2024, 1, 1).AddDays(i))
            .Count(d => d.Year == 2024 && NyseCalendar.IsTradingDay(d));
        Assert.That(count, Is.EqualTo(252));
    }
}
