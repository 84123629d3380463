namespace TomKing.Brokerages.Tastytrade.Auth;

/// <summary>Supplies a valid bearer access token for REST and the account streamer.</summary>
public interface IAccessTokenSource
{
    /// <summary>A token valid for at least the refresh margin; refreshes first when needed.</summary>
    /// <exception cref="Http.TastytradeDisconnectedException">The refresh failed (transient: back off and retry).</exception>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks <paramref name="token"/> as rejected (a 401), so the next call refreshes. A token
    /// other than the current one is ignored (a concurrent refresh already replaced it).</summary>
    void Invalidate(string token);
}
