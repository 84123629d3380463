using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Hosting;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;

namespace TomKing.Engine.Live;

/// <summary>One difference between the journal's state and the venue's, and how it was settled.</summary>
/// <param name="Subject">What differs ("order C12", "position SPXW 261120P05800000").</param>
/// <param name="Journal">The journal's value.</param>
/// <param name="Venue">The venue's value.</param>
/// <param name="Action">What the runner did.</param>
public sealed record Discrepancy(string Subject, string Journal, string Venue, string Action)
{
    /// <summary>"order C12: journal Working, venue Filled 1/1 → fills booked, status applied".</summary>
    public override string ToString() => $"{Subject}: journal {Journal}, venue {Venue} → {Action}";
}

/// <summary>What reconciliation found and did.</summary>
/// <param name="Discrepancies">Every difference, settled.</param>
/// <param name="FillsBooked">Venue fills the journal did not have, now booked.</param>
/// <param name="UpdatesApplied">Status reports applied.</param>
/// <param name="OrdersResolved">Orders in flight whose outcome was settled.</param>
/// <param name="PositionMismatches">Contracts whose held quantity still differs after orders were settled.</param>
public sealed record ReconciliationReport(IReadOnlyList<Discrepancy> Discrepancies, int FillsBooked, int UpdatesApplied, int OrdersResolved, int PositionMismatches);

/// <summary>
/// Settles the journal's state against the venue's after a restart (or a reconnect). The policy, in order:
/// <list type="number">
/// <item>An order in flight that the venue knows (matched by the client id in its external identifier): its
/// fills the journal lacks are booked, then its current status is applied. The order is never sent again. A venue
/// fill whose symbol names no contract the book knows is reported, never dropped silently.</item>
/// <item>An order in flight that the venue does not know: the submission never reached it (the venue is asked
/// by external identifier over open and recent orders, so an acknowledged order is always found). It is marked
/// cancelled — not re-sent: the strategy decides again on current prices, and a decision made before the crash
/// must not be replayed into a different market.</item>
/// <item>An order the journal has as ended but that has venue fills the journal lacks (its final status was
/// journaled, the crash came before its fill messages were): the fills are booked to the order's position.</item>
/// <item>An order at the venue with our identifier prefix but a client id the journal never issued (a journal
/// restored from an older backup): reported; not adopted (its legs show up as a position difference).</item>
/// <item>Positions: after the above, the book's held contracts are compared with the venue's. An expired
/// contract the venue no longer holds is settled as expiry would have settled it. Any other difference is
/// reported (and alerted by the runner); the runner does not trade to force the book to the venue's.</item>
/// </list>
/// Every booked fill and applied status is journaled before it is applied, so a crash during reconciliation
/// is itself recoverable.
/// </summary>
public sealed class Reconciliation
{
    private readonly TradingCore _core;
    private readonly Func<ComboOrderRequest, string, OrderId> _adopt;
    private readonly ILiveJournal _journal;
    private readonly Func<DateTime> _utcNow;
    private readonly HashSet<string> _knownFills;
    private readonly List<Discrepancy> _found = [];
    private int _fills;
    private int _updates;

    /// <summary>A reconciliation over the runner's parts.</summary>
    /// <param name="core">The restored core.</param>
    /// <param name="adopt">Takes over a venue order in this run's port (returns its handle).</param>
    /// <param name="journal">Where booked fills and applied statuses are journaled first.</param>
    /// <param name="utcNow">Clock for record times.</param>
    /// <param name="knownFills">Execution ids the journal holds (booked fills are added).</param>
    public Reconciliation(TradingCore core, Func<ComboOrderRequest, string, OrderId> adopt, ILiveJournal journal, Func<DateTime> utcNow, HashSet<string> knownFills)
    {
        ArgumentNullException.ThrowIfNull(knownFills);
        _knownFills = knownFills;
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(adopt);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(utcNow);
        _core = core;
        _adopt = adopt;
        _journal = journal;
        _utcNow = utcNow;
    }

    /// <summary>Runs the policy against a venue snapshot.</summary>
    /// <param name="snapshot">The venue's orders and positions.</param>
    /// <param name="issuedUpTo">The highest client id the journal issued.</param>
    /// <param name="nowEastern">Market time (order update times; expiry decisions).</param>
    /// <param name="settle">Books the expiry of a held contract the venue no longer holds; returns false when it cannot (no price).</param>
    public ReconciliationReport Run(VenueSnapshot snapshot, long issuedUpTo, DateTime nowEastern, Func<OptionContract, bool> settle)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(settle);
        _found.Clear();
        _fills = 0;
        _updates = 0;
        int resolved = 0;
        var byClient = new Dictionary<long, VenueOrder>();
        foreach (var o in snapshot.Orders)
        {
            if (o.Client is { } c)
            {
                // a replaced order and its replacement share the client id: the later (non-cancelled) one wins
                if (!byClient.TryGetValue(c.Value, out var seen) || seen.Status == BrokerOrderStatus.Cancelled || o.FilledUnits > seen.FilledUnits)
                {
                    byClient[c.Value] = o;
                }
            }
        }

        var inFlight = new HashSet<long>();
        foreach (var order in _core.Pipeline.Orders.SnapshotActive())
        {
            inFlight.Add(order.ClientId.Value);
            if (byClient.TryGetValue(order.ClientId.Value, out var venueOrder))
            {
                var handle = _adopt(JournalRestore.RequestOf(order), venueOrder.BrokerOrderId);
                _core.Pipeline.Rebind(order.ClientId, handle);
                int booked = BookFills(venueOrder, handle);
                bool changed = ApplyStatus(order, venueOrder, handle, nowEastern);
                if (booked > 0 || changed)
                {
                    resolved++;
                    _found.Add(new Discrepancy($"order {order.ClientId}", Describe(order.State, order.FilledUnits, order.Quantity),
                        Describe(venueOrder), booked > 0 ? $"{booked} fill(s) booked, status applied" : "status applied"));
                }
            }
            else
            {
                var update = new OrderUpdate(order.Order, order.ClientId, BrokerOrderStatus.Cancelled, nowEastern, order.FilledUnits, order.LimitPrice,
                    "not at the venue after restart: the submission never reached it; not re-sent");
                Deliver(in update);
                resolved++;
                _found.Add(new Discrepancy($"order {order.ClientId}", Describe(order.State, order.FilledUnits, order.Quantity), "absent",
                    "marked cancelled (never reached the venue); not re-sent"));
            }
        }

        foreach (var o in snapshot.Orders)
        {
            if (o.Client is not { } c)
            {
                continue;
            }

            if (c.Value > issuedUpTo)
            {
                _found.Add(new Discrepancy($"venue order {o.BrokerOrderId} ({c})", "never issued", Describe(o), "reported; not adopted (journal older than the venue's history?)"));
                continue;
            }

            if (!inFlight.Contains(c.Value))
            {
                int unmatchedBefore = _core.Ledger.UnmatchedFills;
                int late = BookFills(o, default);
                int unmatched = _core.Ledger.UnmatchedFills - unmatchedBefore;
                if (late > 0)
                {
                    _found.Add(new Discrepancy($"order {c}", "ended", Describe(o), unmatched == 0
                        ? $"{late} late fill(s) booked"
                        : string.Create(CultureInfo.InvariantCulture, $"{late - unmatched} late fill(s) booked, {unmatched} journaled but matching no open position (reported)")));
                }
            }
        }

        int mismatches = ComparePositions(snapshot, nowEastern, settle);
        return new ReconciliationReport([.. _found], _fills, _updates, resolved, mismatches);
    }

    private int BookFills(VenueOrder order, OrderId handle)
    {
        if (order.UnmappedFills > 0)
        {
            _found.Add(new Discrepancy($"order {order.Client} (venue {order.BrokerOrderId})", "-", Describe(order),
                string.Create(CultureInfo.InvariantCulture, $"{order.UnmappedFills} fill(s) name no contract the book knows: reported, not booked")));
        }

        int booked = 0;
        foreach (var f in order.Fills)
        {
            if (!_knownFills.Add(f.ExecutionId))
            {
                continue;
            }

            var fill = f with { Order = handle == default ? f.Order : handle };
            _journal.Append(new LiveRecord(LiveRecordKind.Fill, _utcNow()) { Fill = fill, Client = fill.ClientId });
            _core.Deliver(in fill);
            booked++;
            _fills++;
        }

        return booked;
    }

    private bool ApplyStatus(TrackedOrder order, VenueOrder venueOrder, OrderId handle, DateTime nowEastern)
    {
        _core.Pipeline.Orders.TryGet(order.ClientId, out var now);
        var state = now.ClientId == order.ClientId ? now.State : order.State;
        BrokerOrderStatus status = venueOrder.Status;
        bool same = status switch
        {
            BrokerOrderStatus.Working => state is OrderState.Working,
            BrokerOrderStatus.PartiallyFilled => state is OrderState.PartiallyFilled,
            BrokerOrderStatus.Filled => state is OrderState.Filled,
            BrokerOrderStatus.Cancelled => state is OrderState.Cancelled,
            BrokerOrderStatus.Rejected => state is OrderState.Rejected,
            _ => true,
        };
        if (same)
        {
            return false;
        }

        decimal limit = order.Quantity < 0 ? -venueOrder.LimitPrice : venueOrder.LimitPrice; // traded sign → the request's
        var update = new OrderUpdate(handle, order.ClientId, status, nowEastern, venueOrder.FilledUnits, limit, venueOrder.Message);
        Deliver(in update);
        return true;
    }

    private void Deliver(in OrderUpdate update)
    {
        _journal.Append(new LiveRecord(LiveRecordKind.Update, _utcNow()) { Update = update, Client = update.ClientId });
        _core.Deliver(in update);
        _updates++;
    }

    private int ComparePositions(VenueSnapshot snapshot, DateTime nowEastern, Func<OptionContract, bool> settle)
    {
        var book = LiveHoldings.Net(_core.Ledger);
        var venue = new Dictionary<OptionContract, int>();
        foreach (var p in snapshot.Positions)
        {
            if (p.Contract is { } c)
            {
                venue[c] = venue.GetValueOrDefault(c) + p.Quantity;
            }
            else if (p.Quantity != 0)
            {
                _found.Add(new Discrepancy($"position {p.Symbol}", "0", p.Quantity.ToString(CultureInfo.InvariantCulture), "reported; not an option the book trades"));
            }
        }

        int mismatches = 0;
        foreach (var (contract, held) in book)
        {
            int atVenue = venue.GetValueOrDefault(contract);
            venue.Remove(contract);
            if (held == atVenue)
            {
                continue;
            }

            var today = DateOnly.FromDateTime(nowEastern);
            bool expired = atVenue == 0 && (contract.Expiry < today || (contract.Expiry == today && TimeOnly.FromDateTime(nowEastern) >= new TimeOnly(16, 0)));
            if (expired && settle(contract))
            {
                _found.Add(new Discrepancy($"position {contract}", Quantity(held), "0", "expired at the venue: settled in the book"));
                continue;
            }

            mismatches++;
            _found.Add(new Discrepancy($"position {contract}", Quantity(held), Quantity(atVenue), "reported; the book is not forced to the venue's"));
        }

        foreach (var (contract, atVenue) in venue)
        {
            if (atVenue != 0)
            {
                mismatches++;
                _found.Add(new Discrepancy($"position {contract}", "0", Quantity(atVenue), "reported; not opened by TomKing"));
            }
        }

        return mismatches;
    }

    private static string Quantity(int q) => q.ToString("+0;-0;0", CultureInfo.InvariantCulture);

    private static string Describe(OrderState state, int filled, int quantity) =>
        string.Create(CultureInfo.InvariantCulture, $"{state} {filled}/{Math.Abs(quantity)}");

    private static string Describe(VenueOrder o) =>
        string.Create(CultureInfo.InvariantCulture, $"{o.Status} {o.FilledUnits} filled, {o.Fills.Count} fill(s)");
}

/// <summary>Net held contracts of a ledger (what the order port's open/close mapping and reconciliation read).</summary>
public static class LiveHoldings
{
    /// <summary>Signed contracts per option over every open position.</summary>
    public static Dictionary<OptionContract, int> Net(PortfolioLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var result = new Dictionary<OptionContract, int>();
        var legs = new HeldLeg[PortfolioLedger.MaxLegsPerPosition];
        foreach (var p in ledger.OpenPositions)
        {
            int n = ledger.CopyHeldLegs(p.Id, legs);
            for (int i = 0; i < n; i++)
            {
                if (legs[i].Contracts != 0)
                {
                    result[legs[i].Contract] = result.GetValueOrDefault(legs[i].Contract) + legs[i].Contracts;
                }
            }
        }

        foreach (var (k, v) in result)
        {
            if (v == 0)
            {
                result.Remove(k);
            }
        }

        return result;
    }
}
