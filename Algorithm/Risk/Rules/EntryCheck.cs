using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Strategies;
using TomKing.Greeks;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// What the rules share about the entry being checked (its group, instrument, and each leg's place in the
/// market's chains, resolved once per check and shared by P-1's margin and P-7's Greeks), kept across
/// checks: one instance is reused by the <see cref="RiskEngine"/> for every check (single-threaded
/// kernel), so checking allocates nothing, and the legs' places of the last check are the first guess
/// of the next. Facts several rules read (nearest expiry, whether the entry sells premium or is a
/// short-put entry, the first leg's root and underlying) are computed once by <see cref="Begin"/>. The
/// intent itself is not copied: <see cref="Begin"/> returns an <see cref="EntryCheck"/> that refers to
/// the caller's intent for the duration of the check.
/// </summary>
public sealed class EntryCheckState
{
    private readonly OptionChain?[] _legChain = new OptionChain?[OptionStructure.MaxLegs];
    private readonly ChainExpiry?[] _legExpiry = new ChainExpiry?[OptionStructure.MaxLegs];
    private readonly int[] _legStrike = new int[OptionStructure.MaxLegs];
    private readonly decimal[] _legStrikeDecimal = new decimal[OptionStructure.MaxLegs];
    private readonly OptionChain?[] _hintChain = new OptionChain?[OptionStructure.MaxLegs];
    private readonly int[] _hintExpiry = new int[OptionStructure.MaxLegs];
    private int _resolved;
    private string? _lastUnderlying;
    private Instrument _lastInstrument;
    private bool _lastHasInstrument;

    /// <summary>The decision context of the check.</summary>
    public DecisionContext Context { get; private set; } = null!;

    /// <summary>The underlying's catalogue entry (<see cref="HasInstrument"/> false when uncatalogued).</summary>
    public Instrument Instrument => _lastInstrument;

    /// <summary>True when the underlying is in the instrument catalogue.</summary>
    public bool HasInstrument => _lastHasInstrument;

    /// <summary>The underlying's asset class as the margin model reads it: the catalogue's, or for an
    /// uncatalogued underlying Future when the first leg delivers a future and Equity otherwise.</summary>
    internal AssetClass MarginAssetClass { get; private set; }

    /// <summary>The P-3 group of the underlying.</summary>
    public CorrelationGroup Group { get; private set; }

    /// <summary>Today, exchange date.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>Shorthand for the context's portfolio.</summary>
    public IPortfolioView Portfolio => Context.Portfolio;

    /// <summary>The structure's nearest expiry (P-4, P-9; the margin model's underlying price).</summary>
    public DateOnly NearestExpiry { get; private set; }

    /// <summary>True when every leg is a put and at least one is short (P-1's EXTREME exception).</summary>
    internal bool IsShortPutEntry { get; private set; }

    /// <summary>The first leg's contract root (P-2 instrument lists); empty for an empty structure.</summary>
    internal string FirstRoot { get; private set; } = string.Empty;

    /// <summary>The structure's underlying symbol (P-2 instrument lists, P-8 earnings); empty for an empty structure.</summary>
    internal string UnderlyingSymbol { get; private set; } = string.Empty;

    /// <summary>Starts the check of <paramref name="intent"/>: computes the shared facts and returns the
    /// check the rules read (valid while <paramref name="intent"/> is, until the next <see cref="Begin"/>).</summary>
    public EntryCheck Begin(in OrderIntent intent, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        Today = context.Clock.Today;
        _resolved = 0;
        ref readonly var structure = ref intent.StructureRef;
        int count = structure.Count;
        bool anyShort = false, allPuts = true;
        DateOnly nearest = DateOnly.MaxValue;
        for (int i = 0; i < count; i++)
        {
            ref readonly var leg = ref structure.LegRef(i);
            ref readonly var contract = ref leg.ContractRef;
            anyShort |= leg.Ratio < 0;
            allPuts &= contract.Right == OptionRight.Put;
            if (contract.Expiry < nearest)
            {
                nearest = contract.Expiry;
            }
        }

        IsShortPremium = anyShort;
        IsShortPutEntry = anyShort && allPuts;
        NearestExpiry = count > 0 ? nearest : default;
        FirstRoot = count > 0 ? structure.LegRef(0).ContractRef.Root.Symbol : string.Empty;
        var underlying = count > 0 ? structure.LegRef(0).ContractRef.Underlying : default;
        UnderlyingSymbol = underlying.Symbol;
        if (!ReferenceEquals(underlying.Symbol, _lastUnderlying))
        {
            // the catalogue lookup hashes the symbol; the same string instance (the usual case: tickers
            // come from the catalogue and the chains) is looked up once
            _lastHasInstrument = InstrumentCatalogue.TryGet(underlying, out _lastInstrument);
            _lastUnderlying = underlying.Symbol;
        }

        Group = _lastHasInstrument ? _lastInstrument.Group : CorrelationGroup.None;
        MarginAssetClass = _lastHasInstrument ? _lastInstrument.AssetClass
            : count > 0 && structure.LegRef(0).ContractRef.Settlement.Delivery == DeliveryKind.Future ? AssetClass.Future
            : AssetClass.Equity;
        return new EntryCheck(in intent, this);
    }

    /// <summary>Finds every leg in the market's chains once per check (later calls reuse the answer). Legs
    /// on the same root as the previous leg reuse its chain, and on the same expiry its chain expiry, so a
    /// four-leg structure on one expiry costs one chain lookup and four strike searches.</summary>
    /// <returns>False when a leg's chain, expiry or strike is not listed.</returns>
    internal bool TryResolveLegs(in OptionStructure structure)
    {
        if (_resolved != 0)
        {
            return _resolved > 0;
        }

        var market = Context.Market;
        _resolved = 1;
        OptionChain? chain = null;
        ChainExpiry? expiry = null;
        string? root = null;
        for (int i = 0; i < structure.Count; i++)
        {
            ref readonly var contract = ref structure.LegRef(i).ContractRef;
            if (chain is null || !ReferenceEquals(contract.Root.Symbol, root) && !string.Equals(contract.Root.Symbol, root, StringComparison.Ordinal))
            {
                if (!market.TryGetChain(contract.Root, out chain))
                {
                    _resolved = -1;
                    break;
                }

                root = contract.Root.Symbol;
                expiry = null;
            }

            if (expiry is null || expiry.Expiry != contract.Expiry)
            {
                // The last check's place of this leg is tried first (dates are unique in a chain, so a
                // match is the answer the search would give); otherwise the binary search.
                int hint = _hintExpiry[i];
                if (ReferenceEquals(_hintChain[i], chain) && (uint)hint < (uint)chain.ExpiryCount && chain.ExpiryAt(hint).Expiry == contract.Expiry)
                {
                    expiry = chain.ExpiryAt(hint);
                }
                else if (!chain.TryGetExpiry(contract.Expiry, out expiry))
                {
                    _resolved = -1;
                    break;
                }
                else
                {
                    _hintChain[i] = chain;
                    _hintExpiry[i] = chain.Expiries.IndexOf(contract.Expiry);
                }
            }

            // Strikes are unique and ascending: the last check's index, when it still holds this strike,
            // is the index the search would return. The same decimal (bit for bit) as last time on the
            // same expiry is that strike without converting it again.
            int k = _legStrike[i];
            if (ReferenceEquals(_legExpiry[i], expiry) && MoneyMath.SameBits(contract.Strike, _legStrikeDecimal[i]) && (uint)k < (uint)expiry.Count)
            {
                continue; // chain, expiry, index and value are those of the last check
            }

            double strike = (double)contract.Strike;
            if (!ReferenceEquals(_legExpiry[i], expiry) || (uint)k >= (uint)expiry.Count || expiry.Strikes[k] != strike)
            {
                k = expiry.IndexOfStrike(strike);
                if (k < 0)
                {
                    _resolved = -1;
                    break;
                }
            }

            _legChain[i] = chain;
            _legExpiry[i] = expiry;
            _legStrike[i] = k;
            _legStrikeDecimal[i] = contract.Strike;
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
    public bool IsShortPremium { get; private set; }
}

/// <summary>
/// The entry being checked, as the rules see it: the caller's intent by reference (never copied) and the
/// facts <see cref="EntryCheckState.Begin"/> computed about it. A ref struct: it lives for one check, on the
/// stack, and cannot outlive the intent it refers to.
/// </summary>
public readonly ref struct EntryCheck
{
    private readonly ref readonly OrderIntent _intent;
    private readonly EntryCheckState _state;

    internal EntryCheck(in OrderIntent intent, EntryCheckState state)
    {
        _intent = ref intent;
        _state = state;
    }

    /// <summary>The intent (an open).</summary>
    public ref readonly OrderIntent Intent => ref _intent;

    /// <summary>The decision context of the check.</summary>
    public DecisionContext Context => _state.Context;

    /// <summary>The underlying's catalogue entry (<see cref="HasInstrument"/> false when uncatalogued).</summary>
    public Instrument Instrument => _state.Instrument;

    /// <summary>True when the underlying is in the instrument catalogue.</summary>
    public bool HasInstrument => _state.HasInstrument;

    /// <summary>The P-3 group of the underlying.</summary>
    public CorrelationGroup Group => _state.Group;

    /// <summary>Today, exchange date.</summary>
    public DateOnly Today => _state.Today;

    /// <summary>Shorthand for the context's portfolio.</summary>
    public IPortfolioView Portfolio => _state.Context.Portfolio;

    /// <summary>The structure's nearest expiry (P-4, P-9; the margin model's underlying price).</summary>
    public DateOnly NearestExpiry => _state.NearestExpiry;

    /// <summary>True when the structure sells premium (has any short leg): what P-8 blocks.</summary>
    public bool IsShortPremium => _state.IsShortPremium;

    /// <summary>The intent's structure (by reference).</summary>
    internal ref readonly OptionStructure Structure => ref _intent.StructureRef;

    /// <summary>See <see cref="EntryCheckState.MarginAssetClass"/>.</summary>
    internal AssetClass MarginAssetClass => _state.MarginAssetClass;

    /// <summary>True when every leg is a put and at least one is short (P-1's EXTREME exception).</summary>
    internal bool IsShortPutEntry => _state.IsShortPutEntry;

    /// <summary>The first leg's contract root (P-2 instrument lists); empty for an empty structure.</summary>
    internal string FirstRoot => _state.FirstRoot;

    /// <summary>The structure's underlying symbol (P-2 instrument lists, P-8 earnings); empty for an empty structure.</summary>
    internal string UnderlyingSymbol => _state.UnderlyingSymbol;

    /// <summary>Finds every leg in the market's chains once per check (see <see cref="EntryCheckState.TryResolveLegs"/>).</summary>
    internal bool TryResolveLegs() => _state.TryResolveLegs(in _intent.StructureRef);

    /// <summary>Leg <paramref name="i"/>'s chain (after <see cref="TryResolveLegs"/> returned true).</summary>
    internal OptionChain LegChain(int i) => _state.LegChain(i);

    /// <summary>Leg <paramref name="i"/>'s chain expiry (after <see cref="TryResolveLegs"/> returned true).</summary>
    internal ChainExpiry LegExpiry(int i) => _state.LegExpiry(i);

    /// <summary>Leg <paramref name="i"/>'s strike index (after <see cref="TryResolveLegs"/> returned true).</summary>
    internal int LegStrike(int i) => _state.LegStrike(i);
}
