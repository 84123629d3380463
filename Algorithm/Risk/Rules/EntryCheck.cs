using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Strategies;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// The entry being checked and what the rules share about it (its group, instrument, and each leg's
/// place in the market's chains, resolved once per check and shared by P-1's margin and P-7's Greeks).
/// One instance is reused by the <see cref="RiskEngine"/> for every check (single-threaded kernel), so
/// checking allocates nothing.
/// </summary>
public sealed class EntryCheck
{
    private readonly OptionChain?[] _legChain = new OptionChain?[OptionStructure.MaxLegs];
    private readonly ChainExpiry?[] _legExpiry = new ChainExpiry?[OptionStructure.MaxLegs];
    private readonly int[] _legStrike = new int[OptionStructure.MaxLegs];
    private OrderIntent _intent;
    private int _resolved;
    private string? _lastUnderlying;
    private Instrument _lastInstrument;
    private bool _lastHasInstrument;

    /// <summary>The intent (an open).</summary>
    public ref readonly OrderIntent Intent => ref _intent;

    /// <summary>The decision context of the check.</summary>
    public DecisionContext Context { get; private set; } = null!;

    /// <summary>The underlying's catalogue entry (<see cref="HasInstrument"/> false when uncatalogued).</summary>
    public Instrument Instrument { get; private set; }

    /// <summary>True when the underlying is in the instrument catalogue.</summary>
    public bool HasInstrument { get; private set; }

    /// <summary>The P-3 group of the underlying.</summary>
    public CorrelationGroup Group { get; private set; }

    /// <summary>Today, exchange date.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>Shorthand for the context's portfolio.</summary>
    public IPortfolioView Portfolio => Context.Portfolio;

    /// <summary>Fills the check for a new intent.</summary>
    public void Reset(in OrderIntent intent, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _intent = intent;
        Context = context;
        Today = context.Clock.Today;
        _resolved = 0;
        var underlying = intent.Structure.Count > 0 ? intent.Structure.Underlying : default;
        if (!ReferenceEquals(underlying.Symbol, _lastUnderlying))
        {
            // the catalogue lookup hashes the symbol; the same string instance (the usual case: tickers
            // come from the catalogue and the chains) is looked up once
            _lastHasInstrument = InstrumentCatalogue.TryGet(underlying, out _lastInstrument);
            _lastUnderlying = underlying.Symbol;
        }

        HasInstrument = _lastHasInstrument;
        Instrument = _lastInstrument;
        Group = HasInstrument ? _lastInstrument.Group : CorrelationGroup.None;
    }

    /// <summary>Finds every leg in the market's chains once per check (later calls reuse the answer).</summary>
    /// <returns>False when a leg's chain, expiry or strike is not listed.</returns>
    internal bool TryResolveLegs()
    {
        if (_resolved != 0)
        {
            return _resolved > 0;
        }

        var structure = _intent.Structure;
        var market = Context.Market;
        _resolved = 1;
        for (int i = 0; i < structure.Count; i++)
        {
            if (!ContractLookup.TryFind(market, structure[i].Contract, out var chain, out var expiry, out _legStrike[i]))
            {
                _resolved = -1;
                break;
            }

            _legChain[i] = chain;
            _legExpiry[i] = expiry;
        }

        return _resolved > 0;
    }

    /// <summary>Leg <paramref name="i"/>'s chain (after <see cref="TryResolveLegs"/> returned true).</summary>
    internal OptionChain LegChain(int i) => _legChain[i]!;

    /// <summary>Leg <paramref name="i"/>'s chain expiry (after <see cref="TryResolveLegs"/> returned true).</summary>
    internal ChainExpiry LegExpiry(int i) => _legExpiry[i]!;

    /// <summary>Leg <paramref name="i"/>'s strike index (after <see cref="TryResolveLegs"/> returned true).</summary>
    internal int LegStrike(int i) => _legStrike[i];

    /// <summary>True when the structure sells premium (has any short leg): what P-8 blocks.</summary>
    public bool IsShortPremium
    {
        get
        {
            ref readonly var s = ref _intent;
            for (int i = 0; i < s.Structure.Count; i++)
            {
                if (s.Structure[i].Ratio < 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
