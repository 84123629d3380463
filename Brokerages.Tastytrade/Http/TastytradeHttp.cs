using System.Net;
using System.Net.Security;
using System.Reflection;

namespace TomKing.Brokerages.Tastytrade.Http;

/// <summary>
/// Builds the one HTTP stack every Tastytrade call goes through. It is the only place a handler is made,
/// so the transport rules hold everywhere: TLS certificate validation can be turned off <b>only</b> for a
/// loopback host (a test server with a self-signed certificate), plain <c>http</c> is refused for a
/// non-loopback host, and every request carries <c>User-Agent: tomking/&lt;version&gt;</c>.
/// </summary>
public static class TastytradeHttp
{
    /// <summary><c>tomking/&lt;assembly version&gt;</c>; Tastytrade answers 401 to a missing or malformed User-Agent.</summary>
    public static string UserAgent { get; } = "tomking/" + Version();

    /// <summary>Creates a handler for <paramref name="baseUri"/>.</summary>
    /// <param name="baseUri">The REST base the handler will be used with.</param>
    /// <param name="validateCertificates">False only for loopback test servers with self-signed certificates.</param>
    /// <exception cref="InsecureTransportException">Validation off or plain HTTP for a non-loopback host.</exception>
    public static SocketsHttpHandler CreateHandler(Uri baseUri, bool validateCertificates = true)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsLoopback)
        {
            if (!validateCertificates)
            {
                throw new InsecureTransportException(
                    $"Refusing to disable TLS certificate validation for '{baseUri.Host}': only loopback hosts (127.0.0.1, ::1, localhost) may skip it.");
            }

            if (!string.Equals(baseUri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
            {
                throw new InsecureTransportException(
                    $"Refusing plain '{baseUri.Scheme}' to '{baseUri.Host}': non-loopback Tastytrade hosts are reached over https only.");
            }
        }

        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
        };
        if (!validateCertificates)
        {
            // Loopback only (checked above): accept the test server's self-signed certificate.
            bool loopback = baseUri.IsLoopback;
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, _, _, errors) => errors == SslPolicyErrors.None || loopback,
            };
        }

        return handler;
    }

    /// <summary>Creates an <see cref="HttpClient"/> over <see cref="CreateHandler"/> with the User-Agent set.</summary>
    /// <param name="baseUri">REST base.</param>
    /// <param name="timeout">Per-request timeout.</param>
    /// <param name="validateCertificates">False only for loopback.</param>
    /// <exception cref="InsecureTransportException">See <see cref="CreateHandler"/>.</exception>
    public static HttpClient CreateClient(Uri baseUri, TimeSpan timeout, bool validateCertificates = true)
    {
        var client = new HttpClient(CreateHandler(baseUri, validateCertificates), disposeHandler: true)
        {
            BaseAddress = baseUri,
            Timeout = timeout,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        return client;
    }

    private static string Version()
    {
        var assembly = typeof(TastytradeHttp).Assembly;
        string? info = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(info))
        {
            int plus = info.IndexOf('+', StringComparison.Ordinal);
            return plus > 0 ? info[..plus] : info;
        }

        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}

/// <summary>A transport configuration that would weaken TLS for a remote host was refused.</summary>
public sealed class InsecureTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InsecureTransportException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InsecureTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InsecureTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
