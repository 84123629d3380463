using System.Numerics;
using System.Runtime.Intrinsics;

namespace TomKing.Greeks.Tests.Core;

/// <summary>
/// The inlined exp and ln of the Black kernel (<see cref="ExpLog"/>) against the C runtime's
/// <see cref="Math.Exp"/> and <see cref="Math.Log(double)"/> (an independent implementation, correctly
/// rounded in nearly all cases), and the exp table against exact integer arithmetic.
/// </summary>
[TestFixture]
public class ExpLogTests
{
    /// <summary>Distance in units in the last place of the reference.</summary>
    private static double Ulps(double value, double reference)
    {
        if (value == reference)
        {
            return 0.0;
        }

        double ulp = Math.BitIncrement(Math.Abs(reference)) - Math.Abs(reference);
        return Math.Abs(value - reference) / ulp;
    }

    [Test]
    public void ExpTable_EveryEntry_IsTwoToTheJOver64CorrectlyRounded()
    {
        // Entry j is m·2^−52 with a 53-bit integer m; it is 2^(j/64) correctly rounded exactly when
        // (m − ½)·2^−52 ≤ 2^(j/64) ≤ (m + ½)·2^−52, i.e. (2m − 1)^64 ≤ 2^(j + 53·64) ≤ (2m + 1)^64.
        ReadOnlySpan<long> table = ExpLog.ExpTable;
        Assert.That(table.Length, Is.EqualTo(64));
        for (int j = 0; j < 64; j++)
        {
            double entry = BitConverter.Int64BitsToDouble(table[j]);
            Assert.That(entry, Is.InRange(1.0, 2.0), $"entry {j}");
            var m = new BigInteger(Math.ScaleB(entry, 52));
            BigInteger target = BigInteger.Pow(2, j + (53 * 64));
            Assert.That(BigInteger.Pow((2 * m) - 1, 64) <= target && target <= BigInteger.Pow((2 * m) + 1, 64), Is.True, $"entry {j} = {entry:R}");
        }
    }

    [Test]
    public void Exp_RandomArgumentsOverTheWholeRange_WithinTwoUlpsOfTheRuntime()
    {
        var random = new Random(20240115);
        double worst = 0.0;
        double worstAt = 0.0;
        for (int n = 0; n < 1_000_000; n++)
        {
            // Half over the full normal range, half in [−1, 1] where the tests' discount factors live.
            double x = n % 2 == 0 ? (random.NextDouble() * 1420.0) - 710.0 : (random.NextDouble() * 2.0) - 1.0;
            double ulps = Ulps(ExpLog.Exp(x), Math.Exp(x));
            if (ulps > worst)
            {
                worst = ulps;
                worstAt = x;
            }
        }

        TestContext.Out.WriteLine($"exp: worst {worst:F2} ulp at x = {worstAt:R}");
        Assert.That(worst, Is.LessThanOrEqualTo(2.0));
    }

    [TestCase(0.0)]
    [TestCase(-0.0)]
    [TestCase(1e-300)]
    [TestCase(-707.9)]
    [TestCase(707.9)]
    [TestCase(-708.0)]
    [TestCase(-745.0)]
    [TestCase(-746.0)]
    [TestCase(709.7)]
    [TestCase(710.0)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(double.NaN)]
    public void Exp_EdgeArguments_AgreeWithTheRuntime(double x)
    {
        double expected = Math.Exp(x);
        double actual = ExpLog.Exp(x);
        if (!(Math.Abs(x) < ExpLog.ExpLimit))
        {
            // Handed to the runtime (overflow, subnormal results, NaN): exactly its value.
            Assert.That(actual, Is.EqualTo(expected), $"exp({x:R})");
        }
        else
        {
            Assert.That(Ulps(actual, expected), Is.LessThanOrEqualTo(2.0), $"exp({x:R}) = {actual:R}, runtime {expected:R}");
        }
    }

    [Test]
    public void VectorExp_EveryLane_EqualsScalarExpExactly()
    {
        var random = new Random(7);
        for (int n = 0; n < 20_000; n++)
        {
            // Mostly in range; every 50th vector has one lane outside (the per-lane fallback).
            double Draw() => (random.NextDouble() * 1400.0) - 700.0;
            double a = Draw(), b = Draw(), c = Draw(), d = n % 50 == 0 ? -740.0 + random.NextDouble() : Draw();
            Vector256<double> v = ExpLog.Exp(Vector256.Create(a, b, c, d));
            Assert.That(
                (v.GetElement(0), v.GetElement(1), v.GetElement(2), v.GetElement(3)),
                Is.EqualTo((ExpLog.Exp(a), ExpLog.Exp(b), ExpLog.Exp(c), ExpLog.Exp(d))),
                $"lanes {a:R} {b:R} {c:R} {d:R}");
        }
    }

    [Test]
    public void Log_RandomArguments_WithinTwoUlpsOfTheRuntime()
    {
        var random = new Random(31);
        double worst = 0.0;
        double worstAt = 0.0;
        for (int n = 0; n < 1_000_000; n++)
        {
            // Thirds: any normal magnitude; strike/spot ratios (0.3..3); within 10^−k of 1, where the
            // result must keep its relative precision (the log-moneyness of at-the-money options).
            double x = (n % 3) switch
            {
                0 => Math.Exp((random.NextDouble() * 1400.0) - 700.0),
                1 => 0.3 + (random.NextDouble() * 2.7),
                _ => 1.0 + ((random.NextDouble() - 0.5) * Math.Pow(10.0, -random.Next(1, 16))),
            };
            double ulps = Ulps(ExpLog.Log(x), Math.Log(x));
            if (ulps > worst)
            {
                worst = ulps;
                worstAt = x;
            }
        }

        TestContext.Out.WriteLine($"log: worst {worst:F2} ulp at x = {worstAt:R}");
        Assert.That(worst, Is.LessThanOrEqualTo(2.0));
    }

    [TestCase(1.0, 0.0)]
    [TestCase(2.0, 0.69314718055994530942)]
    [TestCase(0.5, -0.69314718055994530942)]
    [TestCase(10.0, 2.3025850929940456840)]
    public void Log_KnownValues(double x, double expected) =>
        Assert.That(Ulps(ExpLog.Log(x), expected), Is.LessThanOrEqualTo(1.0), $"ln {x}");

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(4.9e-324)]
    [TestCase(2e-310)]
    [TestCase(double.MaxValue)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NaN)]
    public void Log_EdgeArguments_AgreeWithTheRuntime(double x)
    {
        double expected = Math.Log(x);
        double actual = ExpLog.Log(x);
        if (double.IsFinite(expected))
        {
            Assert.That(Ulps(actual, expected), Is.LessThanOrEqualTo(2.0), $"ln({x:R}) = {actual:R}, runtime {expected:R}");
        }
        else
        {
            Assert.That(actual, Is.EqualTo(expected), $"ln({x:R})");
        }
    }
}
