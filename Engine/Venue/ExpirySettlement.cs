using TomKing.Algorithm.Domain;
using TomKing.Greeks;

namespace TomKing.Engine.Venue;

/// <summary>What happened to an option at expiry.</summary>
public enum SettlementAction : byte
{
    /// <summary>Out of the money (or at the money): expired worthless.</summary>
    Expired = 0,

    /// <summary>In the money, cash-settled (index options): the intrinsic value changes hands.</summary>
    CashSettled = 1,

    /// <summary>A short option in the money delivering shares or a future: assigned.</summary>
    Assigned = 2,

    /// <summary>A long option in the money delivering shares or a future: exercised.</summary>
    Exercised = 3,
}

/// <summary>
/// Expiry and settlement of held options (the simulated venue's policy).
/// </summary>
/// <remarks>
/// <para><b>When.</b> PM-settled options (SPXW, XSP, equity/ETF and futures options) settle after the close
/// of their expiry day on the underlying's closing price; AM-settled options (monthly SPX) settle on the
/// morning of their expiry day on the underlying's opening price (their last trading day is the day before).</para>
/// <para><b>How.</b> Out of the money (intrinsic ≤ 0): expired worthless, booked as a closing trade at 0.
/// Cash-settled index options in the money: booked as a closing trade at the intrinsic value (the cash that
/// changes hands). Equity/ETF options in the money are <i>assigned</i> (short) or <i>exercised</i> (long) into
/// shares, and futures options into one future each; the embedded portfolio holds options only, so the
/// delivered shares or futures are closed at once at the settlement price. Economically this is the same
/// as booking the option's closing trade at its intrinsic value, which is what is booked (no slippage on
/// the delivered position; the settlement fee of <see cref="VenueSettings.SettlementFeePerContract"/> per
/// contract applies). A position whose last leg settles closes with the exit reason
/// "expired", "assigned" or "exercised" (the most consequential action among its legs).</para>
/// </remarks>
public static class ExpirySettlement
{
    /// <summary>True when a held contract settles now: AM-settled on the morning of its expiry (or later),
    /// PM-settled after the close of its expiry day (or later).</summary>
    /// <param name="contract">The held option.</param>
    /// <param name="today">The trading day.</param>
    /// <param name="afterClose">False at the open (AM pass), true after the close (PM pass).</param>
    public static bool IsDue(in OptionContract contract, DateOnly today, bool afterClose) =>
        contract.Settlement.Style == SettlementStyle.AmOpen
            ? contract.Expiry <= today
            : afterClose ? contract.Expiry <= today : contract.Expiry < today;

    /// <summary>Intrinsic value per contract unit (premium points) of an option at a settlement price.</summary>
    public static double Intrinsic(in OptionContract contract, double settlementPrice)
    {
        double k = (double)contract.Strike;
        double v = contract.Right == OptionRight.Call ? settlementPrice - k : k - settlementPrice;
        return v > 0.0 ? v : 0.0;
    }

    /// <summary>What happens to <paramref name="held"/> contracts at a settlement price, and the per-contract
    /// price the closing trade is booked at (the intrinsic value, rounded to 1/10,000 point).</summary>
    public static SettlementAction Settle(in OptionContract contract, int held, double settlementPrice, out decimal price)
    {
        double intrinsic = Intrinsic(contract, settlementPrice);
        price = Math.Round((decimal)intrinsic, 4, MidpointRounding.AwayFromZero);
        if (price <= 0m)
        {
            price = 0m;
            return SettlementAction.Expired;
        }

        return contract.Settlement.Delivery == DeliveryKind.Cash ? SettlementAction.CashSettled
            : held < 0 ? SettlementAction.Assigned
            : SettlementAction.Exercised;
    }

    /// <summary>The exit-reason word of an action ("expired", "assigned", "exercised").</summary>
    public static string ReasonOf(SettlementAction action) => action switch
    {
        SettlementAction.Assigned => "assigned",
        SettlementAction.Exercised => "exercised",
        _ => "expired",
    };
}
