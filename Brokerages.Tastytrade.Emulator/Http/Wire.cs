using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Orders;

namespace TomKing.Brokerages.Tastytrade.Emulator.Http;

/// <summary>Writes the REST envelopes with the client's source-generated JSON (one wire definition for both sides).</summary>
internal static class Wire
{
    public static JsonTypeInfo<T> Info<T>() =>
        (JsonTypeInfo<T>)(TastytradeJsonContext.Default.GetTypeInfo(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not in TastytradeJsonContext."));

    /// <summary><c>{"data": value, "context": path}</c>.</summary>
    public static IResult Data<T>(HttpContext http, T value, int status = 200) =>
        Results.Json(new ApiEnvelope<T> { Data = value, Context = http.Request.Path.Value }, Info<ApiEnvelope<T>>(), statusCode: status);

    /// <summary><c>{"data":{"items":[…]},"context":…}</c>, without pagination.</summary>
    public static IResult Items<T>(HttpContext http, IReadOnlyList<T> items) =>
        Results.Json(new ApiEnvelope<ItemList<T>> { Data = new ItemList<T> { Items = items }, Context = http.Request.Path.Value }, Info<ApiEnvelope<ItemList<T>>>());

    /// <summary>A page of items with the pagination block (<c>per-page</c>, <c>page-offset</c> from the query).</summary>
    public static IResult Page<T>(HttpContext http, IReadOnlyList<T> all, int defaultPerPage, int maxPerPage = 2000)
    {
        int perPage = Math.Clamp(QueryInt(http, "per-page") ?? defaultPerPage, 1, maxPerPage);
        int pageOffset = Math.Max(QueryInt(http, "page-offset") ?? 0, 0);
        int totalPages = Math.Max(1, (all.Count + perPage - 1) / perPage);
        int itemOffset = pageOffset * perPage;
        var page = all.Skip(itemOffset).Take(perPage).ToArray();
        string path = http.Request.Path.Value ?? string.Empty;
        string Link(int offset) => string.Create(CultureInfo.InvariantCulture, $"{path}?per-page={perPage}&page-offset={offset}");
        var envelope = new ApiEnvelope<ItemList<T>>
        {
            Data = new ItemList<T> { Items = page },
            Context = path,
            Pagination = new Pagination
            {
                PerPage = perPage,
                PageOffset = pageOffset,
                ItemOffset = itemOffset,
                TotalItems = all.Count,
                TotalPages = totalPages,
                CurrentItemCount = page.Length,
                PreviousLink = pageOffset > 0 ? Link(pageOffset - 1) : null,
                NextLink = pageOffset + 1 < totalPages ? Link(pageOffset + 1) : null,
                PagingLinkTemplate = path + "?per-page=" + perPage.ToString(CultureInfo.InvariantCulture) + "&page-offset={{page-offset}}",
            },
        };
        return Results.Json(envelope, Info<ApiEnvelope<ItemList<T>>>());
    }

    /// <summary>The error envelope.</summary>
    public static IResult Error(int status, string code, string message, IReadOnlyList<ApiFieldError>? errors = null) =>
        Results.Json(new ApiErrorEnvelope { Error = new ApiError { Code = code, Message = message, Errors = errors } }, Info<ApiErrorEnvelope>(), statusCode: status);

    public static IResult Error(OrderError error) => Error(error.Status, error.Code, error.Message, error.Errors);

    public static IResult Result<T>(HttpContext http, OrderResult<T> result, int status = 200) =>
        result.IsSuccess ? Data(http, result.Value!, status) : Error(result.Error!);

    /// <summary>Writes an error envelope directly (middleware, before routing).</summary>
    public static async Task WriteErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, new ApiErrorEnvelope { Error = new ApiError { Code = code, Message = message } }, Info<ApiErrorEnvelope>(), http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads a JSON body; null (with an error result) when it is missing or malformed.</summary>
    public static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpContext http)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(http.Request.Body, Info<T>(), http.RequestAborted).ConfigureAwait(false);
            return body is null ? (null, Error(400, "validation_error", "Request validation failed", [new ApiFieldError { Domain = "body", Reason = "is missing" }])) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, Error(400, "validation_error", "Request validation failed", [new ApiFieldError { Domain = ex.Path ?? "body", Reason = "is not valid JSON for this request" }]));
        }
    }

    public static int? QueryInt(HttpContext http, string name) =>
        int.TryParse(http.Request.Query[name].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;

    /// <summary>Values of a bracketed array parameter (<c>status[]=Live&amp;status[]=Filled</c>), also accepting the bare name.</summary>
    public static string[] QueryArray(HttpContext http, string name) =>
        [.. http.Request.Query[name + "[]"].Concat(http.Request.Query[name]).OfType<string>().Where(s => s.Length > 0)];

    public static DateOnly? QueryDate(HttpContext http, string name) =>
        DateOnly.TryParseExact(http.Request.Query[name].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>A path value decoded once more (Kestrel leaves <c>%2F</c> encoded in segments).</summary>
    public static string Decode(string value) => Uri.UnescapeDataString(value);
}
