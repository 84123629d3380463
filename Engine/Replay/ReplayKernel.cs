using System.Diagnostics;
using System.Globalization;
using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Hosting;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Strategies;
using TomKing.Engine.Venue;

namespace TomKing.Engine.Replay;

/// <summary>Progress of the kernel after each trading day.</summary>
/// <param name="Day">The day just replayed.</param>
/// <param name="DaysDone">Days replayed.</param>
/// <param name="DaysTotal">Days in the run.</param>
/// <param name="NetLiq">Net liq at its close.</param>
/// <param name="OpenPositions">Open positions at its close.</param>
public readonly record struct KernelDay(DateOnly Day, int DaysDone, int DaysTotal, decimal NetLiq, int OpenPositions);

/// <summary>
/// The deterministic replay loop: one thread owns the market, the strategies, the risk engine, the
/// portfolio, the order pipeline and the simulated venue, and replays the market minute by minute.
/// </summary>
/// <remarks>
/// <para><b>Event order.</b> Two streams are merged by (time, stream priority, sequence): the market's clock
/// ticks (one per evaluation minute, priority 0) and the venue's order news (priority 1, in the venue's
/// sequence). Venue events produced while handling a minute are delivered — each one, never conflated,
/// fills before the status that completes them — before the next minute is applied.</para>
/// <para><b>Per minute</b>: advance the market and the clock; (first minute) settle AM-settled expiries;
/// the venue works resting orders against the new quotes; mark held contracts at their mids; refresh the
/// decision context (regime, phase) and record a P-1 regime change with its detection latency; the risk
/// engine's continuous checks (P-5, EXTREME, P-9 exits) go through the order pipeline; each strategy
/// evaluates and its intents go through the pipeline (risk check → combo order → venue); the pipeline's
/// clock drives the P-10 ladder and window cancels. <b>At the close</b>: day orders are cancelled, positions
/// marked, PM-settled expiries settled (<see cref="ExpirySettlement"/>), buying power revalued, and the day's
/// mark recorded. <b>At the start of a day</b> the portfolio rolls its start-of-day/week/month references.</para>
/// <para>Nothing reads the machine clock except the stage timers inside decision records and the regime
/// detection latency, which are wall-clock measurements by design. Steady-state minutes allocate nothing
/// beyond what is stored (decision records, trades).</para>
/// </remarks>
public sealed class ReplayKernel
{
    /// <summary>Client order ids at or above this number are the kernel's settlement bookings (never the pipeline's).</summary>
    public const long SettlementIdBase = 1_000_000_000_000L;

    private readonly IReplayMarket _market;
    private readonly TradingCore _core;
    private readonly SimulatedVenue _venue;
    private readonly IStrategy[] _strategies;
    private readonly ReplayClock _clock;
    private readonly DecisionOutput _output = new(64);
    private readonly RegimeTracker _regimes = new(256);
    private readonly Dictionary<long, TradeState> _trades = new(512);
    private readonly Dictionary<long, (string RuleIds, string Reason)> _orderNotes = new(1024);
    private readonly OpenPositionScan _open = new();
    private OptionContract[] _held = new OptionContract[256];
    private int _closedSeen;
    private long _settlements;
    private bool _holdingsChanged;

    /// <summary>Wires a kernel.</summary>
    /// <param name="market">What is replayed.</param>
    /// <param name="core">The strategy core (its clock must be <paramref name="clock"/>, its market <paramref name="market"/>).</param>
    /// <param name="venue">The simulated venue the core's pipeline sends to.</param>
    /// <param name="strategies">Enabled strategies, evaluated in this order each minute.</param>
    /// <param name="clock">The replay clock the core reads.</param>
    public ReplayKernel(IReplayMarket market, TradingCore core, SimulatedVenue venue, IReadOnlyList<IStrategy> strategies, ReplayClock clock)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(clock);
        _market = market;
        _core = core;
        _venue = venue;
        _strategies = [.. strategies];
        _clock = clock;
    }

    /// <summary>What the run recorded.</summary>
    public ReplayJournal Journal { get; } = new();

    /// <summary>Replays every trading day of the market.</summary>
    /// <param name="progress">Called once per trading day.</param>
    /// <param name="cancellationToken">Checked every minute; a cancelled run stops there and returns what it recorded
    /// (<see cref="ReplayJournal.Cancelled"/>) instead of throwing.</param>
    public ReplayJournal Run(Action<KernelDay>? progress = null, CancellationToken cancellationToken = default)
    {
        var days = _market.TradingDays;
        for (int d = 0; d < days.Count; d++)
        {
            try
            {
                RunDay(days[d], cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Journal.Cancelled = true;
                break;
            }

            Journal.TradingDays++;
            var ledger = _core.Ledger;
            progress?.Invoke(new KernelDay(days[d], d + 1, days.Count, ledger.NetLiquidation, ledger.OpenPositions.Length));
        }

        FinishTrades();
        return Journal;
    }

    /// <summary>Replays one trading day (exposed for tests that step day by day).</summary>
    public void RunDay(DateOnly day, CancellationToken cancellationToken = default)
    {
        var ledger = _core.Ledger;
        var times = _market.EvaluationTimes(day);
        int count = times.Count;
        if (count == 0)
        {
            Journal.Warn(string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}: the market has no evaluation minutes; the day was skipped"));
            return;
        }

        ledger.OnNewDay(day);
        _holdingsChanged = true;
        DateTime last = default;
        for (int i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            DateTime t = times[i];
            last = t;
            long applied = Stopwatch.GetTimestamp();
            Journal.Events += _market.AdvanceTo(t);
            _clock.Set(t);
            Journal.Minutes++;
            if (_holdingsChanged)
            {
                PublishHoldings();
            }

            if (i == 0)
            {
                Settle(day, afterClose: false);
            }

            _venue.Match(t);
            Drain();
            MarkPositions();
            Decide(t, applied);
            _core.Pipeline.OnTime(t);
            Drain();
        }

        Close(day, last);
    }

    private void Decide(DateTime t, long appliedTimestamp)
    {
        var context = _core.Context;
        context.Refresh();
        if (_regimes.Observe(context.Vix, context.Rules.Regimes, t, out var transition))
        {
            double micros = DecisionLatencies.ToNanoseconds(Stopwatch.GetTimestamp() - appliedTimestamp) / 1000.0;
            Journal.RegimeChanges.Add(new RegimeEvent(transition, micros));
        }

        _output.Clear();
        _core.Risk.Monitor(context, _output);
        _core.Pipeline.Process(context, _output);
        RecordOutput();
        Drain();
        for (int s = 0; s < _strategies.Length; s++)
        {
            _output.Clear();
            _strategies[s].Evaluate(context, _output);
            _core.Pipeline.Process(context, _output);
            RecordOutput();
            Drain();
        }
    }

    private void RecordOutput()
    {
        if (_output.Overflowed)
        {
            Journal.Warn("a decision buffer overflowed: some intents or decision records were dropped (sizing bug)");
        }

        var decisions = _output.Decisions;
        for (int i = 0; i < decisions.Length; i++)
        {
            ref readonly var d = ref decisions[i];
            Journal.Record(in d);
            if (d.Order != default)
            {
                _orderNotes[d.Order.Value] = (d.RuleIds, d.Reason);
            }
        }
    }

    /// <summary>Delivers every queued venue event, in order, to the core and the trade book.</summary>
    private void Drain()
    {
        bool fills = false;
        while (_venue.TryDequeue(out var e))
        {
            if (e.Kind == VenueEventKind.Fill)
            {
                LegFill fill = e.Fill;
                _core.Deliver(in fill);
                fills = true;
            }
            else
            {
                OrderUpdate update = e.Update;
                _core.Deliver(in update);
                if (update.Status == BrokerOrderStatus.Filled)
                {
                    OnOrderFilled(in update);
                }
            }
        }

        if (fills)
        {
            _holdingsChanged = true;
            CollectClosed();
        }
    }

    private void OnOrderFilled(in OrderUpdate update)
    {
        long index = update.Order.Value - 1;
        if ((ulong)index >= (ulong)_venue.Orders.Count)
        {
            return;
        }

        var order = _venue.Orders[(int)index];
        var request = order.Request;
        long position = request.Position.Value;
        if (position == 0)
        {
            return;
        }

        if (!_trades.TryGetValue(position, out var trade))
        {
            trade = new TradeState(request.Position, request.Strategy, request.Structure)
            {
                Units = Math.Abs(request.Quantity),
                Opened = update.Time,
                EntryPrice = order.FillPrice ?? request.LimitPrice,
            };
            _trades.Add(position, trade);
            Journal.Trades.Add(trade);
            return;
        }

        trade.ExitPrice = order.FillPrice;
        if (_orderNotes.TryGetValue(request.ClientId.Value, out var note))
        {
            trade.PendingReason = note.Reason.Length == 0 ? note.RuleIds : note.RuleIds.Length == 0 ? note.Reason : string.Concat(note.RuleIds, " ", note.Reason);
        }
    }

    private void CollectClosed()
    {
        var closed = _core.Ledger.ClosedPositions;
        for (; _closedSeen < closed.Count; _closedSeen++)
        {
            var c = closed[_closedSeen];
            if (!_trades.TryGetValue(c.Id.Value, out var trade))
            {
                continue;
            }

            trade.Closed = c.ClosedAt;
            trade.RealizedPnl = c.RealizedPnl;
            trade.Fees = c.Fees;
            trade.ExitReason = trade.PendingReason ?? "closed";
        }
    }

    private void MarkPositions() => _open.MarkHeldLegs(_core.Ledger, new ReplayQuotes(_market));

    /// <summary>The replay market's quotes of held contracts.</summary>
    private readonly struct ReplayQuotes(IReplayMarket market) : IHeldQuotes
    {
        public bool TryQuote(in OptionContract contract, out Quote quote) => market.TryQuote(contract, out quote);
    }

    private void PublishHoldings()
    {
        _holdingsChanged = false;
        if (_market is not IHoldingsAwareMarket aware)
        {
            return;
        }

        var ledger = _core.Ledger;
        int n = _open.Snapshot(_core.Ledger);
        int count = 0;
        for (int p = 0; p < n; p++)
        {
            int legs = ledger.CopyHeldLegs(_open.Ids[p], _open.Legs);
            for (int i = 0; i < legs; i++)
            {
                if (_open.Legs[i].Contracts == 0)
                {
                    continue;
                }

                if (count == _held.Length)
                {
                    Array.Resize(ref _held, _held.Length * 2);
                }

                _held[count++] = _open.Legs[i].Contract;
            }
        }

        aware.SetHoldings(_held.AsSpan(0, count));
    }

    private void Close(DateOnly day, DateTime closeTime)
    {
        var ledger = _core.Ledger;
        _venue.CancelAllWorking(closeTime);
        Drain();
        MarkPositions();
        Settle(day, afterClose: true);
        ledger.RevalueBuyingPower();
        var context = _core.Context;
        context.Refresh();
        Journal.Days.Add(new DailyMark(day, ledger.NetLiquidation, ledger.HighWaterMark, ledger.BuyingPowerInUse, context.Vix.Value, context.Regime, context.Phase, ledger.OpenPositions.Length));
    }

    /// <summary>Settles held options that are due (see <see cref="ExpirySettlement"/>).</summary>
    private void Settle(DateOnly day, bool afterClose)
    {
        var ledger = _core.Ledger;
        int n = _open.Snapshot(_core.Ledger);
        DateTime now = _clock.Now;
        for (int p = 0; p < n; p++)
        {
            var id = _open.Ids[p];
            int legs = ledger.CopyHeldLegs(id, _open.Legs);
            int units = 0;
            if (ledger.TryGetPosition(id, out var snapshot))
            {
                units = Math.Max(snapshot.Units, 1);
            }

            SettlementAction worst = SettlementAction.Expired;
            decimal value = 0m;
            bool any = false;
            for (int i = 0; i < legs; i++)
            {
                var leg = _open.Legs[i];
                if (leg.Contracts == 0 || !ExpirySettlement.IsDue(leg.Contract, day, afterClose))
                {
                    continue;
                }

                var c = leg.Contract;
                if (!_market.TryGetSettlementPrice(c.Underlying, c.Expiry, c.Settlement, out double settlement) || !double.IsFinite(settlement))
                {
                    if (!_market.TryGetPrice(c.Underlying, out settlement))
                    {
                        Journal.Warn(string.Create(CultureInfo.InvariantCulture, $"{c}: no settlement price for {c.Underlying} on {c.Expiry:yyyy-MM-dd}; the position stays open"));
                        continue;
                    }

                    Journal.Warn(string.Create(CultureInfo.InvariantCulture, $"{c}: no settlement price for {c.Underlying} on {c.Expiry:yyyy-MM-dd}; settled on the last price {settlement:0.####}"));
                }

                var action = ExpirySettlement.Settle(c, leg.Contracts, settlement, out decimal price);
                int quantity = -leg.Contracts;
                decimal fee = _venue.BookSettlement(c, quantity, id);
                var client = new ClientOrderId(SettlementIdBase + ++_settlements);
                ledger.BindOrder(client, id);
                ledger.OnFill(new LegFill(default, client, c, quantity, price, fee, now, string.Create(CultureInfo.InvariantCulture, $"S{_settlements}")));
                value += leg.Contracts * price;
                any = true;
                if (Rank(action) > Rank(worst))
                {
                    worst = action;
                }
            }

            if (any && _trades.TryGetValue(id.Value, out var trade))
            {
                trade.ExitPrice = units > 0 ? value / units : value;
                trade.PendingReason = ExpirySettlement.ReasonOf(worst);
            }

            if (any)
            {
                _holdingsChanged = true;
            }
        }

        CollectClosed();

        static int Rank(SettlementAction a) => a switch
        {
            SettlementAction.Assigned => 3,
            SettlementAction.Exercised => 2,
            SettlementAction.CashSettled => 1,
            _ => 0,
        };
    }

    private void FinishTrades()
    {
        var ledger = _core.Ledger;
        foreach (var trade in Journal.Trades)
        {
            if (trade.Closed is null && ledger.TryGetPosition(trade.Position, out var snapshot))
            {
                trade.RealizedPnl = snapshot.RealizedPnl;
                trade.Fees = snapshot.Fees;
            }
        }
    }
}
