using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Orders;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Engine.Live.Operations;

/// <summary>
/// The live runner's state for operators: written by the runner (the kernel thread, and for the quote
/// queue figures the feed thread), read by the ops endpoint and the alert rules on other threads.
/// </summary>
/// <remarks>
/// <para>Writers never take a lock and never wait. Counters use <see cref="Interlocked"/>; single values use
/// <see cref="Volatile"/>; a link's state and its time are one immutable <see cref="LinkStatus"/> swapped
/// atomically; the account figures (BP in use, net liq, high-water mark) are written under a sequence
/// counter (a seqlock with the kernel as its single writer) so a reader sees them from one update: it
/// retries while an update is in progress.</para>
/// <para>Decision latencies stay in the kernel's <see cref="DecisionLatencies"/>, which is single-threaded
/// and has no lock. A reader copies a histogram with <see cref="LatencyHistogram.Merge"/> while the kernel
/// may be recording into it: every bucket counter is a 64-bit aligned value that only grows, so each read
/// is a value the counter really had, but the copy's count, sum and buckets may be a few in-flight samples
/// apart (a torn read of monotonic counters, tolerated). The copy lives in a buffer guarded by a lock that
/// only readers take, so two scrapes at once do not share it; the kernel never sees that lock.</para>
/// </remarks>
public sealed class LiveMetrics
{
    /// <summary>The Prometheus <c>le</c> bounds of the decision latency histograms, in seconds.</summary>
    public static IReadOnlyList<double> LatencyBucketsSeconds { get; } =
        [1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 5e-2, 0.1, 0.25, 0.5, 1.0];

    private static readonly long[] LatencyBucketsNanoseconds =
        LatencyBucketsSeconds.Select(s => (long)Math.Round(s * 1e9)).ToArray();

    private static readonly int OrderStateCount = Enum.GetValues<OrderState>().Max(s => (int)s) + 1;

    private readonly TimeProvider _time;
    private readonly LinkStatus?[] _links = new LinkStatus?[LiveLinkNames.All.Count];
    private readonly long[] _ordersByState = new long[OrderStateCount];
    private readonly Lock _latencyReadGate = new();
    private readonly LatencyHistogram _latencyCopy = new();
    private readonly Dictionary<int, (LatencyHistogram Source, LatencySnapshot Snapshot)> _latencyCache = [];

    private DecisionLatencies? _latencies;
    private long _rejects;
    private long _fills;
    private long _orderEvents;
    private OrderRejection? _lastRejection;

    private int _accountVersion;
    private long _bpBits;
    private long _netLiqBits;
    private long _hwmBits;

    private int _regime;
    private int _phase = (int)AccountPhase.Phase1;
    private int _breakers;

    private long _queueDepth;
    private long _queueDepthMax;
    private long _conflated;
    private long _journalP99Ticks;
    private long _journalBehindTicks;
    private long _kernelLagTicks;
    private long _lastEventTicks;

    /// <summary>Creates the metrics; every link starts <see cref="LinkState.Disconnected"/> (and down) now.</summary>
    /// <param name="latencies">The kernel's decision latency registry to export (may be attached later).</param>
    /// <param name="time">Wall clock for uptime and event times (the system clock by default).</param>
    public LiveMetrics(DecisionLatencies? latencies = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _latencies = latencies;
        StartedUtc = _time.GetUtcNow().UtcDateTime;
        for (int i = 0; i < _links.Length; i++)
        {
            _links[i] = new LinkStatus(LinkState.Disconnected, StartedUtc, StartedUtc);
        }
    }

    /// <summary>The wall clock these metrics use.</summary>
    public TimeProvider Time => _time;

    /// <summary>When the metrics (the runner) started, UTC.</summary>
    public DateTime StartedUtc { get; }

    /// <summary>The clock's time now, UTC.</summary>
    public DateTime NowUtc => _time.GetUtcNow().UtcDateTime;

    // ---------------------------------------------------------------- writers

    /// <summary>Attaches (or replaces) the decision latency registry to export.</summary>
    public void AttachDecisionLatencies(DecisionLatencies latencies)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        Volatile.Write(ref _latencies, latencies);
    }

    /// <summary>Reports that <paramref name="link"/> entered <paramref name="state"/> at <paramref name="sinceUtc"/>
    /// (allocates one small object per change; changes are rare). A repeat of the current state keeps the
    /// original time.</summary>
    public void SetLinkState(LiveLink link, LinkState state, DateTime sinceUtc)
    {
        int i = (int)link;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)_links.Length, nameof(link));
        var before = Volatile.Read(ref _links[i])!;
        if (before.State == state)
        {
            return;
        }

        DateTime? downSince = state.IsDown() ? before.DownSinceUtc ?? sinceUtc : null;
        Volatile.Write(ref _links[i], new LinkStatus(state, sinceUtc, downSince));
    }

    /// <summary>Reports that an order moved from <paramref name="from"/> (null: a new order) to
    /// <paramref name="to"/>. A move to <see cref="OrderState.Rejected"/> also counts a rejection and keeps
    /// <paramref name="rejection"/> (what was rejected and why) for the alert.</summary>
    public void RecordOrderTransition(OrderState? from, OrderState to, string? rejection = null)
    {
        if (from == to)
        {
            return;
        }

        if (from is { } f)
        {
            Interlocked.Decrement(ref _ordersByState[(int)f]);
        }

        Interlocked.Increment(ref _ordersByState[(int)to]);
        if (to == OrderState.Rejected)
        {
            long n = Interlocked.Increment(ref _rejects);
            Volatile.Write(ref _lastRejection, new OrderRejection(n, rejection ?? "order rejected", NowUtc));
        }
    }

    /// <summary>Sets the number of orders in one state outright (after a restart or a reconciliation).</summary>
    public void SetOrdersInState(OrderState state, long count) =>
        Volatile.Write(ref _ordersByState[(int)state], Math.Max(0, count));

    /// <summary>Counts one fill (or partial fill) applied to the book.</summary>
    public void RecordFill() => Interlocked.Increment(ref _fills);

    /// <summary>Counts one order or fill event processed by the kernel.</summary>
    public void RecordOrderEvent() => Interlocked.Increment(ref _orderEvents);

    /// <summary>Sets the account figures (kernel thread only: it is the seqlock's single writer).
    /// <paramref name="highWaterMark"/> is the peak the P-5 ladder measures from (the re-based peak after a
    /// cooldown), so <see cref="AccountReading.Drawdown"/> matches the rule.</summary>
    public void SetAccount(decimal buyingPowerInUse, decimal netLiquidation, decimal highWaterMark)
    {
        Interlocked.Increment(ref _accountVersion); // odd: update in progress (full fence)
        Volatile.Write(ref _bpBits, BitConverter.DoubleToInt64Bits((double)buyingPowerInUse));
        Volatile.Write(ref _netLiqBits, BitConverter.DoubleToInt64Bits((double)netLiquidation));
        Volatile.Write(ref _hwmBits, BitConverter.DoubleToInt64Bits((double)highWaterMark));
        Interlocked.Increment(ref _accountVersion); // even: done (full fence)
    }

    /// <summary>Sets the P-1 regime (<see cref="Algorithm.Strategies.DecisionContext.Regime"/>).</summary>
    public void SetRegime(VixRegime regime) => Volatile.Write(ref _regime, (int)regime);

    /// <summary>Sets the P-2 phase (<see cref="Algorithm.Strategies.DecisionContext.Phase"/>).</summary>
    public void SetPhase(AccountPhase phase) => Volatile.Write(ref _phase, (int)phase);

    /// <summary>Sets the latched P-6 breakers (<see cref="CircuitBreakerStates.Of"/>).</summary>
    public void SetCircuitBreakers(CircuitBreakerState state) => Volatile.Write(ref _breakers, (int)state);

    /// <summary>Sets the quote queue's depth now and raises the maximum seen if it is deeper.</summary>
    public void SetQuoteQueueDepth(long depth)
    {
        Volatile.Write(ref _queueDepth, depth);
        long max = Volatile.Read(ref _queueDepthMax);
        while (depth > max)
        {
            long seen = Interlocked.CompareExchange(ref _queueDepthMax, depth, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>Counts quotes dropped in favour of a newer quote for the same symbol.</summary>
    public void RecordQuotesConflated(long count = 1) => Interlocked.Add(ref _conflated, count);

    /// <summary>Sets the journal's append latency p99 (over the runner's recent window).</summary>
    public void SetJournalAppendP99(TimeSpan p99) => Volatile.Write(ref _journalP99Ticks, p99.Ticks);

    /// <summary>Sets how far the journal is behind: the age of the oldest append not yet committed
    /// (zero when everything is on disk).</summary>
    public void SetJournalBehind(TimeSpan behind) => Volatile.Write(ref _journalBehindTicks, behind.Ticks);

    /// <summary>Sets the kernel loop lag (how late the kernel is on its oldest pending event).</summary>
    public void SetKernelLag(TimeSpan lag) => Volatile.Write(ref _kernelLagTicks, lag.Ticks);

    /// <summary>Sets the time (UTC) of the last market or account event the kernel processed.</summary>
    public void SetLastEventTime(DateTime utc) => Volatile.Write(ref _lastEventTicks, utc.Ticks);

    // ---------------------------------------------------------------- readers

    /// <summary>One link's state now.</summary>
    public LinkStatus GetLink(LiveLink link)
    {
        int i = (int)link;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)_links.Length, nameof(link));
        return Volatile.Read(ref _links[i])!;
    }

    /// <summary>Orders in <paramref name="state"/> now.</summary>
    public long OrdersIn(OrderState state) => Volatile.Read(ref _ordersByState[(int)state]);

    /// <summary>Rejections since start.</summary>
    public long RejectsTotal => Volatile.Read(ref _rejects);

    /// <summary>The last rejection (null before the first).</summary>
    public OrderRejection? LastRejection => Volatile.Read(ref _lastRejection);

    /// <summary>Fills since start.</summary>
    public long FillsTotal => Volatile.Read(ref _fills);

    /// <summary>Order and fill events processed since start.</summary>
    public long OrderEventsTotal => Volatile.Read(ref _orderEvents);

    /// <summary>The account figures from one update (spins briefly while the kernel is mid-update).</summary>
    public AccountReading Account
    {
        get
        {
            var spin = default(SpinWait);
            while (true)
            {
                int v1 = Volatile.Read(ref _accountVersion);
                if ((v1 & 1) == 0)
                {
                    double bp = BitConverter.Int64BitsToDouble(Volatile.Read(ref _bpBits));
                    double nl = BitConverter.Int64BitsToDouble(Volatile.Read(ref _netLiqBits));
                    double hwm = BitConverter.Int64BitsToDouble(Volatile.Read(ref _hwmBits));
                    Interlocked.MemoryBarrier();
                    if (Volatile.Read(ref _accountVersion) == v1)
                    {
                        return new AccountReading(bp, nl, hwm);
                    }
                }

                spin.SpinOnce();
            }
        }
    }

    /// <summary>The P-1 regime now.</summary>
    public VixRegime Regime => (VixRegime)Volatile.Read(ref _regime);

    /// <summary>The P-2 phase now.</summary>
    public AccountPhase Phase => (AccountPhase)Volatile.Read(ref _phase);

    /// <summary>The latched P-6 breakers now.</summary>
    public CircuitBreakerState CircuitBreakers => (CircuitBreakerState)Volatile.Read(ref _breakers);

    /// <summary>Quote queue depth now.</summary>
    public long QuoteQueueDepth => Volatile.Read(ref _queueDepth);

    /// <summary>Deepest quote queue seen since start.</summary>
    public long QuoteQueueDepthMax => Volatile.Read(ref _queueDepthMax);

    /// <summary>Quotes conflated since start.</summary>
    public long QuotesConflatedTotal => Volatile.Read(ref _conflated);

    /// <summary>Journal append latency p99 as last set.</summary>
    public TimeSpan JournalAppendP99 => TimeSpan.FromTicks(Volatile.Read(ref _journalP99Ticks));

    /// <summary>How far the journal is behind, as last set.</summary>
    public TimeSpan JournalBehind => TimeSpan.FromTicks(Volatile.Read(ref _journalBehindTicks));

    /// <summary>Kernel loop lag as last set.</summary>
    public TimeSpan KernelLag => TimeSpan.FromTicks(Volatile.Read(ref _kernelLagTicks));

    /// <summary>Time of the last event processed (null before the first).</summary>
    public DateTime? LastEventUtc
    {
        get
        {
            long t = Volatile.Read(ref _lastEventTicks);
            return t == 0 ? null : new DateTime(t, DateTimeKind.Utc);
        }
    }

    /// <summary>Time since start at <paramref name="nowUtc"/>.</summary>
    public TimeSpan Uptime(DateTime nowUtc) => nowUtc > StartedUtc ? nowUtc - StartedUtc : TimeSpan.Zero;

    /// <summary>True once a decision latency registry is attached.</summary>
    public bool HasDecisionLatencies => Volatile.Read(ref _latencies) is not null;

    /// <summary>
    /// Reads one decision latency histogram (a strategy's stage, or with <paramref name="stage"/> null its
    /// total) as Prometheus buckets (<see cref="LatencyBucketsSeconds"/>); null when no registry is attached.
    /// </summary>
    /// <remarks>A sample counts under a bound when the upper edge of its <see cref="LatencyHistogram"/>
    /// bucket (within 0.8 % above the sample), capped at the largest sample, is at or below the bound, so a
    /// sample just under a bound may count under the next one: latencies are never under-reported. Safe while the kernel records (see the
    /// class remarks). Costs a copy of the histogram and a binary search per bound over its public quantile
    /// API (tens of milliseconds per scrape when all 25 histograms changed; <see cref="LatencyHistogram"/>
    /// exposes no bucket counts), reader side only; a histogram whose count has not changed since the last
    /// read is served from a cache.</remarks>
    public LatencySnapshot? ReadDecisionLatency(StrategyId strategy, DecisionStage? stage)
    {
        var source = Volatile.Read(ref _latencies);
        if (source is null)
        {
            return null;
        }

        var live = stage is { } s ? source.Get(strategy, s) : source.Total(strategy);
        lock (_latencyReadGate)
        {
            // a histogram that has not changed since the last read (same registry, same count) is not re-read
            int slot = ((int)strategy * 5) + (stage is { } st ? (int)st : 4);
            long liveCount = live.Count;
            if (_latencyCache.TryGetValue(slot, out var cached) && ReferenceEquals(cached.Source, live) && cached.Snapshot.Count == liveCount)
            {
                return cached.Snapshot;
            }

            var h = _latencyCopy;
            h.Reset();
            h.Merge(live);
            long n = h.Count;
            var cumulative = new long[LatencyBucketsNanoseconds.Length];
            long lo = 0;
            for (int b = 0; b < cumulative.Length; b++)
            {
                lo = CountAtOrBelow(h, LatencyBucketsNanoseconds[b], lo);
                cumulative[b] = lo;
            }

            var snapshot = new LatencySnapshot(n, h.Sum / 1e9, cumulative);
            _latencyCache[slot] = (live, snapshot);
            return snapshot;
        }
    }

    /// <summary>The largest rank r (0 … count) whose value is at most <paramref name="bound"/>, searching
    /// from <paramref name="from"/> (a rank known to qualify).</summary>
    private static long CountAtOrBelow(LatencyHistogram h, long bound, long from)
    {
        long n = h.Count;
        if (n == 0)
        {
            return 0;
        }

        if (h.Max <= bound)
        {
            return n;
        }

        long lo = from;
        long hi = n; // value(hi) = max > bound, so the answer is below hi
        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            if (ValueAtRank(h, mid) <= bound)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The value the histogram reports for the rank-th smallest sample (1-based). The quantile
    /// (rank − ½) / count lands inside the rank whatever the floating-point rounding.</summary>
    private static long ValueAtRank(LatencyHistogram h, long rank) => h.ValueAtQuantile((rank - 0.5) / h.Count);
}
