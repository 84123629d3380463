namespace TomKing.Engine.Venue;

/// <summary>
/// The simulated venue's fill model and fee schedule. Fees default to Tastytrade's published retail
/// schedule as of 2024 (tastytrade.com/pricing, read for this project in 2025); exchange and clearing
/// fees are typical published per-contract amounts. Every number is configurable with <c>with</c>.
/// </summary>
/// <remarks>
/// <para><b>Fill model.</b> Each combo order is priced against the current quotes of its legs: the
/// <i>natural</i> price (every leg bought at its ask, sold at its bid) and the <i>mid</i>. Let
/// <c>a = (limit − mid) / (natural − mid)</c>, how far the limit has moved from the mid toward the natural
/// price (0 at mid, 1 at natural). A limit at or through the natural (<c>a ≥ 1</c>) fills at once, in full,
/// each leg at its bid/ask. Between mid and natural (<c>0 &lt; a &lt; 1</c>) the order fills at its limit
/// with probability <c>a ^ <see cref="PassiveFillExponent"/></c> per evaluated minute (a limit at the mid never
/// fills); the draw is a hash of (<see cref="FillSeed"/>, order id, minute), so a run is deterministic. With
/// the default exponent 2, the P-10 ladder's steps (⅓, ⅔ of the way) fill with probability 11 % and 44 %
/// per minute. Each leg of a passive fill is priced <c>mid + a × (side − mid)</c>, so the legs sum to the
/// limit. A leg without an offer (ask 0) cannot be bought; a leg without a bid sells at 0; a one-sided
/// leg's mid is half its ask. Fills are never partial.</para>
/// <para><b>Fees</b> (USD per contract, computed per leg execution): options pay a commission to open,
/// capped per leg, and nothing to close; the venue decides open/close from its own inventory of the
/// account's contracts, as a broker does. Clearing is charged on every option contract, exchange fees on
/// index options (by root) and futures options; futures options pay their commission both to open and to
/// close. Expiry, assignment and exercise charge <see cref="SettlementFeePerContract"/>.</para>
/// </remarks>
public sealed record VenueSettings
{
    /// <summary>The defaults described on the type.</summary>
    public static VenueSettings Default { get; } = new();

    /// <summary>Equity and ETF options: commission per contract to open (Tastytrade: $1.00).</summary>
    public decimal EquityOptionOpenPerContract { get; init; } = 1.00m;

    /// <summary>Equity and ETF options: commission per contract to close (Tastytrade: $0).</summary>
    public decimal EquityOptionClosePerContract { get; init; }

    /// <summary>Index options (SPX, SPXW, XSP): commission per contract to open (Tastytrade: $1.00).</summary>
    public decimal IndexOptionOpenPerContract { get; init; } = 1.00m;

    /// <summary>Index options: commission per contract to close (Tastytrade: $0).</summary>
    public decimal IndexOptionClosePerContract { get; init; }

    /// <summary>Cap on the opening commission of one leg of equity, ETF and index options (Tastytrade: $10).</summary>
    public decimal OptionCommissionCapPerLeg { get; init; } = 10m;

    /// <summary>Clearing fee per equity/ETF/index option contract, open and close (Tastytrade: $0.10).</summary>
    public decimal OptionClearingPerContract { get; init; } = 0.10m;

    /// <summary>Index-option exchange fees per contract by option root (open and close; the exchange's
    /// proprietary index fee: SPX and SPXW about $0.60; XSP none).</summary>
    public IReadOnlyDictionary<string, decimal> IndexExchangeFeePerContract { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["SPX"] = 0.60m,
        ["SPXW"] = 0.60m,
        ["XSP"] = 0m,
    };

    /// <summary>Futures options: commission per contract, open and close (Tastytrade: $2.50; micros $1.50).</summary>
    public decimal FuturesOptionPerContract { get; init; } = 2.50m;

    /// <summary>Micro futures options: commission per contract, open and close (Tastytrade: $1.50).</summary>
    public decimal MicroFuturesOptionPerContract { get; init; } = 1.50m;

    /// <summary>Futures options: exchange and clearing fees per contract (CME, typical: $0.85; micros $0.30).</summary>
    public decimal FuturesOptionExchangePerContract { get; init; } = 0.85m;

    /// <summary>Micro futures options: exchange and clearing fees per contract.</summary>
    public decimal MicroFuturesOptionExchangePerContract { get; init; } = 0.30m;

    /// <summary>Futures: commission per contract, open and close (Tastytrade: $1.25; used when an exercise is booked as a futures trade).</summary>
    public decimal FuturesPerContract { get; init; } = 1.25m;

    /// <summary>Fee per contract for expiry, assignment or exercise (Tastytrade charges none; configurable).</summary>
    public decimal SettlementFeePerContract { get; init; }

    /// <summary>Exponent of the passive fill probability (see remarks on the type); larger = harder to fill inside the spread.</summary>
    public double PassiveFillExponent { get; init; } = 2.0;

    /// <summary>Seed of the passive-fill draws (the backtest passes the market seed).</summary>
    public ulong FillSeed { get; init; } = 0x5EED_F111UL;

    /// <summary>Working orders are cancelled at the session close (day orders), as Tastytrade does.</summary>
    public bool CancelAtClose { get; init; } = true;
}
