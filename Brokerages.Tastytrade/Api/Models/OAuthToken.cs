using System.Text.Json.Serialization;

namespace TomKing.Brokerages.Tastytrade.Api.Models;

/// <summary>Body of <c>POST /oauth/token</c> (snake_case, standard OAuth; sent without an Authorization header).</summary>
public sealed record OAuthTokenRequest
{
    /// <summary>Always <c>refresh_token</c> for this client.</summary>
    [JsonPropertyName("grant_type")]
    public string GrantType { get; init; } = "refresh_token";

    /// <summary>The long-lived refresh token (a secret).</summary>
    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    /// <summary>The OAuth client secret (a secret).</summary>
    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; init; }

    /// <summary>The OAuth client id (optional; must match the grant when sent).</summary>
    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    /// <summary>Space-joined scopes (optional, e.g. <c>read trade</c>).</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }
}

/// <summary>Response of <c>POST /oauth/token</c>: top-level (not wrapped in <c>data</c>).</summary>
public sealed record OAuthTokenResponse
{
    /// <summary>The bearer access token (a secret).</summary>
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    /// <summary><c>Bearer</c>.</summary>
    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    /// <summary>Lifetime in seconds (900 = 15 minutes by default).</summary>
    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    /// <summary>OpenID id token when issued (unconfirmed field; a secret).</summary>
    [JsonPropertyName("id_token")]
    public string? IdToken { get; init; }

    /// <summary>Granted scopes when reported (unconfirmed field).</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }
}
