using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace TomKing.Engine.Live.Operations;

/// <summary>
/// Posts each alert's JSON (<see cref="Alert.ToJson"/>) to a URL, in the background: each attempt has a
/// bounded timeout; network errors, timeouts, 408, 429 and 5xx answers are retried (at most twice, with a
/// short growing pause); other 4xx answers fail at once. Failures are logged and counted.
/// </summary>
public sealed class WebhookAlertSink : QueuedAlertSink
{
    /// <summary>The most retries allowed (so an alert costs at most three attempts).</summary>
    public const int MaxRetries = 2;

    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly TimeSpan _timeout;
    private readonly int _retries;
    private readonly TimeSpan _retryDelay;

    /// <summary>Creates the sink and starts its delivery task.</summary>
    /// <param name="url">Where to post (http or https).</param>
    /// <param name="timeout">Per attempt (5 s by default).</param>
    /// <param name="retries">Retries after a failed attempt, 0 to <see cref="MaxRetries"/> (2 by default).</param>
    /// <param name="log">Failure log.</param>
    /// <param name="client">An HTTP client to use (not disposed by the sink); a private one by default.</param>
    /// <param name="retryDelay">Pause before the first retry, doubled for the second (250 ms by default).</param>
    /// <param name="capacity">Alerts that may wait.</param>
    public WebhookAlertSink(Uri url, TimeSpan? timeout = null, int retries = MaxRetries, StructuredLog? log = null,
        HttpClient? client = null, TimeSpan? retryDelay = null, int capacity = 256)
        : base("webhook", capacity, log)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"webhook: '{url}' is not an absolute http(s) URL.", nameof(url));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(retries, MaxRetries);
        Url = url;
        _timeout = timeout ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_timeout, TimeSpan.Zero, nameof(timeout));
        _retries = retries;
        _retryDelay = retryDelay ?? TimeSpan.FromMilliseconds(250);
        _ownsClient = client is null;
        _client = client ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The URL alerts are posted to.</summary>
    public Uri Url { get; }

    /// <inheritdoc />
    protected override async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        byte[] body = alert.ToJson();
        string lastError = "no attempt";
        for (int attempt = 0; attempt <= _retries; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(_retryDelay * (1 << (attempt - 1)), cancellationToken).ConfigureAwait(false);
            }

            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(_timeout);
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                using var response = await _client.PostAsync(Url, content, cts.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                int code = (int)response.StatusCode;
                lastError = string.Create(CultureInfo.InvariantCulture, $"HTTP {code}");
                bool retryable = code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                if (!retryable)
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = string.Create(CultureInfo.InvariantCulture, $"timed out after {_timeout.TotalSeconds:0.###} s");
            }
            catch (HttpRequestException e)
            {
                lastError = e.Message;
            }

            if (attempt < _retries)
            {
                Log?.Warn("alert.retry", new LogField("sink", Name), new LogField("kind", alert.KindName),
                    new LogField("attempt", attempt + 1), new LogField("error", lastError));
            }
        }

        throw new HttpRequestException($"webhook {Url.GetLeftPart(UriPartial.Path)}: {lastError}");
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeCoreAsync()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }

        await base.DisposeCoreAsync().ConfigureAwait(false);
    }
}
