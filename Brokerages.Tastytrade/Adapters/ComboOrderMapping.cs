using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Symbology;

namespace TomKing.Brokerages.Tastytrade.Adapters;

/// <summary>The Tastytrade order symbol and instrument type of one leg.</summary>
/// <param name="Symbol">OCC symbol (<c>SPY   240621P00500000</c>) or futures-option symbol (<c>./ESM4 ESM4  240621P5000</c>).</param>
/// <param name="InstrumentType"><see cref="InstrumentTypes.EquityOption"/> or <see cref="InstrumentTypes.FutureOption"/>.</param>
public readonly record struct LegSymbol(string Symbol, string InstrumentType);

/// <summary>
/// Turns a <see cref="ComboOrderRequest"/> into a Tastytrade multi-leg limit order (Day). Price: the signed combo
/// price of what is traded is <c>LimitPrice × sign(Quantity)</c> (Σ ratio × price per unit as traded); positive is
/// paid (<c>Debit</c>), negative received (<c>Credit</c>), zero is sent as a zero <c>Debit</c>; the wire price is its
/// absolute value. Legs: quantity <c>|ratio × Quantity|</c>, buy when <c>ratio × Quantity &gt; 0</c>; the action's
/// open/close comes from the current holding of the contract (a buy against a short holding is <c>Buy to Close</c>, a
/// sell against a long one <c>Sell to Close</c>, anything else opens); a leg that would cross through zero (buy 3
/// while short 2) is refused, because one Tastytrade leg cannot both close and open.
/// </summary>
public static class ComboOrderMapping
{
    /// <summary>The signed combo price of what is traded (debit positive, credit negative).</summary>
    public static decimal SignedTradedPrice(decimal limitPrice, int quantity) => quantity < 0 ? -limitPrice : limitPrice;

    /// <summary>Wire price and effect of a limit (per the class remarks).</summary>
    public static (decimal Price, string PriceEffect) PriceOf(decimal limitPrice, int quantity)
    {
        decimal signed = SignedTradedPrice(limitPrice, quantity);
        return (Math.Abs(signed), signed < 0m ? PriceEffects.Credit : PriceEffects.Debit);
    }

    /// <summary>The action of a leg trading <paramref name="signedQuantity"/> contracts against a holding of
    /// <paramref name="held"/> (signed); null when the trade crosses through zero.</summary>
    public static string? ActionOf(int signedQuantity, int held)
    {
        if (signedQuantity > 0)
        {
            return held >= 0 ? OrderActions.BuyToOpen : signedQuantity <= -held ? OrderActions.BuyToClose : null;
        }

        return held <= 0 ? OrderActions.SellToOpen : -signedQuantity <= held ? OrderActions.SellToClose : null;
    }

    /// <summary>The default leg symbol: OCC for equity and index options; futures options (underlying catalogued as
    /// a future) through <paramref name="futureOptions"/>, which must name the delivered future.</summary>
    /// <returns>False with a reason when the contract cannot be named.</returns>
    public static bool TryLegSymbol(in OptionContract contract, Func<OptionContract, FutureOptionSymbol?>? futureOptions, out LegSymbol symbol, out string? reason)
    {
        symbol = default;
        reason = null;
        try
        {
            if (InstrumentCatalogue.TryGet(contract.Underlying, out var underlying) && underlying.AssetClass == AssetClass.Future)
            {
                if (futureOptions?.Invoke(contract) is not { } fop)
                {
                    reason = string.Create(CultureInfo.InvariantCulture, $"no futures-option symbol for {contract} (the host names the delivered future)");
                    return false;
                }

                symbol = new LegSymbol(fop.ToOrderSymbol(), InstrumentTypes.FutureOption);
                return true;
            }

            symbol = new LegSymbol(OptionContractSymbols.ToOcc(contract), InstrumentTypes.EquityOption);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"{contract} has no Tastytrade symbol: {ex.Message}");
            return false;
        }
    }

    /// <summary>Builds the order; false with a reason when it cannot be sent as asked (nothing is sent then).</summary>
    /// <param name="request">The combo order.</param>
    /// <param name="externalIdentifier">Our client order id as the broker will echo it.</param>
    /// <param name="heldQuantity">Signed contracts held now, per contract.</param>
    /// <param name="legSymbol">Names each leg's contract.</param>
    /// <param name="strictPositionEffect">Send <c>strict-position-effect-validation</c> when a leg closes, so a close
    /// whose position is gone is rejected instead of silently opening.</param>
    /// <param name="order">The order when built.</param>
    /// <param name="symbols">The legs' symbols (same order as the structure's legs).</param>
    /// <param name="reason">Why not, when refused.</param>
    public static bool TryMap(
        in ComboOrderRequest request,
        string externalIdentifier,
        Func<OptionContract, int> heldQuantity,
        LegSymbolResolver legSymbol,
        bool strictPositionEffect,
        out OrderRequest? order,
        out LegSymbol[] symbols,
        out string? reason)
    {
        ArgumentNullException.ThrowIfNull(heldQuantity);
        ArgumentNullException.ThrowIfNull(legSymbol);
        order = null;
        symbols = [];
        var structure = request.Structure;
        if (request.Quantity == 0)
        {
            reason = "quantity 0";
            return false;
        }

        if (structure.Count == 0)
        {
            reason = "no legs";
            return false;
        }

        var legs = new OrderLegRequest[structure.Count];
        symbols = new LegSymbol[structure.Count];
        bool closes = false;
        for (int i = 0; i < structure.Count; i++)
        {
            var leg = structure[i];
            long signedLong = (long)leg.Ratio * request.Quantity;
            if (signedLong is 0 or > int.MaxValue or < -int.MaxValue)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"leg {i}: quantity {signedLong} out of range");
                return false;
            }

            int signed = (int)signedLong;
            if (!legSymbol(leg.Contract, out var sym, out string? why))
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"leg {i}: {why}");
                return false;
            }

            int held = heldQuantity(leg.Contract);
            string? action = ActionOf(signed, held);
            if (action is null)
            {
                reason = string.Create(CultureInfo.InvariantCulture,
                    $"leg {i} ({leg.Contract}): trading {signed:+0;-0} against a holding of {held:+0;-0} crosses through zero; close and open in separate orders");
                return false;
            }

            closes |= action is OrderActions.BuyToClose or OrderActions.SellToClose;
            symbols[i] = sym;
            legs[i] = new OrderLegRequest { InstrumentType = sym.InstrumentType, Symbol = sym.Symbol, Quantity = Math.Abs(signed), Action = action };
        }

        var (price, effect) = PriceOf(request.LimitPrice, request.Quantity);
        order = new OrderRequest
        {
            OrderType = OrderTypes.Limit,
            TimeInForce = TimeInForces.Day,
            Price = price,
            PriceEffect = effect,
            ExternalIdentifier = externalIdentifier,
            AdvancedInstructions = strictPositionEffect && closes ? new AdvancedInstructions { StrictPositionEffectValidation = true } : null,
            Legs = legs,
        };
        reason = null;
        return true;
    }
}

/// <summary>Names a contract for an order leg; false with a reason when it cannot.</summary>
public delegate bool LegSymbolResolver(in OptionContract contract, out LegSymbol symbol, out string? reason);
