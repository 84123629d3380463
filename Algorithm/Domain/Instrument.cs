namespace TomKing.Algorithm.Domain;

/// <summary>
/// The identity and contract facts of a tradable underlying or option root: what it is
/// (<see cref="AssetClass"/>), where it sits for P-3 (<see cref="Group"/>), and how many dollars a
/// point is worth. Entries come from <see cref="InstrumentCatalogue"/>.
/// </summary>
/// <remarks>
/// Money convention for the whole library: prices used in pricing math (spot, strikes, quotes,
/// Greeks) are <see cref="double"/>; money at the edges (order limit prices, fills, the P&amp;L
/// ledger, net liq, buying power) is <see cref="decimal"/>. Dollar amounts are computed as
/// price × <see cref="PointValue"/> (underlying) or premium × <see cref="OptionMultiplier"/> (option).
/// </remarks>
/// <param name="Ticker">Exchange symbol (for an option root such as SPXW, the root).</param>
/// <param name="Underlying">The instrument whose price the options settle against (SPX for SPXW; itself otherwise).</param>
/// <param name="Market">LEAN market name ("usa", "cme", "nymex", "comex", "cbot"), so a host can build symbols.</param>
/// <param name="AssetClass">Equity, ETF, index or future.</param>
/// <param name="Group">P-3 correlation group (<see cref="CorrelationGroup.None"/> is refused).</param>
/// <param name="PointValue">USD per 1.0 move of the quoted price of one unit (ES 50, MES 5, a share or an index 1).</param>
/// <param name="TickSize">Minimum price increment of the underlying.</param>
/// <param name="IsMicro">True for micro contracts (MES, MNQ, MCL, MGC, M6A…), which have their own BP caps (L112-4, FS-6).</param>
/// <param name="OptionMultiplier">USD per 1.0 of option premium (equity/ETF/index options 100; futures options = the future's point value).</param>
/// <param name="OptionExercise">Default exercise style of its options (a contract may differ, e.g. CME weeklies).</param>
/// <param name="OptionSettlement">Default settlement of its options.</param>
public readonly record struct Instrument(
    Ticker Ticker,
    Ticker Underlying,
    string Market,
    AssetClass AssetClass,
    CorrelationGroup Group,
    decimal PointValue,
    decimal TickSize,
    bool IsMicro,
    decimal OptionMultiplier,
    ExerciseStyle OptionExercise,
    OptionSettlement OptionSettlement)
{
    /// <summary>True when the instrument is an option root whose underlying is another symbol (SPXW on SPX).</summary>
    public bool IsOptionRootAlias => !Ticker.Equals(Underlying);
}
