namespace TomKing.Algorithm.Intents;

/// <summary>How the order pipeline prices an intent's combo order (P-10).</summary>
public enum PricingPolicy : byte
{
    /// <summary>Limit at mid, then repriced toward the natural price in steps (default 3 steps, 60 s
    /// apart, each a third of the way); cancelled at the end of the entry window. Entries and
    /// ordinary profit-taking exits.</summary>
    MidThenLadder = 0,

    /// <summary>Cross to the natural price at once: risk exits (stops, P-5, P-6, EXTREME closes, time exits).</summary>
    Natural = 1,
}
