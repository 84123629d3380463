namespace TomKing.Greeks.Tests.Core;

[TestFixture]
public class ExpiryTimeTests
{
    [Test]
    public void YearsToExpiry_ZeroDteAt1030_IsFiveAndAHalfHours()
    {
        var now = new DateTime(2021, 1, 8, 10, 30, 0);
        double t = ExpiryTime.YearsToExpiry(now, new DateOnly(2021, 1, 8), SettlementStyle.PmClose);
        Assert.That(t * 365 * 24, Is.EqualTo(5.5).Within(1e-12));
    }

    [Test]
    public void YearsToExpiry_AmSettledSpx_EndsAtTheOpen()
    {
        // Monthly SPX expiring Friday 2021-01-15 settles at 09:30 ET; on Thursday 16:00 there are 17.5 hours left.
        double t = ExpiryTime.YearsToExpiry(new DateTime(2021, 1, 14, 16, 0, 0), new DateOnly(2021, 1, 15), SettlementStyle.AmOpen);
        Assert.That(t * 365 * 24, Is.EqualTo(17.5).Within(1e-12));
    }

    [Test]
    public void YearsToExpiry_AcrossSpringDaylightSaving_CountsRealHours()
    {
        // 2021-03-14 02:00 ET clocks jump to 03:00: Friday 16:00 to Monday 16:00 is 71 real hours.
        double t = ExpiryTime.YearsToExpiry(new DateTime(2021, 3, 12, 16, 0, 0), new DateOnly(2021, 3, 15), SettlementStyle.PmClose);
        Assert.That(t * 365 * 24, Is.EqualTo(71.0).Within(1e-9));
    }

    [Test]
    public void YearsToExpiry_FuturesOptionWithOwnTime_UsesContractTime()
    {
        // A CL option settling at 14:30 ET, seen at 10:00 ET the same day: 4.5 hours.
        double t = ExpiryTime.YearsToExpiry(new DateTime(2020, 1, 15, 10, 0, 0), new DateOnly(2020, 1, 15), new TimeOnly(14, 30));
        Assert.That(t * 365 * 24, Is.EqualTo(4.5).Within(1e-12));
    }

    [Test]
    public void YearsToExpiry_AfterSettlement_IsNegative()
    {
        double t = ExpiryTime.YearsToExpiry(new DateTime(2021, 1, 8, 16, 1, 0), new DateOnly(2021, 1, 8), SettlementStyle.PmClose);
        Assert.That(t, Is.LessThan(0));
    }

    [TestCase(2021, 1, 8, 12, 0, 17)]    // EST: 12:00 ET = 17:00 UTC
    [TestCase(2021, 7, 8, 12, 0, 16)]    // EDT: 12:00 ET = 16:00 UTC
    [TestCase(2021, 11, 7, 12, 0, 17)]   // first Sunday of November, after the 02:00 change
    [TestCase(2006, 4, 1, 12, 0, 17)]    // pre-2007 rules: DST starts on the first Sunday of April (April 2)
    [TestCase(2006, 4, 3, 12, 0, 16)]
    public void ToUtc_UsesUsDaylightSavingRules(int y, int mo, int d, int h, int mi, int expectedUtcHour)
    {
        DateTime utc = UsEastern.ToUtc(new DateTime(y, mo, d, h, mi, 0));
        Assert.That(utc.Hour, Is.EqualTo(expectedUtcHour));
        Assert.That(UsEastern.FromUtc(utc), Is.EqualTo(new DateTime(y, mo, d, h, mi, 0)));
    }

    [TestCase(2021, 3, 14, 6, 30, 1, 30)]   // the UTC hour before the spring switch is still EST (01:30)
    [TestCase(2021, 3, 14, 7, 30, 3, 30)]   // 07:00 UTC = 02:00 EST becomes 03:00 EDT
    [TestCase(2021, 11, 7, 5, 30, 1, 30)]   // first 01:30 (EDT) in autumn
    [TestCase(2021, 11, 7, 6, 30, 1, 30)]   // repeated 01:30 (EST)
    public void FromUtc_AroundDaylightSavingSwitches_MapsEveryUtcInstant(int y, int mo, int d, int h, int mi, int eh, int emi)
    {
        DateTime eastern = UsEastern.FromUtc(new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc));
        Assert.That(eastern, Is.EqualTo(new DateTime(y, mo, d, eh, emi, 0)));
    }

    [Test]
    public void ToUtc_AgreesWithTheHostTimeZoneDatabaseWhereAvailable()
    {
        TimeZoneInfo eastern;
        try
        {
            eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        }
        catch (TimeZoneNotFoundException)
        {
            Assert.Ignore("The host has no time-zone database (tzdata); the rule-based conversion is checked by the cases above.");
            return;
        }

        for (var local = new DateTime(2013, 1, 1, 0, 30, 0); local.Year < 2026; local = local.AddHours(7))
        {
            if (eastern.IsInvalidTime(local) || eastern.IsAmbiguousTime(local))
            {
                continue;
            }

            Assert.That(UsEastern.ToUtc(local), Is.EqualTo(TimeZoneInfo.ConvertTimeToUtc(local, eastern)), local.ToString("O"));
        }

        for (var utc = new DateTime(2013, 1, 1, 0, 15, 0, DateTimeKind.Utc); utc.Year < 2026; utc = utc.AddMinutes(97))
        {
            Assert.That(UsEastern.FromUtc(utc), Is.EqualTo(TimeZoneInfo.ConvertTimeFromUtc(utc, eastern)), utc.ToString("O"));
        }
    }
}
