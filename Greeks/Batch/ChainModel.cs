namespace TomKing.Greeks;

/// <summary>The pricing model an <see cref="OptionChainBatch"/> is evaluated under.</summary>
public enum ChainModel : byte
{
    /// <summary>Black-Scholes-Merton on a spot with a continuous dividend yield, as
    /// <see cref="BlackScholesMerton.Evaluate"/>: carry b = r − q, rho holds q fixed.</summary>
    BlackScholesMerton = 0,

    /// <summary>Black-76 on a forward or futures price, as <see cref="Black76.Evaluate"/>: carry 0,
    /// the dividend yields are ignored, rho holds the forward fixed (−T × price).</summary>
    Black76 = 1,
}
