using System.Collections.Concurrent;
using System.Security.Cryptography;
using TomKing.Brokerages.Tastytrade.Api.Models;

namespace TomKing.Brokerages.Tastytrade.Emulator.Auth;

/// <summary>
/// The emulator's OAuth server side: exchanges the configured refresh token (and client secret) for short-lived
/// access tokens, checks bearer tokens, and issues DXLink quote tokens. Tokens are random, expire after their
/// lifetime (real time), and can all be expired at once (<see cref="ExpireAll"/>, the token-expiry fault).
/// Thread-safe.
/// </summary>
public sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _access = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _quote = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="refreshToken">The one refresh token that is accepted.</param>
    /// <param name="clientSecret">The client secret that must accompany it.</param>
    /// <param name="clientId">When set, a request that sends a client id must send this one.</param>
    /// <param name="accessTokenLifetime">Lifetime of access tokens (<c>expires_in</c>).</param>
    /// <param name="time">Real time (null: the system's).</param>
    public TokenStore(string refreshToken, string clientSecret, string? clientId, TimeSpan accessTokenLifetime, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        RefreshToken = refreshToken;
        ClientSecret = clientSecret;
        ClientId = clientId;
        AccessTokenLifetime = accessTokenLifetime > TimeSpan.Zero ? accessTokenLifetime : throw new ArgumentOutOfRangeException(nameof(accessTokenLifetime));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The accepted refresh token.</summary>
    public string RefreshToken { get; }

    /// <summary>The accepted client secret.</summary>
    public string ClientSecret { get; }

    /// <summary>The client id, when one is enforced.</summary>
    public string? ClientId { get; }

    /// <summary>Lifetime of issued access tokens.</summary>
    public TimeSpan AccessTokenLifetime { get; set; }

    /// <summary>Lifetime of quote tokens (24 hours, as documented).</summary>
    public TimeSpan QuoteTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many access tokens were issued (tests check refresh behaviour with it).</summary>
    public int IssuedCount => Volatile.Read(ref _issued);

    private int _issued;

    /// <summary>Handles a token request: the token response, or an error (code and message) when the grant is refused.</summary>
    public (OAuthTokenResponse? Token, string? ErrorCode, string? ErrorMessage) Exchange(OAuthTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.GrantType != "refresh_token")
        {
            return (null, "unsupported_grant_type", "Only the refresh_token grant is supported.");
        }

        if (!FixedEquals(request.RefreshToken, RefreshToken) || !FixedEquals(request.ClientSecret, ClientSecret)
            || (ClientId is not null && request.ClientId is not null && !FixedEquals(request.ClientId, ClientId)))
        {
            return (null, "invalid_grant", "The refresh token, client secret or client id is not valid.");
        }

        string token = NewToken("emu-at-");
        _access[token] = _time.GetUtcNow() + AccessTokenLifetime;
        Interlocked.Increment(ref _issued);
        return (new OAuthTokenResponse
        {
            AccessToken = token,
            TokenType = "Bearer",
            ExpiresIn = (int)Math.Ceiling(AccessTokenLifetime.TotalSeconds),
            Scope = request.Scope ?? "read trade",
        }, null, null);
    }

    /// <summary>Checks a bearer token: null when valid, else why not (<c>missing</c>, <c>expired</c>, <c>invalid</c>).</summary>
    public string? CheckAccessToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return "missing";
        }

        if (!_access.TryGetValue(token, out var expiresAt))
        {
            return "invalid";
        }

        return _time.GetUtcNow() >= expiresAt ? "expired" : null;
    }

    /// <summary>True for a live access token (the account streamer's <c>auth-token</c>; a <c>Bearer </c> prefix is accepted).</summary>
    public bool IsValidAccessToken(string? token) =>
        CheckAccessToken(token is not null && token.StartsWith("Bearer ", StringComparison.Ordinal) ? token[7..] : token) is null;

    /// <summary>Issues a DXLink quote token.</summary>
    public (string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt) IssueQuoteToken()
    {
        string token = NewToken("emu-qt-");
        var now = _time.GetUtcNow();
        var expires = now + QuoteTokenLifetime;
        _quote[token] = expires;
        return (token, now, expires);
    }

    /// <summary>True for a live quote token (DXLink AUTH).</summary>
    public bool IsValidQuoteToken(string? token) =>
        token is not null && _quote.TryGetValue(token, out var expiresAt) && _time.GetUtcNow() < expiresAt;

    /// <summary>Expires every access and quote token now.</summary>
    public void ExpireAll()
    {
        var past = _time.GetUtcNow() - TimeSpan.FromSeconds(1);
        foreach (var key in _access.Keys)
        {
            _access[key] = past;
        }

        foreach (var key in _quote.Keys)
        {
            _quote[key] = past;
        }
    }

    private static string NewToken(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private static bool FixedEquals(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
