using System.Text.RegularExpressions;

namespace TomKing.Brokerages.Tastytrade.Http;

/// <summary>
/// What may reach a log: tokens and secrets never (only their length), account numbers only by their last
/// 4 characters (<c>****0001</c>), URLs with account numbers masked. Every log call in the client passes
/// its variable parts through here.
/// </summary>
public static partial class LogRedaction
{
    /// <summary>A secret (token, client secret, refresh token): never shown, only whether and how long.</summary>
    public static string Secret(string? secret) =>
        string.IsNullOrEmpty(secret) ? "<none>" : $"<redacted {secret.Length} chars>";

    /// <summary>An account number reduced to its last 4 characters (<c>5WT00001</c> → <c>****0001</c>).</summary>
    public static string Account(string? accountNumber) =>
        string.IsNullOrEmpty(accountNumber) ? "<none>"
        : accountNumber.Length <= 4 ? new string('*', accountNumber.Length)
        : "****" + accountNumber[^4..];

    /// <summary>A request path or URL with account numbers after <c>accounts/</c> masked and the query
    /// string dropped (queries can carry account numbers and symbols lists).</summary>
    public static string Path(string? pathOrUrl)
    {
        if (string.IsNullOrEmpty(pathOrUrl))
        {
            return string.Empty;
        }

        int q = pathOrUrl.IndexOf('?', StringComparison.Ordinal);
        string path = q >= 0 ? pathOrUrl[..q] : pathOrUrl;
        return AccountSegment().Replace(path, m => m.Groups[1].Value + Account(m.Groups[2].Value));
    }

    /// <summary>The account number in a request path (<c>accounts/5WT00001/orders</c>), or null.</summary>
    public static string? AccountIn(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        Match m = AccountSegment().Match(path);
        return m.Success ? m.Groups[2].Value : null;
    }

    /// <summary>Free text (e.g. a server error message) with the given account number masked to its last
    /// 4 characters, the given secrets removed and any bearer value removed.</summary>
    public static string Text(string? text, string? accountNumber, params ReadOnlySpan<string?> secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!string.IsNullOrEmpty(accountNumber) && accountNumber.Length > 4)
        {
            text = text.Replace(accountNumber, Account(accountNumber), StringComparison.Ordinal);
        }

        foreach (string? secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
            {
                text = text.Replace(secret, Secret(secret), StringComparison.Ordinal);
            }
        }

        return BearerValue().Replace(Path(text), "Bearer <redacted>");
    }

    [GeneratedRegex(@"((?:^|/)accounts/)([^/?\s]+)", RegexOptions.CultureInvariant)]
    private static partial Regex AccountSegment();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9\-\._~\+/=]+", RegexOptions.CultureInvariant)]
    private static partial Regex BearerValue();
}
