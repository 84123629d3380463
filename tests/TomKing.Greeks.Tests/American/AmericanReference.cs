using System.Globalization;

namespace TomKing.Greeks.Tests.American;

/// <summary>One row of TestData/quantlib/american.csv (tools/quantlib/gen_american_reference.py).</summary>
internal sealed record AmericanReference(
    bool OnFuture, OptionRight Right, double S, double K, double T, double R, double Q, double Sigma,
    double Lattice, double LatticeDelta, double LatticeGamma, double LatticeTheta, double Fd,
    double Qdfp, double QdfpVega, double QdfpRho, double European)
{
    public static IReadOnlyList<AmericanReference> Load()
    {
        var rows = new List<AmericanReference>();
        foreach (string line in File.ReadLines(TestPaths.TestData("quantlib", "american.csv")).Skip(1))
        {
            string[] c = line.Split(',');
            double D(int i) => double.Parse(c[i], CultureInfo.InvariantCulture);
            rows.Add(new AmericanReference(
                c[0] == "future", c[1] == "call" ? OptionRight.Call : OptionRight.Put,
                D(2), D(3), D(4), D(5), D(6), D(7), D(8), D(9), D(10), D(11), D(12), D(13), D(14), D(15), D(16)));
        }

        return rows;
    }

    public double Price() => OnFuture
        ? AmericanOption.PriceOnFuture(Right, S, K, T, R, Sigma)
        : AmericanOption.Price(Right, S, K, T, R, Q, Sigma);

    public OptionGreeks Evaluate() => OnFuture
        ? AmericanOption.EvaluateOnFuture(Right, S, K, T, R, Sigma)
        : AmericanOption.Evaluate(Right, S, K, T, R, Q, Sigma);

    public override string ToString() =>
        FormattableString.Invariant($"{(OnFuture ? "future" : "spot")} {Right} S={S} K={K} T={T:G6} r={R} q={Q} σ={Sigma}");
}
