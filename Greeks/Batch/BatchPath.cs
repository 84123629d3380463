namespace TomKing.Greeks;

/// <summary>Which code path <see cref="ChainEvaluator"/> runs. <see cref="Auto"/> picks the widest
/// hardware-accelerated vector; the others force a path so tests can compare every path against the
/// scalar kernel and benchmarks can show each one (a forced vector path the CPU lacks falls back to the
/// next narrower one).</summary>
internal enum BatchPath
{
    /// <summary>Vector512 when accelerated, else Vector256 when accelerated, else scalar.</summary>
    Auto = 0,

    /// <summary>One call of the scalar kernel per option.</summary>
    Scalar = 1,

    /// <summary>Four options per step.</summary>
    Vector256 = 2,

    /// <summary>Eight options per step.</summary>
    Vector512 = 3,
}
