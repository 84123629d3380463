using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TomKing.Engine.Live.Operations;

/// <summary>
/// Runs a configured command for each alert, in the background: the alert's JSON (<see cref="Alert.ToJson"/>)
/// on its standard input and the environment variables <c>TOMKING_ALERT_KIND</c>,
/// <c>TOMKING_ALERT_MESSAGE</c>, <c>TOMKING_ALERT_SEVERITY</c> and <c>TOMKING_ALERT_SUBJECT</c>.
/// </summary>
/// <remarks>The command is started directly (no shell) with its arguments passed as a list; nothing from
/// the alert is ever put into the command line, so alert text cannot inject commands. A command that runs
/// longer than the timeout is killed (with its children) and counted as failed, as is a non-zero exit code.
/// Its standard output is discarded and the start of its standard error goes into the failure log.</remarks>
public sealed class CommandAlertSink : QueuedAlertSink
{
    private const int StderrKept = 2048;
    private readonly string[] _arguments;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the sink and starts its delivery task.</summary>
    /// <param name="fileName">The program to run (a path, or a name looked up on PATH).</param>
    /// <param name="arguments">Its fixed arguments, passed as they are.</param>
    /// <param name="timeout">Longest run allowed (10 s by default).</param>
    /// <param name="log">Failure log.</param>
    /// <param name="capacity">Alerts that may wait.</param>
    public CommandAlertSink(string fileName, IEnumerable<string>? arguments = null, TimeSpan? timeout = null, StructuredLog? log = null, int capacity = 64)
        : base("command", capacity, log)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        FileName = fileName;
        _arguments = arguments?.ToArray() ?? [];
        _timeout = timeout ?? TimeSpan.FromSeconds(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_timeout, TimeSpan.Zero, nameof(timeout));
    }

    /// <summary>The program run per alert.</summary>
    public string FileName { get; }

    /// <summary>Its fixed arguments.</summary>
    public IReadOnlyList<string> Arguments => _arguments;

    /// <inheritdoc />
    protected override async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var a in _arguments)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["TOMKING_ALERT_KIND"] = alert.KindName;
        psi.Environment["TOMKING_ALERT_MESSAGE"] = alert.Message;
        psi.Environment["TOMKING_ALERT_SEVERITY"] = alert.SeverityName;
        psi.Environment["TOMKING_ALERT_SUBJECT"] = alert.Subject;

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"command {FileName}: could not start");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_timeout);
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cts.Token);
        var stderr = ReadStartAsync(process.StandardError.BaseStream, cts.Token);
        try
        {
            try
            {
                var stdin = process.StandardInput.BaseStream;
                await stdin.WriteAsync(alert.ToJson(), cts.Token).ConfigureAwait(false);
                await stdin.FlushAsync(cts.Token).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // the command closed its input without reading it all: its exit code decides
            }

            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"command {FileName}: killed after {_timeout.TotalSeconds:0.###} s"));
        }

        await stdout.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        string errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"command {FileName}: exit code {process.ExitCode}{(errors.Length > 0 ? ": " + errors.Trim() : string.Empty)}"));
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    /// <summary>Reads a stream to its end, keeping only its first <see cref="StderrKept"/> bytes.</summary>
    private static async Task<string> ReadStartAsync(Stream stream, CancellationToken ct)
    {
        var kept = new MemoryStream();
        var buffer = new byte[1024];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                int room = StderrKept - (int)kept.Length;
                if (room > 0)
                {
                    kept.Write(buffer, 0, Math.Min(room, n));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // what was read so far is enough for the log
        }

        return Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
    }
}
