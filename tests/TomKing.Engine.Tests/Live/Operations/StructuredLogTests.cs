using System.Text;
using System.Text.Json;
using TomKing.Engine.Live.Operations;

namespace TomKing.Engine.Tests.Live.Operations;

public sealed class StructuredLogTests
{
    private static readonly DateTime Start = new(2024, 3, 15, 14, 30, 0, 123, DateTimeKind.Utc);

    [Test]
    public void Write_TypedFields_ProducesOneJsonLineWithThem()
    {
        var text = new StringWriter();
        using var log = new StructuredLog(text, time: new ManualTime(Start));
        log.Warn("order.rejected", new("order", "C42"), new("qty", 3), new("price", 1.25m), new("delta", -0.16),
            new("natural", true), new("at", new DateTime(2024, 3, 15, 10, 30, 0, DateTimeKind.Utc)), new("note", (string?)null),
            new("iv", double.NaN), new("quote", "say \"hi\"\n"));

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1));
        using var doc = JsonDocument.Parse(lines[0]);
        var root = doc.RootElement;
        var f = root.GetProperty("fields");
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("ts").GetString(), Is.EqualTo("2024-03-15T14:30:00.123Z"));
            Assert.That(root.GetProperty("level").GetString(), Is.EqualTo("warn"));
            Assert.That(root.GetProperty("event").GetString(), Is.EqualTo("order.rejected"));
            Assert.That(f.GetProperty("order").GetString(), Is.EqualTo("C42"));
            Assert.That(f.GetProperty("qty").GetInt64(), Is.EqualTo(3));
            Assert.That(f.GetProperty("price").GetDecimal(), Is.EqualTo(1.25m));
            Assert.That(f.GetProperty("delta").GetDouble(), Is.EqualTo(-0.16));
            Assert.That(f.GetProperty("natural").GetBoolean(), Is.True);
            Assert.That(f.GetProperty("at").GetString(), Is.EqualTo("2024-03-15T10:30:00Z"));
            Assert.That(f.GetProperty("note").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(f.GetProperty("iv").GetString(), Is.EqualTo("NaN"));
            Assert.That(f.GetProperty("quote").GetString(), Is.EqualTo("say \"hi\"\n"));
            Assert.That(log.LinesWritten, Is.EqualTo(1));
        });
    }

    [Test]
    public void Write_BelowMinimum_IsSkipped()
    {
        var text = new StringWriter();
        using var log = new StructuredLog(text, LogSeverity.Warn);
        log.Info("quiet");
        log.Debug("quieter");
        log.Error("loud");
        Assert.That(text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
        Assert.That(text.ToString(), Does.Contain("\"level\":\"error\""));
    }

    [Test]
    public void Write_FromManyThreads_LinesNeverInterleave()
    {
        var text = new StringWriter();
        using var log = new StructuredLog(text, flushEachLine: false);
        Parallel.For(0, 4, t =>
        {
            for (int i = 0; i < 500; i++)
            {
                log.Info("tick", new("thread", t), new("i", i), new("pad", new string('x', i % 50)));
            }
        });

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2000));
        var seen = new HashSet<(long, long)>();
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var f = doc.RootElement.GetProperty("fields");
            seen.Add((f.GetProperty("thread").GetInt64(), f.GetProperty("i").GetInt64()));
        }

        Assert.That(seen, Has.Count.EqualTo(2000));
    }

    [Test]
    public void Write_WriterFails_CountsTheErrorAndNeverThrows()
    {
        using var log = new StructuredLog(new FailingWriter());
        Assert.DoesNotThrow(() => log.Info("lost", new LogField("x", 1)));
        Assert.DoesNotThrow(() => log.Error("lost too"));
        Assert.That((log.WriteErrors, log.LinesWritten), Is.EqualTo((2L, 0L)));
    }

    [Test]
    public void OpenFile_AppendsUtf8LinesWithoutBom()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tomking-log-{Guid.NewGuid():N}.jsonl");
        try
        {
            using (var log = StructuredLog.OpenFile(path))
            {
                log.Info("one", new LogField("name", "é"));
            }

            using (var log = StructuredLog.OpenFile(path))
            {
                log.Info("two");
            }

            byte[] bytes = File.ReadAllBytes(path);
            Assert.That(bytes[0], Is.EqualTo((byte)'{'), "no byte-order mark");
            var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()), Is.EqualTo(new[] { "one", "two" }));
            Assert.That(lines[0], Does.Contain("\"name\":\"\\u00E9\"").Or.Contain("\"name\":\"é\""));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class FailingWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new IOException("disk full");

        public override void Write(char[] buffer, int index, int count) => throw new IOException("disk full");
    }
}
