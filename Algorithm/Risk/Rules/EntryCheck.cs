using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Strategies;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// The entry being checked and what the rules share about it (its group, instrument, per-unit buying
/// power). One instance is reused by the <see cref="RiskEngine"/> for every check (single-threaded
/// kernel), so checking allocates nothing.
/// </summary>
public sealed class EntryCheck
{
    private OrderIntent _intent;

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
        var underlying = intent.Structure.Count > 0 ? intent.Structure.Underlying : default;
        HasInstrument = InstrumentCatalogue.TryGet(underlying, out var instrument);
        Instrument = instrument;
        Group = HasInstrument ? instrument.Group : CorrelationGroup.None;
    }

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
