namespace TomKing.Brokerages.Tastytrade.Emulator.Orders;

/// <summary>
/// How the emulated exchange works orders. The fill rule, per combo unit and in debit-positive terms
/// (a buy leg adds its price × ratio, a sell leg subtracts it): <c>N</c> = the natural (buy legs at the ask,
/// sell legs at the bid), <c>M</c> = the mid, <c>L</c> = the limit (+price for a Debit, −price for a Credit).
/// A limit at or through the natural (<c>L ≥ N</c>) and every market order fill at the natural, each leg at its
/// bid/ask. Between mid and natural an order fills at its limit once it is at least
/// <see cref="PassiveFillThreshold"/> of the way from mid to natural (<c>(L − M)/(N − M) ≥ threshold</c>), each
/// leg at <c>mid + a × (side − mid)</c> so the legs sum to the limit; below that it rests. The rule is
/// deterministic, so tests know when an order fills. Fills happen only while the market is open.
/// </summary>
public sealed record OrderEngineSettings
{
    /// <summary>The defaults: half-way passive fills, whole fills, $100,000 cash, market hours enforced.</summary>
    public static OrderEngineSettings Default { get; } = new();

    /// <summary>Fraction of the way from mid to natural at which a limit fills at its price (0.5: half-way). Above 1 disables passive fills.</summary>
    public double PassiveFillThreshold { get; init; } = 0.5;

    /// <summary>Most combo units filled per evaluation (null: all remaining). 1 makes every multi-unit order fill in
    /// partial fills of one unit each, one per <see cref="OrderEngine.Step"/>, while the order stays <c>Live</c>.</summary>
    public int? MaxUnitsPerFill { get; init; }

    /// <summary>Reject orders (status Rejected, reason "Market is closed") received outside the regular session.</summary>
    public bool RejectWhenMarketClosed { get; init; } = true;

    /// <summary>Starting cash of each account, USD.</summary>
    public decimal StartingCash { get; init; } = 100_000m;

    /// <summary>Account numbers the customer owns (the first is the default).</summary>
    public IReadOnlyList<string> AccountNumbers { get; init; } = ["5WT00001"];
}
