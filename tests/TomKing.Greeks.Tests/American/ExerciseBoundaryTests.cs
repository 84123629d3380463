namespace TomKing.Greeks.Tests.American;

[TestFixture]
public class ExerciseBoundaryTests
{
    [TestCase(0.05, 0.0, 0.3, 1.0)]
    [TestCase(0.05, 0.03, 0.3, 1.0)]
    [TestCase(0.03, 0.05, 0.2, 2.0)]
    [TestCase(0.05, 0.05, 0.8, 2.0)]
    [TestCase(0.05, 0.0, 0.1, 7.0 / 365.0)]
    public void SolvePut_TypicalInputs_ConvergesInFewIterations(double r, double q, double sigma, double t)
    {
        Span<double> boundary = stackalloc double[ExerciseBoundary.Points];
        double lnX = ExerciseBoundary.SolvePut(r, q, sigma, t, boundary, out int iterations);
        TestContext.Out.WriteLine($"iterations {iterations}; b(T) = {Math.Exp(lnX + boundary[ExerciseBoundary.Intervals]):R}");
        Assert.That(iterations, Is.LessThan(ExerciseBoundary.MaxIterations));
    }
}
