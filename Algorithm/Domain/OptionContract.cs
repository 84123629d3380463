using System.Globalization;
using TomKing.Greeks;

namespace TomKing.Algorithm.Domain;

/// <summary>
/// One listed option: the identity a leg, an order and a position refer to. Maps one-to-one onto
/// LEAN's <c>Symbol.CreateOption(underlying, targetOption, market, style, right, strike, expiry)</c>.
/// </summary>
/// <param name="Underlying">What the option settles against (SPX for both SPX and SPXW; the future's
/// product ticker for futures options, with the delivered contract month given by the host).</param>
/// <param name="Root">The option root / trading class ("SPX" AM monthly vs "SPXW" PM weekly).</param>
/// <param name="Expiry">Expiry date (exchange calendar date).</param>
/// <param name="Strike">Strike in the underlying's price units. <see cref="decimal"/> because it is an
/// identity and an order field; convert to double for pricing.</param>
/// <param name="Right">Call or put.</param>
/// <param name="Exercise">American or European.</param>
/// <param name="Settlement">AM/PM settlement and what exercise delivers.</param>
/// <param name="Multiplier">USD per 1.0 of premium (100 for SPX/SPY options, 50 for ES options, 5 for MES).</param>
public readonly record struct OptionContract(
    Ticker Underlying,
    Ticker Root,
    DateOnly Expiry,
    decimal Strike,
    OptionRight Right,
    ExerciseStyle Exercise,
    OptionSettlement Settlement,
    decimal Multiplier)
{
    /// <summary>Builds a contract with the catalogue defaults of its root (exercise, settlement, multiplier).</summary>
    public static OptionContract FromCatalogue(Instrument root, DateOnly expiry, decimal strike, OptionRight right) =>
        new(root.Underlying, root.Ticker, expiry, strike, right, root.OptionExercise, root.OptionSettlement, root.OptionMultiplier);

    /// <summary>Calendar days from <paramref name="today"/> to expiry (0 on expiry day; negative once expired).</summary>
    public int DaysToExpiry(DateOnly today) => Expiry.DayNumber - today.DayNumber;

    /// <summary>A readable OCC-like name: "SPXW 2021-01-15 3700 P".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Root} {Expiry:yyyy-MM-dd} {Strike} {(Right == OptionRight.Call ? 'C' : 'P')}");
}
