using Microsoft.AspNetCore.Routing;

namespace TomKing.Brokerages.Tastytrade.Emulator;

/// <summary>
/// A set of endpoints added to the emulator (the account streamer and DXLink WebSockets). The host maps every
/// module in <see cref="EmulatorOptions.Modules"/> and every non-abstract type in this assembly that implements
/// the interface and has a public parameterless constructor. WebSocket requests bypass the REST pipeline
/// (User-Agent, Accept-Version, bearer token, REST faults): a module authenticates its own messages through
/// <see cref="EmulatorContext.Tokens"/> and applies stream faults through <see cref="EmulatorContext.Faults"/>.
/// </summary>
public interface IEmulatorModule
{
    /// <summary>Maps the module's endpoints.</summary>
    /// <param name="endpoints">The application's route builder.</param>
    /// <param name="context">The emulator's shared state.</param>
    void Map(IEndpointRouteBuilder endpoints, EmulatorContext context);
}
