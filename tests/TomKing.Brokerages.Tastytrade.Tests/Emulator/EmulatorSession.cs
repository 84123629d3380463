using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator;

namespace TomKing.Brokerages.Tastytrade.Tests.EmulatorTests;

/// <summary>An emulator started on an ephemeral loopback port for one test, with a plain HttpClient (User-Agent set,
/// 10 s timeout) and a fresh access token. The market clock stands still at Monday 2024-06-03 10:00 ET and orders
/// are worked only when the test calls Step, so every test is deterministic and bounded.</summary>
internal sealed class EmulatorSession : IAsyncDisposable
{
    public const string Account = "5WT00001";
    public const string UserAgent = "tomking-tests/1.0";

    private EmulatorSession(EmulatorHost host, HttpClient http)
    {
        Host = host;
        Http = http;
    }

    public EmulatorHost Host { get; }

    public HttpClient Http { get; }

    public string Token { get; private set; } = string.Empty;

    public static EmulatorOptions DefaultOptions => new() { ClockRuns = false, StepInterval = null };

    public static async Task<EmulatorSession> StartAsync(EmulatorOptions? options = null)
    {
        var host = new EmulatorHost(options ?? DefaultOptions);
        var url = await host.StartAsync();
        Assert.That(url.Host, Is.EqualTo("127.0.0.1"));
        var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        var session = new EmulatorSession(host, http);
        session.Token = await session.NewTokenAsync();
        return session;
    }

    public async Task<string> NewTokenAsync()
    {
        using var response = await SendAsync(HttpMethod.Post, "/oauth/token",
            Json(new OAuthTokenRequest { RefreshToken = Host.Context.Options.RefreshToken, ClientSecret = Host.Context.Options.ClientSecret }), auth: false);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var token = await ReadAsync<OAuthTokenResponse>(response);
        Assert.That(token.AccessToken, Is.Not.Null.And.Not.Empty);
        return token.AccessToken!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? body = null, bool auth = true, string? userAgent = UserAgent, string? version = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        if (auth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        }

        if (version is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Version", version);
        }

        return await Http.SendAsync(request);
    }

    public async Task<T> GetDataAsync<T>(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var envelope = await ReadAsync<ApiEnvelope<T>>(response);
        Assert.That(Uri.UnescapeDataString(envelope.Context!), Is.EqualTo(Uri.UnescapeDataString(path.Split('?')[0])));
        return envelope.Data!;
    }

    public async Task<(HttpStatusCode Status, ApiEnvelope<PlacedOrderResponse>? Placed, ApiErrorEnvelope? Error)> PlaceAsync(OrderRequest order, bool dryRun = false)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/accounts/{Account}/orders{(dryRun ? "/dry-run" : string.Empty)}", Json(order));
        return response.IsSuccessStatusCode
            ? (response.StatusCode, await ReadAsync<ApiEnvelope<PlacedOrderResponse>>(response), null)
            : (response.StatusCode, null, await ReadAsync<ApiErrorEnvelope>(response));
    }

    public async Task<Order> GetOrderAsync(long id) => await GetDataAsync<Order>($"/accounts/{Account}/orders/{id}");

    public static StringContent Json<T>(T value) =>
        new(JsonSerializer.Serialize(value, Info<T>()), Encoding.UTF8, "application/json");

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return JsonSerializer.Deserialize(text, Info<T>()) ?? throw new AssertionException("empty body: " + text);
    }

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)TastytradeJsonContext.Default.GetTypeInfo(typeof(T))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
