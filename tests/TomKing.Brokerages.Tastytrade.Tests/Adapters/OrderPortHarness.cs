using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Api;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Emulator.Faults;
using TomKing.Brokerages.Tastytrade.Emulator.Market;
using TomKing.Brokerages.Tastytrade.Emulator.Streaming;
using TomKing.Brokerages.Tastytrade.Http;
using TomKing.Brokerages.Tastytrade.Streaming.Account;
using TomKing.Brokerages.Tastytrade.Symbology;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Tests.Adapters;

/// <summary>
/// The order port wired as the live runner will wire it, against the emulator on loopback: the REST client (short
/// timeouts and retry delays), the account streamer with the port's reconciler (fast heartbeat and silence watchdog),
/// and a recording sink whose fills give the positions the port's <c>heldQuantity</c> reads. The market clock stands
/// still (quotes are fixed, fills deterministic); the emulator works orders every 20 ms.
/// </summary>
public sealed class OrderPortHarness : IAsyncDisposable
{
    public const string Account = "5WT00001";

    private OrderPortHarness(EmulatorHost host, TastytradeRestClient rest, AccountStreamerClient streamer, RequestLog requests, EmulatorTokens tokens)
    {
        Host = host;
        Rest = rest;
        Streamer = streamer;
        Requests = requests;
        Tokens = tokens;
    }

    public EmulatorHost Host { get; }

    public TastytradeRestClient Rest { get; }

    public AccountStreamerClient Streamer { get; }

    public RequestLog Requests { get; }

    public EmulatorTokens Tokens { get; }

    public TastytradeOrderPort Port { get; private set; } = null!;

    public RecordingOrderSink Sink { get; } = new();

    public ConcurrentQueue<OrderAcknowledgement> Acks { get; } = new();

    public Dictionary<OptionContract, FutureOptionSymbol> FutureOptions { get; } = [];

    public static async Task<OrderPortHarness> StartAsync(FaultSettings? faults = null, Func<int, TastytradeOrderPortOptions, TastytradeOrderPortOptions>? configure = null)
    {
        var module = new TastytradeStreamingModule(o => o with { QuoteInterval = TimeSpan.FromSeconds(1) });
        var host = new EmulatorHost(new EmulatorOptions { ClockRuns = false, StepInterval = TimeSpan.FromMilliseconds(20), Modules = [module], Faults = faults ?? FaultSettings.None });
        var url = await host.StartAsync();
        Assert.That(url.Host, Is.EqualTo("127.0.0.1"));
        var env = TastytradeEnvironment.Loopback(url.Port);
        var requests = new RequestLog(TastytradeHttp.CreateHandler(env.RestBaseUri));
        var http = new HttpClient(requests, disposeHandler: true) { BaseAddress = env.RestBaseUri, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(TastytradeHttp.UserAgent);
        var tokens = new EmulatorTokens(host);
        var rest = new TastytradeRestClient(new TastytradeClientOptions
        {
            Environment = env,
            RequestTimeout = TimeSpan.FromSeconds(2),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            MaxRetries = 6,
            RateLimitBurst = 1000,
            RateLimitTokensPerPeriod = 1000,
        }, tokens, http);
        var streamer = new AccountStreamerClient(
            new AccountStreamerOptions
            {
                Url = new Uri(host.WebSocketBaseUrl, "/account-streamer"),
                AccountNumbers = [Account],
                HeartbeatInterval = TimeSpan.FromMilliseconds(200),
                SilenceTimeout = TimeSpan.FromMilliseconds(800),
                ConnectTimeout = TimeSpan.FromSeconds(2),
                InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
                MaxReconnectDelay = TimeSpan.FromMilliseconds(400),
            },
            ct => tokens.GetAccessTokenAsync(ct),
            TastytradeOrderPort.Reconciler(rest, Account));
        var h = new OrderPortHarness(host, rest, streamer, requests, tokens);
        var options = new TastytradeOrderPortOptions
        {
            Acknowledged = h.Acks.Enqueue,
            FutureOptionSymbols = c => h.FutureOptions.TryGetValue(c, out var s) ? s : null,
            ReconcileDelay = TimeSpan.FromMilliseconds(100),
            InitialBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(400),
        };
        options = configure?.Invoke(url.Port, options) ?? options;
        h.Port = new TastytradeOrderPort(rest, Account, h.Sink.Held, streamer, options);
        streamer.Start();
        Assert.That(await StreamingHelpers.Eventually(() => streamer.Reconciles >= 1, TimeSpan.FromSeconds(5)), Is.True, "the account streamer connected");
        return h;
    }

    /// <summary>Pumps the port into the sink until <paramref name="condition"/> holds (false at the deadline).</summary>
    public async Task<bool> PumpUntilAsync(Func<bool> condition, double seconds = 8)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            Port.Pump(Sink);
            if (condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        Port.Pump(Sink);
        return condition();
    }

    public Task<bool> UntilStatusAsync(OrderId order, BrokerOrderStatus status, double seconds = 8) =>
        PumpUntilAsync(() => Sink.LastStatus(order) == status, seconds);

    /// <summary>The emulator's orders (all days) carrying an external identifier.</summary>
    public IReadOnlyList<Order> EmulatorOrders(string externalIdentifier) =>
        [.. Host.Orders.Search(Account, new Emulator.Orders.OrderQuery([], Ascending: true)).Where(o => o.ExternalIdentifier == externalIdentifier)];

    // ---------------- instruments ----------------

    public EmulatorInstrument EquityOption(string underlying, int dte, OptionRight right, double moneyness, decimal offset = 0m)
    {
        var market = Host.Market;
        var today = market.Today;
        var expiry = market.ListExpiries(underlying).MinBy(e => Math.Abs(e.DayNumber - today.DayNumber - dte));
        Assert.That(market.TryGetPrice(underlying, out double spot), Is.True);
        var strikes = market.ListStrikes(underlying, expiry);
        decimal near = strikes.MinBy(k => Math.Abs((double)k - (moneyness * spot)));
        decimal strike = strikes.MinBy(k => Math.Abs(k - (near + offset)));
        Assert.That(market.TryEquityOption(underlying, expiry, right, strike, out var option), Is.True);
        return option;
    }

    public EmulatorInstrument FutureOption(string product, int dte, OptionRight right, double moneyness)
    {
        var market = Host.Market;
        var today = market.Today;
        var (fy, fm) = market.DeliveredFuture(product, today.AddDays(dte));
        var expiry = market.FutureExpiration(product, fy, fm);
        Assert.That(market.TryGetPrice(product, out double spot), Is.True);
        decimal strike = Math.Round((decimal)(moneyness * spot) / 5m) * 5m;
        Assert.That(market.TryFutureOption(product, expiry, right, strike, out var option), Is.True);
        Assert.That(option.TryGetContract(out var contract), Is.True);
        FutureOptions[contract] = FutureOptionSymbol.ParseOrderSymbol(option.Symbol);
        return option;
    }

    public static OptionContract ContractOf(EmulatorInstrument instrument)
    {
        Assert.That(instrument.TryGetContract(out var c), Is.True, instrument.Symbol);
        return c;
    }

    /// <summary>The natural (marketable) and mid combo prices of one unit as traded (debit positive), per the
    /// emulator's own quotes, rounded outward to the cent so the natural fills at once.</summary>
    public (decimal Natural, decimal Mid) Prices(OptionStructure structure, int quantitySign)
    {
        double natural = 0.0, mid = 0.0;
        for (int i = 0; i < structure.Count; i++)
        {
            var leg = structure[i];
            int signed = leg.Ratio * quantitySign;
            Assert.That(Host.Market.TryResolve(SymbolOf(leg.Contract), out var instrument), Is.True);
            Assert.That(Host.Market.TryQuote(instrument, out var q), Is.True);
            natural += signed * (signed > 0 ? q.Ask : q.Bid);
            mid += signed * q.Mid;
        }

        return (Math.Ceiling((decimal)natural * 100m) / 100m, Math.Round((decimal)mid, 2));
    }

    public string SymbolOf(OptionContract contract) =>
        FutureOptions.TryGetValue(contract, out var fop) ? fop.ToOrderSymbol() : OptionContractSymbols.ToOcc(contract);

    /// <summary>A request whose limit is marketable (natural) or resting (beyond mid by <paramref name="restBy"/>).</summary>
    public ComboOrderRequest Request(long clientId, OptionStructure structure, int quantity, bool marketable, decimal restBy = 0.25m)
    {
        int sign = Math.Sign(quantity);
        var (natural, mid) = Prices(structure, sign);
        decimal traded = marketable ? natural : mid - restBy;
        return new ComboOrderRequest(new ClientOrderId(clientId), StrategyId.F0, new PositionId(clientId), structure, quantity, traded * sign, "test");
    }

    public async ValueTask DisposeAsync()
    {
        await Port.DisposeAsync();
        await Streamer.DisposeAsync();
        Rest.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>Tokens straight from the emulator's token store; <see cref="Invalidate"/> fetches a new one (as the OAuth
/// source does after a 401).</summary>
public sealed class EmulatorTokens(EmulatorHost host) : IAccessTokenSource
{
    private readonly Lock _gate = new();
    private string? _token;

    public int Refreshes { get; private set; }

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_token is null)
            {
                var (token, _, error) = host.Context.Tokens.Exchange(new OAuthTokenRequest { RefreshToken = host.Context.Options.RefreshToken, ClientSecret = host.Context.Options.ClientSecret });
                _token = token?.AccessToken ?? throw new InvalidOperationException(error);
                Refreshes++;
            }

            return ValueTask.FromResult(_token);
        }
    }

    public void Invalidate(string token)
    {
        lock (_gate)
        {
            if (_token == token)
            {
                _token = null;
            }
        }
    }
}

/// <summary>Records every order POST (external identifier, the server's status and order id) and can lose the
/// answer of chosen requests after the server processed them (the client sees a transport failure).</summary>
public sealed class RequestLog(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public ConcurrentQueue<(string ExternalId, int Status, long? OrderId, bool Lost)> Posts { get; } = new();

    /// <summary>Every answer's status (all requests).</summary>
    public ConcurrentQueue<int> Statuses { get; } = new();

    /// <summary>Answers to lose: the next POSTs to <c>/orders</c> with these external identifiers.</summary>
    public ConcurrentDictionary<string, int> LoseAnswerOf { get; } = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        bool isPlace = request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/orders", StringComparison.Ordinal);
        string? ext = null;
        if (isPlace && request.Content is not null)
        {
            using var doc = JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
            ext = doc.RootElement.TryGetProperty("external-identifier", out var e) ? e.GetString() : null;
        }

        var response = await base.SendAsync(request, cancellationToken);
        Statuses.Enqueue((int)response.StatusCode);
        if (!isPlace || ext is null)
        {
            return response;
        }

        long? id = null;
        if (response.IsSuccessStatusCode)
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            id = doc.RootElement.GetProperty("data").GetProperty("order").GetProperty("id").GetInt64();
        }

        bool lose = LoseAnswerOf.TryGetValue(ext, out int n) && n > 0 && LoseAnswerOf.TryUpdate(ext, n - 1, n);
        Posts.Enqueue((ext, (int)response.StatusCode, id, lose));
        if (lose)
        {
            response.Dispose();
            throw new HttpRequestException("connection reset (test: answer lost after the server processed the order)");
        }

        return response;
    }
}

/// <summary>Records what a port delivers, as the pipeline and the portfolio would receive it.</summary>
public sealed class RecordingOrderSink : IOrderEventSink
{
    private readonly Lock _gate = new();

    public List<OrderUpdate> Updates { get; } = [];

    public List<LegFill> Fills { get; } = [];

    public void OnOrderUpdate(in OrderUpdate update)
    {
        lock (_gate)
        {
            Updates.Add(update);
        }
    }

    public void OnFill(in LegFill fill)
    {
        lock (_gate)
        {
            Fills.Add(fill);
        }
    }

    public BrokerOrderStatus? LastStatus(OrderId order)
    {
        lock (_gate)
        {
            return Updates.LastOrDefault(u => u.Order == order) is { Order.Value: > 0 } u ? u.Status : null;
        }
    }

    public IReadOnlyList<BrokerOrderStatus> StatusesOf(OrderId order)
    {
        lock (_gate)
        {
            return [.. Updates.Where(u => u.Order == order).Select(u => u.Status)];
        }
    }

    /// <summary>Signed contracts held according to the fills received.</summary>
    public int Held(OptionContract contract)
    {
        lock (_gate)
        {
            return Fills.Where(f => f.Contract == contract).Sum(f => f.Quantity);
        }
    }

    public Dictionary<OptionContract, int> Positions()
    {
        lock (_gate)
        {
            return Fills.GroupBy(f => f.Contract).Select(g => (g.Key, Q: g.Sum(f => f.Quantity))).Where(p => p.Q != 0).ToDictionary(p => p.Key, p => p.Q);
        }
    }
}

public static class StreamingHelpers
{
    public static async Task<bool> Eventually(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return condition();
    }
}
