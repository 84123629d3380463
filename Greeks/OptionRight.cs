namespace TomKing.Greeks;

/// <summary>Call or put.</summary>
public enum OptionRight : byte
{
    /// <summary>The right to buy.</summary>
    Call = 0,

    /// <summary>The right to sell.</summary>
    Put = 1,
}
