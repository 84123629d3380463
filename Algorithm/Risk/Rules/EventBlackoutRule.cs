using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Risk.Events;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// P-8: no new short-premium entry (a structure with any short leg) on a day with a blocking calendar
/// event (FOMC, CPI, NFP by default); no single-stock option entry (<see cref="AssetClass.Equity"/>, or
/// an uncatalogued underlying) from 3 trading days before its earnings through the earnings day. ETFs,
/// indices and futures are exempt from the earnings rule. An unreadable calendar blocks short-premium
/// entries (fail closed).
/// </summary>
/// <param name="calendar">The event calendar.</param>
public sealed class EventBlackoutRule(EventCalendar calendar) : IEntryRule
{
    internal const string EventDay = "P-8: an FOMC/CPI/NFP (calendar) event is today; no new short-premium entries";
    internal const string Earnings = "P-8: single-stock option entry within the trading days before earnings";
    internal const string NoCalendar = "P-8: the event calendar could not be read; short-premium entries are blocked";

    /// <inheritdoc />
    public string RuleId => "P-8";

    /// <summary>The calendar in use.</summary>
    public EventCalendar Calendar { get; } = calendar ?? throw new ArgumentNullException(nameof(calendar));

    /// <inheritdoc />
    public int Allow(EntryCheck check, int requested, out string reason)
    {
        reason = string.Empty;
        bool shortPremium = check.IsShortPremium;
        if (shortPremium && !Calendar.IsAvailable)
        {
            reason = NoCalendar;
            return 0;
        }

        var settings = check.Context.Rules.Blackouts;
        if (shortPremium && Calendar.BlockingEventOn(check.Today, settings.Events) is not null)
        {
            reason = EventDay;
            return 0;
        }

        bool singleStock = !check.HasInstrument || check.Instrument.AssetClass == AssetClass.Equity;
        if (singleStock && Calendar.IsWithinEarningsWindow(check.UnderlyingSymbol, check.Today, settings.EarningsTradingDaysBefore))
        {
            reason = Earnings;
            return 0;
        }

        return requested;
    }
}
