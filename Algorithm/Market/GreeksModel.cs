using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Market;

/// <summary>How a chain's implied volatilities and Greeks are computed, chosen from the contract's
/// exercise style and delivery so each product gets the model its market uses.</summary>
public enum GreeksModel : byte
{
    /// <summary>European cash-settled index options (SPX, SPXW, XSP): Black-76 on the forward implied by
    /// put–call parity for that expiry, so no dividend estimate is needed.</summary>
    EuropeanOnParityForward = 0,

    /// <summary>Options on a future: Black-76 on the futures price (the European value; American
    /// early-exercise premium on futures options is small and is the <see cref="AmericanOnSpot"/> seam's
    /// sibling for later).</summary>
    OnFuture = 1,

    /// <summary>American equity/ETF options. Today: Black-Scholes-Merton with the chain's dividend yield
    /// (the European value). The seam for <c>TomKing.Greeks.AmericanOption</c>: only
    /// <c>ChainValuation.AmericanOnSpot</c> changes when it lands.</summary>
    AmericanOnSpot = 2,
}

/// <summary>Chooses the <see cref="GreeksModel"/> for a contract.</summary>
public static class GreeksModels
{
    /// <summary>The model for an exercise style and settlement.</summary>
    public static GreeksModel For(ExerciseStyle exercise, OptionSettlement settlement) =>
        settlement.Delivery == DeliveryKind.Future ? GreeksModel.OnFuture
        : exercise == ExerciseStyle.European ? GreeksModel.EuropeanOnParityForward
        : GreeksModel.AmericanOnSpot;
}
