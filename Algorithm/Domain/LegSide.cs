namespace TomKing.Algorithm.Domain;

/// <summary>Whether a leg buys (long) or sells (short) its contract.</summary>
public enum LegSide : byte
{
    /// <summary>Long the contract; pays premium.</summary>
    Buy = 0,

    /// <summary>Short the contract; collects premium.</summary>
    Sell = 1,
}
