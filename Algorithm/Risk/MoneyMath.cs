namespace TomKing.Algorithm.Risk;

/// <summary>Fast conversions between the double inner math and decimal money (shared by the margin
/// model and the portfolio). Allocation-free.</summary>
internal static class MoneyMath
{
    private const double MaxExactCents = 9.0e15; // below 2^53: every whole number of cents is exact

    /// <summary>USD rounded to cents (midpoint to even, like <c>Math.Round(decimal, 2)</c>), built from an
    /// integer number of cents (no decimal division or double→decimal conversion). Equal in value to
    /// <c>Math.Round((decimal)usd, 2)</c>; trailing zero decimals are dropped (2850 prints "2850", 0.1
    /// prints "0.1"). Non-finite → 0.</summary>
    public static decimal Cents(double usd)
    {
        if (!double.IsFinite(usd))
        {
            return 0m;
        }

        double cents = Math.Round(usd * 100.0, MidpointRounding.ToEven);
        bool negative = cents < 0.0;
        double magnitude = Math.Abs(cents);
        if (magnitude >= MaxExactCents)
        {
            return Math.Round((decimal)usd, 2);
        }

        long c = (long)magnitude;
        if (c == 0)
        {
            return 0m;
        }

        byte scale = 2;
        while (scale > 0 && c % 10 == 0)
        {
            c /= 10;
            scale--;
        }

        return new decimal((int)(c & 0xFFFFFFFFL), (int)(c >> 32), 0, negative, scale);
    }

    /// <summary>
    /// <paramref name="usd"/> rounded to whole cents (half to even, as <see cref="Cents"/>) as a count of
    /// cents; false when it is not finite or too large for every cent to be exact in a double.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TryWholeCents(double usd, out long cents)
    {
        double c = Math.Round(usd * 100.0, MidpointRounding.ToEven);
        if (!double.IsFinite(c) || Math.Abs(c) >= MaxExactCents)
        {
            cents = 0;
            return false;
        }

        cents = (long)c;
        return true;
    }

    /// <summary>True when two decimals have the same representation (value and scale): a 16-byte compare
    /// for caches keyed on money amounts (equal values with different scales only miss the cache).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool SameBits(in decimal a, in decimal b) =>
        System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref System.Runtime.CompilerServices.Unsafe.As<decimal, byte>(ref System.Runtime.CompilerServices.Unsafe.AsRef(in a)))
        == System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref System.Runtime.CompilerServices.Unsafe.As<decimal, byte>(ref System.Runtime.CompilerServices.Unsafe.AsRef(in b)));
}
