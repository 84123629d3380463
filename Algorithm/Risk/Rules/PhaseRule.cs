using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// P-2 account phase gates (phase from net liq at each decision): max positions (3/5/7/10; open positions
/// plus working entries, <see cref="Ports.IPortfolioView.WorkingEntries"/>), the
/// instruments each strategy may use (F0 0DTE list and contract cap, LT112 list, FS strangle futures),
/// IPMCC position count, and whether the LEAP ladder is unlocked. Instrument lists match the option root
/// or the underlying (SPXW or SPX, ES).
/// </summary>
public sealed class PhaseRule : IEntryRule
{
    internal const string MaxPositions = "P-2: the phase's maximum number of open positions is reached";
    internal const string ZeroDte = "P-2: this 0DTE instrument is not allowed in the account's phase";
    internal const string ZeroDteCap = "P-2: 0DTE contracts capped for the account's phase";
    internal const string Lt112 = "P-2: LT112 on this instrument is not allowed in the account's phase";
    internal const string Strangle = "P-2: strangles on this future are not allowed in the account's phase";
    internal const string Ipmcc = "P-2: the phase's IPMCC position count is reached";
    internal const string Ladder = "P-2: the LEAP put ladder is not unlocked in the account's phase";

    private IReadOnlyList<string>? _lastList;
    private string? _lastRoot;
    private string? _lastUnderlying;
    private bool _lastListed;

    /// <inheritdoc />
    public string RuleId => "P-2";

    /// <inheritdoc />
    public int Allow(EntryCheck check, int requested, out string reason)
    {
        var phase = check.Context.Rules.Phases.RulesFor(check.Context.Phase);
        ref readonly var intent = ref check.Intent;
        reason = string.Empty;
        var portfolio = check.Portfolio;
        if (portfolio.OpenPositions.Length + portfolio.WorkingEntries.Length >= phase.MaxPositions)
        {
            reason = MaxPositions;
            return 0;
        }

        _ = check.Structure.LegRef(0); // an entry without legs is a programming error (throws, as before)
        string root = check.FirstRoot, underlying = check.UnderlyingSymbol;
        switch (intent.Strategy)
        {
            case StrategyId.F0:
                if (!Lists(phase.ZeroDteInstruments, root, underlying))
                {
                    reason = ZeroDte;
                    return 0;
                }

                if (requested > phase.ZeroDteMaxContracts)
                {
                    reason = phase.ZeroDteMaxContracts == 0 ? ZeroDte : ZeroDteCap;
                    return phase.ZeroDteMaxContracts;
                }

                return requested;
            case StrategyId.L112:
                reason = Lt112;
                return Lists(phase.Lt112Instruments, root, underlying) ? requested : 0;
            case StrategyId.FS:
                reason = Strangle;
                return Lists(phase.StrangleFutures, root, underlying) ? requested : 0;
            case StrategyId.IPMCC:
                reason = Ipmcc;
                return check.Portfolio.CountOpen(StrategyId.IPMCC) < phase.IpmccMaxPositions ? requested : 0;
            case StrategyId.LPL:
                reason = Ladder;
                return phase.LeapLadder ? requested : 0;
            default:
                return requested;
        }
    }

    /// <summary>Whether the list names the contract's root or underlying; the last answer per list is
    /// remembered by reference (the same list and ticker strings recur check after check).</summary>
    private bool Lists(IReadOnlyList<string> tickers, string root, string underlying)
    {
        if (ReferenceEquals(tickers, _lastList) && ReferenceEquals(root, _lastRoot) && ReferenceEquals(underlying, _lastUnderlying))
        {
            return _lastListed;
        }

        _lastListed = Scan(tickers, root, underlying);
        (_lastList, _lastRoot, _lastUnderlying) = (tickers, root, underlying);
        return _lastListed;
    }

    private static bool Scan(IReadOnlyList<string> tickers, string root, string underlying)
    {
        for (int i = 0; i < tickers.Count; i++)
        {
            if (string.Equals(tickers[i], root, StringComparison.OrdinalIgnoreCase)
                || string.Equals(tickers[i], underlying, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
