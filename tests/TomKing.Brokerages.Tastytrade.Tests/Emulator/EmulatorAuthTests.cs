using System.Net;
using TomKing.Brokerages.Tastytrade.Api.Models;

namespace TomKing.Brokerages.Tastytrade.Tests.EmulatorTests;

/// <summary>OAuth, bearer tokens, User-Agent and Accept-Version.</summary>
[TestFixture]
public class EmulatorAuthTests
{
    private static string BalancesPath => $"/accounts/{EmulatorSession.Account}/balances";

    [Test]
    public async Task NoToken_Is401()
    {
        await using var s = await EmulatorSession.StartAsync();
        using var response = await s.SendAsync(HttpMethod.Get, BalancesPath, auth: false);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await EmulatorSession.ReadAsync<ApiErrorEnvelope>(response)).Error!.Code, Is.EqualTo("unauthorized"));
    }

    [Test]
    public async Task UnknownToken_Is401()
    {
        await using var s = await EmulatorSession.StartAsync();
        using var response = await s.SendAsync(HttpMethod.Get, BalancesPath, token: "not-a-token");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ExpiredToken_Is401_AndRefreshGivesAWorkingToken()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
        await using var s = await EmulatorSession.StartAsync(EmulatorSession.DefaultOptions with { Time = time, AccessTokenLifetime = TimeSpan.FromMinutes(15) });
        using (var ok = await s.SendAsync(HttpMethod.Get, BalancesPath))
        {
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        time.Advance(TimeSpan.FromMinutes(15));
        using (var expired = await s.SendAsync(HttpMethod.Get, BalancesPath))
        {
            Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await EmulatorSession.ReadAsync<ApiErrorEnvelope>(expired)).Error!.Code, Is.EqualTo("token_expired"));
        }

        string fresh = await s.NewTokenAsync();
        using var again = await s.SendAsync(HttpMethod.Get, BalancesPath, token: fresh);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task TokenResponse_HasExpiresIn900AndBearerType()
    {
        await using var s = await EmulatorSession.StartAsync();
        using var response = await s.SendAsync(HttpMethod.Post, "/oauth/token",
            EmulatorSession.Json(new OAuthTokenRequest { RefreshToken = "emulator-refresh-token", ClientSecret = "emulator-client-secret" }), auth: false);
        var token = await EmulatorSession.ReadAsync<OAuthTokenResponse>(response);
        Assert.That((token.TokenType, token.ExpiresIn), Is.EqualTo(("Bearer", 900)));
    }

    [Test]
    public async Task ForcedExpiry_Fault_Makes401_UntilRefreshed()
    {
        await using var s = await EmulatorSession.StartAsync();
        s.Host.Faults.ExpireAllTokens();
        using (var response = await s.SendAsync(HttpMethod.Get, BalancesPath))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var after = await s.SendAsync(HttpMethod.Get, BalancesPath, token: await s.NewTokenAsync());
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("wrong-refresh", "emulator-client-secret")]
    [TestCase("emulator-refresh-token", "wrong-secret")]
    public async Task BadGrant_Is401InvalidGrant(string refresh, string secret)
    {
        await using var s = await EmulatorSession.StartAsync();
        using var response = await s.SendAsync(HttpMethod.Post, "/oauth/token", EmulatorSession.Json(new OAuthTokenRequest { RefreshToken = refresh, ClientSecret = secret }), auth: false);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await EmulatorSession.ReadAsync<ApiErrorEnvelope>(response)).Error!.Code, Is.EqualTo("invalid_grant"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("no-version")]
    public async Task MissingOrMalformedUserAgent_Is401(string? userAgent)
    {
        await using var s = await EmulatorSession.StartAsync();
        using var response = await s.SendAsync(HttpMethod.Get, BalancesPath, userAgent: userAgent);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await EmulatorSession.ReadAsync<ApiErrorEnvelope>(response)).Error!.Code, Is.EqualTo("invalid_user_agent"));
    }

    [TestCase("19990101")]
    [TestCase("v1")]
    [TestCase("20991231")]
    public async Task UnsupportedAcceptVersion_Is406WithNumericCode(string version)
    {
        await using var s = await EmulatorSession.StartAsync();
        using var response = await s.SendAsync(HttpMethod.Get, BalancesPath, version: version);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotAcceptable));
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Is.EqualTo("{\"error\":{\"code\":406,\"message\":\"The requested version is not supported.\"}}"));
        Assert.That((await EmulatorSession.ReadAsync<ApiErrorEnvelope>(response)).Error!.Code, Is.EqualTo("406"));
    }

    [TestCase("20250813")]
    [TestCase("20251101")]
    public async Task SupportedAcceptVersion_IsServed(string version)
    {
        await using var s = await EmulatorSession.StartAsync();
        using var response = await s.SendAsync(HttpMethod.Get, BalancesPath, version: version);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void NonLoopbackBind_IsRefused()
    {
        Assert.That(() => new TomKing.Brokerages.Tastytrade.Emulator.EmulatorHost(new() { BindAddress = IPAddress.Any }), Throws.ArgumentException);
        Assert.That(() => new TomKing.Brokerages.Tastytrade.Emulator.EmulatorHost(new() { BindAddress = IPAddress.Parse("10.1.2.3") }), Throws.ArgumentException);
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
