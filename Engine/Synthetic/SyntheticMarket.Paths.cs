namespace TomKing.Engine.Synthetic;

/// <summary>The daily and minute processes of <see cref="SyntheticMarket"/>.</summary>
public sealed partial class SyntheticMarket
{
    private const double HumpDecayMinutes = 45.0;

    private enum ShockPhase : byte
    {
        None,
        Calm,
        Ramp,
        Shock,
        Decay,
    }

    /// <summary>Daily opens, closes, volatilities and VIX for every generated day, sequentially.</summary>
    private void GenerateDaily()
    {
        var s = Settings;
        int nd = _dates.Length;
        int nf = _factors.Length;
        double dt = 1.0 / TradingDaysPerYear;
        double sqrtDt = Math.Sqrt(dt);
        double sOn = Math.Sqrt(s.OvernightVarianceShare);
        double sId = Math.Sqrt(1.0 - s.OvernightVarianceShare);
        double lnTheta = Math.Log(s.LongRunVix);
        double lnMin = Math.Log(s.MinVix);
        double lnMax = Math.Log(s.MaxVix);
        double rhoV = s.SpotVixCorrelation;
        double rhoVc = Math.Sqrt(1.0 - (rhoV * rhoV));
        double eta = s.VixVolatility * sqrtDt;
        double jumpProbability = s.VixJumpsPerYear / TradingDaysPerYear;
        double multKeep = Math.Exp(-s.FactorVolatilityReversion * dt);
        double multShock = s.FactorVolatilityOfVolatility * sqrtDt;

        var level = new double[nf];
        var lnMult = new double[nf];
        var zOn = new double[nf];
        var zId = new double[nf];
        var jumpReturn = new double[nf];
        var sigma = new double[nf];
        for (int f = 0; f < nf; f++)
        {
            level[f] = _factors[f].StartLevel;
        }

        double lnVix = Math.Clamp(Math.Log(s.InitialVix), lnMin, lnMax);
        for (int d = 0; d < nd; d++)
        {
            int dn = _dates[d].DayNumber;
            double vixPrev = Math.Exp(lnVix);
            var phase = PhaseOf(d, out var shock, out int offset);

            double zo = CounterRandom.Normal(Seed, _factorStream[0], dn, 0);
            double zi = CounterRandom.Normal(Seed, _factorStream[0], dn, 1);
            bool jump = phase == ShockPhase.None && CounterRandom.Uniform(Seed, JumpStream, dn, 0) < jumpProbability;
            double jumpSize = jump ? -s.VixJumpMean * Math.Log(CounterRandom.Uniform(Seed, JumpStream, dn, 1)) : 0.0;

            for (int f = 0; f < nf; f++)
            {
                if (f > 0)
                {
                    lnMult[f] = (lnMult[f] * multKeep) + (multShock * CounterRandom.Normal(Seed, _factorStream[f] ^ MultiplierSalt, dn, 0));
                }

                double mult = Math.Exp(lnMult[f]);
                _volMultiplier[(f * nd) + d] = mult;
                sigma[f] = s.RealizedToImplied * Atm30(f, vixPrev, mult) * sqrtDt;
            }

            // SPX forced moves on ramp and shock days; the implied shocks keep other factors correlated.
            double forcedGap = double.NaN;
            double forcedReturn = double.NaN;
            if (phase == ShockPhase.Ramp)
            {
                forcedReturn = shock!.RampSpxReturn;
                forcedGap = 0.3 * forcedReturn;
            }
            else if (phase == ShockPhase.Shock)
            {
                forcedGap = shock!.SpxOpenGap;
                forcedReturn = shock.SpxCloseReturn;
            }

            if (!double.IsNaN(forcedReturn))
            {
                zo = Math.Log(1.0 + forcedGap) / (sigma[0] * sOn);
                zi = (Math.Log(1.0 + forcedReturn) - Math.Log(1.0 + forcedGap)) / (sigma[0] * sId);
            }

            for (int f = 0; f < nf; f++)
            {
                var factor = _factors[f];
                if (f == 0)
                {
                    zOn[0] = zo;
                    zId[0] = zi;
                    jumpReturn[0] = jump ? s.SpxReturnPerVixJump * jumpSize / s.VixJumpMean : 0.0;
                }
                else
                {
                    int p = _parent[f];
                    double r = factor.CorrelationToParent;
                    double c = Math.Sqrt(1.0 - (r * r));
                    zOn[f] = (r * zOn[p]) + (c * CounterRandom.Normal(Seed, _factorStream[f], dn, 0));
                    zId[f] = (r * zId[p]) + (c * CounterRandom.Normal(Seed, _factorStream[f], dn, 1));
                    jumpReturn[f] = r * jumpReturn[p] * sigma[f] / sigma[p];
                }

                double lnPrev = Math.Log(level[f]);
                double lnOpen = lnPrev + (sigma[f] * sOn * zOn[f]);
                double lnClose = lnOpen + (factor.DriftPerYear * dt) - (0.5 * sigma[f] * sigma[f]) + (sigma[f] * sId * zId[f]) + jumpReturn[f];
                if (f == 0 && !double.IsNaN(forcedReturn))
                {
                    lnOpen = lnPrev + Math.Log(1.0 + forcedGap);
                    lnClose = lnPrev + Math.Log(1.0 + forcedReturn);
                }

                int k = (f * nd) + d;
                _open[k] = Math.Exp(lnOpen);
                _close[k] = Math.Exp(lnClose);
                _sigmaIntraday[k] = sigma[f] * sId;
                level[f] = _close[k];
            }

            double zvOn = (rhoV * zOn[0]) + (rhoVc * CounterRandom.Normal(Seed, VixStream, dn, 0));
            double zvId = (rhoV * zId[0]) + (rhoVc * CounterRandom.Normal(Seed, VixStream, dn, 1));
            double lnVixOpen = lnVix + (eta * sOn * zvOn);
            double lnVixClose = phase switch
            {
                ShockPhase.Calm => lnVixOpen + ((Math.Log(shock!.CalmVix) - lnVixOpen) * (1.0 - Math.Pow(2.0, -0.5))) + (0.5 * eta * sId * zvId),
                ShockPhase.Ramp => lnVix + ((Math.Log(shock!.RampVix) - lnVix) / (shock.RampDays - offset + 1)),
                ShockPhase.Shock => Math.Log(shock!.CloseVix),
                ShockPhase.Decay => lnVixOpen + ((Math.Log(shock!.CalmVix) - lnVixOpen) * (1.0 - Math.Pow(2.0, -1.0 / shock.DecayHalfLifeDays))) + (0.5 * eta * sId * zvId),
                _ => lnVixOpen + (s.VixMeanReversion * (lnTheta - lnVix) * dt) + (eta * sId * zvId) + jumpSize,
            };
            if (phase == ShockPhase.Ramp)
            {
                lnVixOpen = lnVix + (0.3 * (lnVixClose - lnVix));
            }
            else if (phase == ShockPhase.Shock)
            {
                lnVixOpen = Math.Log(shock!.OpenVix);
            }

            lnVixOpen = Math.Clamp(lnVixOpen, lnMin, lnMax);
            lnVixClose = Math.Clamp(lnVixClose, lnMin, lnMax);
            _vixOpen[d] = Math.Exp(lnVixOpen);
            _vixClose[d] = Math.Exp(lnVixClose);
            _vixSigmaIntraday[d] = eta * sId;
            lnVix = lnVixClose;
        }
    }

    /// <summary>Where a day sits relative to a scheduled shock: the 10 calm days, the ramp (offset 1..RampDays),
    /// the shock day, then 15 decay days.</summary>
    private ShockPhase PhaseOf(int d, out VolatilityShock? shock, out int offset)
    {
        foreach (var (s, day) in _shocks)
        {
            int o = d - day;
            if (o >= -(s.RampDays + 10) && o <= 15)
            {
                shock = s;
                offset = o + s.RampDays + 1;
                return o switch
                {
                    0 => ShockPhase.Shock,
                    > 0 => ShockPhase.Decay,
                    _ when o >= -s.RampDays => ShockPhase.Ramp,
                    _ => ShockPhase.Calm,
                };
            }
        }

        shock = null;
        offset = 0;
        return ShockPhase.None;
    }

    /// <summary>Generates the minute log-paths of every factor and of VIX for one day (cached for that day).</summary>
    private void EnsureDay(int d)
    {
        if (_cachedDay == d)
        {
            return;
        }

        int nd = _dates.Length;
        int nf = _factors.Length;
        int n = _sessionMinutes[d];
        int dn = _dates[d].DayNumber;
        double invN = 1.0 / n;
        double perMinute = Math.Sqrt(invN);
        var z = _dayZ;
        var lg = _dayLog;
        var phase = PhaseOf(d, out var shock, out _);
        bool shockDay = phase == ShockPhase.Shock;

        for (int f = 0; f < nf; f++)
        {
            int row = f * MinuteStride;
            int p = _parent[f];
            double r = _factors[f].CorrelationToParent;
            double c = Math.Sqrt(1.0 - (r * r));
            int k = (f * nd) + d;
            double sigmaMinute = _sigmaIntraday[k] * perMinute;
            ulong stream = _factorMinuteStream[f];
            double w = 0.0;
            lg[row] = 0.0;
            for (int m = 1; m <= n; m++)
            {
                double e = CounterRandom.Normal(Seed, stream, dn, m);
                double zz = p < 0 ? e : (r * z[(p * MinuteStride) + m]) + (c * e);
                z[row + m] = zz;
                w += sigmaMinute * zz;
                lg[row + m] = w;
            }

            _humpAmplitude[f] = !shockDay ? 0.0
                : p < 0 ? shock!.SpxIntradayDip
                : r * _humpAmplitude[p] * _sigmaIntraday[k] / _sigmaIntraday[(p * nd) + d];
            Bridge(lg.AsSpan(row, n + 1), Math.Log(_open[k]), Math.Log(_close[k]), shockDay ? shock!.PeakMinute : 0, _humpAmplitude[f]);
        }

        int vrow = nf * MinuteStride;
        double rhoV = Settings.SpotVixCorrelation;
        double rhoVc = Math.Sqrt(1.0 - (rhoV * rhoV));
        double vixMinute = _vixSigmaIntraday[d] * perMinute;
        ulong vixMinuteStream = CounterRandom.Mix(VixStream ^ MinuteSalt);
        double wv = 0.0;
        lg[vrow] = 0.0;
        for (int m = 1; m <= n; m++)
        {
            double zz = (rhoV * z[m]) + (rhoVc * CounterRandom.Normal(Seed, vixMinuteStream, dn, m));
            wv += vixMinute * zz;
            lg[vrow + m] = wv;
        }

        double lnVo = Math.Log(_vixOpen[d]);
        double lnVc = Math.Log(_vixClose[d]);
        double hump = 0.0;
        int peak = 0;
        if (shockDay)
        {
            peak = Math.Clamp(shock!.PeakMinute, 1, n - 1);
            double frac = peak * invN;
            double atPeak = lnVo + (frac * (lnVc - lnVo)) + lg[vrow + peak] - (frac * lg[vrow + n]);
            hump = Math.Log(shock.PeakVix) - atPeak;
        }

        Bridge(lg.AsSpan(vrow, n + 1), lnVo, lnVc, peak, hump);
        _cachedDay = d;
    }

    /// <summary>Turns a walk (w[0] = 0) into a Brownian bridge from lnOpen to lnClose, plus an optional hump that
    /// rises linearly to <paramref name="amplitude"/> at <paramref name="peak"/> and decays to zero by the close.</summary>
    private static void Bridge(Span<double> w, double lnOpen, double lnClose, int peak, double amplitude)
    {
        int n = w.Length - 1;
        double wn = w[n];
        double tail = peak > 0 ? Math.Exp(-(n - peak) / HumpDecayMinutes) : 0.0;
        for (int m = 0; m <= n; m++)
        {
            double frac = (double)m / n;
            double v = lnOpen + (frac * (lnClose - lnOpen)) + w[m] - (frac * wn);
            if (peak > 0 && amplitude != 0.0)
            {
                double shape = m <= peak ? (double)m / peak : (Math.Exp(-(m - peak) / HumpDecayMinutes) - tail) / (1.0 - tail);
                v += amplitude * shape;
            }

            w[m] = v;
        }
    }

    /// <summary>A factor's level at (day, minute); the open and close are exact.</summary>
    private double FactorLevel(int f, int d, int m)
    {
        int k = (f * _dates.Length) + d;
        if (m <= 0)
        {
            return _open[k];
        }

        if (m >= _sessionMinutes[d])
        {
            return _close[k];
        }

        EnsureDay(d);
        return Math.Exp(_dayLog[(f * MinuteStride) + m]);
    }

    private double VixAt(int d, int m)
    {
        if (m <= 0)
        {
            return _vixOpen[d];
        }

        if (m >= _sessionMinutes[d])
        {
            return _vixClose[d];
        }

        EnsureDay(d);
        return Math.Exp(_dayLog[(_factors.Length * MinuteStride) + m]);
    }

    /// <summary>30-day ATM implied volatility of a factor at a VIX level and own-volatility multiplier.</summary>
    private double Atm30(int f, double vix, double multiplier)
    {
        var factor = _factors[f];
        return factor.BaseVolatility * Math.Pow(vix / Settings.LongRunVix, factor.VixElasticity) * multiplier;
    }

    /// <summary>The own-volatility multiplier in force during day d (set at the previous close).</summary>
    private double MultiplierBefore(int f, int d) => _volMultiplier[(f * _dates.Length) + Math.Max(d - 1, 0)];

    /// <summary>A product's price at (day, minute).</summary>
    private double ProductPrice(int p, int d, int m)
    {
        var product = _products[p];
        double level = FactorLevel(_productFactor[p], d, m) * product.Scale;
        var date = _dates[d];
        return product.Kind switch
        {
            SyntheticProductKind.Etf => level * (1.0 + (product.DividendYield * (date.DayNumber - PreviousQuarterlyExDate(date).DayNumber) / 365.0)),
            SyntheticProductKind.EquityIndexFuture => level * Math.Exp((Settings.RiskFreeRate - product.DividendYield) * (FrontQuarterly(date).DayNumber - date.DayNumber) / 365.0),
            _ => level,
        };
    }

    /// <summary>The last quarterly ETF ex-dividend date on or before a date (third Friday of Mar/Jun/Sep/Dec).</summary>
    private static DateOnly PreviousQuarterlyExDate(DateOnly date)
    {
        int month = date.Month - ((date.Month - 3 + 12) % 3);
        int year = date.Year;
        var candidate = month >= 1 ? NyseCalendar.ThirdFriday(year, month) : NyseCalendar.ThirdFriday(year - 1, 12);
        if (candidate > date)
        {
            month -= 3;
            candidate = month >= 1 ? NyseCalendar.ThirdFriday(year, month) : NyseCalendar.ThirdFriday(year - 1, month + 12);
        }

        return candidate;
    }

    /// <summary>The front quarterly equity-index future's expiry (third Friday of Mar/Jun/Sep/Dec), rolled 8 days before it.</summary>
    private static DateOnly FrontQuarterly(DateOnly date) => QuarterlyOnOrAfter(date.AddDays(8));

    /// <summary>The first quarterly third Friday on or after a date.</summary>
    private static DateOnly QuarterlyOnOrAfter(DateOnly date)
    {
        int year = date.Year;
        int month = date.Month + ((3 - (date.Month % 3)) % 3);
        var candidate = NyseCalendar.ThirdFriday(year, month);
        if (candidate < date)
        {
            month += 3;
            if (month > 12)
            {
                month -= 12;
                year++;
            }

            candidate = NyseCalendar.ThirdFriday(year, month);
        }

        return candidate;
    }
}
