using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TomKing.Greeks;

namespace TomKing.Cli.Commands;

/// <summary><c>tomking price</c>: one option's value and Greeks, or its implied volatility from a price.</summary>
internal static class PriceCommand
{
    public static Command Create()
    {
        var right = new Option<string>("--right") { Description = "call or put", DefaultValueFactory = _ => "put" };
        var underlying = new Option<double>("--underlying") { Description = "Spot (bsm, american) or futures/forward price (black76)", DefaultValueFactory = _ => 3800 };
        var strike = new Option<double>("--strike") { Description = "Strike", DefaultValueFactory = _ => 3740 };
        var at = new Option<string>("--at") { Description = "Valuation time, US/Eastern, \"yyyy-MM-dd HH:mm\"", DefaultValueFactory = _ => "2021-01-08 10:30" };
        var expiry = new Option<string>("--expiry") { Description = "Expiry date yyyy-MM-dd", DefaultValueFactory = _ => "2021-01-08" };
        var settlement = new Option<string>("--settlement") { Description = "pm (16:00 ET: SPXW, equity options) or am (09:30 ET open: monthly SPX)", DefaultValueFactory = _ => "pm" };
        var vol = new Option<double?>("--vol") { Description = "Volatility (0.20 = 20 %) to price with" };
        var price = new Option<double?>("--price") { Description = "Market price to solve the implied volatility from (instead of --vol)" };
        var rate = new Option<double>("--rate") { Description = "Continuously compounded rate", DefaultValueFactory = _ => 0.001 };
        var dividend = new Option<double>("--dividend-yield") { Description = "Continuous dividend yield (bsm, american)", DefaultValueFactory = _ => 0.0 };
        var model = new Option<string>("--model") { Description = "bsm (European on spot), black76 (European on a forward/future), american (early exercise on spot)", DefaultValueFactory = _ => "bsm" };

        var command = new Command("price", "Value one option with all Greeks, or solve its implied volatility from --price.")
        {
            right, underlying, strike, at, expiry, settlement, vol, price, rate, dividend, model,
        };
        command.SetAction(parse =>
        {
            OptionRight r = ParseRight(parse.GetValue(right)!);
            DateTime now = ParseTime(parse.GetValue(at)!);
            DateOnly exp = ParseDate(parse.GetValue(expiry)!);
            SettlementStyle style = parse.GetValue(settlement)?.ToLowerInvariant() switch
            {
                "pm" => SettlementStyle.PmClose,
                "am" => SettlementStyle.AmOpen,
                var other => throw new UserInputException($"--settlement '{other}': use pm or am."),
            };
            double s = Positive(parse.GetValue(underlying), "--underlying");
            double k = Positive(parse.GetValue(strike), "--strike");
            double t = ExpiryTime.YearsToExpiry(now, exp, style);
            if (!(t > 0))
            {
                throw new UserInputException($"the option has expired: {now:yyyy-MM-dd HH:mm} ET is after its settlement on {exp:yyyy-MM-dd} ({style}).");
            }

            double rr = parse.GetValue(rate);
            double q = parse.GetValue(dividend);
            string m = parse.GetValue(model)!.ToLowerInvariant();
            double? v = parse.GetValue(vol);
            double? p = parse.GetValue(price);
            if (v is null == p is null)
            {
                throw new UserInputException("give exactly one of --vol (to price) or --price (to solve the implied volatility).");
            }

            double sigma;
            string ivNote = string.Empty;
            if (p is double marketPrice)
            {
                ImpliedVolatilityResult iv = m switch
                {
                    "bsm" => ImpliedVolatility.FromSpot(r, marketPrice, s, k, t, rr, q),
                    "black76" => ImpliedVolatility.FromForward(r, marketPrice, s, k, t, Math.Exp(-rr * t)),
                    "american" => AmericanImpliedVolatility(r, marketPrice, s, k, t, rr, q),
                    _ => throw new UserInputException($"--model '{m}': use bsm, black76 or american."),
                };
                if (!iv.IsSolved)
                {
                    throw new UserInputException($"no implied volatility for price {marketPrice}: {Describe(iv.Status)}.");
                }

                sigma = iv.Volatility;
                ivNote = $" (implied from price {marketPrice.ToString(CultureInfo.InvariantCulture)} in {iv.Iterations} iterations)";
            }
            else
            {
                sigma = Positive(v!.Value, "--vol");
            }

            OptionGreeks g = m switch
            {
                "bsm" => BlackScholesMerton.Evaluate(r, s, k, t, rr, q, sigma),
                "black76" => Black76.Evaluate(r, s, k, t, rr, sigma),
                "american" => AmericanEvaluate(r, s, k, t, rr, q, sigma),
                _ => throw new UserInputException($"--model '{m}': use bsm, black76 or american."),
            };

            var table = new Table().AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
            table.Title = new TableTitle($"{m.ToUpperInvariant()} {r} K={k.ToString(CultureInfo.InvariantCulture)} exp {exp:yyyy-MM-dd} at {now:yyyy-MM-dd HH:mm} ET");
            void Row(string name, double value, string format = "G10") => table.AddRow(name, value.ToString(format, CultureInfo.InvariantCulture));
            Row("time to expiry (hours)", t * 365 * 24, "F4");
            Row("volatility" + ivNote, sigma);
            Row("price", g.Price);
            Row("delta", g.Delta);
            Row("gamma", g.Gamma);
            Row("vega (per 1.00 vol)", g.Vega);
            Row("theta (per day)", g.ThetaPerDay);
            Row("rho", g.Rho);
            Row("vanna", g.Vanna);
            Row("charm (per day)", g.CharmPerDay);
            Row("vomma", g.Vomma);
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    internal static OptionRight ParseRight(string text) => text.ToLowerInvariant() switch
    {
        "call" or "c" => OptionRight.Call,
        "put" or "p" => OptionRight.Put,
        _ => throw new UserInputException($"--right '{text}': use call or put."),
    };

    internal static DateTime ParseTime(string text) =>
        DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime value)
            ? value
            : throw new UserInputException($"time '{text}': expected \"yyyy-MM-dd HH:mm\" in US/Eastern, e.g. \"2021-01-08 10:30\".");

    internal static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly value)
            ? value
            : throw new UserInputException($"date '{text}': expected yyyy-MM-dd, e.g. 2021-01-08.");

    private static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new UserInputException($"{name} must be a positive number (got {value.ToString(CultureInfo.InvariantCulture)}).");

    private static string Describe(ImpliedVolatilityStatus status) => status switch
    {
        ImpliedVolatilityStatus.BelowIntrinsic => "the price is below the discounted intrinsic value (an arbitrage)",
        ImpliedVolatilityStatus.AboveMaximum => "the price is at or above the no-arbitrage maximum",
        ImpliedVolatilityStatus.InvalidInput => "an input is not a finite positive number",
        _ => "the solver did not converge",
    };

    private static ImpliedVolatilityResult AmericanImpliedVolatility(OptionRight r, double price, double s, double k, double t, double rate, double q) =>
        AmericanOption.ImpliedVolatility(r, price, s, k, t, rate, q);

    private static OptionGreeks AmericanEvaluate(OptionRight r, double s, double k, double t, double rate, double q, double sigma) =>
        AmericanOption.Evaluate(r, s, k, t, rate, q, sigma);
}
