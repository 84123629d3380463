namespace TomKing.Brokerages.Tastytrade.Auth;

/// <summary>
/// The OAuth client and grant. Read only from environment variables (<see cref="ClientIdVariable"/>,
/// <see cref="ClientSecretVariable"/>, <see cref="RefreshTokenVariable"/>) or from a secrets file of
/// <c>NAME=value</c> lines with the same names whose permissions are exactly 0600 (owner read/write).
/// <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed class TastytradeCredentials
{
    /// <summary>Environment variable of the OAuth client id (optional).</summary>
    public const string ClientIdVariable = "TOMKING_TT_CLIENT_ID";

    /// <summary>Environment variable of the OAuth client secret.</summary>
    public const string ClientSecretVariable = "TOMKING_TT_CLIENT_SECRET";

    /// <summary>Environment variable of the refresh token.</summary>
    public const string RefreshTokenVariable = "TOMKING_TT_REFRESH_TOKEN";

    /// <summary>Creates credentials.</summary>
    /// <param name="clientId">OAuth client id (optional; must match the grant when sent).</param>
    /// <param name="clientSecret">OAuth client secret.</param>
    /// <param name="refreshToken">Refresh token.</param>
    /// <exception cref="ArgumentException">Secret or refresh token missing.</exception>
    public TastytradeCredentials(string? clientId, string clientSecret, string refreshToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientSecret);
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        ClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId.Trim();
        ClientSecret = clientSecret.Trim();
        RefreshToken = refreshToken.Trim();
    }

    /// <summary>OAuth client id, or null.</summary>
    public string? ClientId { get; }

    /// <summary>OAuth client secret.</summary>
    public string ClientSecret { get; }

    /// <summary>Refresh token.</summary>
    public string RefreshToken { get; }

    /// <summary>Reads the three environment variables.</summary>
    /// <param name="getVariable">Lookup (tests pass a dictionary); defaults to the process environment.</param>
    /// <exception cref="InvalidOperationException">A required variable is unset (the message names it).</exception>
    public static TastytradeCredentials FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string secret = getVariable(ClientSecretVariable) ?? string.Empty;
        string refresh = getVariable(RefreshTokenVariable) ?? string.Empty;
        RequireSet(secret, ClientSecretVariable, "environment");
        RequireSet(refresh, RefreshTokenVariable, "environment");
        return new TastytradeCredentials(getVariable(ClientIdVariable), secret, refresh);
    }

    /// <summary>Reads a secrets file of <c>NAME=value</c> lines (blank lines and <c>#</c> comments allowed).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InsecureSecretsFileException">The file is readable or writable by others than its owner (not 0600).</exception>
    /// <exception cref="InvalidOperationException">A required name is missing.</exception>
    public static TastytradeCredentials FromSecretsFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!OperatingSystem.IsWindows())
        {
            UnixFileMode mode = File.GetUnixFileMode(path);
            const UnixFileMode ownerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            if (mode != ownerReadWrite)
            {
                throw new InsecureSecretsFileException(
                    $"Refusing to read secrets file '{System.IO.Path.GetFileName(path)}': its permissions are {Octal(mode)}, they must be 0600 (run: chmod 600 <file>).");
            }
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }

        values.TryGetValue(ClientSecretVariable, out string? secret);
        values.TryGetValue(RefreshTokenVariable, out string? refresh);
        values.TryGetValue(ClientIdVariable, out string? id);
        RequireSet(secret, ClientSecretVariable, "secrets file");
        RequireSet(refresh, RefreshTokenVariable, "secrets file");
        return new TastytradeCredentials(id, secret!, refresh!);
    }

    /// <summary>Shows which parts are set, never their values.</summary>
    public override string ToString() =>
        $"TastytradeCredentials(client id {(ClientId is null ? "unset" : "set")}, secret {Http.LogRedaction.Secret(ClientSecret)}, refresh token {Http.LogRedaction.Secret(RefreshToken)})";

    private static void RequireSet(string? value, string name, string source)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{name} is not set in the {source}.");
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8);
}

/// <summary>A secrets file is readable or writable by someone other than its owner.</summary>
public sealed class InsecureSecretsFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InsecureSecretsFileException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InsecureSecretsFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InsecureSecretsFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
