using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TomKing.Algorithm.Testing;
using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Http;
using TomKing.Brokerages.Tastytrade.Tests.Api;

namespace TomKing.Brokerages.Tastytrade.Tests.Auth;

[TestFixture]
public class OAuthTokenSourceTests
{
    private static readonly TastytradeCredentials Credentials = new("client-id", "client-secret-value", "refresh-token-value");

    /// <summary>Answers /oauth/token from a script; can hold answers until released.</summary>
    private sealed class TokenEndpoint : HttpMessageHandler
    {
        private int _calls;

        public Func<int, HttpResponseMessage> Answer { get; set; } = n => Ok("token-" + n);

        public TaskCompletionSource? Gate { get; set; }

        public int Calls => Volatile.Read(ref _calls);

        public List<HttpRequestMessage> Requests { get; } = [];

        public List<string> Bodies { get; } = [];

        public static HttpResponseMessage Ok(string token, int expiresIn = 900) =>
            new(HttpStatusCode.OK) { Content = new StringContent(Fixtures.Oauth(token, expiresIn), Encoding.UTF8, "application/json") };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int n = Interlocked.Increment(ref _calls);
            string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add(request);
                Bodies.Add(body);
            }

            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }

            return Answer(n);
        }
    }

    private static (OAuthTokenSource Source, TokenEndpoint Endpoint, FakeClock Clock) Create()
    {
        var endpoint = new TokenEndpoint();
        var http = new HttpClient(endpoint) { BaseAddress = new Uri("http://127.0.0.1:1/") };
        var clock = new FakeClock(new DateTime(2026, 1, 23, 10, 0, 0));
        return (new OAuthTokenSource(http, Credentials, clock), endpoint, clock);
    }

    [Test]
    public async Task GetAccessToken_ConcurrentCallers_ShareOneRefresh()
    {
        var (source, endpoint, _) = Create();
        endpoint.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await source.GetAccessTokenAsync())).ToArray();
        await Task.Delay(100);
        endpoint.Gate.SetResult();
        string[] tokens = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Multiple(() =>
        {
            Assert.That(endpoint.Calls, Is.EqualTo(1));
            Assert.That(tokens.Distinct(), Is.EqualTo(new[] { "token-1" }));
        });
    }

    [Test]
    public async Task GetAccessToken_BeforeMargin_UsesCache_InsideMargin_Refreshes()
    {
        var (source, endpoint, clock) = Create();
        Assert.That(await source.GetAccessTokenAsync(), Is.EqualTo("token-1"));
        clock.Advance(TimeSpan.FromSeconds(900 - 61));
        Assert.That(await source.GetAccessTokenAsync(), Is.EqualTo("token-1"));
        Assert.That(endpoint.Calls, Is.EqualTo(1));
        clock.Advance(TimeSpan.FromSeconds(2)); // 59 s before expiry: inside the 60 s margin
        Assert.That(await source.GetAccessTokenAsync(), Is.EqualTo("token-2"));
        Assert.That(endpoint.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task Refresh_SendsRefreshGrantWithoutAuthorizationHeader()
    {
        var (source, endpoint, _) = Create();
        await source.GetAccessTokenAsync();
        var request = endpoint.Requests.Single();
        var body = JsonNode.Parse(endpoint.Bodies.Single())!;
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(request.RequestUri!.AbsolutePath, Is.EqualTo("/oauth/token"));
            Assert.That(request.Headers.Authorization, Is.Null);
            Assert.That((string?)body["grant_type"], Is.EqualTo("refresh_token"));
            Assert.That((string?)body["refresh_token"], Is.EqualTo("refresh-token-value"));
            Assert.That((string?)body["client_secret"], Is.EqualTo("client-secret-value"));
            Assert.That((string?)body["client_id"], Is.EqualTo("client-id"));
        });
    }

    [Test]
    public async Task Refresh_ServerRefuses_IsTypedDisconnect_AndNextCallRetries()
    {
        var (source, endpoint, _) = Create();
        endpoint.Answer = n => n == 1
            ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("{\"error\":{\"code\":\"invalid_grant\",\"message\":\"Grant revoked\"}}") }
            : TokenEndpoint.Ok("token-" + n);
        var ex = Assert.ThrowsAsync<TastytradeDisconnectedException>(async () => await source.GetAccessTokenAsync());
        Assert.That(ex!.Kind, Is.EqualTo(DisconnectKind.TokenRefreshFailed));
        Assert.That(ex.Message, Does.Contain("invalid_grant").And.Not.Contain("refresh-token-value"));
        Assert.That(await source.GetAccessTokenAsync(), Is.EqualTo("token-2"));
    }

    [Test]
    public void Refresh_NetworkFailure_IsTypedDisconnect()
    {
        var (source, endpoint, _) = Create();
        endpoint.Answer = _ => throw new HttpRequestException("connection refused");
        var ex = Assert.ThrowsAsync<TastytradeDisconnectedException>(async () => await source.GetAccessTokenAsync());
        Assert.That(ex!.Kind, Is.EqualTo(DisconnectKind.TokenRefreshFailed));
    }

    [Test]
    public void Refresh_AnswerWithoutToken_IsTypedDisconnect()
    {
        var (source, endpoint, _) = Create();
        endpoint.Answer = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"token_type\":\"Bearer\"}") };
        Assert.ThrowsAsync<TastytradeDisconnectedException>(async () => await source.GetAccessTokenAsync());
    }

    [Test]
    public async Task Invalidate_CurrentToken_ForcesRefresh_StaleTokenIgnored()
    {
        var (source, endpoint, _) = Create();
        string first = await source.GetAccessTokenAsync();
        source.Invalidate("some-older-token");
        Assert.That(await source.GetAccessTokenAsync(), Is.EqualTo(first));
        source.Invalidate(first);
        Assert.That(await source.GetAccessTokenAsync(), Is.EqualTo("token-2"));
        Assert.That(endpoint.Calls, Is.EqualTo(2));
    }
}
