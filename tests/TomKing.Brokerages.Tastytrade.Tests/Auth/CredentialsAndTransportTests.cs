using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Http;

namespace TomKing.Brokerages.Tastytrade.Tests.Auth;

[TestFixture]
public class CredentialsAndTransportTests
{
    [Test]
    public void FromEnvironment_ReadsNamedVariables()
    {
        var env = new Dictionary<string, string>
        {
            [TastytradeCredentials.ClientIdVariable] = "id",
            [TastytradeCredentials.ClientSecretVariable] = "sec-123456",
            [TastytradeCredentials.RefreshTokenVariable] = "ref-123456",
        };
        var c = TastytradeCredentials.FromEnvironment(n => env.GetValueOrDefault(n));
        Assert.Multiple(() =>
        {
            Assert.That(c.ClientId, Is.EqualTo("id"));
            Assert.That(c.ClientSecret, Is.EqualTo("sec-123456"));
            Assert.That(c.RefreshToken, Is.EqualTo("ref-123456"));
            Assert.That(c.ToString(), Does.Not.Contain("sec-123456").And.Not.Contain("ref-123456"));
        });
    }

    [Test]
    public void FromEnvironment_Missing_NamesTheVariable()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TastytradeCredentials.FromEnvironment(n => n == TastytradeCredentials.ClientSecretVariable ? "x" : null));
        Assert.That(ex!.Message, Does.Contain(TastytradeCredentials.RefreshTokenVariable));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void FromSecretsFile_0600_IsRead()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Unix permissions only.");
        }

        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, $"# tastytrade\n{TastytradeCredentials.ClientSecretVariable}=s3cret-value\n{TastytradeCredentials.RefreshTokenVariable} = r3fresh-value\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var c = TastytradeCredentials.FromSecretsFile(path);
            Assert.That(c.RefreshToken, Is.EqualTo("r3fresh-value"));
            Assert.That(c.ClientId, Is.Null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead)]   // 0644, the usual default
    [TestCase(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)]
    [TestCase(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead)]
    [TestCase(UnixFileMode.UserRead)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void FromSecretsFile_NotExactly0600_IsRefusedWithClearMessage(UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Unix permissions only.");
        }

        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, $"{TastytradeCredentials.ClientSecretVariable}=a1234\n{TastytradeCredentials.RefreshTokenVariable}=b1234\n");
            File.SetUnixFileMode(path, mode);
            var ex = Assert.Throws<InsecureSecretsFileException>(() => TastytradeCredentials.FromSecretsFile(path));
            Assert.That(ex!.Message, Does.Contain("0600").And.Contain("chmod 600").And.Contain("0" + Convert.ToString((int)mode, 8)), "names the found and the required permissions");
            Assert.That(ex.Message, Does.Not.Contain("a1234").And.Not.Contain("b1234"), "never echoes a secret");
        }
        finally
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Delete(path);
        }
    }

    [TestCase("https://api.tastyworks.com/")]
    [TestCase("https://api.cert.tastyworks.com/")]
    [TestCase("https://10.0.0.5/")]
    public void CreateHandler_NonLoopbackWithValidationOff_IsRefused(string url) =>
        Assert.Throws<InsecureTransportException>(() => TastytradeHttp.CreateHandler(new Uri(url), validateCertificates: false));

    [Test]
    public void CreateHandler_NonLoopbackPlainHttp_IsRefused() =>
        Assert.Throws<InsecureTransportException>(() => TastytradeHttp.CreateHandler(new Uri("http://api.tastyworks.com/")));

    [TestCase("https://127.0.0.1:5443/")]
    [TestCase("http://127.0.0.1:5000/")]
    [TestCase("https://localhost:5443/")]
    [TestCase("https://[::1]:5443/")]
    public void CreateHandler_LoopbackWithValidationOff_IsAllowed(string url)
    {
        using var handler = TastytradeHttp.CreateHandler(new Uri(url), validateCertificates: false);
        Assert.That(handler.SslOptions.RemoteCertificateValidationCallback, Is.Not.Null);
    }

    [Test]
    public void CreateHandler_ProductionDefault_KeepsValidation()
    {
        using var handler = TastytradeHttp.CreateHandler(TastytradeEnvironment.Production.RestBaseUri);
        Assert.That(handler.SslOptions.RemoteCertificateValidationCallback, Is.Null);
    }

    [Test]
    public void UserAgent_IsProductSlashVersion() =>
        Assert.That(TastytradeHttp.UserAgent, Does.Match(@"^tomking/\d+\.\d+\.\d+"));

    [Test]
    public void Redaction_MasksAccountsTokensAndPaths()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LogRedaction.Account("5WT00001"), Is.EqualTo("****0001"));
            Assert.That(LogRedaction.Path("accounts/5WT00001/orders/12?start-date=2026-01-01"), Is.EqualTo("accounts/****0001/orders/12"));
            Assert.That(LogRedaction.Secret("abcdefgh"), Does.Not.Contain("abcd"));
            Assert.That(LogRedaction.Text("auth Bearer eyJabc.def-ghi failed for tok-12345 on 5WT00001", "5WT00001", "tok-12345"), Does.Not.Contain("eyJabc").And.Not.Contain("tok-12345").And.Not.Contain("5WT00001").And.Contain("****0001"));
        });
    }
}
