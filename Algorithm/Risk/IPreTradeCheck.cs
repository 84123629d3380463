using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Strategies;

namespace TomKing.Algorithm.Risk;

/// <summary>The pre-trade check the order pipeline calls for every intent (P-1..P-9); implemented by the risk engine.</summary>
public interface IPreTradeCheck
{
    /// <summary>Approve, reduce or deny an intent as of the context's instant.</summary>
    RiskVerdict Check(in OrderIntent intent, DecisionContext context);
}
