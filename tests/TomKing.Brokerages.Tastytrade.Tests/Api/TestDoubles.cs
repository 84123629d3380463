using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TomKing.Brokerages.Tastytrade.Auth;

namespace TomKing.Brokerages.Tastytrade.Tests.Api;

/// <summary>A token source with a fixed token that counts invalidations and can rotate.</summary>
internal sealed class FixedTokenSource(string token) : IAccessTokenSource
{
    private string _token = token;

    public int Invalidations { get; private set; }

    public string? NextToken { get; set; }

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_token);

    public void Invalidate(string token)
    {
        Invalidations++;
        if (NextToken is not null)
        {
            _token = NextToken;
        }
    }
}

/// <summary>Captures every log entry: the formatted message, each structured value and the exception text.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public string AllText => string.Join("\n", Entries);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new System.Text.StringBuilder();
            text.Append(logLevel).Append(' ').Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var kv in values)
                {
                    text.Append(" | ").Append(kv.Key).Append('=').Append(kv.Value);
                }
            }

            if (exception is not null)
            {
                text.Append(" | ").Append(exception);
            }

            owner.Entries.Enqueue(text.ToString());
        }
    }
}

internal static class Fixtures
{
    public static string Read(string name) => File.ReadAllText(TestPaths.TestData("Tastytrade", name));

    public static string Oauth(string token, int expiresIn = 900) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = expiresIn });
}
