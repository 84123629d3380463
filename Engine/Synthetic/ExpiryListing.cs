namespace TomKing.Engine.Synthetic;

/// <summary>
/// Which expiries an option root lists on a given day (all dates moved to Thursday when the Friday is
/// a holiday). The synthetic SPXW lists an expiry every trading day: historically SPXW had Monday,
/// Wednesday and Friday expiries before 2022 and dailies since, and one rule keeps the market simple.
/// </summary>
public enum ExpiryListing : byte
{
    /// <summary>SPXW, XSP: every trading day for 45 days, Fridays to 200 days, third Fridays to 400 days (all PM-settled).</summary>
    IndexDaily = 0,

    /// <summary>SPX: AM-settled third Fridays to 400 days and December LEAPs to 3 years; the expiry day itself is not
    /// tradable (settlement is at the open).</summary>
    IndexMonthlyAm = 1,

    /// <summary>SPY, QQQ, IWM: every trading day for 7 days, Fridays to 63 days, third Fridays to 270 days, quarterly
    /// third Fridays to 450 days, January LEAPs to 3 years.</summary>
    EtfDaily = 2,

    /// <summary>Other ETFs: Fridays to 35 days, third Fridays to 270 days, quarterlies to 450 days, January LEAPs to 800 days.</summary>
    EtfWeekly = 3,

    /// <summary>ES, MES, NQ, MNQ (as CME lists them): every trading day for 7 days, Fridays to 63 days, serial monthly
    /// third Fridays and end-of-month expiries (the month's last trading day) to 280 days (about nine months), quarterly
    /// third Fridays to two years; each expiry is written on the quarterly future at or after it. The month ends put an
    /// expiry in L112-2's 112–130 DTE window from every first Wednesday, which third Fridays alone do not (they fall
    /// 97–112 or 129–139 days after it).</summary>
    EquityIndexFutureOptions = 4,

    /// <summary>Commodity, rate and currency futures: Fridays to 28 days and a monthly expiry on the fourth-last trading day
    /// of each month to 200 days (about six months, covering the 75–105 DTE strangle window).</summary>
    FutureMonthly = 5,
}
