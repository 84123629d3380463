using System.Globalization;
using System.Reflection;
using System.Text;

namespace TomKing.Greeks.Tests.RealData;

/// <summary>
/// Implied vols for every two-sided AAPL 2014 daily option quote in ../shared/data/lean
/// (option/usa/daily/aapl_2014_quote_american.zip).
/// </summary>
/// <remarks>
/// <para>The file holds one end-of-day row per contract: 2014-06-06 (the last day before the 7:1 split,
/// pre-split strikes such as 645) and 2014-06-09 (the first day after it, post-split strikes such as
/// 92.14). Strikes are used as listed and the spot is the raw (unadjusted) AAPL daily close of the
/// same date from equity/usa/daily/aapl.zip (645.57 and 93.70), so both sides are on the same share
/// basis.</para>
/// <para>Inputs: now = 16:00 ET on the quote date; expiry = the last trading day (2014 monthly
/// expiries are dated Saturday, settlement is on the Friday close, so Saturday → Friday 16:00 ET);
/// rate 0.2 % (T-bills ≈0.03–0.1 %, 2-year ≈0.4 % in June 2014, for expiries of a week to 19 months).
/// Dividends: the known cash dividends between the quote and the expiry — 0.47 per post-split share
/// ex 2014-08-07, 2014-11-06, 2015-02-05, 0.52 ex 2015-05-07, 2015-08-06, 2015-11-05 (read off
/// equity/usa/factor_files/aapl.csv: each drop of the price factor is dividend/reference price), ×7
/// per pre-split share — turned into the equivalent continuous yield for that expiry,
/// q = −ln(1 − PV(dividends)/S)/T, so that <see cref="ImpliedVolatility.FromSpot"/> sees the right
/// forward S·e^((r − q)T).</para>
/// <para>These are American options: the European (BSM) implied vol is the convergence test, and a
/// European failure is checked against the European bounds of those inputs. An early-exercise premium
/// can push a deep in-the-money put above the European maximum D·K (an American put is worth at least
/// K − S) — such quotes are legitimately outside the European bounds, which is what the check
/// verifies. When <c>TomKing.Greeks.AmericanOption.ImpliedVolatility</c> is present, it is run on the
/// same put quotes (puts are where early exercise matters; calls would double the run time) and its
/// outcomes are reported (not asserted: that solver is owned elsewhere).</para>
/// </remarks>
[TestFixture]
[Category("RealData")]
public class AaplImpliedVolatilityTests
{
    private const double Rate = 0.002;

    /// <summary>Floor on the European solved share. Measured 3,860 of 4,045 = 95.43 %; the 185 failures
    /// are all BelowIntrinsic (157 calls, 28 puts): deep in-the-money mids a few cents under the
    /// European bound D·|F − K| — e.g. the 2014-07-19 235 call at 410.575 against S − D·K = 410.624 —
    /// within end-of-day timing noise between the option and stock closes and sensitive to the assumed
    /// rate; for puts the European bound D·K − S·e^(−qT) exceeds the American floor K − S when q·S &gt; r·K.
    /// The floor sits just under the measurement.</summary>
    private const double SolvedShareFloor = 0.94;

    private static readonly (DateOnly ExDate, double PostSplitAmount)[] Dividends =
    [
        (new DateOnly(2014, 8, 7), 0.47), (new DateOnly(2014, 11, 6), 0.47), (new DateOnly(2015, 2, 5), 0.47),
        (new DateOnly(2015, 5, 7), 0.52), (new DateOnly(2015, 8, 6), 0.52), (new DateOnly(2015, 11, 5), 0.52),
    ];

    private static readonly DateOnly FirstPostSplitDay = new(2014, 6, 9);

    [Test]
    public void FromSpot_EveryTwoSidedAaplQuote_SolvesOrIsAGenuineEuropeanArbitrage()
    {
        string data = TestPaths.RequireLeanData();
        var quotes = LeanQuoteFiles.ReadOptionQuotes(Path.Combine(data, "option", "usa", "daily", "aapl_2014_quote_american.zip"));
        var closes = LeanQuoteFiles.ReadDailyCloses(Path.Combine(data, "equity", "usa", "daily", "aapl.zip"));
        var american = FindAmericanSolver();
        var americanCounts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var americanNotes = new List<string>();

        var tally = new IvTally();
        foreach (var q in quotes)
        {
            if (!q.IsTwoSided)
            {
                continue;
            }

            tally.CountTwoSided();
            var now = q.Date.ToDateTime(new TimeOnly(16, 0));
            var lastTradingDay = q.Expiry.DayOfWeek == DayOfWeek.Saturday ? q.Expiry.AddDays(-1) : q.Expiry;
            double years = ExpiryTime.YearsToExpiry(now, lastTradingDay, SettlementStyle.PmClose);
            if (!(years > 0.0))
            {
                tally.CountExpired();
                continue;
            }

            if (!closes.TryGetValue(q.Date, out double spot))
            {
                tally.CountNoForward();
                continue;
            }

            double dividendYield = EquivalentDividendYield(spot, now, lastTradingDay, years, q.Date < FirstPostSplitDay ? 7.0 : 1.0);
            double discount = Math.Exp(-Rate * years);
            double forward = spot * Math.Exp((Rate - dividendYield) * years);
            var result = ImpliedVolatility.FromSpot(q.Right, q.Mid, spot, q.Strike, years, Rate, dividendYield);
            tally.Record(result, q.Right, q.Mid, forward, q.Strike, years, Rate, discount,
                string.Create(CultureInfo.InvariantCulture, $"{q.Date:yyyy-MM-dd} exp {q.Expiry:yyyy-MM-dd} S={spot} q={dividendYield:F5} bid={q.Bid} ask={q.Ask}"));

            if (american is not null && q.Right == OptionRight.Put)
            {
                var a = (ImpliedVolatilityResult)american.Invoke(null, [q.Right, q.Mid, spot, q.Strike, years, Rate, dividendYield])!;
                string key = $"{q.Right} {a.Status}";
                americanCounts[key] = americanCounts.GetValueOrDefault(key) + 1;

                // An American put is worth at least max(K − S, D·K − S·e^(−qT)).
                double americanFloor = Math.Max(q.Strike - spot, (discount * q.Strike) - (spot * Math.Exp(-dividendYield * years)));
                if (!a.IsSolved && !(q.Mid < americanFloor) && americanNotes.Count < 10)
                {
                    americanNotes.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{a.Status}: {q.Right} price={q.Mid:R} S={spot:R} K={q.Strike:R} T={years:R} r={Rate} q={dividendYield:R} (European: {result.Status})"));
                }
            }
        }

        var report = new StringBuilder(tally.Report("AAPL 2014 daily quotes (2014-06-06 and 2014-06-09), European BSM implied vol"));
        if (american is null)
        {
            report.AppendLine("  AmericanOption.ImpliedVolatility: not available in this build");
        }
        else
        {
            report.AppendLine("  AmericanOption.ImpliedVolatility on the same put quotes (T > 0):");
            foreach (var (key, count) in americanCounts)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"    {key,-28} {count,6}");
            }

            foreach (string note in americanNotes)
            {
                report.AppendLine("    not solved although above the American floor: " + note);
            }
        }

        TestContext.Out.WriteLine(report.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(tally.TwoSided, Is.GreaterThan(3_000), "the data set was read");
            Assert.That(tally.NoForward, Is.Zero, "every quote date has an AAPL close");
            Assert.That(tally.Violations, Is.Empty, "every failure a genuine European arbitrage, every solution reprices the mid");
            Assert.That(tally.Other, Is.Zero);
            Assert.That(tally.SolvedShare, Is.GreaterThanOrEqualTo(SolvedShareFloor));
        });
    }

    /// <summary>Continuous yield with the same present value of dividends as the cash dividends paid
    /// (ex-date) after <paramref name="now"/> and on or before the expiry.</summary>
    private static double EquivalentDividendYield(double spot, DateTime now, DateOnly expiry, double years, double sharesPerPostSplitShare)
    {
        double presentValue = 0.0;
        foreach (var (exDate, amount) in Dividends)
        {
            var exInstant = exDate.ToDateTime(new TimeOnly(9, 30));
            if (exInstant > now && exDate <= expiry)
            {
                presentValue += amount * sharesPerPostSplitShare * Math.Exp(-Rate * ExpiryTime.YearsBetween(now, exInstant));
            }
        }

        return presentValue > 0.0 ? -Math.Log(1.0 - (presentValue / spot)) / years : 0.0;
    }

    /// <summary>The American implied-vol solver if this build has it (it is written concurrently elsewhere;
    /// found by reflection so this test does not depend on its presence).</summary>
    private static MethodInfo? FindAmericanSolver() =>
        typeof(ImpliedVolatility).Assembly.GetType("TomKing.Greeks.AmericanOption")?.GetMethod(
            "ImpliedVolatility",
            BindingFlags.Public | BindingFlags.Static,
            [typeof(OptionRight), typeof(double), typeof(double), typeof(double), typeof(double), typeof(double), typeof(double)]);
}
