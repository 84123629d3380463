using TomKing.Algorithm.Domain;

namespace TomKing.Engine.Replay;

/// <summary>
/// A replay market that wants to know which contracts the account holds, so its chains carry their
/// expiries (strategies manage held positions through the chain: exits, defence, rolls). The kernel
/// calls <see cref="SetHoldings"/> at the start of every trading day and after fills open new contracts.
/// Markets that always carry every listed contract (LEAN files) need not implement it.
/// </summary>
public interface IHoldingsAwareMarket
{
    /// <summary>The contracts held now (any order, duplicates allowed); the span is only read during the call.</summary>
    void SetHoldings(ReadOnlySpan<OptionContract> held);
}
