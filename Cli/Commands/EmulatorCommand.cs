using System.CommandLine;
using System.Globalization;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Emulator.Faults;
using TomKing.Brokerages.Tastytrade.Emulator.Market;

namespace TomKing.Cli.Commands;

/// <summary><c>tomking emulator</c>: runs the local Tastytrade emulator on 127.0.0.1 until Ctrl+C.</summary>
internal static class EmulatorCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the synthetic market", DefaultValueFactory = _ => 1UL };
        var start = new Option<string>("--start") { Description = "Market time at start, US/Eastern \"yyyy-MM-dd HH:mm\" (it then runs at --speed)", DefaultValueFactory = _ => "2024-06-03 10:00" };
        var speed = new Option<double>("--speed") { Description = "Market seconds per real second, above 0 and at most 3600 (60 replays a trading day in 6.5 minutes)", DefaultValueFactory = _ => 1.0 };
        var faults = new Option<string?>("--faults") { Description = "Faults, e.g. latency=50ms,http429=0.1,http5xx=0.05 (names: " + FaultSpec.Names + ")" };
        var command = new Command("emulator", "Run a local Tastytrade-compatible server (REST, account streamer, DXLink) on 127.0.0.1 over the synthetic market, with optional fault injection, until Ctrl+C.")
        {
            port, seed, start, speed, faults,
        };
        command.SetAction(parse =>
        {
            int p = parse.GetValue(port);
            if (p is < 0 or > 65535)
            {
                throw new UserInputException($"--port {p}: use 0 (any free port) or 1-65535.");
            }

            FaultSettings faultSettings;
            try
            {
                faultSettings = FaultSpec.Parse(parse.GetValue(faults));
            }
            catch (FormatException ex)
            {
                throw new UserInputException("--faults: " + ex.Message);
            }

            DateTime marketStart;
            try
            {
                marketStart = PriceCommand.ParseTime(parse.GetValue(start)!);
            }
            catch (UserInputException ex)
            {
                throw new UserInputException("--start: " + ex.Message);
            }

            if (marketStart.Year is < 2000 or > 2100)
            {
                throw new UserInputException($"--start {marketStart:yyyy-MM-dd}: use a date between 2000 and 2100.");
            }

            double s = parse.GetValue(speed);
            if (!EmulatorClock.IsValidSpeed(s))
            {
                throw new UserInputException($"--speed {s.ToString(Inv)}: use a number above 0 and at most 3600 (market seconds per real second).");
            }

            var options = new EmulatorOptions { Port = p, Seed = parse.GetValue(seed), MarketStart = marketStart, Speed = s, Faults = faultSettings };
            return Run(options);
        });
        return command;
    }

    private static int Run(EmulatorOptions options)
    {
        using var stop = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            stop.Cancel();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return RunAsync(options, stop.Token).GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    private static async Task<int> RunAsync(EmulatorOptions options, CancellationToken stop)
    {
        var host = new EmulatorHost(options);
        await using (host.ConfigureAwait(false))
        {
            try
            {
                await host.StartAsync(stop).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new UserInputException($"cannot listen on 127.0.0.1:{options.Port.ToString(Inv)}: {ex.Message}");
            }

            Console.WriteLine($"REST        {host.BaseUrl.ToString().TrimEnd('/')}");
            Console.WriteLine($"WebSockets  {host.WebSocketBaseUrl.ToString().TrimEnd('/')}  (DXLink {host.DxLinkUrl})");
            Console.WriteLine($"accounts    {string.Join(", ", host.Orders.AccountNumbers)}");
            Console.WriteLine($"oauth       refresh token '{options.RefreshToken}', client secret '{options.ClientSecret}' (emulator-only values)");
            Console.WriteLine(string.Create(Inv, $"market      synthetic, seed {options.Seed}, starts {options.MarketStart:yyyy-MM-dd HH:mm} ET, speed {options.Speed}x"));
            Console.WriteLine($"clock       {host.BaseUrl.ToString().TrimEnd('/')}/emulator/clock  (emulator-only; market time for a live runner)");
            var f = options.Faults;
            Console.WriteLine(f == FaultSettings.None
                ? "faults      none"
                : string.Create(Inv, $"faults      latency {f.Latency.TotalMilliseconds}ms, 429 {f.Http429}, 5xx {f.Http5xx}, duplicate {f.DuplicateNotifications}, out-of-order {f.OutOfOrderNotifications}, drop {f.DropSocket}, freeze {f.FreezeSocket}, 1012 {f.Close1012}"));
            Console.WriteLine("Ctrl+C stops.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            Console.WriteLine("stopping.");
        }

        return 0;
    }
}
