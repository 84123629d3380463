using TomKing.Engine.Data.Lean;

namespace TomKing.Engine.Tests.Data;

[TestFixture]
public class LeanDamageTests
{
    private const string EntryName = "20210104_spxw_minute_quote_european_call_37000000_20210104.csv";
    private static readonly DateOnly Jan4 = new(2021, 1, 4);
    private static readonly LeanRowFormat SpxwQuotes = new(LeanSecurityType.IndexOption, LeanResolution.Minute, LeanTickType.Quote, LeanTimeZone.NewYork);

    private static string RealSpxwQuoteZip => LeanTestFiles.File("indexoption", "usa", "minute", "spxw", "20210104_quote_european.zip");

    [Test]
    public void Open_TruncatedZip_ThrowsCorruptArchiveNamingTheFile()
    {
        using var temp = LeanTestFiles.Temp();
        string path = temp.File("20210104_quote_european.zip");
        byte[] bytes = File.ReadAllBytes(RealSpxwQuoteZip);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length * 6 / 10).ToArray());

        var ex = Assert.Throws<LeanDataException>(() => LeanArchive.Open(path, SpxwQuotes, Jan4, new LeanReadOptions()).Dispose());
        Assert.That(ex!.Damage, Is.EqualTo(LeanDamage.CorruptArchive));
        Assert.That(ex.FilePath, Is.EqualTo(path));
        Assert.That(ex.Message, Does.Contain(path));
    }

    [Test]
    public void TryRead_CorruptedCompressedBytes_ThrowsLeanDataExceptionNotGarbage()
    {
        using var temp = LeanTestFiles.Temp();
        string path = temp.File("20210104_quote_european.zip");
        byte[] bytes = File.ReadAllBytes(RealSpxwQuoteZip);
        for (int i = 200; i < 260; i++)
        {
            bytes[i] ^= 0x5A; // inside the first entry's compressed data; the directory at the end is intact
        }

        File.WriteAllBytes(path, bytes);
        using LeanArchive archive = LeanArchive.Open(path, SpxwQuotes, Jan4, new LeanReadOptions());
        var reader = new LeanRowReader();
        var ex = Assert.Throws<LeanDataException>(() => LeanTestFiles.ReadQuotes(archive, reader));
        Assert.That(ex!.FilePath, Is.EqualTo(path));
        Assert.That(ex.EntryName, Is.EqualTo(archive.Entries[0].Name));
        Assert.That(ex.Damage, Is.AnyOf(LeanDamage.CorruptArchive, LeanDamage.BadRow));
    }

    [Test]
    public void TryRead_BadRowStrict_ThrowsNamingFileEntryAndLine()
    {
        using var temp = LeanTestFiles.Temp();
        string path = DamagedCopy(temp, lineToBreak: 3, replacement: "34320000,643000,abc,593000,620000,15,660000,671000,640000,642000,4");
        using LeanArchive archive = LeanArchive.Open(path, SpxwQuotes, Jan4, new LeanReadOptions());
        var reader = new LeanRowReader();
        archive.StartEntry(0, reader);

        Assert.That(reader.TryRead(out QuoteBar _), Is.True);
        Assert.That(reader.TryRead(out QuoteBar _), Is.True);
        var ex = Assert.Throws<LeanDataException>(() => reader.TryRead(out QuoteBar _));
        Assert.That(ex!.Damage, Is.EqualTo(LeanDamage.BadRow));
        Assert.That(ex.FilePath, Is.EqualTo(path));
        Assert.That(ex.EntryName, Is.EqualTo(EntryName));
        Assert.That(ex.Line, Is.EqualTo(3));
        Assert.That(ex.Message, Does.Contain(path).And.Contain(EntryName).And.Contain("line 3"));
    }

    [Test]
    public void TryRead_BadRowLenient_SkipsCountsAndLogsTheLine()
    {
        using var temp = LeanTestFiles.Temp();
        string path = DamagedCopy(temp, lineToBreak: 5, replacement: "34440000,1,2,3");
        int rawRows = LeanTestFiles.RawEntryText(RealSpxwQuoteZip, EntryName).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var options = new LeanReadOptions { Mode = LeanReadMode.Lenient };
        using LeanArchive archive = LeanArchive.Open(path, SpxwQuotes, Jan4, options);
        var reader = new LeanRowReader(options);
        var bars = LeanTestFiles.ReadQuotes(archive, reader)[0].Bars;

        Assert.That(bars, Has.Count.EqualTo(rawRows - 1));
        Assert.That(options.Issues.SkippedRows, Is.EqualTo(1));
        LeanDataIssue issue = options.Issues.Issues.Single();
        Assert.That(issue.Line, Is.EqualTo(5));
        Assert.That(issue.EntryName, Is.EqualTo(EntryName));
        Assert.That(issue.Detail, Does.Contain("expected 11 fields"));
    }

    [Test]
    public void TryRead_TimeNotIncreasing_IsABadRow()
    {
        using var temp = LeanTestFiles.Temp();
        string path = temp.File("20210104_quote_european.zip");
        LeanTestFiles.WriteZip(path, (EntryName, "34260000,1,1,1,1,1,2,2,2,2,1\n34200000,1,1,1,1,1,2,2,2,2,1\n"));
        using LeanArchive archive = LeanArchive.Open(path, SpxwQuotes, Jan4, new LeanReadOptions());
        var ex = Assert.Throws<LeanDataException>(() => LeanTestFiles.ReadQuotes(archive, new LeanRowReader()));
        Assert.That(ex!.Line, Is.EqualTo(2));
        Assert.That(ex.Detail, Does.Contain("not after the previous row"));
    }

    [Test]
    public void TryRead_PartlyEmptySide_IsABadRow()
    {
        using var temp = LeanTestFiles.Temp();
        string path = temp.File("20210104_quote_european.zip");
        LeanTestFiles.WriteZip(path, (EntryName, "34200000,,1,,,0,2,2,2,2,1\n"));
        using LeanArchive archive = LeanArchive.Open(path, SpxwQuotes, Jan4, new LeanReadOptions());
        var ex = Assert.Throws<LeanDataException>(() => LeanTestFiles.ReadQuotes(archive, new LeanRowReader()));
        Assert.That(ex!.Line, Is.EqualTo(1));
    }

    [Test]
    public void TryRead_CrLfAndBlankLines_AreNotDamage()
    {
        using var temp = LeanTestFiles.Temp();
        string path = temp.File("20210104_quote_european.zip");
        LeanTestFiles.WriteZip(path, (EntryName, "34200000,1,1,1,1,1,2,2,2,2,1\r\n\r\n34260000,1,1,1,1,1,2,2,2,2,1"));
        using LeanArchive archive = LeanArchive.Open(path, SpxwQuotes, Jan4, new LeanReadOptions());
        Assert.That(LeanTestFiles.ReadQuotes(archive, new LeanRowReader())[0].Bars, Has.Count.EqualTo(2));
    }

    [Test]
    public void Open_BadEntryNameStrict_ThrowsNamingTheEntry()
    {
        using var temp = LeanTestFiles.Temp();
        string path = temp.File("20210104_quote_european.zip");
        LeanTestFiles.WriteZip(path, ("20210104_spxw_minute_quote_european_call_37x_20210104.csv", "34200000,1,1,1,1,1,2,2,2,2,1\n"));
        var ex = Assert.Throws<LeanDataException>(() => LeanArchive.Open(path, SpxwQuotes, Jan4, new LeanReadOptions()).Dispose());
        Assert.That(ex!.Damage, Is.EqualTo(LeanDamage.BadEntryName));
        Assert.That(ex.EntryName, Does.Contain("37x"));
    }

    [Test]
    public void Open_BadEntryNameLenient_SkipsAndCountsTheEntry()
    {
        using var temp = LeanTestFiles.Temp();
        string path = temp.File("20210104_quote_european.zip");
        LeanTestFiles.WriteZip(
            path,
            ("20210104_spxw_minute_quote_european_put_37000000_2021xx04.csv", "34200000,1,1,1,1,1,2,2,2,2,1\n"),
            (EntryName, "34200000,1,1,1,1,1,2,2,2,2,1\n"));
        var options = new LeanReadOptions { Mode = LeanReadMode.Lenient };
        using LeanArchive archive = LeanArchive.Open(path, SpxwQuotes, Jan4, options);
        Assert.That(archive.Entries.Select(e => e.Name), Is.EqualTo(new[] { EntryName }));
        Assert.That(options.Issues.SkippedEntries, Is.EqualTo(1));
    }

    [Test]
    public void TryOpen_MissingDay_ReturnsFalseAndLogsTheExpectedPath()
    {
        LeanDataReader data = LeanDataReader.ForRoot(LeanTestFiles.Root);
        var saturday = new DateOnly(2021, 1, 9);
        bool opened = data.TryOpen(LeanSeries.IndexOptionMinute("spxw", LeanTickType.Quote), saturday, out LeanArchive? archive);

        Assert.That(opened, Is.False);
        Assert.That(archive, Is.Null);
        Assert.That(data.Issues.MissingFiles, Is.EqualTo(1));
        LeanDataIssue issue = data.Issues.Issues.Single();
        Assert.That(issue.Damage, Is.EqualTo(LeanDamage.MissingFile));
        Assert.That(issue.FilePath, Does.EndWith(Path.Combine("spxw", "20210109_quote_european.zip")));
    }

    [Test]
    public void TryOpen_DayDeletedFromCopiedRoot_ReturnsFalseWhileOtherDaysOpen()
    {
        using var temp = LeanTestFiles.Temp();
        string folder = Path.Combine(temp.Path, "indexoption", "usa", "minute", "spxw");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(temp.Path, "market-hours"));
        File.Copy(LeanTestFiles.File("market-hours", "market-hours-database.json"), Path.Combine(temp.Path, "market-hours", "market-hours-database.json"));
        File.Copy(RealSpxwQuoteZip, Path.Combine(folder, "20210104_quote_european.zip"));
        // 2021-01-05 deliberately not copied: a vendor gap.
        LeanDataReader data = LeanDataReader.ForRoot(temp.Path);
        var series = LeanSeries.IndexOptionMinute("spxw", LeanTickType.Quote);

        Assert.That(data.TryOpen(series, Jan4, out LeanArchive? monday), Is.True);
        monday!.Dispose();
        Assert.That(data.TryOpen(series, new DateOnly(2021, 1, 5), out _), Is.False);
        Assert.That(data.Issues.MissingFiles, Is.EqualTo(1));
        Assert.That(data.Issues.ToString(), Does.Contain("1 missing file"));
    }

    private static string DamagedCopy(LeanTestFiles.TempFolder temp, int lineToBreak, string replacement)
    {
        string[] lines = LeanTestFiles.RawEntryText(RealSpxwQuoteZip, EntryName).Split('\n');
        lines[lineToBreak - 1] = replacement;
        string path = temp.File("20210104_quote_european.zip");
        LeanTestFiles.WriteZip(path, (EntryName, string.Join('\n', lines)));
        return path;
    }
}
