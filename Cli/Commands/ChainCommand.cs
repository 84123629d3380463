using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using TomKing.Engine.Data.Lean;
using TomKing.Engine.Replay.Lean;
using TomKing.Greeks;

namespace TomKing.Cli.Commands;

/// <summary><c>tomking chain</c>: an option chain from LEAN-format data at one minute, with IV and Greeks.</summary>
internal static class ChainCommand
{
    private static readonly string DefaultData = Path.Combine("..", "shared", "data", "lean");

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "LEAN data folder (default: ../shared/data/lean when it exists)" };
        var underlying = new Option<string>("--underlying") { Description = "Option root: SPXW or SPX", DefaultValueFactory = _ => "SPXW" };
        var at = new Option<string>("--at") { Description = "Minute (bar end), US/Eastern, \"yyyy-MM-dd HH:mm\"", DefaultValueFactory = _ => "2021-01-08 10:30" };
        var expiry = new Option<string?>("--expiry") { Description = "Only this expiry, yyyy-MM-dd" };
        var csv = new Option<bool>("--csv") { Description = "Print CSV instead of a table" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("chain", "Print an option chain from LEAN data at one minute: bid, ask, mid, IV and Greeks per strike and right.")
        {
            data, underlying, at, expiry, csv, json,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(csv) && parse.GetValue(json))
            {
                throw new UserInputException("give at most one of --csv and --json.");
            }

            string folder = parse.GetValue(data) ?? (Directory.Exists(DefaultData)
                ? DefaultData
                : throw new UserInputException($"no --data given and the default LEAN folder {DefaultData} does not exist here."));
            if (!Directory.Exists(folder))
            {
                throw new UserInputException($"--data '{folder}': the folder does not exist.");
            }

            DateTime time = PriceCommand.ParseTime(parse.GetValue(at)!);
            string? expiryText = parse.GetValue(expiry);
            DateOnly? onlyExpiry = expiryText is null ? null : PriceCommand.ParseDate(expiryText);
            string root = parse.GetValue(underlying)!.Trim().ToUpperInvariant();
            if (root.Length == 0)
            {
                throw new UserInputException("--underlying is empty: use SPXW or SPX.");
            }

            ChainSnapshot snapshot;
            try
            {
                snapshot = LeanChainSnapshot.Read(folder, root, time, onlyExpiry);
            }
            catch (ArgumentException ex)
            {
                throw new UserInputException(FirstSentence(ex.Message));
            }
            catch (LeanDataException ex)
            {
                throw new UserInputException(ex.Message);
            }

            if (parse.GetValue(csv))
            {
                WriteCsv(snapshot);
            }
            else if (parse.GetValue(json))
            {
                WriteJson(snapshot);
            }
            else
            {
                WriteTable(snapshot);
            }

            return 0;
        });
        return command;
    }

    private static string FirstSentence(string message)
    {
        int paramNote = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return paramNote >= 0 ? message[..paramNote] : message;
    }

    private static string F(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Right(OptionRight right) => right == OptionRight.Call ? "C" : "P";

    private static void WriteTable(ChainSnapshot s)
    {
        if (Console.IsOutputRedirected)
        {
            // Piped output has no terminal width; 11 numeric columns need more than the 80-column fallback.
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 132);
        }

        var table = new Table()
            .AddColumn("expiry").AddColumn(new TableColumn("strike").RightAligned()).AddColumn("right")
            .AddColumn(new TableColumn("bid").RightAligned()).AddColumn(new TableColumn("ask").RightAligned())
            .AddColumn(new TableColumn("mid").RightAligned()).AddColumn(new TableColumn("IV %").RightAligned())
            .AddColumn(new TableColumn("delta").RightAligned()).AddColumn(new TableColumn("gamma").RightAligned())
            .AddColumn(new TableColumn("theta/day").RightAligned()).AddColumn(new TableColumn("vega/pt").RightAligned());
        table.Title = new TableTitle(string.Create(CultureInfo.InvariantCulture,
            $"{s.Root} at {s.At:yyyy-MM-dd HH:mm} ET, underlying {F(s.Underlying, "F2")} ({s.UnderlyingSource})"));
        foreach (ChainRow r in s.Rows)
        {
            table.AddRow(
                r.Expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), F(r.Strike, "0.##"), Right(r.Right),
                F(r.Bid, "F2"), F(r.Ask, "F2"), F(r.Mid, "F3"), F(r.ImpliedVolatility * 100.0, "F2"),
                F(r.Delta, "F4"), F(r.Gamma, "F5"), F(r.ThetaPerDay, "F3"), F(r.VegaPerPoint, "F3"));
        }

        AnsiConsole.Write(table);
        foreach (string w in s.Warnings)
        {
            AnsiConsole.MarkupLine("[grey]warning: " + Markup.Escape(w) + "[/]");
        }
    }

    private static void WriteCsv(ChainSnapshot s)
    {
        Console.Out.WriteLine("expiry,strike,right,bid,ask,mid,iv,delta,gamma,theta_per_day,vega_per_point,status");
        foreach (ChainRow r in s.Rows)
        {
            Console.Out.WriteLine(string.Join(',',
                r.Expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), F(r.Strike, "R"), Right(r.Right),
                F(r.Bid, "R"), F(r.Ask, "R"), Csv(r.Mid), Csv(r.ImpliedVolatility), Csv(r.Delta), Csv(r.Gamma),
                Csv(r.ThetaPerDay), Csv(r.VegaPerPoint), r.Status.ToString()));
        }
    }

    private static string Csv(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static void WriteJson(ChainSnapshot s)
    {
        using var stream = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("root", s.Root.Symbol);
            w.WriteString("at", s.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            Number(w, "underlying", s.Underlying);
            w.WriteString("underlyingSource", s.UnderlyingSource);
            w.WriteStartArray("rows");
            foreach (ChainRow r in s.Rows)
            {
                w.WriteStartObject();
                w.WriteString("expiry", r.Expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteNumber("strike", r.Strike);
                w.WriteString("right", Right(r.Right));
                w.WriteNumber("bid", r.Bid);
                w.WriteNumber("ask", r.Ask);
                Number(w, "mid", r.Mid);
                Number(w, "iv", r.ImpliedVolatility);
                Number(w, "delta", r.Delta);
                Number(w, "gamma", r.Gamma);
                Number(w, "thetaPerDay", r.ThetaPerDay);
                Number(w, "vegaPerPoint", r.VegaPerPoint);
                w.WriteString("status", r.Status.ToString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (string warning in s.Warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
