using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Hosting;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Strategies;
using TomKing.Engine.Journal;
using TomKing.Engine.Live.Operations;
using TomKing.Engine.Replay;
using TomKing.Engine.Venue;

namespace TomKing.Engine.Live;

/// <summary>Where the time to become operational went (wall time).</summary>
/// <param name="JournalRead">Reading the journal.</param>
/// <param name="Replay">Rebuilding the core from it.</param>
/// <param name="Connect">Connecting to the venue, loading chains and subscribing.</param>
/// <param name="Reconcile">Reading the venue's orders and positions and settling differences.</param>
/// <param name="Total">Start to operational.</param>
/// <param name="Restore">What the replay rebuilt.</param>
/// <param name="Reconciliation">What reconciliation found and did.</param>
public sealed record StartupReport(TimeSpan JournalRead, TimeSpan Replay, TimeSpan Connect, TimeSpan Reconcile, TimeSpan Total,
    RestoreSummary Restore, ReconciliationReport Reconciliation);

/// <summary>
/// <c>tomking live</c>'s kernel: the strategy core on the venue's market clock. One thread owns the core; it
/// applies conflated quotes (latest per symbol), delivers every order and fill event in order (never conflated,
/// never dropped; each journaled before it is applied), marks positions, runs the risk engine's continuous checks
/// and the strategies, drives the P-10 ladder, books expiry settlements at the close and journals strategy state
/// and reference points. Orders are journaled before the venue's sender sends them (<see cref="JournalingOrderPort"/>).
/// </summary>
/// <remarks>
/// <para><b>Start</b> (<see cref="StartAsync"/>): read the journal → rebuild the core (<see cref="JournalRestore"/>) →
/// connect the venue → reconcile with its orders and positions (<see cref="Reconciliation"/>) → operational.
/// Orders in flight are resolved against the venue, never re-sent blindly.</para>
/// <para><b>Crash-only</b>: there is no separate clean shutdown state; stopping just stops the loop and flushes
/// the journal. A process killed at any point restarts through the same path.</para>
/// </remarks>
public sealed class LiveRunner : IOrderEventSink
{
    private readonly ILiveVenue _venue;
    private readonly ILiveJournal _journal;
    private readonly LiveRunnerOptions _options;
    private readonly LiveClock _clock;
    private readonly TradingCore _core;
    private readonly JournalingOrderPort _port;
    private readonly IStrategy[] _strategies;
    private readonly DateOnly[] _journaledDecision;
    private readonly DecisionOutput _output = new(64);
    private readonly HashSet<string> _knownFills;
    private readonly ConcurrentDictionary<OptionContract, int> _holdings = new();
    private readonly OpenPositionScan _open = new();
    private long _settlements;
    private DateOnly _session;
    private DateOnly _settledAm;
    private DateOnly _settledPm;
    private DateTime _lastDecide;
    private bool _holdingsDirty = true;
    private long _lastPublish;
    private long _startedAt;
    private bool _warm;

    private LiveRunner(ILiveVenue venue, ILiveJournal journal, LiveRunnerOptions options, decimal cash, HashSet<string> knownFills)
    {
        _venue = venue;
        _journal = journal;
        _options = options;
        _knownFills = knownFills;
        _clock = new LiveClock(venue);
        TradingCore? core = null;
        _port = new JournalingOrderPort(venue.Orders, journal, () => core!.Pipeline.Orders, () => DateTime.UtcNow);
        core = new TradingCore(_clock, venue.Market, _port, options.Rules, cash, options.FuturesMargins, options.Calendar);
        _core = core;
        _strategies = [.. options.Strategies.Select(TradingCore.CreateStrategy)];
        _journaledDecision = new DateOnly[_strategies.Length];
        venue.BeforeSend = (request, ct) => new ValueTask(_port.WhenJournaled(request.ClientId, ct));
        venue.Acknowledged = (client, broker) => _journal.Append(new LiveRecord(LiveRecordKind.Acknowledged, DateTime.UtcNow) { Client = client, BrokerOrderId = broker });
        venue.Holdings = contract => _holdings.GetValueOrDefault(contract);
    }

    /// <summary>The strategy core.</summary>
    public TradingCore Core => _core;

    /// <summary>What start-up took and found.</summary>
    public StartupReport? Startup { get; private set; }

    /// <summary>Kernel statistics (read from other threads only as a rough gauge).</summary>
    public LiveStatistics Statistics { get; } = new();

    /// <summary>Decision latencies per strategy and stage.</summary>
    public DecisionLatencies Latencies { get; } = new();

    /// <summary>Where the kernel publishes its state for operators (set before <see cref="RunAsync"/>; written by
    /// the kernel thread at most every quarter second).</summary>
    public LiveMetrics? Metrics { get; set; }

    /// <summary>Discrepancies reconciliation could not settle (positions that differ from the venue's).</summary>
    public int UnsettledDiscrepancies { get; private set; }

    /// <summary>Reads the journal, rebuilds the core, connects the venue and reconciles: after this the runner is
    /// operational and <see cref="RunAsync"/> starts trading.</summary>
    public static async Task<LiveRunner> StartAsync(ILiveVenue venue, ILiveJournal journal, LiveRunnerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(options);
        var total = Stopwatch.StartNew();
        var connect = venue.ConnectAsync(options.Strategies, cancellationToken);
        var records = journal.ReadAll().ToList();
        var read = total.Elapsed;
        var knownFills = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            if (r.Kind == LiveRecordKind.Fill)
            {
                knownFills.Add(r.Fill.ExecutionId);
            }
        }

        decimal? journalCash = JournalRestore.StartingCash(records);
        var connectWatch = Stopwatch.StartNew();
        await connect.ConfigureAwait(false);
        var connected = connectWatch.Elapsed;
        DateOnly since = JournalRestore.ReconcileSince(records, DateOnly.FromDateTime(venue.NowEastern));
        var snapshotTask = venue.SnapshotAsync(since, cancellationToken);
        decimal cash = journalCash ?? options.DefaultCash;
        var runner = new LiveRunner(venue, journal, options, cash, knownFills);
        var replayWatch = Stopwatch.StartNew();
        OrderId Adopt(ComboOrderRequest request, string broker)
        {
            var handle = venue.Adopt(request, broker);
            runner._port.Adopt(request.ClientId, handle);
            return handle;
        }

        var restore = JournalRestore.Apply(records, runner._core, runner._strategies, Adopt);
        runner._settlements = restore.LastSettlement;
        for (int i = 0; i < runner._strategies.Length; i++)
        {
            runner._journaledDecision[i] = runner._strategies[i] is IRestartableStrategy s ? s.LastEntryDecision : default;
        }

        var replayed = replayWatch.Elapsed;
        var reconcileWatch = Stopwatch.StartNew();
        var snapshot = await snapshotTask.ConfigureAwait(false);
        runner._clock.Tick();
        journal.Append(new LiveRecord(LiveRecordKind.SessionStart, DateTime.UtcNow)
        {
            StartingCash = journalCash is null ? cash : 0m,
            Text = string.Create(CultureInfo.InvariantCulture, $"{venue.Name}; restored {restore.Orders} orders, {restore.Fills} fills; {restore.ActiveOrders} in flight"),
        });
        var reconciliation = new Reconciliation(runner._core, Adopt, journal, () => DateTime.UtcNow, knownFills)
            .Run(snapshot, runner._core.Pipeline.Orders.NextClientId - 1, runner._clock.Now, runner.SettleExpired);
        foreach (var d in reconciliation.Discrepancies)
        {
            journal.Append(new LiveRecord(LiveRecordKind.Reconciliation, DateTime.UtcNow) { Text = d.ToString() });
            options.Log?.Invoke("reconcile: " + d);
        }

        runner.UnsettledDiscrepancies = reconciliation.PositionMismatches;
        runner.RefreshHoldings();
        journal.Flush();
        runner.Startup = new StartupReport(read, replayed, connected, reconcileWatch.Elapsed, total.Elapsed, restore, reconciliation);
        return runner;
    }

    /// <summary>Runs the kernel loop on its own thread until cancelled or <see cref="LiveRunnerOptions.StopAtEastern"/>.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Loop(cancellationToken);
                _journal.Flush();
                done.SetResult();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _journal.Flush();
                done.SetResult();
            }
#pragma warning disable CA1031 // the kernel's failure is handed to the awaiting host, which reports it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = "tomking-kernel" };
        thread.Start();
        return done.Task;
    }

    /// <summary>One pass of the loop (tests step it by hand).</summary>
    /// <returns>True when the stop time has been reached.</returns>
    public bool Cycle()
    {
        long start = Stopwatch.GetTimestamp();
        DateTime now = _clock.Tick();
        var day = DateOnly.FromDateTime(now);
        if (day != _session)
        {
            StartSession(day);
        }

        int quotes = _venue.ApplyMarket();
        int events = _venue.PumpOrderEvents(this, _options.OrderEventsPerCycle);
        Statistics.QuotesApplied += quotes;
        Statistics.OrderEvents += events;
        var time = TimeOnly.FromDateTime(now);
        if (time >= new TimeOnly(9, 30) && _settledAm != day)
        {
            _settledAm = day;
            Settle(day, afterClose: false);
        }

        bool open = time >= new TimeOnly(9, 30) && time < new TimeOnly(16, 0) && now.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        if (open && (quotes > 0 || events > 0 || now - _lastDecide >= _options.DecideEvery))
        {
            _lastDecide = now;
            if (_holdingsDirty)
            {
                RefreshHoldings();
            }

            MarkPositions();
            if (_warm || Warm())
            {
                Decide();
            }

            _core.Pipeline.OnTime(now);
            Statistics.Decisions++;
            Statistics.CycleNanoseconds.Record(DecisionLatencies.ToNanoseconds(Stopwatch.GetTimestamp() - start));
        }
        else if (!open && time >= new TimeOnly(16, 0) && _settledPm != day)
        {
            _settledPm = day;
            _core.Pipeline.OnTime(now);
            Settle(day, afterClose: true);
            _core.Ledger.RevalueBuyingPower();
        }

        if (_holdingsDirty)
        {
            RefreshHoldings();
        }

        Statistics.Cycles++;
        Statistics.LastMarketTime = now;
        if (Metrics is { } metrics && Stopwatch.GetElapsedTime(_lastPublish) >= TimeSpan.FromMilliseconds(250))
        {
            _lastPublish = Stopwatch.GetTimestamp();
            Publish(metrics);
        }

        return _options.StopAtEastern is { } stop && now >= stop;
    }

    /// <summary>Whether the market view has warmed up: every underlying priced, or the warm-up time spent (logged).</summary>
    private bool Warm()
    {
        if (_startedAt == 0)
        {
            _startedAt = Stopwatch.GetTimestamp();
        }

        int unpriced = _venue.PendingMarketInputs;
        if (unpriced == 0)
        {
            _warm = true;
            _options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"market view warm after {Stopwatch.GetElapsedTime(_startedAt).TotalMilliseconds:0} ms: strategies decide"));
        }
        else if (Stopwatch.GetElapsedTime(_startedAt) >= _options.WarmUp)
        {
            _warm = true;
            _options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"market view not warm after {_options.WarmUp.TotalSeconds:0} s ({unpriced} underlyings without a price or daily series without history): strategies decide anyway"));
        }

        return _warm;
    }

    /// <inheritdoc />
    public void OnOrderUpdate(in OrderUpdate update)
    {
        _journal.Append(new LiveRecord(LiveRecordKind.Update, DateTime.UtcNow) { Update = update, Client = update.ClientId });
        _core.Deliver(in update);
        if (update.Status == BrokerOrderStatus.Rejected)
        {
            Statistics.Rejects++;
            _options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"order {update.ClientId} rejected: {update.Message}"));
        }
    }

    /// <inheritdoc />
    public void OnFill(in LegFill fill)
    {
        if (!_knownFills.Add(fill.ExecutionId))
        {
            Statistics.DuplicateFills++;
            return;
        }

        _journal.Append(new LiveRecord(LiveRecordKind.Fill, DateTime.UtcNow) { Fill = fill, Client = fill.ClientId });
        _core.Deliver(in fill);
        Statistics.Fills++;
        _holdingsDirty = true;
    }

    private void Publish(LiveMetrics metrics)
    {
        var now = DateTime.UtcNow;
        foreach (var (link, state) in _venue.Links)
        {
            if (metrics.GetLink(link).State != state)
            {
                metrics.SetLinkState(link, state, now);
            }
        }

        Span<long> counts = stackalloc long[(int)Algorithm.Orders.OrderState.UnknownInFlight + 1];
        foreach (var o in _core.Pipeline.Orders.SnapshotActive())
        {
            counts[(int)o.State]++;
        }

        for (int i = 0; i < counts.Length; i++)
        {
            metrics.SetOrdersInState((Algorithm.Orders.OrderState)i, counts[i]);
        }

        var ledger = _core.Ledger;
        metrics.SetAccount(ledger.BuyingPowerInUse, ledger.NetLiquidation, ledger.HighWaterMark);
        metrics.SetRegime(_core.Context.Regime);
        metrics.SetPhase(_core.Context.Phase);
        metrics.SetCircuitBreakers(CircuitBreakerStates.Of(_core.Risk.CircuitBreakers, _session));
        metrics.SetLastEventTime(now);
    }

    private void Loop(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (Cycle())
            {
                return;
            }

            cancellationToken.WaitHandle.WaitOne(_options.Tick);
        }
    }

    private void StartSession(DateOnly day)
    {
        bool first = _session == default;
        _session = day;
        var ledger = _core.Ledger;
        ledger.OnNewDay(day);
        _journal.Append(new LiveRecord(LiveRecordKind.ReferencePoints, DateTime.UtcNow)
        {
            Points = new ReferencePoints(day, ledger.StartOfDayNetLiquidation, ledger.StartOfWeekNetLiquidation, ledger.StartOfMonthNetLiquidation, ledger.HighWaterMark),
        });
        if (!first)
        {
            _venue.RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    private void Decide()
    {
        var context = _core.Context;
        context.Refresh();
        _output.Clear();
        _core.Risk.Monitor(context, _output);
        _core.Pipeline.Process(context, _output);
        Record();
        for (int s = 0; s < _strategies.Length; s++)
        {
            _output.Clear();
            _strategies[s].Evaluate(context, _output);
            _core.Pipeline.Process(context, _output);
            Record();
            if (_strategies[s] is IRestartableStrategy r && r.LastEntryDecision != _journaledDecision[s])
            {
                _journaledDecision[s] = r.LastEntryDecision;
                _journal.Append(new LiveRecord(LiveRecordKind.StrategyState, DateTime.UtcNow) { Strategy = r.Id, Date = r.LastEntryDecision });
            }
        }
    }

    private void Record()
    {
        var decisions = _output.Decisions;
        for (int i = 0; i < decisions.Length; i++)
        {
            ref readonly var d = ref decisions[i];
            Latencies.Record(in d);
            _journal.Append(new LiveRecord(LiveRecordKind.Decision, DateTime.UtcNow) { Strategy = d.Strategy, Client = d.Order, Decision = DecisionSummary.From(in d) });
        }
    }

    private void MarkPositions() => _open.MarkHeldLegs(_core.Ledger, new ViewQuotes(_venue.Market));

    private void RefreshHoldings()
    {
        _holdingsDirty = false;
        var net = LiveHoldings.Net(_core.Ledger);
        foreach (var key in _holdings.Keys)
        {
            if (!net.ContainsKey(key))
            {
                _holdings.TryRemove(key, out _);
            }
        }

        foreach (var (k, v) in net)
        {
            _holdings[k] = v;
        }
    }

    /// <summary>Books the expiry of every held contract due now, at the underlying's price (the venue settles its
    /// side itself; this keeps the book in step). Settlement ids are deterministic per contract and day.</summary>
    private void Settle(DateOnly day, bool afterClose)
    {
        var ledger = _core.Ledger;
        int n = _open.Snapshot(_core.Ledger);
        for (int p = 0; p < n; p++)
        {
            var id = _open.Ids[p];
            int legs = ledger.CopyHeldLegs(id, _open.Legs);
            for (int i = 0; i < legs; i++)
            {
                var leg = _open.Legs[i];
                if (leg.Contracts != 0 && ExpirySettlement.IsDue(leg.Contract, day, afterClose))
                {
                    BookExpiry(id, leg.Contract, leg.Contracts, day);
                }
            }
        }
    }

    /// <summary>Reconciliation's hook: settles a held contract that expired while the runner was down.</summary>
    private bool SettleExpired(OptionContract contract)
    {
        var ledger = _core.Ledger;
        int n = _open.Snapshot(_core.Ledger);
        bool any = false;
        for (int p = 0; p < n; p++)
        {
            int legs = ledger.CopyHeldLegs(_open.Ids[p], _open.Legs);
            for (int i = 0; i < legs; i++)
            {
                if (_open.Legs[i].Contract == contract && _open.Legs[i].Contracts != 0)
                {
                    any |= BookExpiry(_open.Ids[p], contract, _open.Legs[i].Contracts, contract.Expiry);
                }
            }
        }

        return any;
    }

    private bool BookExpiry(PositionId position, OptionContract contract, int held, DateOnly day)
    {
        if (!_venue.Market.TryGetPrice(contract.Underlying, out double settlement) || !double.IsFinite(settlement))
        {
            _options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{contract}: no price for {contract.Underlying}; its expiry is not booked yet"));
            return false;
        }

        ExpirySettlement.Settle(contract, held, settlement, out decimal price);
        string execution = JournalRestore.SettlementExecutionId(contract, day);
        if (!_knownFills.Add(execution))
        {
            return true;
        }

        var client = new ClientOrderId(JournalRestore.SettlementIdBase + ++_settlements);
        var fill = new LegFill(default, client, contract, -held, price, 0m, _clock.Now, execution);
        _journal.Append(new LiveRecord(LiveRecordKind.Fill, DateTime.UtcNow) { Fill = fill, Client = client, Position = position });
        JournalRestore.BookSettlement(_core, position, in fill);
        _holdingsDirty = true;
        return true;
    }
}

/// <summary>The kernel's counters (written by the kernel thread).</summary>
public sealed class LiveStatistics
{
    /// <summary>Loop passes.</summary>
    public long Cycles { get; set; }

    /// <summary>Passes that ran the strategies.</summary>
    public long Decisions { get; set; }

    /// <summary>Quotes applied (after conflation).</summary>
    public long QuotesApplied { get; set; }

    /// <summary>Order and fill events delivered.</summary>
    public long OrderEvents { get; set; }

    /// <summary>Fills booked.</summary>
    public long Fills { get; set; }

    /// <summary>Fills dropped as repeats of a known execution id.</summary>
    public long DuplicateFills { get; set; }

    /// <summary>Orders rejected by the venue.</summary>
    public long Rejects { get; set; }

    /// <summary>Market time of the last pass.</summary>
    public DateTime LastMarketTime { get; set; }

    /// <summary>Wall time of a deciding pass (quotes applied → decisions made → ladder driven), nanoseconds.</summary>
    public LatencyHistogram CycleNanoseconds { get; } = new();
}

/// <summary>The runner's <see cref="IClock"/>: the venue's market time, read once per loop pass so one pass sees one time.</summary>
internal sealed class LiveClock(ILiveVenue venue) : IClock
{
    private DateTime _now = venue.NowEastern;

    public DateTime Now => _now;

    public DateTime Tick() => _now = venue.NowEastern;
}

/// <summary>A market view's quotes of held contracts (found in their chains).</summary>
internal readonly struct ViewQuotes(IMarketView market) : IHeldQuotes
{
    public bool TryQuote(in OptionContract contract, out Quote quote)
    {
        if (Algorithm.Risk.ContractLookup.TryFind(market, contract, out var expiry, out int index))
        {
            quote = expiry.QuoteAt(index, contract.Right);
            return true;
        }

        quote = default;
        return false;
    }
}

