using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Intents;

namespace TomKing.Algorithm.Strategies;

/// <summary>
/// A reusable, pre-allocated buffer for what one evaluation produces: order intents and decision
/// records. The host clears it before each evaluation and drains it after, so steady-state decisions
/// allocate nothing. An intent and the decision record that explains it are added together and share
/// an index in <see cref="IntentDecisionIndex"/>.
/// </summary>
public sealed class DecisionOutput
{
    private readonly OrderIntent[] _intents;
    private readonly int[] _intentDecision;
    private readonly DecisionRecord[] _decisions;

    /// <summary>Creates a buffer with room for <paramref name="capacity"/> intents and as many records.</summary>
    public DecisionOutput(int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _intents = new OrderIntent[capacity];
        _intentDecision = new int[capacity];
        _decisions = new DecisionRecord[capacity];
    }

    /// <summary>Intents produced since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<OrderIntent> Intents => _intents.AsSpan(0, IntentCount);

    /// <summary>For each intent, the index of its decision record in <see cref="Decisions"/>.</summary>
    public ReadOnlySpan<int> IntentDecisionIndex => _intentDecision.AsSpan(0, IntentCount);

    /// <summary>Decision records produced since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<DecisionRecord> Decisions => _decisions.AsSpan(0, DecisionCount);

    /// <summary>Number of intents.</summary>
    public int IntentCount { get; private set; }

    /// <summary>Number of decision records.</summary>
    public int DecisionCount { get; private set; }

    /// <summary>Records a decision with no order (a skip, or an informational record).</summary>
    /// <returns>False when the buffer is full (the record is dropped and <see cref="Overflowed"/> set).</returns>
    public bool Record(in DecisionRecord decision)
    {
        if (DecisionCount == _decisions.Length)
        {
            Overflowed = true;
            return false;
        }

        _decisions[DecisionCount++] = decision;
        return true;
    }

    /// <summary>Adds an intent with the decision record that explains it.</summary>
    /// <returns>False when the buffer is full (nothing is added and <see cref="Overflowed"/> set).</returns>
    public bool Add(in OrderIntent intent, in DecisionRecord decision)
    {
        if (IntentCount == _intents.Length || DecisionCount == _decisions.Length)
        {
            Overflowed = true;
            return false;
        }

        _intentDecision[IntentCount] = DecisionCount;
        _intents[IntentCount++] = intent;
        _decisions[DecisionCount++] = decision;
        return true;
    }

    /// <summary>Replaces a decision record (the pipeline fills in the order id, risk outcome and stage costs).</summary>
    public void UpdateDecision(int index, in DecisionRecord decision)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)DecisionCount, nameof(index));
        _decisions[index] = decision;
    }

    /// <summary>True when something was dropped because the buffer was full (a sizing bug to report).</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Empties the buffer for the next evaluation.</summary>
    public void Clear()
    {
        IntentCount = 0;
        DecisionCount = 0;
        Overflowed = false;
    }
}
