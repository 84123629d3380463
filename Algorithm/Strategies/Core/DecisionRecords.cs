using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Strategies.Core;

/// <summary>Builds the RULEBOOK section 3 records with the context's time, VIX, regime and phase.</summary>
internal static class DecisionRecords
{
    /// <summary>A record (order id and risk stages are the pipeline's).</summary>
    public static DecisionRecord Make(
        DecisionContext context, StrategyId strategy, DecisionKind kind, string ruleIds, string reason,
        double spot, in LegValues strikes, in LegValues deltas, PositionId position, int quantity, StageCost cost) =>
        new(context.Clock.Now, strategy, kind, ruleIds, reason, spot, context.Vix.Value, context.Regime, context.Phase,
            strikes, deltas, position, default, quantity, cost);

    /// <summary>A skip: no order, the reason names the rule that stopped the entry.</summary>
    public static DecisionRecord Skip(DecisionContext context, StrategyId strategy, string ruleIds, string reason, double spot, StageCost cost) =>
        Make(context, strategy, DecisionKind.Skip, ruleIds, reason, spot, LegValues.None, LegValues.None, default, 0, cost);

    /// <summary>The strikes of a structure in leg order (NaN for unused legs).</summary>
    public static LegValues StrikesOf(in OptionStructure structure) => new(
        structure.Count > 0 ? (double)structure[0].Contract.Strike : double.NaN,
        structure.Count > 1 ? (double)structure[1].Contract.Strike : double.NaN,
        structure.Count > 2 ? (double)structure[2].Contract.Strike : double.NaN,
        structure.Count > 3 ? (double)structure[3].Contract.Strike : double.NaN);
}
