namespace TomKing.Engine.Synthetic;

/// <summary>
/// Counter-based random numbers: every draw is a pure hash of (seed, stream, day, index), so any
/// minute of any day can be generated on its own, in any order, with the same result. Streams are
/// keyed by a stable hash of the instrument name, so adding an instrument never shifts another's draws.
/// </summary>
internal static class CounterRandom
{
    private const double TwoPi = 2.0 * Math.PI;

    /// <summary>SplitMix64's finalizer: a bijective avalanche mix of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A stable 64-bit FNV-1a hash of a name (never string.GetHashCode, which is randomized per process).</summary>
    public static ulong StreamOf(string name)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (char c in name)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }

        return h;
    }

    /// <summary>The key of one draw.</summary>
    public static ulong Key(ulong seed, ulong stream, int day, int index) =>
        Mix(Mix(Mix(seed ^ stream) + (ulong)(uint)day) + (ulong)(uint)index);

    /// <summary>A uniform in the open interval (0, 1) from 53 bits of a key.</summary>
    public static double Uniform(ulong key) => ((key >> 11) + 0.5) * (1.0 / 9007199254740992.0);

    /// <summary>A standard normal draw (Box–Muller on two uniforms derived from the key).</summary>
    public static double Normal(ulong seed, ulong stream, int day, int index)
    {
        ulong k = Key(seed, stream, day, index);
        double u1 = Uniform(k);
        double u2 = Uniform(Mix(k));
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(TwoPi * u2);
    }

    /// <summary>A uniform draw on (0, 1).</summary>
    public static double Uniform(ulong seed, ulong stream, int day, int index) => Uniform(Key(seed, stream, day, index));
}
