using FsCheck;
using FsCheck.Fluent;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Risk.Rules;
using TomKing.Algorithm.Strategies;
using TomKing.Greeks;
using static TomKing.Algorithm.Tests.Risk.RiskScenario;

namespace TomKing.Algorithm.Tests.Risk;

/// <summary>
/// The risk engine's fast paths pinned against the straightforward computations they replace: P-1's
/// whole-cent ceiling test against the decimal one, the margin model's cents path (legs resolved once
/// by the check, strikes as doubles, no decimal arithmetic) against its generic decimal path, the
/// check's reuse of a leg's strike index against a fresh resolution, and the P-5/P-6 caches against
/// a portfolio that changes between checks.
/// </summary>
public sealed class RiskFastPathTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(2_000);

    /// <summary>The decimal computation P-1 used before (and still uses for other buying-power models).</summary>
    private static int AllowDecimal(int requested, decimal perUnit, decimal room)
    {
        if (perUnit <= 0m)
        {
            return room > 0m ? requested : 0;
        }

        if (room <= 0m)
        {
            return 0;
        }

        if (requested * perUnit < room)
        {
            return requested;
        }

        decimal fit = Math.Floor(room / perUnit);
        if (fit * perUnit >= room)
        {
            fit -= 1m;
        }

        return fit >= requested ? requested : (int)Math.Max(fit, 0m);
    }

    [Test]
    public void AllowCents_EqualsTheDecimalCeilingTest_P1()
    {
        // Rooms with fractions of a cent (fraction × net liq), requirements in whole cents, at and around
        // the exact multiples where "strictly under the ceiling" matters.
        var gen =
            from requested in Gen.Choose(1, 40)
            from perUnitCents in Gen.Choose(-5, 2_000_000)
            from roomMills in Gen.Choose(-2_000_000, 200_000_000)
            from onMultiple in Gen.Elements(false, true)
            from offset in Gen.Choose(-1, 1)
            select (requested, (long)perUnitCents, roomMills, onMultiple, offset);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (requested, perUnitCents, roomMills, onMultiple, offset) = t;
            // room in USD with three decimals (a tenth of a cent); on a multiple: exactly n units' worth ± 1 mill
            decimal room = onMultiple && perUnitCents > 0
                ? (perUnitCents * (1 + (roomMills % 30)) / 100m) + (offset / 1000m)
                : roomMills / 1000m;
            long ceiling = (long)decimal.Ceiling(room * 100m);
            int fast = BuyingPowerCeilingRule.AllowCents(requested, perUnitCents, ceiling, otherInExtreme: false, out _);
            int reference = AllowDecimal(requested, perUnitCents / 100m, room);
            Assert.That(fast, Is.EqualTo(reference), $"requested {requested}, per unit {perUnitCents / 100m}, room {room}");
        }).Check(Runs);
    }

    [Test]
    public void AllowCents_ExactlyAtTheCeiling_IsOneUnitLess_P1()
    {
        // 3 × 1,000.00 = 3,000.00 = room: "strictly under" admits 2; one cent more room admits 3.
        Assert.That(BuyingPowerCeilingRule.AllowCents(3, 100_000, 300_000, false, out string reason), Is.EqualTo(2));
        Assert.That(reason, Is.EqualTo(BuyingPowerCeilingRule.Ceiling));
        Assert.That(BuyingPowerCeilingRule.AllowCents(3, 100_000, 300_001, false, out reason), Is.EqualTo(3));
        Assert.That(reason, Is.Empty);
        // a room of 0.004 USD is above zero: a free entry fits, a paid one does not
        Assert.That(BuyingPowerCeilingRule.AllowCents(1, 0, 1, false, out _), Is.EqualTo(1));
        Assert.That(BuyingPowerCeilingRule.AllowCents(1, 1, 1, false, out _), Is.EqualTo(0));
        Assert.That(BuyingPowerCeilingRule.AllowCents(2, 1, 1, true, out reason), Is.EqualTo(0));
        Assert.That(reason, Is.EqualTo(BuyingPowerCeilingRule.ExtremeOther));
    }

    [Test]
    public void MarginCents_EqualsTheGenericDecimalPath_ForEveryStructureKind_P1()
    {
        var s = new RiskScenario();
        var model = new MarginModel(FuturesMarginBook.Empty.AddCsv("ES", "date,initial,maintenance\n20200101,13200,12000\n"));
        var structures = new List<OptionStructure>
        {
            OptionStructure.IronCondor(s.Contract("SPXW", D16, 3600, OptionRight.Put), s.Contract("SPXW", D16, 3630, OptionRight.Put),
                s.Contract("SPXW", D16, 3950, OptionRight.Call), s.Contract("SPXW", D16, 3990, OptionRight.Call)),
            s.PutSpread("SPXW", D44, 3700, 3670),
            OptionStructure.CallCreditSpread(s.Contract("SPY", D21, 400, OptionRight.Call), s.Contract("SPY", D21, 405, OptionRight.Call)),
            s.Strangle("ES", D79, 3400, 4200),
            s.Strangle("SPY", D44, 340, 420),
            s.OneOneTwo(D79),
            OptionStructure.SinglePut(s.Contract("SPY", D79, 330, OptionRight.Put)),
            OptionStructure.LeapPlusShortCall(s.Contract("SPY", D79, 350, OptionRight.Call), s.Contract("SPY", D16, 385, OptionRight.Call)),
            OptionStructure.SinglePut(s.Contract("ES", D44, 3500, OptionRight.Put)),
        };
        var state = new EntryCheckState();
        foreach (var structure in structures)
        {
            Assert.That(model.TryPerUnit(structure, s.Market, out decimal reference), Is.True, structure.ToString());
            var intent = Open(StrategyId.F0, structure);
            Assert.That(model.TryPerUnitCents(state.Begin(in intent, s.Context), out long cents), Is.True, structure.ToString());
            Assert.That(cents / 100m, Is.EqualTo(reference), structure.ToString());
            Assert.That(reference, Is.GreaterThan(0m), structure.ToString());
        }
    }

    [Test]
    public void MarginCents_UseTheContractsMultiplier_WhereItDiffersFromTheChains_P1()
    {
        // A contract that carries a multiplier other than its chain's (an adjusted deliverable) is charged on
        // its own multiplier in both paths: a tenth of the standard 100-multiplier spread here.
        var s = new RiskScenario();
        var model = new MarginModel();
        var standard = s.PutSpread("SPY", D44, 370, 365);
        var adjusted = OptionStructure.PutCreditSpread(standard[0].Contract with { Multiplier = 10m }, standard[1].Contract with { Multiplier = 10m });
        Assert.That(model.TryPerUnit(standard, s.Market, out decimal full), Is.True);
        Assert.That(model.TryPerUnit(adjusted, s.Market, out decimal tenth), Is.True);
        Assert.That(tenth, Is.EqualTo(full / 10m));
        var intent = Open(StrategyId.F0, adjusted);
        Assert.That(model.TryPerUnitCents(new EntryCheckState().Begin(in intent, s.Context), out long cents), Is.True);
        Assert.That(cents / 100m, Is.EqualTo(tenth));
    }

    [Test]
    public void ReusedCheck_ResolvesEachIntentsOwnStrikes_NotTheLastOnes_P1()
    {
        // One EntryCheckState (as the engine keeps) over intents that differ only in a strike, in a strike's
        // decimal scale (3630 vs 3630.0), or in the expiry: the buying power is each intent's own.
        var s = new RiskScenario();
        var model = new MarginModel();
        var state = new EntryCheckState();
        var rng = new Random(7);
        for (int i = 0; i < 300; i++)
        {
            var expiry = rng.Next(2) == 0 ? D16 : D44;
            double shortStrike = 3500 + (10 * rng.Next(40));
            double width = 10 * (1 + rng.Next(5));
            var shortLeg = s.Contract("SPXW", expiry, shortStrike, OptionRight.Put);
            var longLeg = s.Contract("SPXW", expiry, shortStrike - width, OptionRight.Put);
            if (rng.Next(3) == 0)
            {
                longLeg = longLeg with { Strike = decimal.Parse(((decimal)(shortStrike - width)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture) };
            }

            var spread = OptionStructure.PutCreditSpread(shortLeg, longLeg);
            Assert.That(model.TryPerUnit(spread, s.Market, out decimal reference), Is.True);
            var intent = Open(StrategyId.F0, spread);
            Assert.That(model.TryPerUnitCents(state.Begin(in intent, s.Context), out long cents), Is.True);
            Assert.That(cents / 100m, Is.EqualTo(reference), $"step {i}: {spread}");
        }

        // an unlisted strike after a listed one on the same expiry is not found
        var unlisted = OptionStructure.PutCreditSpread(s.Contract("SPXW", D16, 3705, OptionRight.Put), s.Contract("SPXW", D16, 3600, OptionRight.Put));
        var unlistedIntent = Open(StrategyId.F0, unlisted);
        Assert.That(model.TryPerUnitCents(state.Begin(in unlistedIntent, s.Context), out _), Is.False);
    }

    [Test]
    public void DrawdownAndBreakers_FollowTheNetLiqBetweenChecks_P5_P6()
    {
        // The same engine checks before and after the account moves: the cached drawdown and loss
        // fractions must not serve the old amounts.
        var s = new RiskScenario(netLiq: 100_000m);
        var intent = Open(StrategyId.F0, s.PutSpread("SPXW", D16, 3700, 3670), 3); // within every phase's contract cap from Phase 3 up
        Assert.That(s.Check(intent).ApprovedQuantity, Is.EqualTo(3));

        s.Portfolio.NetLiquidation = 89_000m; // −11 % on the day: P-6 halts entries (after P-5 halved them)
        var verdict = s.Check(intent);
        Assert.That(verdict.IsApproved, Is.False);
        Assert.That(verdict.RuleIds, Is.EqualTo("P-6"));

        var fresh = new RiskScenario(netLiq: 100_000m);
        Assert.That(fresh.Check(intent).ApprovedQuantity, Is.EqualTo(3));
        SetDay(fresh, 95_500m); // a new day at −4.5 % from the high-water mark: full size
        var v1 = fresh.Check(intent);
        Assert.That(v1.ApprovedQuantity, Is.EqualTo(3), v1.ToString());
        SetDay(fresh, 89_900m); // −10.1 %: sizes halved
        var halved = fresh.Check(intent);
        Assert.That(halved.ApprovedQuantity, Is.EqualTo(1)); // ⌊3 × 0.5⌋
        Assert.That(halved.RuleIds, Does.Contain("P-5"));
        SetDay(fresh, 99_000m); // back above −10 %: full size again
        var v2 = fresh.Check(intent);
        Assert.That(v2.ApprovedQuantity, Is.EqualTo(3), v2.ToString());

        static void SetDay(RiskScenario scenario, decimal netLiq)
        {
            var p = scenario.Portfolio;
            p.NetLiquidation = p.StartOfDayNetLiquidation = p.StartOfWeekNetLiquidation = p.StartOfMonthNetLiquidation = netLiq;
        }
    }

    [Test]
    public void MoneyMath_WholeCentsAndSameBits()
    {
        Assert.That(MoneyMath.TryWholeCents(1234.565, out long c), Is.True);
        Assert.That(c / 100m, Is.EqualTo(MoneyMath.Cents(1234.565)));
        Assert.That(MoneyMath.TryWholeCents(double.NaN, out _), Is.False);
        Assert.That(MoneyMath.TryWholeCents(1e14, out _), Is.False);
        var rng = new Random(3);
        for (int i = 0; i < 10_000; i++)
        {
            double usd = Math.Round((rng.NextDouble() - 0.2) * 1e6, rng.Next(0, 5));
            Assert.That(MoneyMath.TryWholeCents(usd, out long cents), Is.True);
            Assert.That(cents / 100m, Is.EqualTo(MoneyMath.Cents(usd)), usd.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.That(MoneyMath.SameBits(1.5m, 1.5m), Is.True);
        Assert.That(MoneyMath.SameBits(1.5m, 1.50m), Is.False); // equal values, other scale: a cache miss, never a wrong hit
        Assert.That(MoneyMath.SameBits(-2m, 2m), Is.False);
    }
}
