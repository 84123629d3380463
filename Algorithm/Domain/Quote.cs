namespace TomKing.Algorithm.Domain;

/// <summary>
/// A top-of-book quote for one contract. Prices are <see cref="double"/> because they feed pricing
/// math; an order's limit price is rounded to the tick and turned into <see cref="decimal"/> at the
/// order edge. A side with no price is 0 (or NaN).
/// </summary>
/// <param name="Bid">Best bid (0 when none).</param>
/// <param name="Ask">Best ask (0 when none).</param>
/// <param name="BidSize">Contracts bid.</param>
/// <param name="AskSize">Contracts offered.</param>
/// <param name="Time">Eastern wall-clock time of the quote.</param>
public readonly record struct Quote(double Bid, double Ask, int BidSize, int AskSize, DateTime Time)
{
    /// <summary>Both sides present with positive prices. A one-sided market has no mid to trust.</summary>
    public bool IsTwoSided => Bid > 0.0 && Ask > 0.0 && double.IsFinite(Bid) && double.IsFinite(Ask);

    /// <summary>Bid above ask: a stale or bad print. Never price or trade off a crossed quote.</summary>
    public bool IsCrossed => IsTwoSided && Bid > Ask;

    /// <summary>Two-sided and not crossed: usable for mids, implied volatility and orders.</summary>
    public bool IsUsable => IsUsablePair(Bid, Ask);

    /// <summary>Midpoint (NaN unless <see cref="IsUsable"/>).</summary>
    public double Mid => MidOf(Bid, Ask);

    /// <summary>The rule of <see cref="IsUsable"/> on a bare bid and ask (chains keep quotes as arrays).</summary>
    public static bool IsUsablePair(double bid, double ask) =>
        bid > 0.0 && ask > 0.0 && double.IsFinite(bid) && double.IsFinite(ask) && bid <= ask;

    /// <summary>The midpoint of a bare bid and ask, NaN unless they are usable (<see cref="IsUsablePair"/>).</summary>
    public static double MidOf(double bid, double ask) => IsUsablePair(bid, ask) ? 0.5 * (bid + ask) : double.NaN;

    /// <summary>Ask − bid (NaN unless <see cref="IsUsable"/>).</summary>
    public double Spread => IsUsable ? Ask - Bid : double.NaN;

    /// <summary>The price that trades at once: the ask when buying, the bid when selling (NaN unless usable).</summary>
    public double Natural(LegSide side) => !IsUsable ? double.NaN : side == LegSide.Buy ? Ask : Bid;
}
