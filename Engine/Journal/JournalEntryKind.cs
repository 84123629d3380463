namespace TomKing.Engine.Journal;

/// <summary>What a journal entry records. The numbers are stored in the journal file and never change;
/// new kinds get new numbers.</summary>
public enum JournalEntryKind
{
    /// <summary>The live runner started (mode, account suffix, build); payload <see cref="SessionStartRecord"/>.</summary>
    SessionStart = 1,

    /// <summary>An order is about to be sent: the combo request, its intent kind, pricing policy, mid, natural
    /// and window end; payload <see cref="SubmittedOrder"/>. Written (and durable) before the order leaves.</summary>
    OrderSubmitted = 2,

    /// <summary>The broker accepted an order and named it (broker order id, external id); payload
    /// <see cref="Acknowledgement"/>.</summary>
    OrderAcknowledged = 3,

    /// <summary>A status report for an order; payload <see cref="Algorithm.Ports.OrderUpdate"/>.</summary>
    OrderUpdate = 4,

    /// <summary>One leg execution; payload <see cref="Algorithm.Ports.LegFill"/>.</summary>
    Fill = 5,

    /// <summary>A cancel was requested; payload <see cref="CancelRequest"/>.</summary>
    CancelRequested = 6,

    /// <summary>A replace (new limit) was requested; payload <see cref="ReplaceRequest"/>.</summary>
    ReplaceRequested = 7,

    /// <summary>A strategy's own state (last entry decision); payload <see cref="StrategyStateRecord"/>.</summary>
    StrategyState = 8,

    /// <summary>Start-of-day/week/month net liq and the high-water mark; payload <see cref="ReferencePointsRecord"/>.</summary>
    ReferencePoints = 9,

    /// <summary>A strategy decision (RULEBOOK section 3); payload <see cref="DecisionSummary"/>.</summary>
    Decision = 10,

    /// <summary>A discrepancy between the journal and the broker and how it was settled; payload
    /// <see cref="ReconciliationRecord"/>.</summary>
    Reconciliation = 11,

    /// <summary>An alert raised to the operator; payload <see cref="AlertRecord"/>.</summary>
    Alert = 12,
}
