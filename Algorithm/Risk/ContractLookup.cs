using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Greeks;

namespace TomKing.Algorithm.Risk;

/// <summary>Finds a held or intended contract in the market view's chains (root → expiry → listed strike)
/// without allocating; shared by the margin model, the risk rules and the portfolio's marks.</summary>
public static class ContractLookup
{
    /// <summary>The chain expiry and strike index of a contract; false when the chain, the expiry or the
    /// exact strike is not listed.</summary>
    public static bool TryFind(IMarketView market, in OptionContract contract, out ChainExpiry expiry, out int strikeIndex) =>
        TryFind(market, contract, out OptionChain _, out expiry, out strikeIndex);

    /// <summary>As <see cref="TryFind(IMarketView, in OptionContract, out ChainExpiry, out int)"/>, also
    /// returning the chain.</summary>
    public static bool TryFind(IMarketView market, in OptionContract contract, out OptionChain chain, out ChainExpiry expiry, out int strikeIndex)
    {
        strikeIndex = -1;
        expiry = null!;
        if (!market.TryGetChain(contract.Root, out chain) || !chain.TryGetExpiry(contract.Expiry, out expiry))
        {
            return false;
        }

        strikeIndex = expiry.IndexOfStrike((double)contract.Strike);
        return strikeIndex >= 0;
    }

    /// <summary>The contract's multiplier as a double: the chain expiry's cached one when the contract
    /// carries the chain's multiplier (the usual case; a 16-byte compare), else the contract's own, converted.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double Multiplier(ChainExpiry expiry, in OptionContract contract)
    {
        ArgumentNullException.ThrowIfNull(expiry);
        return MoneyMath.SameBits(contract.Multiplier, expiry.Multiplier) ? expiry.MultiplierValue : (double)contract.Multiplier;
    }

    /// <summary>A premium to value a leg at: the mid when the quote is usable; otherwise the conservative
    /// side (the ask for a long leg, the bid for a short leg) when that side exists.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TryPremium(ChainExpiry expiry, int strikeIndex, OptionRight right, bool isLong, out double premium)
    {
        ArgumentNullException.ThrowIfNull(expiry);
        double mid = expiry.MidAt(strikeIndex, right, out double bid, out double ask);
        if (!double.IsNaN(mid))
        {
            premium = mid;
            return true;
        }

        double side = isLong ? ask : bid;
        premium = side > 0.0 && double.IsFinite(side) ? side : (isLong ? double.NaN : 0.0);
        return !double.IsNaN(premium) && (isLong || ask > 0.0);
    }
}
