using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Http;

namespace TomKing.Brokerages.Tastytrade.Emulator.Endpoints;

/// <summary>Quote token (DXLink URL on this host at <c>/dxlink</c>) and market metrics (IV rank from the synthetic market).</summary>
internal static class MarketEndpoints
{
    /// <summary>The DXLink WebSocket path the streaming module serves.</summary>
    public const string DxLinkPath = "/dxlink";

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emulator)
    {
        app.MapGet("/api-quote-tokens", (HttpContext http) =>
        {
            var (token, issued, expires) = emulator.Tokens.IssueQuoteToken();
            var baseUrl = emulator.BaseUrl ?? new Uri($"http://{http.Request.Host}");
            string ws = $"ws://{baseUrl.Authority}{DxLinkPath}";
            return Wire.Data(http, new QuoteToken { Token = token, DxlinkUrl = ws, Level = "api", IssuedAt = issued, ExpiresAt = expires, WebsocketUrl = ws });
        });

        app.MapGet("/market-metrics", (HttpContext http) =>
        {
            string symbols = http.Request.Query["symbols"].ToString();
            var items = new List<MarketMetric>();
            foreach (string raw in symbols.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                string symbol = Uri.UnescapeDataString(raw);
                string product = symbol.TrimStart('/');
                if (!emulator.Market.TryGetIvRank(product, out double rank, out double iv))
                {
                    continue;
                }

                decimal rank01 = Math.Round((decimal)rank / 100m, 4);
                decimal ivd = Math.Round((decimal)iv, 4);
                items.Add(new MarketMetric
                {
                    Symbol = symbol,
                    ImpliedVolatilityIndex = ivd,
                    ImpliedVolatilityIndex5DayChange = 0m,
                    ImpliedVolatilityIndexRank = rank01,
                    ImpliedVolatilityRank = rank01,
                    TwImpliedVolatilityIndexRank = rank01,
                    ImpliedVolatilityPercentile = rank01,
                    ImpliedVolatility30Day = Math.Round(ivd * 100m, 2),
                    LiquidityRating = 4m,
                    UpdatedAt = emulator.Clock.NowUtc,
                });
            }

            return Wire.Items(http, items);
        });
    }
}
