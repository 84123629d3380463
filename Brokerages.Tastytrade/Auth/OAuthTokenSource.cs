using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Http;

namespace TomKing.Brokerages.Tastytrade.Auth;

/// <summary>
/// OAuth2 refresh-token flow: <c>POST /oauth/token</c> with <c>grant_type=refresh_token</c> (JSON body, no
/// Authorization header). The access token (15 min) is cached and refreshed <see cref="RefreshMargin"/>
/// before it expires; one refresh is in flight at a time and concurrent callers await it. A failed refresh
/// surfaces as <see cref="TastytradeDisconnectedException"/> (kind <see cref="DisconnectKind.TokenRefreshFailed"/>)
/// and is not cached, so the caller's next attempt tries again.
/// </summary>
public sealed class OAuthTokenSource : IAccessTokenSource
{
    private readonly HttpClient _http;
    private readonly TastytradeCredentials _credentials;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private string? _token;
    private DateTime _expiresUtc;
    private Task<string>? _inFlight;

    /// <summary>Creates the source.</summary>
    /// <param name="http">Client from <see cref="TastytradeHttp.CreateClient"/> whose base is the REST base.</param>
    /// <param name="credentials">Client secret and refresh token.</param>
    /// <param name="clock">Time source for expiry (UTC from <see cref="IClock.UtcNow"/>).</param>
    /// <param name="logger">Logger (the token never reaches it).</param>
    public OAuthTokenSource(HttpClient http, TastytradeCredentials credentials, IClock clock, ILogger? logger = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>How long before expiry the token is refreshed (default 60 s).</summary>
    public TimeSpan RefreshMargin { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Lifetime assumed when the response has no <c>expires_in</c> (900 s).</summary>
    public TimeSpan DefaultLifetime { get; init; } = TimeSpan.FromSeconds(900);

    /// <summary>Number of refresh requests sent (for tests and metrics).</summary>
    public int RefreshCount => Volatile.Read(ref _refreshCount);

    private int _refreshCount;

    /// <inheritdoc />
    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        Task<string> refresh;
        lock (_gate)
        {
            if (_token is not null && _clock.UtcNow < _expiresUtc - RefreshMargin)
            {
                return ValueTask.FromResult(_token);
            }

            refresh = _inFlight ??= RefreshAsync();
        }

        return new ValueTask<string>(refresh.WaitAsync(cancellationToken));
    }

    /// <inheritdoc />
    public void Invalidate(string token)
    {
        lock (_gate)
        {
            if (string.Equals(token, _token, StringComparison.Ordinal))
            {
                _token = null;
            }
        }
    }

    private async Task<string> RefreshAsync()
    {
        // Runs once per refresh, shared by every waiter; not tied to any caller's cancellation.
        await Task.Yield();
        try
        {
            Interlocked.Increment(ref _refreshCount);
            var body = new OAuthTokenRequest
            {
                RefreshToken = _credentials.RefreshToken,
                ClientSecret = _credentials.ClientSecret,
                ClientId = _credentials.ClientId,
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
            {
                Content = new StringContent(JsonSerializer.Serialize(body, TastytradeJsonContext.Default.OAuthTokenRequest), Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            DateTime sentUtc = _clock.UtcNow;

            using HttpResponseMessage response = await _http.SendAsync(request).ConfigureAwait(false);
            string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                string reason = DescribeError((int)response.StatusCode, text);
                throw Fail($"token endpoint answered {(int)response.StatusCode}: {reason}", null);
            }

            OAuthTokenResponse? token = null;
            try
            {
                token = JsonSerializer.Deserialize(text, TastytradeJsonContext.Default.OAuthTokenResponse);
            }
            catch (JsonException)
            {
                // Handled below as a malformed answer.
            }

            if (string.IsNullOrEmpty(token?.AccessToken))
            {
                throw Fail("token endpoint answered without an access_token", null);
            }

            TimeSpan lifetime = token.ExpiresIn is > 0 ? TimeSpan.FromSeconds(token.ExpiresIn.Value) : DefaultLifetime;
            lock (_gate)
            {
                _token = token.AccessToken;
                _expiresUtc = sentUtc + lifetime;
                _inFlight = null;
            }

            string shown = LogRedaction.Secret(token.AccessToken);
            TastytradeLog.TokenRefreshed(_logger, shown, (int)lifetime.TotalSeconds);
            return token.AccessToken;
        }
        catch (TastytradeDisconnectedException)
        {
            ClearInFlight();
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            ClearInFlight();
            string cause = ex is TaskCanceledException ? "timeout" : ex.GetType().Name;
            TastytradeLog.TokenRefreshFailed(_logger, cause);
            throw new TastytradeDisconnectedException(DisconnectKind.TokenRefreshFailed, "OAuth token refresh failed: " + cause, ex);
        }
    }

    private TastytradeDisconnectedException Fail(string reason, Exception? inner)
    {
        ClearInFlight();
        string safe = LogRedaction.Text(reason, null, _credentials.RefreshToken, _credentials.ClientSecret);
        TastytradeLog.TokenRefreshFailed(_logger, safe);
        return new TastytradeDisconnectedException(DisconnectKind.TokenRefreshFailed, "OAuth token refresh failed: " + safe, inner);
    }

    private void ClearInFlight()
    {
        lock (_gate)
        {
            _inFlight = null;
        }
    }

    private static string DescribeError(int status, string body)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize(body, TastytradeJsonContext.Default.ApiErrorEnvelope);
            if (envelope?.Error is { } e)
            {
                return $"{e.Code} {e.Message}";
            }
        }
        catch (JsonException)
        {
            // Not the error envelope; fall through.
        }

        return status == 401 ? "unauthorized (check User-Agent, client secret and refresh token)" : "no error envelope";
    }
}
