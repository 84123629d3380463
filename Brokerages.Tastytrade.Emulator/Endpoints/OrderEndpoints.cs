using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Http;
using TomKing.Brokerages.Tastytrade.Emulator.Orders;

namespace TomKing.Brokerages.Tastytrade.Emulator.Endpoints;

/// <summary>Orders and complex orders (place and dry-run 201; replace by PUT or PATCH; cancel by DELETE).</summary>
internal static class OrderEndpoints
{
    /// <summary>The order-api version from which the order search requires a start.</summary>
    private const string StartDateRequiredFrom = "20261012";

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emulator)
    {
        var orders = emulator.Orders;
        app.MapPost("/accounts/{account}/orders", (HttpContext http, string account) => Place(http, orders, account, dryRun: false));
        app.MapPost("/accounts/{account}/orders/dry-run", (HttpContext http, string account) => Place(http, orders, account, dryRun: true));

        app.MapGet("/accounts/{account}/orders/live", (HttpContext http, string account) =>
            orders.HasAccount(account) ? Wire.Items(http, orders.Live(account)) : AccountEndpoints.NotPermitted());

        app.MapGet("/accounts/{account}/orders", (HttpContext http, string account) =>
        {
            if (!orders.HasAccount(account))
            {
                return AccountEndpoints.NotPermitted();
            }

            // order-api 20261012: the search needs start-date or start-at (older versions default to all).
            string version = http.Request.Headers["Accept-Version"].ToString();
            if (string.CompareOrdinal(version, StartDateRequiredFrom) >= 0 && version.Length == 8
                && http.Request.Query["start-date"].Count == 0 && http.Request.Query["start-at"].Count == 0)
            {
                return Wire.Error(400, "validation_error", "Request validation failed", [new ApiFieldError { Domain = "start-date", Reason = "start-date or start-at is required" }]);
            }

            var query = new OrderQuery(
                Wire.QueryArray(http, "status"),
                Wire.QueryDate(http, "start-date"),
                Wire.QueryDate(http, "end-date"),
                http.Request.Query["underlying-symbol"].ToString() is { Length: > 0 } u ? u : null,
                Ascending: http.Request.Query["sort"].ToString() == "Asc");
            return Wire.Page(http, orders.Search(account, query), defaultPerPage: 10, maxPerPage: 200);
        });

        app.MapGet("/accounts/{account}/orders/{id:long}", (HttpContext http, string account, long id) =>
            orders.HasAccount(account) ? Wire.Result(http, orders.Get(account, id)) : AccountEndpoints.NotPermitted());

        app.MapPost("/accounts/{account}/orders/{id:long}/dry-run", async (HttpContext http, string account, long id) =>
        {
            if (!orders.HasAccount(account))
            {
                return AccountEndpoints.NotPermitted();
            }

            var (body, error) = await Wire.ReadAsync<OrderRequest>(http).ConfigureAwait(false);
            return error ?? Wire.Result(http, orders.DryRunReplace(account, id, body!), status: 201);
        });

        app.MapPut("/accounts/{account}/orders/{id:long}", (HttpContext http, string account, long id) => Replace(http, orders, account, id));
        app.MapPatch("/accounts/{account}/orders/{id:long}", (HttpContext http, string account, long id) => Replace(http, orders, account, id));

        app.MapDelete("/accounts/{account}/orders/{id:long}", (HttpContext http, string account, long id) =>
            orders.HasAccount(account) ? Wire.Result(http, orders.Cancel(account, id)) : AccountEndpoints.NotPermitted());

        app.MapPost("/accounts/{account}/complex-orders", (HttpContext http, string account) => PlaceComplex(http, orders, account, dryRun: false));
        app.MapPost("/accounts/{account}/complex-orders/dry-run", (HttpContext http, string account) => PlaceComplex(http, orders, account, dryRun: true));
        app.MapGet("/accounts/{account}/complex-orders", (HttpContext http, string account) =>
            orders.HasAccount(account) ? Wire.Page(http, orders.ListComplex(account, liveOnly: false), defaultPerPage: 10, maxPerPage: 200) : AccountEndpoints.NotPermitted());
        app.MapGet("/accounts/{account}/complex-orders/live", (HttpContext http, string account) =>
            orders.HasAccount(account) ? Wire.Items(http, orders.ListComplex(account, liveOnly: true)) : AccountEndpoints.NotPermitted());
        app.MapGet("/accounts/{account}/complex-orders/{id:long}", (HttpContext http, string account, long id) =>
            orders.HasAccount(account) ? Wire.Result(http, orders.GetComplex(account, id)) : AccountEndpoints.NotPermitted());
        app.MapDelete("/accounts/{account}/complex-orders/{id:long}", (HttpContext http, string account, long id) =>
            orders.HasAccount(account) ? Wire.Result(http, orders.CancelComplex(account, id)) : AccountEndpoints.NotPermitted());
    }

    private static async Task<IResult> Place(HttpContext http, OrderEngine orders, string account, bool dryRun)
    {
        if (!orders.HasAccount(account))
        {
            return AccountEndpoints.NotPermitted();
        }

        var (body, error) = await Wire.ReadAsync<OrderRequest>(http).ConfigureAwait(false);
        return error ?? Wire.Result(http, orders.Place(account, body!, dryRun), status: 201);
    }

    private static async Task<IResult> PlaceComplex(HttpContext http, OrderEngine orders, string account, bool dryRun)
    {
        if (!orders.HasAccount(account))
        {
            return AccountEndpoints.NotPermitted();
        }

        var (body, error) = await Wire.ReadAsync<ComplexOrderRequest>(http).ConfigureAwait(false);
        return error ?? Wire.Result(http, orders.PlaceComplex(account, body!, dryRun), status: 201);
    }

    private static async Task<IResult> Replace(HttpContext http, OrderEngine orders, string account, long id)
    {
        if (!orders.HasAccount(account))
        {
            return AccountEndpoints.NotPermitted();
        }

        var (body, error) = await Wire.ReadAsync<OrderRequest>(http).ConfigureAwait(false);
        return error ?? Wire.Result(http, orders.Replace(account, id, body!));
    }
}
