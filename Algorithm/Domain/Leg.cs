namespace TomKing.Algorithm.Domain;

/// <summary>
/// One leg of a structure: a contract and its signed ratio per unit of the structure (+1 long,
/// −2 for the two naked puts of a 1-1-2). Like LEAN's <c>Leg.Create(symbol, quantity)</c>, the combo
/// order's quantity multiplies every ratio.
/// </summary>
/// <param name="Contract">The option.</param>
/// <param name="Ratio">Signed contracts per unit: positive buys, negative sells; never 0.</param>
public readonly record struct Leg(OptionContract Contract, int Ratio)
{
    private readonly OptionContract _contract = Contract;

    /// <summary>The contract.</summary>
    public OptionContract Contract
    {
        get => _contract;
        init => _contract = value;
    }

    /// <summary>The contract by reference (no copy of the contract; hot paths read a few fields of it).</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    internal ref readonly OptionContract ContractRef => ref _contract;

    /// <summary>Buy or sell, from the sign of <see cref="Ratio"/>.</summary>
    public LegSide Side => Ratio >= 0 ? LegSide.Buy : LegSide.Sell;

    /// <summary>Contracts per unit, unsigned.</summary>
    public int Size => Math.Abs(Ratio);

    /// <summary>A long leg of <paramref name="size"/> contracts per unit.</summary>
    public static Leg Buy(OptionContract contract, int size = 1) => new(contract, Math.Abs(size));

    /// <summary>A short leg of <paramref name="size"/> contracts per unit.</summary>
    public static Leg Sell(OptionContract contract, int size = 1) => new(contract, -Math.Abs(size));
}
