namespace TomKing.Engine.Data.Lean.SymbolProperties;

/// <summary>
/// Contract facts from LEAN's symbol-properties database: what one contract is worth per point and
/// the smallest price step. Money facts are <see cref="decimal"/> (order and P&amp;L edge).
/// </summary>
/// <param name="Market">Market column (<c>usa</c>, <c>cme</c>).</param>
/// <param name="Symbol">Symbol column (<c>ES</c>, or <c>[*]</c> for the market-wide default).</param>
/// <param name="SecurityType">Type column (<c>indexoption</c>, <c>future</c>, …).</param>
/// <param name="Description">Human description (may be empty).</param>
/// <param name="QuoteCurrency">Currency prices are quoted in.</param>
/// <param name="ContractMultiplier">Currency units per 1.0 of price per contract (100 for SPX options, 50 for ES).</param>
/// <param name="MinimumPriceVariation">Smallest price step (0.05 for index options by default, 0.25 for ES).
/// SPX's real ladder (0.05 below 3.00, 0.10 above) is a venue rule outside this file.</param>
/// <param name="LotSize">Smallest tradable quantity step.</param>
/// <param name="MarketTicker">The venue's own ticker, when it differs.</param>
/// <param name="MinimumOrderSize">Smallest order, when stated.</param>
/// <param name="PriceMagnifier">Factor between quoted and stored prices (1 unless stated).</param>
/// <param name="StrikeMultiplier">Factor between listed and stored strikes (1 unless stated).</param>
public sealed record SymbolProperties(
    string Market,
    string Symbol,
    string SecurityType,
    string Description,
    string QuoteCurrency,
    decimal ContractMultiplier,
    decimal MinimumPriceVariation,
    decimal LotSize,
    string? MarketTicker,
    decimal? MinimumOrderSize,
    decimal PriceMagnifier,
    decimal StrikeMultiplier);
