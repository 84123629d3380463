using TomKing.Algorithm.Rulebook;
using TomKing.Greeks;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// P-1 buying-power ceiling: total BP in use after the entry must stay strictly under the regime's
/// ceiling × net liq (VERY_LOW 45 %, LOW 65 %, NORMAL 75 %, HIGH 50 %, EXTREME 80 %), never into the
/// 20 % reserve; in EXTREME only short-put entries (structures of puts only, with a short leg: single
/// puts, put credit spreads, 1-1-2) may use BP above 50 %. An unknown regime (no VIX) allows no entry.
/// The units are capped to what fits (Reduced), refused when not even one fits.
/// </summary>
/// <param name="model">The buying-power model (the context's model is used when it has one).</param>
public sealed class BuyingPowerCeilingRule(IBuyingPowerModel model) : IEntryRule
{
    internal const string NoRegime = "P-1: no VIX reading, so no regime and no buying power for entries";
    internal const string NoPrice = "P-1: the entry's buying power cannot be computed (a leg or the underlying has no price)";
    internal const string Ceiling = "P-1: buying power in use would reach the regime's ceiling";
    internal const string ExtremeOther = "P-1: EXTREME regime; only short-put entries may use buying power above 50 %";

    private readonly IBuyingPowerModel _model = model ?? throw new ArgumentNullException(nameof(model));
    private double _fraction = double.NaN;
    private decimal _fractionDecimal;
    private decimal _roomFraction = -1m;
    private decimal _roomNetLiq;
    private decimal _roomInUse;
    private decimal _room;
    private long _roomCentsCeiling;

    /// <inheritdoc />
    public string RuleId => "P-1";

    /// <inheritdoc />
    public int Allow(EntryCheck check, int requested, out string reason)
    {
        var context = check.Context;
        var regimes = context.Rules.Regimes;
        reason = string.Empty;
        if (context.Regime == VixRegime.Unknown)
        {
            reason = NoRegime;
            return 0;
        }

        var model = context.BuyingPower ?? _model;
        bool otherInExtreme = context.Regime == VixRegime.Extreme && !check.IsShortPutEntry;
        double fraction = otherInExtreme
            ? Math.Min(regimes.ExtremeOtherEntriesMaxBp, regimes.MaxBpInUse(VixRegime.Extreme))
            : regimes.MaxBpInUse(context.Regime);
        if (model is Margin.MarginModel margin)
        {
            // The margin model's requirement is whole cents: the comparison runs on integers, exactly
            // the decimal one below (see AllowCents).
            if (!margin.TryPerUnitCents(check, out long perUnitCents))
            {
                reason = NoPrice;
                return 0;
            }

            Room(Fraction(fraction), context.Portfolio.NetLiquidation, context.Portfolio.BuyingPowerInUse);
            return AllowCents(requested, perUnitCents, _roomCentsCeiling, otherInExtreme, out reason);
        }

        if (!model.TryPerUnit(in check.Structure, context.Market, out decimal perUnit))
        {
            reason = NoPrice;
            return 0;
        }

        decimal room = Room(Fraction(fraction), context.Portfolio.NetLiquidation, context.Portfolio.BuyingPowerInUse);
        if (perUnit <= 0m)
        {
            return room > 0m ? requested : Deny(out reason, otherInExtreme);
        }

        if (room <= 0m)
        {
            return Deny(out reason, otherInExtreme);
        }

        if (requested * perUnit < room)
        {
            return requested; // the common case: everything fits, no division
        }

        decimal fit = Math.Floor(room / perUnit);
        if (fit * perUnit >= room)
        {
            fit -= 1m; // strictly under the ceiling
        }

        int units = fit >= requested ? requested : (int)Math.Max(fit, 0m);
        if (units < requested)
        {
            reason = otherInExtreme ? ExtremeOther : Ceiling;
        }

        return units;
    }

    /// <summary>
    /// The ceiling test on whole cents. With R = ⌈100 × room⌉ and c the requirement per unit in cents, "n
    /// units stay strictly under the room" is n·c &lt; 100 × room, and for an integer n·c that is n·c &lt; R
    /// (an integer is below a real exactly when it is below the real's ceiling); "room &gt; 0" is R &gt; 0
    /// likewise. So the largest n is ⌊(R − 1) / c⌋: the decimal computation's answer, with integers.
    /// </summary>
    internal static int AllowCents(int requested, long perUnitCents, long roomCentsCeiling, bool otherInExtreme, out string reason)
    {
        reason = string.Empty;
        if (perUnitCents <= 0)
        {
            return roomCentsCeiling > 0 ? requested : Deny(out reason, otherInExtreme);
        }

        if (roomCentsCeiling <= 0)
        {
            return Deny(out reason, otherInExtreme);
        }

        if ((Int128)requested * perUnitCents < roomCentsCeiling)
        {
            return requested; // the common case: everything fits, no division
        }

        long fit = (roomCentsCeiling - 1) / perUnitCents;
        int units = fit >= requested ? requested : (int)fit;
        if (units < requested)
        {
            reason = otherInExtreme ? ExtremeOther : Ceiling;
        }

        return units;
    }

    private decimal Fraction(double fraction)
    {
        if (fraction != _fraction)
        {
            _fractionDecimal = (decimal)fraction;
            _fraction = fraction;
        }

        return _fractionDecimal;
    }

    /// <summary>Ceiling × net liq − BP in use; the last answer is reused while its three inputs are equal
    /// (decimal multiplication is the costly part).</summary>
    private decimal Room(decimal fraction, decimal netLiq, decimal inUse)
    {
        if (!MoneyMath.SameBits(fraction, _roomFraction) || !MoneyMath.SameBits(netLiq, _roomNetLiq) || !MoneyMath.SameBits(inUse, _roomInUse))
        {
            _room = (fraction * netLiq) - inUse;
            decimal cents = decimal.Ceiling(_room * 100m);
            _roomCentsCeiling = cents >= long.MaxValue ? long.MaxValue : cents <= long.MinValue ? long.MinValue : (long)cents;
            (_roomFraction, _roomNetLiq, _roomInUse) = (fraction, netLiq, inUse);
        }

        return _room;
    }

    private static int Deny(out string reason, bool otherInExtreme)
    {
        reason = otherInExtreme ? ExtremeOther : Ceiling;
        return 0;
    }
}
