using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TomKing.Brokerages.Tastytrade.Emulator.Endpoints;
using TomKing.Brokerages.Tastytrade.Emulator.Events;
using TomKing.Brokerages.Tastytrade.Emulator.Faults;
using TomKing.Brokerages.Tastytrade.Emulator.Http;
using TomKing.Brokerages.Tastytrade.Emulator.Market;
using TomKing.Brokerages.Tastytrade.Emulator.Orders;

namespace TomKing.Brokerages.Tastytrade.Emulator;

/// <summary>
/// A local Tastytrade-compatible server on loopback: the REST API (same paths and JSON as Tastytrade, through the
/// client's own models), an order engine over the synthetic market, fault injection, and the streaming modules.
/// Tests start it with <c>await using var host = new EmulatorHost(); var url = await host.StartAsync();</c> and
/// stop it by disposing; <c>tomking emulator</c> runs it until Ctrl+C.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly EmulatorContext _context;
    private WebApplication? _app;
    private CancellationTokenSource? _stepping;
    private Task? _stepper;

    /// <summary>Creates a host (nothing listens until <see cref="StartAsync"/>).</summary>
    /// <exception cref="ArgumentException">The bind address is not a loopback address, the port is out of range, or the
    /// clock speed is outside (0, 3600].</exception>
    public EmulatorHost(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        if (!IPAddress.IsLoopback(options.BindAddress))
        {
            throw new ArgumentException($"The emulator binds loopback only; {options.BindAddress} is not a loopback address.", nameof(options));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"Port {options.Port} is out of range (0 = ephemeral, 1-65535).", nameof(options));
        }

        if (!EmulatorClock.IsValidSpeed(options.Speed))
        {
            throw new ArgumentException($"Speed {options.Speed.ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range (above 0, at most 3600).", nameof(options));
        }

        _context = new EmulatorContext(options);
    }

    /// <summary>The shared state (market, orders, events, faults, tokens).</summary>
    public EmulatorContext Context => _context;

    /// <summary>The order engine (tests call <see cref="OrderEngine.Step"/> and change its settings).</summary>
    public OrderEngine Orders => _context.Orders;

    /// <summary>Fault switches.</summary>
    public FaultInjector Faults => _context.Faults;

    /// <summary>Account changes, for the account streamer.</summary>
    public IEmulatorEvents Events => _context.Events;

    /// <summary>Market time.</summary>
    public EmulatorClock Clock => _context.Clock;

    /// <summary>The synthetic market with Tastytrade symbology.</summary>
    public EmulatorMarket Market => _context.Market;

    /// <summary>The last exception an automatic order evaluation threw (null: none).</summary>
    public Exception? LastStepError { get; private set; }

    /// <summary>The REST base URL once started (<c>http://127.0.0.1:port</c>).</summary>
    public Uri BaseUrl => _context.BaseUrl ?? throw new InvalidOperationException("The emulator is not started.");

    /// <summary>The WebSocket base URL once started (<c>ws://127.0.0.1:port</c>).</summary>
    public Uri WebSocketBaseUrl => new($"ws://{BaseUrl.Authority}");

    /// <summary>The DXLink URL <c>/api-quote-tokens</c> hands out.</summary>
    public Uri DxLinkUrl => new(WebSocketBaseUrl, MarketEndpoints.DxLinkPath);

    /// <summary>Starts listening and returns the base URL.</summary>
    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The emulator is already started.");
        }

        var options = _context.Options;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = EmulatorAssembly.Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.BindAddress, options.Port));
        builder.Services.AddRouting();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseMiddleware<RestPipeline>(_context);
        app.UseRouting();
        AuthEndpoints.Map(app, _context);
        AccountEndpoints.Map(app, _context);
        OrderEndpoints.Map(app, _context);
        InstrumentEndpoints.Map(app, _context);
        MarketEndpoints.Map(app, _context);
        ClockEndpoints.Map(app, _context);
        foreach (var module in Modules(options))
        {
            module.Map(app, _context);
        }

        app.MapFallback((HttpContext http) => Wire.Error(404, "not_found", $"No endpoint {http.Request.Method} {http.Request.Path}."));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bound = new Uri(address);
        _context.BaseUrl = new Uri($"http://{options.BindAddress}:{bound.Port}");
        if (options.StepInterval is { } interval && interval > TimeSpan.Zero)
        {
            _stepping = new CancellationTokenSource();
            _stepper = RunStepperAsync(interval, _stepping.Token);
        }

        return _context.BaseUrl;
    }

    /// <summary>Stops listening, stops working orders and completes every event subscription.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stepping is not null)
        {
            await _stepping.CancelAsync().ConfigureAwait(false);
            try
            {
                await _stepper!.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            _stepping.Dispose();
            _stepping = null;
        }

        _context.EventHub.CompleteAll();
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task RunStepperAsync(TimeSpan interval, CancellationToken token)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
        {
            try
            {
                _context.Orders.Step();
            }
#pragma warning disable CA1031 // one failed evaluation (e.g. a date beyond the synthetic history) must not stop order work
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ArithmeticException)
#pragma warning restore CA1031
            {
                LastStepError = ex;
            }
        }
    }

    private static IEnumerable<IEmulatorModule> Modules(EmulatorOptions options)
    {
        var seen = new HashSet<Type>();
        foreach (var module in options.Modules)
        {
            seen.Add(module.GetType());
            yield return module;
        }

        foreach (var type in typeof(EmulatorHost).Assembly.GetTypes())
        {
            if (type.IsClass && !type.IsAbstract && typeof(IEmulatorModule).IsAssignableFrom(type) && !seen.Contains(type)
                && type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is { } ctor)
            {
                yield return (IEmulatorModule)ctor.Invoke(null);
            }
        }
    }
}
