using TomKing.Engine.Data.Lean;

namespace TomKing.Engine.Tests.Data;

[TestFixture]
public class LeanTimeZoneTests
{
    [Test]
    public void ToEastern_ChicagoInJanuary_OneHourLater()
    {
        Assert.That(LeanTimeZone.Chicago.ToEastern(new DateTime(2021, 1, 4, 8, 30, 0)), Is.EqualTo(new DateTime(2021, 1, 4, 9, 30, 0)));
    }

    [Test]
    public void ToEastern_UtcWinterAndSummer_MinusFiveAndFour()
    {
        Assert.That(LeanTimeZone.Utc.ToEastern(new DateTime(2020, 1, 5, 23, 0, 0)), Is.EqualTo(new DateTime(2020, 1, 5, 18, 0, 0)));
        Assert.That(LeanTimeZone.Utc.ToEastern(new DateTime(2013, 10, 7, 13, 30, 0)), Is.EqualTo(new DateTime(2013, 10, 7, 9, 30, 0)));
    }

    [Test]
    public void ToEastern_ChicagoBetweenTheTwoSpringSwitches_TwoHoursLater()
    {
        // 01:30 CST on 2021-03-14 is 07:30 UTC; New York switched at 07:00 UTC, so it is 03:30 EDT.
        Assert.That(LeanTimeZone.Chicago.ToEastern(new DateTime(2021, 3, 14, 1, 30, 0)), Is.EqualTo(new DateTime(2021, 3, 14, 3, 30, 0)));
    }

    [Test]
    public void ToEastern_EveryHalfHour2006To2030_MatchesSystemTzData()
    {
        TimeZoneInfo chicago;
        TimeZoneInfo newYork;
        try
        {
            chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
            newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        }
        catch (TimeZoneNotFoundException)
        {
            Assert.Ignore("No system tz data to compare against.");
            return;
        }

        for (var utc = new DateTime(2006, 1, 1, 0, 0, 0, DateTimeKind.Utc); utc < new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc); utc = utc.AddMinutes(30))
        {
            DateTime easternExpected = TimeZoneInfo.ConvertTimeFromUtc(utc, newYork);
            DateTime chicagoLocal = TimeZoneInfo.ConvertTimeFromUtc(utc, chicago);
            Assert.That(LeanTimeZone.Utc.ToEastern(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)), Is.EqualTo(easternExpected), $"UTC {utc:O}");
            if (!chicago.IsAmbiguousTime(chicagoLocal))
            {
                Assert.That(LeanTimeZone.Chicago.ToEastern(chicagoLocal), Is.EqualTo(easternExpected), $"Chicago {chicagoLocal:O}");
            }
        }
    }

    [TestCase("UTC-05", -5)]
    [TestCase("UTC", 0)]
    [TestCase("America/Los_Angeles", -8)]
    public void TryFind_SupportedIds_StandardOffset(string id, int hours)
    {
        Assert.That(LeanTimeZone.TryFind(id, out LeanTimeZone zone), Is.True);
        Assert.That(zone.StandardOffset, Is.EqualTo(TimeSpan.FromHours(hours)));
    }

    [Test]
    public void TryFind_EuropeanZone_NotSupported()
    {
        Assert.That(LeanTimeZone.TryFind("Europe/Berlin", out _), Is.False);
    }
}
