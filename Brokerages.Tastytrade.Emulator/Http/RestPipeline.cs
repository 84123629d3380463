using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace TomKing.Brokerages.Tastytrade.Emulator.Http;

/// <summary>
/// The checks every REST request passes, in this order: injected latency; <c>User-Agent</c> (missing or not
/// <c>product/version</c> → 401); <c>Accept-Version</c> (not a supported <c>yyyyMMdd</c> → 406 with the numeric code);
/// injected 429 (with <c>Retry-After</c>) or 5xx (not for <c>/oauth/token</c>); the bearer token (all paths except
/// <c>/oauth/token</c>: missing, unknown or expired → 401). WebSocket upgrade requests and the emulator-only control
/// paths under <c>/emulator/</c> (not part of Tastytrade's API) skip all of it.
/// </summary>
internal sealed class RestPipeline(RequestDelegate next, EmulatorContext emulator)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.WebSockets.IsWebSocketRequest || http.Request.Path.StartsWithSegments("/emulator", StringComparison.OrdinalIgnoreCase))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var faults = emulator.Faults.Settings;
        if (faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Latency, http.RequestAborted).ConfigureAwait(false);
        }

        string userAgent = http.Request.Headers.UserAgent.ToString();
        int slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == userAgent.Length - 1)
        {
            await Wire.WriteErrorAsync(http, 401, "invalid_user_agent", "A User-Agent header of the form <product>/<version> is required.").ConfigureAwait(false);
            return;
        }

        string version = http.Request.Headers["Accept-Version"].ToString();
        if (version.Length > 0 && !IsSupported(version))
        {
            http.Response.StatusCode = 406;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("{\"error\":{\"code\":406,\"message\":\"The requested version is not supported.\"}}", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        bool isToken = http.Request.Path.StartsWithSegments("/oauth/token", StringComparison.OrdinalIgnoreCase);
        if (!isToken)
        {
            int fault = emulator.Faults.NextHttpFault();
            if (fault == 429)
            {
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(faults.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Wire.WriteErrorAsync(http, 429, "rate_limit_exceeded", "Too many requests. Please back off and retry.").ConfigureAwait(false);
                return;
            }

            if (fault >= 500)
            {
                await Wire.WriteErrorAsync(http, fault, "internal_server_error", "The server could not complete the request (injected fault). Retry with backoff.").ConfigureAwait(false);
                return;
            }

            string auth = http.Request.Headers.Authorization.ToString();
            string? token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..].Trim() : null;
            string? problem = emulator.Tokens.CheckAccessToken(token);
            if (problem is not null)
            {
                string message = problem switch
                {
                    "missing" => "Authorization: Bearer <access token> is required.",
                    "expired" => "The access token has expired. Refresh it at /oauth/token.",
                    _ => "The access token is not valid.",
                };
                http.Response.Headers.WWWAuthenticate = "Bearer";
                await Wire.WriteErrorAsync(http, 401, problem == "expired" ? "token_expired" : "unauthorized", message).ConfigureAwait(false);
                return;
            }
        }

        await next(http).ConfigureAwait(false);
    }

    private bool IsSupported(string version) =>
        version.Length == 8
        && DateOnly.TryParseExact(version, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        && string.CompareOrdinal(version, emulator.Options.OldestApiVersion) >= 0
        && string.CompareOrdinal(version, emulator.Options.NewestApiVersion) <= 0;
}
