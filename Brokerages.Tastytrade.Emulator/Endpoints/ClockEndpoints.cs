using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TomKing.Brokerages.Tastytrade.Emulator.Endpoints;

/// <summary>
/// <c>GET /emulator/clock</c>: the emulator's market time, as
/// <c>{"now-eastern":"2026-11-20T10:25:00.000","speed":60,"running":true}</c> (<c>now-eastern</c> is the US/Eastern
/// wall clock, ISO 8601 without an offset). Real Tastytrade has no such endpoint: it exists so that a live runner pointed
/// at the emulator can follow the emulator's market time (which may start on another day and run faster than real
/// time); against Tastytrade the runner uses the wall clock. Emulator-only paths under <c>/emulator/</c> need no token,
/// no User-Agent and get no injected faults.
/// </summary>
internal static class ClockEndpoints
{
    /// <summary>The path of the clock endpoint.</summary>
    public const string ClockPath = "/emulator/clock";

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emulator) =>
        app.MapGet(ClockPath, () =>
        {
            var (now, speed, running) = emulator.Clock.Snapshot();
            var buffer = new ArrayBufferWriter<byte>(128);
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("now-eastern", now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture));
                w.WriteNumber("speed", speed);
                w.WriteBoolean("running", running);
                w.WriteEndObject();
            }

            return Results.Bytes(buffer.WrittenSpan.ToArray(), "application/json");
        });
}
