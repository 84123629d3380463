namespace TomKing.Greeks.Tests.Batch;

/// <summary>
/// The size of the terms each output of the Black kernel is summed from (the same formulas with every
/// term taken in absolute value). A sum of terms of mixed sign is only determined to ~ε × this size by
/// ANY double evaluation — the scalar path included — so near a zero crossing (put theta, vanna and
/// vomma at d2 = 0, charm, the price of an option whose two terms nearly cancel) agreement is measured
/// against this size rather than against the tiny result. For single-term outputs (delta, gamma, vega,
/// BSM rho) the scale is the magnitude of the value itself, i.e. a plain relative comparison.
/// </summary>
internal readonly record struct TermScales(
    double Price,
    double Delta,
    double Gamma,
    double Vega,
    double Theta,
    double Rho,
    double Vanna,
    double Charm,
    double Vomma)
{
    public static TermScales Of(OptionChainBatch batch, int i, double sigma)
    {
        double s = batch.Underlyings[i];
        double k = batch.Strikes[i];
        double t = batch.Years[i];
        double r = batch.Rates[i];
        bool bsm = batch.Model == ChainModel.BlackScholesMerton;
        double b = bsm ? r - batch.DividendYields[i] : 0.0;
        double sqrtT = Math.Sqrt(t);
        double sigmaSqrtT = sigma * sqrtT;
        double logMoneyness = Math.Log(s / k);
        double drift = (b + (0.5 * sigma * sigma)) * t;
        double d1 = (logMoneyness + drift) / sigmaSqrtT;
        double d2 = d1 - sigmaSqrtT;
        // d1 itself is a sum (ln S/K + drift) and d2 a difference (d1 − σ√T): their magnitudes before cancellation.
        double d1Scale = (Math.Abs(logMoneyness) + Math.Abs(drift)) / sigmaSqrtT;
        double d2Scale = d1Scale + sigmaSqrtT;
        double carryDiscount = Math.Exp((b - r) * t);
        double discount = Math.Exp(-r * t);
        bool call = batch.Rights[i] == OptionRight.Call;
        double pdf1 = Normal.Pdf(d1);
        double cdf1 = Normal.Cdf(call ? d1 : -d1);
        double cdf2 = Normal.Cdf(call ? d2 : -d2);
        double sFactor = s * carryDiscount;
        double kFactor = k * discount;

        double price = (sFactor * cdf1) + (kFactor * cdf2);
        double vega = sFactor * pdf1 * sqrtT;
        double theta = (sFactor * pdf1 * sigma / (2.0 * sqrtT)) + (Math.Abs(b - r) * sFactor * cdf1) + (Math.Abs(r) * kFactor * cdf2);
        double rho = bsm ? t * kFactor * cdf2 : t * price;
        double vanna = carryDiscount * pdf1 * d2Scale / sigma;
        double charm = carryDiscount * ((pdf1 * ((Math.Abs(b) / sigmaSqrtT) + (d2Scale / (2.0 * t)))) + (Math.Abs(b - r) * cdf1));
        double vomma = vega * d1Scale * d2Scale / sigma;
        return new TermScales(
            price,
            carryDiscount * cdf1,
            carryDiscount * pdf1 / (s * sigmaSqrtT),
            vega,
            theta,
            rho,
            vanna,
            charm,
            vomma);
    }
}
