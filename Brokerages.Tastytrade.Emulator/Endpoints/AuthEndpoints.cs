using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Http;

namespace TomKing.Brokerages.Tastytrade.Emulator.Endpoints;

/// <summary><c>POST /oauth/token</c>: refresh-token grant → top-level OAuth response (not wrapped in <c>data</c>).</summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorContext emulator)
    {
        app.MapPost("/oauth/token", async (HttpContext http) =>
        {
            var (body, error) = await Wire.ReadAsync<OAuthTokenRequest>(http).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var (token, code, message) = emulator.Tokens.Exchange(body!);
            return token is not null
                ? Results.Json(token, Wire.Info<OAuthTokenResponse>())
                : Wire.Error(code == "unsupported_grant_type" ? 400 : 401, code!, message!);
        });
    }
}
