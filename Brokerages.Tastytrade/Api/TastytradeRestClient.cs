using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using RestSharp;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Http;

namespace TomKing.Brokerages.Tastytrade.Api;

/// <summary>
/// The Tastytrade REST API over RestSharp (bodies and answers through the source-generated
/// <see cref="TastytradeJsonContext"/>, never RestSharp's reflection serializer). Every call passes a
/// token-bucket rate limiter and carries the bearer token, <c>User-Agent</c> and the pinned
/// <c>Accept-Version</c>. Idempotent calls (GET, DELETE/cancel, dry runs) are retried on 429/5xx/timeouts
/// with jittered exponential backoff that honours Retry-After; order placement and replacement are never
/// retried: a placement returns <see cref="OrderSubmitResult"/> and an unknown outcome is settled by
/// <see cref="ReconcileOrderAsync"/>. Errors become <see cref="TastytradeApiException"/>; transport
/// failures and token-refresh failures become <see cref="TastytradeDisconnectedException"/>.
/// </summary>
public sealed class TastytradeRestClient : IDisposable
{
    private static readonly TastytradeJsonContext Json = TastytradeJsonContext.Default;

    private readonly RestClient _rest;
    private readonly IAccessTokenSource _tokens;
    private readonly RateLimiter _limiter;
    private readonly bool _ownsLimiter;
    private readonly ResiliencePipeline _retry;
    private readonly ILogger _logger;
    private readonly string? _apiVersion;

    /// <summary>Creates a client with its own HTTP stack (<see cref="TastytradeHttp.CreateClient"/>).</summary>
    /// <param name="options">Settings.</param>
    /// <param name="tokens">Access tokens (usually <see cref="OAuthTokenSource"/>).</param>
    /// <param name="logger">Logger; every argument it sees is redacted.</param>
    /// <param name="limiter">Rate limiter to share (e.g. with another client on the same account); default: a token bucket from <paramref name="options"/>.</param>
    public TastytradeRestClient(TastytradeClientOptions options, IAccessTokenSource tokens, ILogger? logger = null, RateLimiter? limiter = null)
        : this(options, tokens, TastytradeHttp.CreateClient(options?.Environment.RestBaseUri ?? throw new ArgumentNullException(nameof(options)),
            options.RequestTimeout + TimeSpan.FromSeconds(5), options.ValidateCertificates), logger, limiter)
    {
    }

    /// <summary>Creates a client over a given <see cref="HttpClient"/> (its handler should come from
    /// <see cref="TastytradeHttp.CreateHandler"/>); the client is disposed with this one.</summary>
    /// <param name="options">Settings.</param>
    /// <param name="tokens">Access tokens.</param>
    /// <param name="http">HTTP client.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="limiter">Rate limiter to share; default: a token bucket from <paramref name="options"/>.</param>
    public TastytradeRestClient(TastytradeClientOptions options, IAccessTokenSource tokens, HttpClient http, ILogger? logger = null, RateLimiter? limiter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _logger = logger ?? NullLogger.Instance;
        _apiVersion = options.ApiVersion;
        Options = options;
        _rest = new RestClient(http, new RestClientOptions(options.Environment.RestBaseUri)
        {
            UserAgent = TastytradeHttp.UserAgent,
            Timeout = options.RequestTimeout,
            ThrowOnAnyError = false,
        }, disposeHttpClient: true);
        _ownsLimiter = limiter is null;
        _limiter = limiter ?? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.RateLimitBurst,
            TokensPerPeriod = options.RateLimitTokensPerPeriod,
            ReplenishmentPeriod = options.RateLimitPeriod,
            QueueLimit = options.RateLimitQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        _retry = BuildRetry(options);
    }

    /// <summary>The settings.</summary>
    public TastytradeClientOptions Options { get; }

    // ---------------- accounts, balances, positions ----------------

    /// <summary><c>GET /customers/me</c>: the login's customer profile.</summary>
    public async Task<Customer?> GetCustomerAsync(CancellationToken ct = default) =>
        (await GetAsync("customers/me", null, Json.ApiEnvelopeCustomer, ct).ConfigureAwait(false)).Data;

    /// <summary><c>GET /customers/me/accounts</c>.</summary>
    public async Task<IReadOnlyList<AccountAuthority>> GetAccountsAsync(CancellationToken ct = default) =>
        (await GetAsync("customers/me/accounts", null, Json.ApiEnvelopeItemListAccountAuthority, ct).ConfigureAwait(false)).Data?.Items ?? [];

    /// <summary><c>GET /accounts/{n}/trading-status</c>.</summary>
    public async Task<TradingStatus?> GetTradingStatusAsync(string account, CancellationToken ct = default) =>
        (await GetAsync($"accounts/{Seg(account)}/trading-status", null, Json.ApiEnvelopeTradingStatus, ct).ConfigureAwait(false)).Data;

    /// <summary><c>GET /accounts/{n}/balances</c> (a single object).</summary>
    public async Task<AccountBalance?> GetBalancesAsync(string account, CancellationToken ct = default) =>
        (await GetAsync($"accounts/{Seg(account)}/balances", null, Json.ApiEnvelopeAccountBalance, ct).ConfigureAwait(false)).Data;

    /// <summary><c>GET /accounts/{n}/positions</c>.</summary>
    public async Task<IReadOnlyList<Position>> GetPositionsAsync(string account, CancellationToken ct = default) =>
        (await GetAsync($"accounts/{Seg(account)}/positions", null, Json.ApiEnvelopeItemListPosition, ct).ConfigureAwait(false)).Data?.Items ?? [];

    // ---------------- orders ----------------

    /// <summary>
    /// <c>POST /accounts/{n}/orders</c>, sent exactly once. The request must carry an
    /// <see cref="OrderRequest.ExternalIdentifier"/> (the client order id) so an unknown outcome can be
    /// reconciled. Does not throw for venue trouble: the outcome is in the result.
    /// </summary>
    /// <exception cref="ArgumentException">No external identifier.</exception>
    public async Task<OrderSubmitResult> PlaceOrderAsync(string account, OrderRequest order, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (string.IsNullOrWhiteSpace(order.ExternalIdentifier))
        {
            throw new ArgumentException("An order must carry an external-identifier (client order id) so a timed-out submit can be reconciled.", nameof(order));
        }

        string body = JsonSerializer.Serialize(order, Json.OrderRequest);
        string id = order.ExternalIdentifier;
        try
        {
            var env = await AttemptAsync(Method.Post, $"accounts/{Seg(account)}/orders", null, body, Json.ApiEnvelopePlacedOrderResponse, ct).ConfigureAwait(false);
            return new OrderSubmitResult(OrderSubmitStatus.Accepted, id, env.Data, null, null);
        }
        catch (TastytradeApiException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new OrderSubmitResult(OrderSubmitStatus.NotSent, id, null, ex, null);
        }
        catch (TastytradeApiException ex) when (ex.IsTransient)
        {
            string shownAccount = LogRedaction.Account(account);
            string reason = ((int)ex.StatusCode).ToString(CultureInfo.InvariantCulture);
            TastytradeLog.SubmitUnknown(_logger, id, shownAccount, reason);
            return new OrderSubmitResult(OrderSubmitStatus.Unknown, id, null, ex, ex);
        }
        catch (TastytradeApiException ex)
        {
            return new OrderSubmitResult(OrderSubmitStatus.Rejected, id, null, ex, null);
        }
        catch (TastytradeDisconnectedException ex) when (ex.Kind == DisconnectKind.TokenRefreshFailed)
        {
            // No token, so nothing was sent.
            return new OrderSubmitResult(OrderSubmitStatus.NotSent, id, null, null, ex);
        }
        catch (TastytradeDisconnectedException ex)
        {
            string shownAccount = LogRedaction.Account(account);
            string reason = ex.Kind.ToString();
            TastytradeLog.SubmitUnknown(_logger, id, shownAccount, reason);
            return new OrderSubmitResult(OrderSubmitStatus.Unknown, id, null, null, ex);
        }
    }

    /// <summary>
    /// Settles an order whose submit outcome is unknown: looks for its external identifier among the live
    /// orders, then (when <paramref name="since"/> is given) in the order history from that day. Not found
    /// in both means the broker never created it and it may be resubmitted.
    /// </summary>
    public async Task<OrderReconciliation> ReconcileOrderAsync(string account, string externalIdentifier, DateOnly? since = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalIdentifier);
        Order? found = (await GetLiveOrdersAsync(account, ct).ConfigureAwait(false))
            .FirstOrDefault(o => string.Equals(o.ExternalIdentifier, externalIdentifier, StringComparison.Ordinal));
        if (found is null && since is { } start)
        {
            const int perPage = 200;
            for (int page = 0; page < 50 && found is null; page++)
            {
                var env = await SearchOrdersAsync(account, new OrderSearch { StartDate = start, PerPage = perPage, PageOffset = page }, ct).ConfigureAwait(false);
                var items = env.Data?.Items ?? [];
                found = items.FirstOrDefault(o => string.Equals(o.ExternalIdentifier, externalIdentifier, StringComparison.Ordinal));
                if (items.Count < perPage || env.Pagination is { } p && page + 1 >= p.TotalPages)
                {
                    break;
                }
            }
        }

        string shown = LogRedaction.Account(account);
        string outcome = found is null ? "not found" : found.Status ?? "found";
        TastytradeLog.Reconciled(_logger, externalIdentifier, shown, outcome);
        return new OrderReconciliation(found is not null, found);
    }

    /// <summary><c>POST /accounts/{n}/orders/dry-run</c>: buying-power effect and fees, no order created (retried: it has no side effect).</summary>
    public async Task<PlacedOrderResponse?> DryRunOrderAsync(string account, OrderRequest order, CancellationToken ct = default) =>
        (await SendIdempotentAsync(Method.Post, $"accounts/{Seg(account)}/orders/dry-run", null,
            JsonSerializer.Serialize(order, Json.OrderRequest), Json.ApiEnvelopePlacedOrderResponse, ct).ConfigureAwait(false)).Data;

    /// <summary><c>PUT /accounts/{n}/orders/{id}</c> (cancel-replace; body without legs). Returns the <b>new</b>
    /// order. Never retried: on a timeout read the original order (its <c>replacing-order-id</c>) instead.</summary>
    public async Task<Order?> ReplaceOrderAsync(string account, long orderId, OrderRequest replacement, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        string body = JsonSerializer.Serialize(replacement with { Legs = null }, Json.OrderRequest);
        return (await AttemptAsync(Method.Put, $"accounts/{Seg(account)}/orders/{orderId}", null, body, Json.ApiEnvelopeOrder, ct).ConfigureAwait(false)).Data;
    }

    /// <summary><c>DELETE /accounts/{n}/orders/{id}</c>: requests the cancel (usually answers <c>Cancel Requested</c>).</summary>
    public async Task<Order?> CancelOrderAsync(string account, long orderId, CancellationToken ct = default) =>
        (await SendIdempotentAsync(Method.Delete, $"accounts/{Seg(account)}/orders/{orderId}", null, null, Json.ApiEnvelopeOrder, ct).ConfigureAwait(false)).Data;

    /// <summary><c>GET /accounts/{n}/orders/live</c>: today's orders in every status, plus working GTCs.</summary>
    public async Task<IReadOnlyList<Order>> GetLiveOrdersAsync(string account, CancellationToken ct = default) =>
        (await GetAsync($"accounts/{Seg(account)}/orders/live", null, Json.ApiEnvelopeItemListOrder, ct).ConfigureAwait(false)).Data?.Items ?? [];

    /// <summary><c>GET /accounts/{n}/orders/{id}</c>.</summary>
    public async Task<Order?> GetOrderAsync(string account, long orderId, CancellationToken ct = default) =>
        (await GetAsync($"accounts/{Seg(account)}/orders/{orderId}", null, Json.ApiEnvelopeOrder, ct).ConfigureAwait(false)).Data;

    /// <summary><c>GET /accounts/{n}/orders?…</c> (paginated; the envelope carries the pagination).</summary>
    public Task<ApiEnvelope<ItemList<Order>>> SearchOrdersAsync(string account, OrderSearch search, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        return GetAsync($"accounts/{Seg(account)}/orders", r =>
        {
            AddDate(r, "start-date", search.StartDate);
            AddDate(r, "end-date", search.EndDate);
            foreach (string status in search.Statuses ?? [])
            {
                r.AddQueryParameter("status[]", status);
            }

            Add(r, "underlying-symbol", search.UnderlyingSymbol);
            Add(r, "sort", search.Sort);
            AddInt(r, "per-page", search.PerPage);
            AddInt(r, "page-offset", search.PageOffset);
        }, Json.ApiEnvelopeItemListOrder, ct);
    }

    // ---------------- complex orders ----------------

    /// <summary><c>POST /accounts/{n}/complex-orders</c> (OCO/OTOCO), sent once; same outcome rules as <see cref="PlaceOrderAsync"/>.</summary>
    public async Task<OrderSubmitResult> PlaceComplexOrderAsync(string account, ComplexOrderRequest order, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        string id = order.ExternalIdentifier ?? order.TriggerOrder?.ExternalIdentifier ?? (order.Orders.Count > 0 ? order.Orders[0].ExternalIdentifier : null)
            ?? throw new ArgumentException("A complex order must carry an external-identifier (on the group or its orders).", nameof(order));
        try
        {
            var env = await AttemptAsync(Method.Post, $"accounts/{Seg(account)}/complex-orders", null,
                JsonSerializer.Serialize(order, Json.ComplexOrderRequest), Json.ApiEnvelopePlacedOrderResponse, ct).ConfigureAwait(false);
            return new OrderSubmitResult(OrderSubmitStatus.Accepted, id, env.Data, null, null);
        }
        catch (TastytradeApiException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new OrderSubmitResult(OrderSubmitStatus.NotSent, id, null, ex, null);
        }
        catch (TastytradeApiException ex)
        {
            return new OrderSubmitResult(ex.IsTransient ? OrderSubmitStatus.Unknown : OrderSubmitStatus.Rejected, id, null, ex, ex.IsTransient ? ex : null);
        }
        catch (TastytradeDisconnectedException ex)
        {
            return new OrderSubmitResult(ex.Kind == DisconnectKind.TokenRefreshFailed ? OrderSubmitStatus.NotSent : OrderSubmitStatus.Unknown, id, null, null, ex);
        }
    }

    /// <summary><c>POST /accounts/{n}/complex-orders/dry-run</c>.</summary>
    public async Task<PlacedOrderResponse?> DryRunComplexOrderAsync(string account, ComplexOrderRequest order, CancellationToken ct = default) =>
        (await SendIdempotentAsync(Method.Post, $"accounts/{Seg(account)}/complex-orders/dry-run", null,
            JsonSerializer.Serialize(order, Json.ComplexOrderRequest), Json.ApiEnvelopePlacedOrderResponse, ct).ConfigureAwait(false)).Data;

    /// <summary><c>GET /accounts/{n}/complex-orders/live</c>.</summary>
    public async Task<IReadOnlyList<ComplexOrder>> GetLiveComplexOrdersAsync(string account, CancellationToken ct = default) =>
        (await GetAsync($"accounts/{Seg(account)}/complex-orders/live", null, Json.ApiEnvelopeItemListComplexOrder, ct).ConfigureAwait(false)).Data?.Items ?? [];

    /// <summary><c>GET /accounts/{n}/complex-orders/{id}</c>.</summary>
    public async Task<ComplexOrder?> GetComplexOrderAsync(string account, long id, CancellationToken ct = default) =>
        (await GetAsync($"accounts/{Seg(account)}/complex-orders/{id}", null, Json.ApiEnvelopeComplexOrder, ct).ConfigureAwait(false)).Data;

    /// <summary><c>DELETE /accounts/{n}/complex-orders/{id}</c> (cancels every non-terminal component; use this, not the single-order cancel).</summary>
    public async Task<ComplexOrder?> CancelComplexOrderAsync(string account, long id, CancellationToken ct = default) =>
        (await SendIdempotentAsync(Method.Delete, $"accounts/{Seg(account)}/complex-orders/{id}", null, null, Json.ApiEnvelopeComplexOrder, ct).ConfigureAwait(false)).Data;

    // ---------------- instruments ----------------

    /// <summary><c>GET /instruments/equities/{symbol}</c>.</summary>
    public async Task<EquityInstrument?> GetEquityAsync(string symbol, CancellationToken ct = default) =>
        (await GetAsync($"instruments/equities/{Seg(symbol)}", null, Json.ApiEnvelopeEquityInstrument, ct).ConfigureAwait(false)).Data;

    /// <summary><c>GET /instruments/equities?symbol[]=…</c>.</summary>
    public async Task<IReadOnlyList<EquityInstrument>> GetEquitiesAsync(IEnumerable<string> symbols, CancellationToken ct = default) =>
        (await GetAsync("instruments/equities", r => AddEach(r, "symbol[]", symbols), Json.ApiEnvelopeItemListEquityInstrument, ct).ConfigureAwait(false)).Data?.Items ?? [];

    /// <summary><c>GET /option-chains/{symbol}</c> (flat).</summary>
    public async Task<IReadOnlyList<EquityOptionInstrument>> GetOptionChainAsync(string symbol, CancellationToken ct = default) =>
        (await GetAsync($"option-chains/{Seg(symbol)}", null, Json.ApiEnvelopeItemListEquityOptionInstrument, ct).ConfigureAwait(false)).Data?.Items ?? [];

    /// <summary><c>GET /option-chains/{symbol}/nested</c> (one item per root: SPX and SPXW).</summary>
    public async Task<IReadOnlyList<NestedOptionChain>> GetNestedOptionChainAsync(string symbol, CancellationToken ct = default) =>
        (await GetAsync($"option-chains/{Seg(symbol)}/nested", null, Json.ApiEnvelopeItemListNestedOptionChain, ct).ConfigureAwait(false)).Data?.Items ?? [];

    /// <summary><c>GET /instruments/futures/{symbol}</c>; the leading slash is stripped (<c>/ESZ5</c> → <c>ESZ5</c>).</summary>
    public async Task<FutureInstrument?> GetFutureAsync(string symbol, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return (await GetAsync($"instruments/futures/{Seg(symbol.TrimStart('/'))}", null, Json.ApiEnvelopeFutureInstrument, ct).ConfigureAwait(false)).Data;
    }

    /// <summary><c>GET /instruments/futures?product-code[]=…</c>.</summary>
    public async Task<IReadOnlyList<FutureInstrument>> GetFuturesAsync(IEnumerable<string> productCodes, CancellationToken ct = default) =>
        (await GetAsync("instruments/futures", r => AddEach(r, "product-code[]", productCodes), Json.ApiEnvelopeItemListFutureInstrument, ct).ConfigureAwait(false)).Data?.Items ?? [];

    /// <summary><c>GET /futures-option-chains/{product}</c> (flat; product code such as <c>ES</c>).</summary>
    public async Task<IReadOnlyList<FutureOptionInstrument>> GetFutureOptionChainAsync(string productCode, CancellationToken ct = default) =>
        (await GetAsync($"futures-option-chains/{Seg(productCode.TrimStart('/'))}", null, Json.ApiEnvelopeItemListFutureOptionInstrument, ct).ConfigureAwait(false)).Data?.Items ?? [];

    /// <summary><c>GET /futures-option-chains/{product}/nested</c>.</summary>
    public async Task<NestedFutureOptionChains?> GetNestedFutureOptionChainAsync(string productCode, CancellationToken ct = default) =>
        (await GetAsync($"futures-option-chains/{Seg(productCode.TrimStart('/'))}/nested", null, Json.ApiEnvelopeNestedFutureOptionChains, ct).ConfigureAwait(false)).Data;

    // ---------------- market data helpers ----------------

    /// <summary><c>GET /api-quote-tokens</c>: DXLink token (24 h) and URL.</summary>
    public async Task<QuoteToken?> GetQuoteTokenAsync(CancellationToken ct = default) =>
        (await GetAsync("api-quote-tokens", null, Json.ApiEnvelopeQuoteToken, ct).ConfigureAwait(false)).Data;

    /// <summary><c>GET /market-metrics?symbols=A,B</c> (IV rank and percentile).</summary>
    public async Task<IReadOnlyList<MarketMetric>> GetMarketMetricsAsync(IEnumerable<string> symbols, CancellationToken ct = default) =>
        (await GetAsync("market-metrics", r => r.AddQueryParameter("symbols", string.Join(',', symbols)), Json.ApiEnvelopeItemListMarketMetric, ct).ConfigureAwait(false)).Data?.Items ?? [];

    /// <summary><c>GET /accounts/{n}/transactions?…</c> (paginated).</summary>
    public Task<ApiEnvelope<ItemList<Transaction>>> GetTransactionsAsync(string account, TransactionSearch search, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        return GetAsync($"accounts/{Seg(account)}/transactions", r =>
        {
            AddDate(r, "start-date", search.StartDate);
            AddDate(r, "end-date", search.EndDate);
            Add(r, "type", search.Type);
            Add(r, "symbol", search.Symbol);
            Add(r, "underlying-symbol", search.UnderlyingSymbol);
            Add(r, "sort", search.Sort);
            AddInt(r, "per-page", search.PerPage);
            AddInt(r, "page-offset", search.PageOffset);
        }, Json.ApiEnvelopeItemListTransaction, ct);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _rest.Dispose();
        if (_ownsLimiter)
        {
            _limiter.Dispose();
        }
    }

    // ---------------- pipeline ----------------

    private Task<T> GetAsync<T>(string path, Action<RestRequest>? query, JsonTypeInfo<T> info, CancellationToken ct) =>
        SendIdempotentAsync(Method.Get, path, query, null, info, ct);

    private async Task<T> SendIdempotentAsync<T>(Method method, string path, Action<RestRequest>? query, string? body, JsonTypeInfo<T> info, CancellationToken ct) =>
        await _retry.ExecuteAsync(
            async token => await AttemptAsync(method, path, query, body, info, token).ConfigureAwait(false),
            ct).ConfigureAwait(false);

    /// <summary>One send (plus one re-send after a 401 with a fresh token: a 401 means nothing was processed).</summary>
    private async Task<T> AttemptAsync<T>(Method method, string path, Action<RestRequest>? query, string? body, JsonTypeInfo<T> info, CancellationToken ct)
    {
        using (RateLimitLease lease = await _limiter.AcquireAsync(1, ct).ConfigureAwait(false))
        {
            if (!lease.IsAcquired)
            {
                throw new TastytradeApiException(HttpStatusCode.TooManyRequests, null, "Client-side rate limit: the request queue is full.");
            }
        }

        for (int authAttempt = 0; ; authAttempt++)
        {
            string token = await _tokens.GetAccessTokenAsync(ct).ConfigureAwait(false);
            var request = new RestRequest(path, method);
            request.AddHeader("Authorization", "Bearer " + token);
            request.AddHeader("Accept", "application/json");
            if (_apiVersion is not null)
            {
                request.AddHeader("Accept-Version", _apiVersion);
            }

            query?.Invoke(request);
            if (body is not null)
            {
                request.AddStringBody(body, ContentType.Json);
            }

            long started = Stopwatch.GetTimestamp();
            RestResponse response = await _rest.ExecuteAsync(request, ct).ConfigureAwait(false);
            double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            int status = (int)response.StatusCode;
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                string verb = method.ToString().ToUpperInvariant();
                string shownPath = LogRedaction.Path(path);
                TastytradeLog.Request(_logger, verb, shownPath, status, elapsedMs);
            }

            if (status == 0)
            {
                ct.ThrowIfCancellationRequested();
                bool timeout = response.ResponseStatus == ResponseStatus.TimedOut ||
                    response.ErrorException is TimeoutException or TaskCanceledException or OperationCanceledException;
                throw new TastytradeDisconnectedException(timeout ? DisconnectKind.Timeout : DisconnectKind.Transport,
                    $"{method} {LogRedaction.Path(path)}: {(timeout ? "timed out" : "transport failure")}", response.ErrorException);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && authAttempt == 0)
            {
                _tokens.Invalidate(token);
                string verb = method.ToString().ToUpperInvariant();
                string shownPath = LogRedaction.Path(path);
                TastytradeLog.Unauthorized(_logger, verb, shownPath);
                continue;
            }

            if (status is >= 200 and < 300)
            {
                byte[] raw = response.RawBytes ?? [];
                if (raw.Length == 0)
                {
                    return JsonSerializer.Deserialize("{}", info)!;
                }

                return JsonSerializer.Deserialize(raw, info)
                    ?? throw new TastytradeApiException(response.StatusCode, null, $"{method} {LogRedaction.Path(path)}: empty answer.");
            }

            throw MapError(method, path, response, token);
        }
    }

    private TastytradeApiException MapError(Method method, string path, RestResponse response, string token)
    {
        ApiError? error = null;
        if (response.RawBytes is { Length: > 0 } raw)
        {
            try
            {
                error = JsonSerializer.Deserialize(raw, Json.ApiErrorEnvelope)?.Error;
            }
            catch (JsonException)
            {
                // Not the envelope (a proxy page, say).
            }
        }

        int status = (int)response.StatusCode;
        string safePath = LogRedaction.Path(path);
        string text = response.StatusCode == HttpStatusCode.NotAcceptable
            ? $"{method} {safePath}: 406 — Accept-Version {_apiVersion ?? "(none)"} is not supported by the server ({error?.Message ?? "no message"}). Update TastytradeAssembly.ApiVersion after checking the API release notes."
            : $"{method} {safePath}: {status} {error?.Code} {error?.Message}".TrimEnd();
        foreach (ApiFieldError f in error?.Errors ?? [])
        {
            text += $"; {f.Code ?? f.Domain}: {f.Message ?? f.Reason}";
        }

        string? account = LogRedaction.AccountIn(path);
        text = LogRedaction.Text(text, account, token);
        string verb = method.ToString().ToUpperInvariant();
        string code = LogRedaction.Text(error?.Code, account, token);
        string shownMessage = LogRedaction.Text(error?.Message, account, token);
        TastytradeLog.ApiError(_logger, verb, safePath, status, code, shownMessage);
        return new TastytradeApiException(response.StatusCode, error, text, RetryAfter(response));
    }

    private static TimeSpan? RetryAfter(RestResponse response)
    {
        string? value = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Retry-After", StringComparison.OrdinalIgnoreCase))?.Value;
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) && response.Headers!
            .FirstOrDefault(h => string.Equals(h.Name, "Date", StringComparison.OrdinalIgnoreCase))?.Value is string date &&
            DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now)
            ? when - now
            : null;
    }

    private ResiliencePipeline BuildRetry(TastytradeClientOptions options)
    {
        if (options.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<TastytradeApiException>(e => e.IsTransient)
                    .Handle<TastytradeDisconnectedException>(e => e.Kind is DisconnectKind.Timeout or DisconnectKind.Transport),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is TastytradeApiException { RetryAfter: { } after }
                        ? TimeSpan.FromTicks(Math.Clamp(after.Ticks, 0, options.RetryMaxDelay.Ticks))
                        : null),
                OnRetry = args =>
                {
                    if (_logger.IsEnabled(LogLevel.Warning))
                    {
                        string reason = args.Outcome.Exception switch
                        {
                            TastytradeApiException api => ((int)api.StatusCode).ToString(CultureInfo.InvariantCulture),
                            TastytradeDisconnectedException d => d.Kind.ToString(),
                            _ => "error",
                        };
                        TastytradeLog.Retrying(_logger, "call", string.Empty, reason, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    }

                    return default;
                },
            })
            .Build();
    }

    private static string Seg(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }

    private static void Add(RestRequest r, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            r.AddQueryParameter(name, value);
        }
    }

    private static void AddInt(RestRequest r, string name, int? value)
    {
        if (value is { } v)
        {
            r.AddQueryParameter(name, v.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void AddDate(RestRequest r, string name, DateOnly? value)
    {
        if (value is { } d)
        {
            r.AddQueryParameter(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    private static void AddEach(RestRequest r, string name, IEnumerable<string> values)
    {
        foreach (string v in values)
        {
            r.AddQueryParameter(name, v);
        }
    }
}
