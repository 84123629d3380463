using System.CommandLine;
using System.Globalization;
using TomKing.Algorithm.Rulebook;
using TomKing.Brokerages.Tastytrade.Auth;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Api;
using TomKing.Brokerages.Tastytrade.Http;
using TomKing.Engine.Journal;
using TomKing.Engine.Backtest;
using TomKing.Engine.Live;
using TomKing.Engine.Live.Operations;
using TomKing.Engine.Live.Tastytrade;
using TomKing.Engine.Results;

namespace TomKing.Cli.Commands;

/// <summary>
/// <c>tomking live</c>: the strategy core on the market clock, trading through Tastytrade (credentials from the
/// environment; <c>--sandbox</c> for the certification environment), through an emulator already running
/// (<c>--emulator-url</c>), or — with no credentials — through the emulator started in-process (the default),
/// which can run its synthetic day faster than real time (<c>--speed 60</c>). Every order, fill and state change
/// is journaled (SQLite, WAL) before it is acted on; a restart replays the journal and reconciles with the venue.
/// </summary>
internal static class LiveCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var journal = new Option<string>("--journal") { Description = "Journal file (SQLite, WAL); created if missing, replayed if present", DefaultValueFactory = _ => "tomking-live.db" };
        var strategies = new Option<string?>("--strategies") { Description = "Comma-separated strategies (default: F0,L112,FS,IPMCC,LPL)" };
        var rulebook = new Option<string?>("--rulebook") { Description = "Rulebook JSON file, merged onto the built-in rulebook" };
        var sandbox = new Option<bool>("--sandbox") { Description = "Trade Tastytrade's certification (sandbox) environment (credentials from " + TastytradeCredentials.ClientSecretVariable + " and " + TastytradeCredentials.RefreshTokenVariable + ")" };
        var account = new Option<string?>("--account") { Description = "Account number (default: the first the login can trade)" };
        var emulatorUrl = new Option<string?>("--emulator-url") { Description = "Trade an emulator already running at this loopback URL (follows its market clock)" };
        var speed = new Option<double>("--speed") { Description = "In-process emulator: market seconds per real second", DefaultValueFactory = _ => 1.0 };
        var start = new Option<string?>("--start") { Description = "In-process emulator: market time at start, US/Eastern \"yyyy-MM-dd HH:mm\" (default: the next session's 09:25)" };
        var seed = new Option<ulong>("--seed") { Description = "In-process emulator: synthetic market seed", DefaultValueFactory = _ => 20240805UL };
        var cash = new Option<decimal>("--cash") { Description = "Starting cash when the journal is new and the venue does not say (USD)", DefaultValueFactory = _ => 50_000m };
        var stopAt = new Option<string?>("--stop-at") { Description = "Stop at this market time, US/Eastern \"yyyy-MM-dd HH:mm\" (default: run until Ctrl+C)" };
        var opsPort = new Option<int?>("--ops-port") { Description = "Serve /health and /metrics (Prometheus) on 127.0.0.1:<port> (0 = any free port)" };
        var webhook = new Option<string?>("--alert-webhook") { Description = "POST alerts (JSON) to this URL" };
        var alertCommand = new Option<string?>("--alert-command") { Description = "Run this program for each alert (alert JSON on stdin; TOMKING_ALERT_* variables)" };
        var streamTimeout = new Option<double>("--stream-timeout") { Description = "Seconds of inbound silence after which the market-data or account stream is reconnected (heartbeats at a third of it)", DefaultValueFactory = _ => 60.0 };
        var log = new Option<string?>("--log") { Description = "Structured log file (JSON lines; default: stderr)" };
        var command = new Command("live", "Trade live: Tastytrade (credentials from the environment), an emulator (--emulator-url), or by default the in-process emulator over the synthetic market. Journals before acting; a restart replays the journal and reconciles with the venue. Ctrl+C stops.")
        {
            journal, strategies, rulebook, sandbox, account, emulatorUrl, speed, start, seed, cash, stopAt, opsPort, webhook, alertCommand, streamTimeout, log,
        };
        command.SetAction(parse =>
        {
            var rules = RulebookSettings.Default;
            if (parse.GetValue(rulebook) is { } rulebookPath)
            {
                if (!File.Exists(rulebookPath))
                {
                    throw new UserInputException($"--rulebook '{rulebookPath}': file not found.");
                }

                var loaded = RulebookFile.Load(rulebookPath);
                rules = loaded.Succeeded ? loaded.Settings! : throw new UserInputException("--rulebook: " + string.Join("; ", loaded.Errors));
            }

            var options = new LiveRunnerOptions { Rules = rules, DefaultCash = parse.GetValue(cash) };
            if (parse.GetValue(strategies) is { } list)
            {
                try
                {
                    options = options with { Strategies = BacktestArguments.ParseStrategies(list) };
                }
                catch (BacktestArgumentException ex)
                {
                    throw new UserInputException(ex.Message);
                }
            }

            if (parse.GetValue(stopAt) is { } stopText)
            {
                options = options with { StopAtEastern = PriceCommand.ParseTime(stopText) };
            }

            double s = parse.GetValue(speed);
            if (s is <= 0 or > 3600)
            {
                throw new UserInputException($"--speed {s.ToString(Inv)}: use a number above 0 and at most 3600.");
            }

            double silence = parse.GetValue(streamTimeout);
            if (silence is < 1 or > 600 || double.IsNaN(silence))
            {
                throw new UserInputException($"--stream-timeout {silence.ToString(Inv)}: use a number of seconds from 1 to 600.");
            }

            int? ops = parse.GetValue(opsPort);
            if (ops is < 0 or > 65535)
            {
                throw new UserInputException($"--ops-port {ops}: use 0 (any free port) or 1-65535.");
            }

            Uri? hook = null;
            if (parse.GetValue(webhook) is { } hookText && !Uri.TryCreate(hookText, UriKind.Absolute, out hook))
            {
                throw new UserInputException($"--alert-webhook '{hookText}': expected an absolute URL.");
            }

            var mode = new LiveMode(
                parse.GetValue(journal)!,
                parse.GetValue(sandbox),
                parse.GetValue(account),
                parse.GetValue(emulatorUrl),
                s,
                parse.GetValue(start) is { } startText ? PriceCommand.ParseTime(startText) : null,
                parse.GetValue(seed),
                ops,
                hook,
                parse.GetValue(alertCommand),
                parse.GetValue(log),
                TimeSpan.FromSeconds(silence));
            return Run(options, mode);
        });
        return command;
    }

    private sealed record LiveMode(string Journal, bool Sandbox, string? Account, string? EmulatorUrl, double Speed, DateTime? Start, ulong Seed,
        int? OpsPort, Uri? Webhook, string? AlertCommand, string? LogFile, TimeSpan StreamTimeout);

    private static int Run(LiveRunnerOptions options, LiveMode mode)
    {
        using var stop = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                stop.Cancel();
            }
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return RunAsync(options, mode, stop.Token).GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    private static async Task<int> RunAsync(LiveRunnerOptions options, LiveMode mode, CancellationToken stop)
    {
        using var log = mode.LogFile is { } file ? StructuredLog.OpenFile(file) : new StructuredLog(Console.Error);
        options = options with { Log = line => log.Info("live", new LogField("message", line)) };
        EmulatorHost? emulator = null;
        TastytradeVenueSettings settings;
        string? secretsProblem = null;
        TastytradeCredentials? credentials = null;
        try
        {
            credentials = TastytradeCredentials.FromEnvironment();
        }
        catch (InvalidOperationException ex)
        {
            secretsProblem = ex.Message;
        }

        if (mode.EmulatorUrl is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsLoopback)
            {
                throw new UserInputException($"--emulator-url '{url}': expected a loopback URL such as http://127.0.0.1:5123.");
            }

            settings = EmulatorSettings(uri, options) with { StreamTimeout = mode.StreamTimeout };
        }
        else if (credentials is not null)
        {
            settings = new TastytradeVenueSettings
            {
                Environment = mode.Sandbox ? TastytradeEnvironment.Sandbox : TastytradeEnvironment.Production,
                Credentials = credentials,
                Account = mode.Account,
                Rules = options.Rules,
                StreamTimeout = mode.StreamTimeout,
            };
        }
        else
        {
            if (mode.Sandbox)
            {
                throw new UserInputException("--sandbox needs credentials: " + secretsProblem);
            }

            var startAt = mode.Start ?? NextSessionStart(DateTime.Now);
            emulator = new EmulatorHost(new EmulatorOptions { Seed = mode.Seed, MarketStart = startAt, Speed = mode.Speed });
            var baseUrl = await emulator.StartAsync(stop).ConfigureAwait(false);
            Console.Error.WriteLine(string.Create(Inv, $"live: no Tastytrade credentials in the environment; trading the in-process emulator at {baseUrl} (synthetic market, seed {mode.Seed}, {startAt:yyyy-MM-dd HH:mm} ET, speed {mode.Speed}x)"));
            settings = EmulatorSettings(baseUrl, options) with { StreamTimeout = mode.StreamTimeout };
        }

        try
        {
            await using var venue = new TastytradeLiveVenue(settings);
            using var journal = SqliteLiveJournal.Open(mode.Journal);
            LiveRunner runner;
            try
            {
                runner = await LiveRunner.StartAsync(venue, journal, options, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return 130;
            }

            var st = runner.Startup!;
            Console.Error.WriteLine(string.Create(Inv,
                $"live: operational in {st.Total.TotalMilliseconds:0} ms (journal {st.Restore.Records} records read in {st.JournalRead.TotalMilliseconds:0} ms, replayed in {st.Replay.TotalMilliseconds:0} ms; connect {st.Connect.TotalMilliseconds:0} ms; reconcile {st.Reconcile.TotalMilliseconds:0} ms, {st.Reconciliation.Discrepancies.Count} discrepancies, {st.Restore.ActiveOrders} orders were in flight)"));
            var metrics = new LiveMetrics(runner.Latencies);
            runner.Metrics = metrics;
            var sinks = new List<IAlertSink>();
            if (mode.Webhook is { } hook)
            {
                sinks.Add(new WebhookAlertSink(hook, log: log));
            }

            if (mode.AlertCommand is { } cmd)
            {
                sinks.Add(new CommandAlertSink(cmd, log: log));
            }

            var alerts = new AlertRules(null, sinks, log);
            await using var endpoint = mode.OpsPort is int port ? OpsEndpoint.Start(metrics, port, () => HealthReport.Derive(metrics, DateTime.UtcNow)) : null;
            if (endpoint is not null)
            {
                Console.Error.WriteLine($"live: operations at {endpoint.Address} (/health, /metrics)");
            }

            var kernel = runner.RunAsync(stop);
            var status = DateTime.UtcNow;
            while (!kernel.IsCompleted)
            {
                await Task.WhenAny(kernel, Task.Delay(1000, CancellationToken.None)).ConfigureAwait(false);
                alerts.Evaluate(metrics, DateTime.UtcNow);
                if (DateTime.UtcNow - status >= TimeSpan.FromSeconds(10))
                {
                    status = DateTime.UtcNow;
                    var ledger = runner.Core.Ledger;
                    Console.Error.WriteLine(string.Create(Inv,
                        $"live: {runner.Statistics.LastMarketTime:yyyy-MM-dd HH:mm:ss} ET  net liq {ledger.NetLiquidation:N0}  open {ledger.OpenPositions.Length}  orders {runner.Core.Pipeline.Orders.ActiveCount}  fills {runner.Statistics.Fills}  quotes {runner.Statistics.QuotesApplied:N0}  cycle p99 {runner.Statistics.CycleNanoseconds.P99 / 1000.0:0.#} us"));
                }
            }

            await kernel.ConfigureAwait(false);
            journal.Flush();
            Console.Error.WriteLine(string.Create(Inv, $"live: stopped at {runner.Statistics.LastMarketTime:yyyy-MM-dd HH:mm:ss} ET; journal {mode.Journal} flushed; links: {venue.LinkSummary}"));
            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or TastytradeApiException or InvalidOperationException or JournalException)
        {
            throw new UserInputException("live: " + ex.Message);
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static TastytradeVenueSettings EmulatorSettings(Uri baseUrl, LiveRunnerOptions options)
    {
        var defaults = new EmulatorOptions();
        return TastytradeVenueSettings.Emulator(baseUrl, new TastytradeCredentials(defaults.ClientId, defaults.ClientSecret, defaults.RefreshToken), options.Rules);
    }

    private static DateTime NextSessionStart(DateTime now)
    {
        var day = now.Date;
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day.AddHours(9).AddMinutes(25);
    }
}
