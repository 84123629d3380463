using TomKing.Greeks;

namespace TomKing.Algorithm.Domain;

/// <summary>
/// An immutable multi-leg structure: its <see cref="StructureKind"/> and up to four legs in a fixed,
/// documented order, stored inline so building one allocates nothing. A structure is a definition
/// per unit; the order quantity (units) scales every leg ratio.
/// </summary>
/// <remarks>Build with the named factories (which check the shape and throw on a programming error)
/// or <see cref="TryCreate"/> (which returns the reason, for strategies handling sparse chains).</remarks>
public readonly record struct OptionStructure
{
    /// <summary>The most legs any rulebook structure has (iron condor).</summary>
    public const int MaxLegs = 4;

    private readonly Leg _leg0;
    private readonly Leg _leg1;
    private readonly Leg _leg2;
    private readonly Leg _leg3;

    private OptionStructure(StructureKind kind, ReadOnlySpan<Leg> legs)
    {
        Kind = kind;
        Count = legs.Length;
        _leg0 = legs.Length > 0 ? legs[0] : default;
        _leg1 = legs.Length > 1 ? legs[1] : default;
        _leg2 = legs.Length > 2 ? legs[2] : default;
        _leg3 = legs.Length > 3 ? legs[3] : default;
    }

    /// <summary>The shape.</summary>
    public StructureKind Kind { get; }

    /// <summary>Number of legs (1–4).</summary>
    public int Count { get; }

    /// <summary>The leg at <paramref name="index"/> (order as documented on each factory).</summary>
    public Leg this[int index] => (uint)index >= (uint)Count
        ? throw new ArgumentOutOfRangeException(nameof(index))
        : index switch { 0 => _leg0, 1 => _leg1, 2 => _leg2, _ => _leg3 };

    /// <summary>The leg at <paramref name="index"/> by reference (no copy of the leg); the index is checked.</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal ref readonly Leg LegRef(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            ThrowIndex(index);
        }

        switch (index)
        {
            case 0:
                return ref _leg0;
            case 1:
                return ref _leg1;
            case 2:
                return ref _leg2;
            default:
                return ref _leg3;
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowIndex(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, "no leg at this index");

    /// <summary>The underlying all legs share.</summary>
    public Ticker Underlying => _leg0.Contract.Underlying;

    /// <summary>The nearest expiry among the legs (P-4 and P-9 look at this one).</summary>
    public DateOnly NearestExpiry
    {
        get
        {
            DateOnly nearest = _leg0.Contract.Expiry;
            for (int i = 1; i < Count; i++)
            {
                DateOnly e = LegRef(i).Contract.Expiry;
                if (e < nearest)
                {
                    nearest = e;
                }
            }

            return nearest;
        }
    }

    /// <summary>Copies the legs into <paramref name="destination"/> and returns how many were written.</summary>
    public int CopyLegsTo(Span<Leg> destination)
    {
        for (int i = 0; i < Count; i++)
        {
            destination[i] = this[i];
        }

        return Count;
    }

    /// <summary>Iron condor, legs in order: long put, short put, short call, long call (strikes strictly
    /// increasing except short put ≤ short call); one expiry.</summary>
    public static OptionStructure IronCondor(OptionContract longPut, OptionContract shortPut, OptionContract shortCall, OptionContract longCall) =>
        Create(StructureKind.IronCondor, [Leg.Buy(longPut), Leg.Sell(shortPut), Leg.Sell(shortCall), Leg.Buy(longCall)]);

    /// <summary>Call credit spread, legs: short call, long call at a higher strike; one expiry.</summary>
    public static OptionStructure CallCreditSpread(OptionContract shortCall, OptionContract longCall) =>
        Create(StructureKind.CallCreditSpread, [Leg.Sell(shortCall), Leg.Buy(longCall)]);

    /// <summary>Put credit spread, legs: short put, long put at a lower strike; one expiry.</summary>
    public static OptionStructure PutCreditSpread(OptionContract shortPut, OptionContract longPut) =>
        Create(StructureKind.PutCreditSpread, [Leg.Sell(shortPut), Leg.Buy(longPut)]);

    /// <summary>1-1-2, legs: long put, short put below it, two short (naked) puts below that; one expiry.</summary>
    public static OptionStructure OneOneTwo(OptionContract longPut, OptionContract shortPut, OptionContract nakedPut) =>
        Create(StructureKind.OneOneTwo, [Leg.Buy(longPut), Leg.Sell(shortPut), Leg.Sell(nakedPut, 2)]);

    /// <summary>Short strangle, legs: short put, short call at a higher strike; one expiry.</summary>
    public static OptionStructure Strangle(OptionContract shortPut, OptionContract shortCall) =>
        Create(StructureKind.Strangle, [Leg.Sell(shortPut), Leg.Sell(shortCall)]);

    /// <summary>IPMCC, legs: long LEAP call, short call expiring before it.</summary>
    public static OptionStructure LeapPlusShortCall(OptionContract leapCall, OptionContract shortCall) =>
        Create(StructureKind.LeapPlusShortCall, [Leg.Buy(leapCall), Leg.Sell(shortCall)]);

    /// <summary>A LEAP call alone (an IPMCC between weekly calls), leg: long call.</summary>
    public static OptionStructure LeapOnly(OptionContract leapCall) =>
        Create(StructureKind.LeapPlusShortCall, [Leg.Buy(leapCall)]);

    /// <summary>One short put (LPL rung).</summary>
    public static OptionStructure SinglePut(OptionContract shortPut) =>
        Create(StructureKind.SinglePut, [Leg.Sell(shortPut)]);

    /// <summary>A free-form adjustment (see <see cref="StructureKind.Adjustment"/>): the legs exactly as
    /// they are to be traded, e.g. <c>[Leg.Buy(oldShortCall), Leg.Sell(newShortCall)]</c> for a roll.</summary>
    public static OptionStructure Adjustment(ReadOnlySpan<Leg> legs) => Create(StructureKind.Adjustment, legs);

    /// <summary>Builds a structure if the legs have the kind's shape (order as on the named factories).</summary>
    /// <param name="kind">The shape.</param>
    /// <param name="legs">The legs.</param>
    /// <param name="structure">The structure when valid.</param>
    /// <param name="reason">Why not, when invalid.</param>
    public static bool TryCreate(StructureKind kind, ReadOnlySpan<Leg> legs, out OptionStructure structure, out string? reason)
    {
        reason = ShapeError(kind, legs);
        structure = reason is null ? new OptionStructure(kind, legs) : default;
        return reason is null;
    }

    private static OptionStructure Create(StructureKind kind, ReadOnlySpan<Leg> legs) =>
        TryCreate(kind, legs, out var s, out var reason) ? s : throw new ArgumentException($"Not a valid {kind}: {reason}", nameof(legs));

    private static string? DistinctContracts(ReadOnlySpan<Leg> legs)
    {
        for (int i = 0; i < legs.Length; i++)
        {
            for (int j = i + 1; j < legs.Length; j++)
            {
                if (legs[i].Contract.Equals(legs[j].Contract))
                {
                    return "the same contract appears in two legs (net them into one leg)";
                }
            }
        }

        return null;
    }

    private static string? ShapeError(StructureKind kind, ReadOnlySpan<Leg> legs)
    {
        if (legs.Length is 0 or > MaxLegs)
        {
            return $"{legs.Length} legs (1 to {MaxLegs} allowed)";
        }

        foreach (var leg in legs)
        {
            if (leg.Ratio == 0)
            {
                return "a leg has ratio 0";
            }

            if (!leg.Contract.Underlying.Equals(legs[0].Contract.Underlying))
            {
                return "legs on different underlyings";
            }
        }

        return kind switch
        {
            StructureKind.IronCondor => Expect(legs, [(OptionRight.Put, 1), (OptionRight.Put, -1), (OptionRight.Call, -1), (OptionRight.Call, 1)])
                ?? SameExpiry(legs)
                ?? (legs[0].Contract.Strike < legs[1].Contract.Strike && legs[1].Contract.Strike <= legs[2].Contract.Strike && legs[2].Contract.Strike < legs[3].Contract.Strike
                    ? null : "strikes must satisfy long put < short put <= short call < long call"),
            StructureKind.CallCreditSpread => Expect(legs, [(OptionRight.Call, -1), (OptionRight.Call, 1)])
                ?? SameExpiry(legs)
                ?? (legs[0].Contract.Strike < legs[1].Contract.Strike ? null : "the long call must be above the short call"),
            StructureKind.PutCreditSpread => Expect(legs, [(OptionRight.Put, -1), (OptionRight.Put, 1)])
                ?? SameExpiry(legs)
                ?? (legs[1].Contract.Strike < legs[0].Contract.Strike ? null : "the long put must be below the short put"),
            StructureKind.OneOneTwo => Expect(legs, [(OptionRight.Put, 1), (OptionRight.Put, -1), (OptionRight.Put, -2)])
                ?? SameExpiry(legs)
                ?? (legs[0].Contract.Strike > legs[1].Contract.Strike && legs[1].Contract.Strike > legs[2].Contract.Strike
                    ? null : "strikes must satisfy long put > short put > naked puts"),
            StructureKind.Strangle => Expect(legs, [(OptionRight.Put, -1), (OptionRight.Call, -1)])
                ?? SameExpiry(legs)
                ?? (legs[0].Contract.Strike < legs[1].Contract.Strike ? null : "the put strike must be below the call strike"),
            StructureKind.LeapPlusShortCall => legs.Length == 1
                ? Expect(legs, [(OptionRight.Call, 1)])
                : Expect(legs, [(OptionRight.Call, 1), (OptionRight.Call, -1)])
                    ?? (legs[1].Contract.Expiry < legs[0].Contract.Expiry ? null : "the short call must expire before the LEAP"),
            StructureKind.SinglePut => Expect(legs, [(OptionRight.Put, -1)]),
            StructureKind.Adjustment => DistinctContracts(legs),
            _ => $"unknown structure kind {kind}",
        };
    }

    private static string? Expect(ReadOnlySpan<Leg> legs, ReadOnlySpan<(OptionRight Right, int Ratio)> shape)
    {
        if (legs.Length != shape.Length)
        {
            return $"{legs.Length} legs, expected {shape.Length}";
        }

        for (int i = 0; i < legs.Length; i++)
        {
            if (legs[i].Contract.Right != shape[i].Right || legs[i].Ratio != shape[i].Ratio)
            {
                return $"leg {i} is {legs[i].Ratio:+0;-0} {legs[i].Contract.Right}, expected {shape[i].Ratio:+0;-0} {shape[i].Right}";
            }
        }

        return null;
    }

    private static string? SameExpiry(ReadOnlySpan<Leg> legs)
    {
        foreach (var leg in legs)
        {
            if (leg.Contract.Expiry != legs[0].Contract.Expiry)
            {
                return "legs must share one expiry";
            }
        }

        return null;
    }
}
