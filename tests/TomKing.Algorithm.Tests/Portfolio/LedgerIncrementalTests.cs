using FsCheck;
using FsCheck.Fluent;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Tests.Risk;
using TomKing.Greeks;
using static TomKing.Algorithm.Tests.Risk.RiskScenario;

namespace TomKing.Algorithm.Tests.Portfolio;

/// <summary>
/// The ledger's incremental bookkeeping pinned against the straightforward computation: the
/// open-position view and working entries kept up to date incrementally (an entry reserved or released
/// no longer re-describes every open position) against a ledger that rebuilds both from its slots before
/// every read, and P-4's <see cref="PortfolioLedger.UsesExpiry"/> (a key per position) against a walk
/// over the views, and buying power in use (two partial sums) against one pass over every position,
/// after every step of random reserve / fill / cancel / roll / close / mark sequences.
/// Also the bounded order routing (<see cref="PortfolioLedger.RetiredOrderWindow"/>).
/// </summary>
public sealed class LedgerIncrementalTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);
    private static readonly DateOnly[] Expiries = [D16, D21, D44, D79];
    private static readonly StrategyId[] Strategies = [StrategyId.F0, StrategyId.L112, StrategyId.FS, StrategyId.IPMCC, StrategyId.LPL];

    private readonly record struct Op(int Kind, int A, int B, int C);

    private static Gen<Op> OpGen =>
        from kind in Gen.Choose(0, 7)
        from a in Gen.Choose(0, 99)
        from b in Gen.Choose(0, 99)
        from c in Gen.Choose(0, 99)
        select new Op(kind, a, b, c);

    /// <summary>Two ledgers fed the same events; returns the first disagreement or null.</summary>
    private static string? Run(Op[] ops)
    {
        var s = new RiskScenario();
        var incremental = new PortfolioLedger(1_000_000m, s.Market, new MarginModel(), capacity: 4);
        var rebuilt = new PortfolioLedger(1_000_000m, s.Market, new MarginModel(), capacity: 4);
        var orders = new List<(long Order, PositionId Position, OptionStructure Structure)>();
        long nextOrder = 1;
        int exec = 0;

        void Both(Action<PortfolioLedger> action)
        {
            action(incremental);
            action(rebuilt);
        }

        OptionStructure Structure(int a, int b)
        {
            var expiry = Expiries[a % Expiries.Length];
            double k = 3500 + (10 * (b % 20));
            return (a / 4 % 3) switch
            {
                0 => s.PutSpread("SPXW", expiry, k, k - 30),
                1 => s.Strangle("ES", expiry, k - 200, k + 300),
                _ => OptionStructure.SinglePut(s.Contract("SPY", expiry, 330 + (b % 30), OptionRight.Put)),
            };
        }

        void FillLegs(long order, in OptionStructure structure, int sign, int units)
        {
            for (int i = 0; i < structure.Count; i++)
            {
                var leg = structure[i];
                var fill = new LegFill(new OrderId(order), new ClientOrderId(order), leg.Contract, sign * leg.Ratio * units, 1.25m, 0.5m, Now, "X" + exec++);
                Both(l => l.OnFill(fill));
            }
        }

        for (int step = 0; step < ops.Length; step++)
        {
            var op = ops[step];
            switch (op.Kind)
            {
                case 0: // reserve an entry and bind its order
                case 1:
                {
                    var structure = Structure(op.A, op.B);
                    var strategy = Strategies[op.C % Strategies.Length];
                    var id = incremental.ReservePosition(strategy, structure);
                    var id2 = rebuilt.ReservePosition(strategy, structure);
                    if (id != id2)
                    {
                        return $"step {step}: ids differ";
                    }

                    long order = nextOrder++;
                    Both(l => l.BindOrder(new ClientOrderId(order), id, op.B % 3 == 0 ? 500m : 0m));
                    orders.Add((order, id, structure));
                    break;
                }

                case 2: // fill an order completely (entries open, closes flatten)
                    if (orders.Count > 0)
                    {
                        var (order, _, structure) = orders[op.A % orders.Count];
                        FillLegs(order, structure, 1, 1 + (op.B % 2));
                        Both(l => l.OnOrderUpdate(new OrderUpdate(new OrderId(order), new ClientOrderId(order), BrokerOrderStatus.Filled, Now, 1, 0m, null)));
                    }

                    break;
                case 3: // an order ends unfilled (cancelled or rejected): a pending entry is released
                    if (orders.Count > 0)
                    {
                        var (order, _, _) = orders[op.A % orders.Count];
                        var status = op.B % 2 == 0 ? BrokerOrderStatus.Cancelled : BrokerOrderStatus.Rejected;
                        Both(l => l.OnOrderUpdate(new OrderUpdate(new OrderId(order), new ClientOrderId(order), status, Now, 0, 0m, null)));
                    }

                    break;
                case 4: // close an open position with a new order
                {
                    var open = incremental.OpenPositions;
                    if (open.Length > 0)
                    {
                        var p = open[op.A % open.Length];
                        long order = nextOrder++;
                        Both(l => l.BindOrder(new ClientOrderId(order), p.Id));
                        FillLegs(order, p.Structure, -1, p.Quantity);
                    }

                    break;
                }

                case 5: // roll: buy back one leg, sell another expiry (the nearest expiry may move)
                {
                    var open = incremental.OpenPositions;
                    if (open.Length > 0)
                    {
                        var p = open[op.A % open.Length];
                        var leg = p.Structure[op.B % p.Structure.Count];
                        var c = leg.Contract;
                        var moved = c with { Expiry = Expiries[op.C % Expiries.Length] };
                        long order = nextOrder++;
                        Both(l => l.BindOrder(new ClientOrderId(order), p.Id));
                        var back = new LegFill(new OrderId(order), new ClientOrderId(order), c, -leg.Ratio * p.Quantity, 1m, 0m, Now, "X" + exec++);
                        var sell = new LegFill(new OrderId(order), new ClientOrderId(order), moved, leg.Ratio * p.Quantity, 1.5m, 0m, Now, "X" + exec++);
                        Both(l => l.OnFill(back));
                        Both(l => l.OnFill(sell));
                    }

                    break;
                }

                case 6: // a mark moves
                    if (incremental.MarkSlotCount > 0)
                    {
                        int slot = op.A % incremental.MarkSlotCount;
                        double price = 0.05 * (1 + op.B);
                        Both(l => l.UpdateMark(slot, price));
                    }

                    break;
                default: // prices moved: buying power re-valued
                    Both(l => l.RevalueBuyingPower());
                    break;
            }

            // the reference rebuilds both lists from the slots before it is read
            rebuilt.InvalidateViews();
            var a = incremental.OpenPositions.ToArray();
            var b = rebuilt.OpenPositions.ToArray();
            if (!a.SequenceEqual(b))
            {
                return $"step {step} {op}: open views differ ({a.Length} vs {b.Length})";
            }

            var wa = incremental.WorkingEntries.ToArray();
            var wb = rebuilt.WorkingEntries.ToArray();
            if (!wa.SequenceEqual(wb))
            {
                return $"step {step} {op}: working entries differ ({wa.Length} vs {wb.Length})";
            }

            decimal bp = incremental.BuyingPowerInUse;
            decimal onePass = incremental.BuyingPowerInOnePass();
            if (rebuilt.BuyingPowerInUse != bp)
            {
                return $"step {step} {op}: buying power in use differs between the ledgers";
            }

            if (bp != onePass || bp.Scale != onePass.Scale)
            {
                return $"step {step} {op}: buying power in use {bp} vs one pass {onePass}";
            }

            foreach (var strategy in Strategies)
            {
                foreach (var group in new[] { CorrelationGroup.A1, CorrelationGroup.A2, CorrelationGroup.B1 })
                {
                    foreach (var expiry in Expiries)
                    {
                        bool walked = a.Concat(wa).Any(p => p.Strategy == strategy && p.Group == group && p.Structure.NearestExpiry == expiry);
                        if (incremental.UsesExpiry(strategy, group, expiry) != walked)
                        {
                            return $"step {step} {op}: UsesExpiry({strategy}, {group}, {expiry}) is {!walked}, the walk says {walked}";
                        }
                    }
                }
            }
        }

        return null;
    }

    [Test]
    public void RandomEventSequences_IncrementalViewsAndP4KeysMatchTheStraightforwardComputation()
    {
        Prop.ForAll(Gen.ArrayOf(OpGen).ToArbitrary(), ops =>
        {
            string? v = Run(ops);
            return v is null ? true.ToProperty() : false.Label(v);
        }).Check(Runs);
    }

    [Test]
    public void UsesExpiry_HandBuilt_OpenAndWorkingCountPendingReleasedDoesNot()
    {
        var s = new RiskScenario();
        var ledger = new PortfolioLedger(100_000m, s.Market, new MarginModel());
        var spread = s.PutSpread("SPXW", D44, 3700, 3670);
        var id = ledger.ReservePosition(StrategyId.L112, spread);
        ledger.BindOrder(new ClientOrderId(7), id);
        Assert.Multiple(() =>
        {
            Assert.That(ledger.UsesExpiry(StrategyId.L112, CorrelationGroup.A2, D44), Is.True, "a working entry counts (SPXW is A2)");
            Assert.That(ledger.UsesExpiry(StrategyId.L112, CorrelationGroup.A2, D21), Is.False, "another expiry");
            Assert.That(ledger.UsesExpiry(StrategyId.F0, CorrelationGroup.A2, D44), Is.False, "another strategy");
            Assert.That(ledger.UsesExpiry(StrategyId.L112, CorrelationGroup.A1, D44), Is.False, "another group");
        });
        ledger.OnOrderUpdate(new OrderUpdate(new OrderId(7), new ClientOrderId(7), BrokerOrderStatus.Cancelled, Now, 0, 0m, null));
        Assert.That(ledger.UsesExpiry(StrategyId.L112, CorrelationGroup.A2, D44), Is.False, "released with its cancelled order");
    }

    [Test]
    public void OrderRoutes_CancelledExitsOnAnOpenPosition_StayBoundedAndRecentLateFillsStillBook()
    {
        var s = new RiskScenario();
        var ledger = new PortfolioLedger(100_000m, s.Market, new MarginModel());
        var put = s.Contract("SPY", D44, 370, OptionRight.Put);
        var id = ledger.ReservePosition(StrategyId.LPL, OptionStructure.SinglePut(put));
        ledger.BindOrder(new ClientOrderId(1), id);
        ledger.OnFill(new LegFill(new OrderId(1), new ClientOrderId(1), put, -3, 2m, 0m, Now, "open"));
        ledger.OnOrderUpdate(new OrderUpdate(new OrderId(1), new ClientOrderId(1), BrokerOrderStatus.Filled, Now, 3, 0m, null));

        // 10,000 exit attempts bound to the open position, each cancelled unfilled
        const int Attempts = 10_000;
        for (long order = 2; order < 2 + Attempts; order++)
        {
            ledger.BindOrder(new ClientOrderId(order), id);
            ledger.OnOrderUpdate(new OrderUpdate(new OrderId(order), new ClientOrderId(order), BrokerOrderStatus.Cancelled, Now, 0, 0m, null));
        }

        Assert.That(ledger.OrderRouteCount, Is.LessThanOrEqualTo(PortfolioLedger.RetiredOrderWindow), "routes of ended orders are bounded by the window");

        // a fill reported after its order's final status, within the window, is still booked
        long recent = 1 + Attempts;
        ledger.OnFill(new LegFill(new OrderId(recent), new ClientOrderId(recent), put, 1, 1m, 0m, Now, "late"));
        Assert.That(ledger.UnmatchedFills, Is.Zero);
        Assert.That(ledger.OpenPositions[0].Quantity, Is.EqualTo(2), "the late buy-back reduced the position from 3 to 2");

        // the oldest cancelled attempt fell out of the window: its fill is unmatched (reconciliation's business)
        ledger.OnFill(new LegFill(new OrderId(2), new ClientOrderId(2), put, 1, 1m, 0m, Now, "very-late"));
        Assert.That(ledger.UnmatchedFills, Is.EqualTo(1));
    }
}
