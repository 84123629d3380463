using TomKing.Engine.Data.Lean;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Data;

[TestFixture]
public class LeanRowReaderTests
{
    private static readonly DateOnly Jan4 = new(2021, 1, 4);

    private static LeanDataReader Reader(LeanReadOptions? options = null) => LeanDataReader.ForRoot(LeanTestFiles.Root, options);

    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    public void TryRead_SpxwMinuteQuotes_EqualRawRowsScaledAndInEastern(int day)
    {
        var date = new DateOnly(2021, 1, day);
        LeanDataReader data = Reader();
        var series = LeanSeries.IndexOptionMinute("spxw", LeanTickType.Quote);
        Assert.That(data.TryOpen(series, date, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            var raw = LeanTestFiles.RawEntries(archive.Path);
            var parsed = LeanTestFiles.ReadQuotes(archive, data.CreateRowReader());
            Assert.That(parsed, Has.Count.EqualTo(raw.Count));
            long rows = 0;
            for (int e = 0; e < raw.Count; e++)
            {
                Assert.That(parsed[e].Entry.Name, Is.EqualTo(raw[e].Name));
                Assert.That(parsed[e].Bars, Has.Count.EqualTo(raw[e].Rows.Length), raw[e].Name);
                for (int r = 0; r < raw[e].Rows.Length; r++)
                {
                    AssertQuote(parsed[e].Bars[r], raw[e].Rows[r], date, scaled: true, shiftHours: 0, $"{raw[e].Name} line {r + 1}");
                    rows++;
                }
            }

            Assert.That(rows, Is.GreaterThan(1000));
            Assert.That(data.Issues.Total, Is.Zero);
        }
    }

    [Test]
    public void TryRead_SpxwFirstQuote_StartsAt0930EasternWithScaledPrices()
    {
        LeanDataReader data = Reader();
        Assert.That(data.TryOpen(LeanSeries.IndexOptionMinute("spxw", LeanTickType.Quote), Jan4, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            int index = archive.IndexOf("20210104_spxw_minute_quote_european_call_37000000_20210104.csv");
            Assert.That(index, Is.GreaterThanOrEqualTo(0));
            LeanArchiveEntry entry = archive.Entries[index];
            Assert.That(entry.Contract, Is.EqualTo(new LeanContractId(LeanContractKind.Option, OptionRight.Call, 37000000, Jan4)));
            Assert.That(entry.Contract.Strike, Is.EqualTo(3700m));

            LeanRowReader reader = data.CreateRowReader();
            archive.StartEntry(index, reader);
            Assert.That(reader.TryRead(out QuoteBar first), Is.True);
            // raw: 34200000,651000,671000,635000,649000,48,692000,707000,674000,679000,15
            Assert.That(first.Time, Is.EqualTo(new DateTime(2021, 1, 4, 9, 30, 0)));
            Assert.That(first.EndTime, Is.EqualTo(new DateTime(2021, 1, 4, 9, 31, 0)));
            Assert.That(first.BidClose, Is.EqualTo(64.90));
            Assert.That(first.AskClose, Is.EqualTo(67.90));
            Assert.That(first.BidSize, Is.EqualTo(48));
            Assert.That(first.AskSize, Is.EqualTo(15));
            Assert.That(first.Sides, Is.EqualTo(QuoteSides.Both));
        }
    }

    [Test]
    public void TryRead_SpxIndexMinuteTrades_ChicagoTimesBecomeEastern0930()
    {
        LeanDataReader data = Reader();
        var series = new LeanSeries(LeanSecurityType.Index, "usa", "spx", LeanResolution.Minute, LeanTickType.Trade);
        Assert.That(data.TryOpen(series, Jan4, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            Assert.That(archive.Entries.Single().Name, Is.EqualTo(LeanDataPaths.UnderlyingEntryName(series, Jan4)));
            Assert.That(archive.Entries[0].Contract.Kind, Is.EqualTo(LeanContractKind.Underlying));
            var raw = LeanTestFiles.RawEntries(archive.Path)[0].Rows;
            List<TradeBar> bars = LeanTestFiles.ReadTrades(archive, 0, data.CreateRowReader());
            Assert.That(bars, Has.Count.EqualTo(411));
            Assert.That(bars[0].Time, Is.EqualTo(new DateTime(2021, 1, 4, 9, 30, 0)), "08:30 CT = 09:30 ET");
            Assert.That(bars[^1].Time, Is.EqualTo(new DateTime(2021, 1, 4, 16, 20, 0)), "15:20 CT = 16:20 ET");
            for (int i = 0; i < raw.Length; i++)
            {
                AssertTrade(bars[i], raw[i], Jan4, scaled: false, shiftHours: 1, i + 1);
            }

            Assert.That(bars[0].Open, Is.EqualTo(3764.61), "index prices are not scaled");
        }
    }

    [Test]
    public void TryRead_EsFutureQuotes_UtcBecomesEastern()
    {
        LeanDataReader data = Reader();
        var date = new DateOnly(2020, 1, 5);
        var series = new LeanSeries(LeanSecurityType.Future, "cme", "es", LeanResolution.Minute, LeanTickType.Quote);
        Assert.That(data.TryOpen(series, date, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            var raw = LeanTestFiles.RawEntries(archive.Path);
            var parsed = LeanTestFiles.ReadQuotes(archive, data.CreateRowReader());
            LeanArchiveEntry march = parsed.Select(p => p.Entry).Single(e => e.Name == "20200105_es_minute_quote_202003.csv");
            Assert.That(march.Contract, Is.EqualTo(new LeanContractId(LeanContractKind.Future, OptionRight.Call, 0, new DateOnly(2020, 3, 1))));
            for (int e = 0; e < raw.Count; e++)
            {
                for (int r = 0; r < raw[e].Rows.Length; r++)
                {
                    AssertQuote(parsed[e].Bars[r], raw[e].Rows[r], date, scaled: false, shiftHours: -5, $"{raw[e].Name} line {r + 1}");
                }
            }

            QuoteBar first = parsed[march.Index].Bars[0];
            Assert.That(first.Time, Is.EqualTo(new DateTime(2020, 1, 5, 17, 0, 0)), "79200000 ms = 22:00 UTC = 17:00 EST");
            Assert.That(first.BidClose, Is.EqualTo(3233.5));
        }
    }

    [Test]
    public void TryRead_EsFutureQuotesInOctober_UsesDaylightOffset()
    {
        LeanDataReader data = Reader();
        var date = new DateOnly(2013, 10, 7);
        var series = new LeanSeries(LeanSecurityType.Future, "cme", "es", LeanResolution.Minute, LeanTickType.Quote);
        Assert.That(data.TryOpen(series, date, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            var raw = LeanTestFiles.RawEntries(archive.Path);
            var parsed = LeanTestFiles.ReadQuotes(archive, data.CreateRowReader());
            for (int e = 0; e < raw.Count; e++)
            {
                for (int r = 0; r < raw[e].Rows.Length; r++)
                {
                    AssertQuote(parsed[e].Bars[r], raw[e].Rows[r], date, scaled: false, shiftHours: -4, $"{raw[e].Name} line {r + 1}");
                }
            }
        }
    }

    [Test]
    public void TryRead_EsFutureOptionQuotes_UnscaledUtcAndMissingBid()
    {
        LeanDataReader data = Reader();
        var date = new DateOnly(2020, 1, 5);
        var series = LeanSeries.FutureOptionMinute("es", 202003, LeanTickType.Quote);
        Assert.That(data.TryOpen(series, date, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            var raw = LeanTestFiles.RawEntries(archive.Path);
            var parsed = LeanTestFiles.ReadQuotes(archive, data.CreateRowReader());
            int oneSided = 0;
            for (int e = 0; e < raw.Count; e++)
            {
                for (int r = 0; r < raw[e].Rows.Length; r++)
                {
                    AssertQuote(parsed[e].Bars[r], raw[e].Rows[r], date, scaled: false, shiftHours: -5, $"{raw[e].Name} line {r + 1}");
                    oneSided += parsed[e].Bars[r].Sides == QuoteSides.Both ? 0 : 1;
                }
            }

            Assert.That(oneSided, Is.GreaterThan(0), "the ES options day has one-sided quotes");
            int index = archive.IndexOf("20200105_es_minute_quote_american_call_30000000_20200320.csv");
            QuoteBar first = parsed[index].Bars[0];
            // raw: 82500000,,,,,0,264.75,264.75,264.75,264.75,1
            Assert.That(first.Time, Is.EqualTo(new DateTime(2020, 1, 5, 17, 55, 0)));
            Assert.That(first.HasBid, Is.False);
            Assert.That(first.HasAsk, Is.True);
            Assert.That(first.BidClose, Is.Zero);
            Assert.That(first.AskClose, Is.EqualTo(264.75));
            Assert.That(parsed[index].Entry.Contract.Strike, Is.EqualTo(3000m));
            Assert.That(parsed[index].Entry.Contract.Expiry, Is.EqualTo(new DateOnly(2020, 3, 20)));
        }
    }

    [Test]
    public void TryRead_SpxwOpenInterestInDoubledZip_OneRowAt0630Eastern()
    {
        LeanDataReader data = Reader();
        var series = LeanSeries.IndexOptionMinute("spxw", LeanTickType.OpenInterest);
        LeanFileLocation location = data.Paths.Locate(series, Jan4);
        Assert.That(location.HasDoubledExtension, Is.True);
        Assert.That(data.TryOpen(series, Jan4, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            var raw = LeanTestFiles.RawEntries(archive.Path);
            LeanRowReader reader = data.CreateRowReader();
            for (int e = 0; e < raw.Count; e++)
            {
                archive.StartEntry(e, reader);
                Assert.That(reader.TryRead(out OpenInterestRow row), Is.True);
                Assert.That(row.Time, Is.EqualTo(LeanTestFiles.Start(Jan4, raw[e].Rows[0][0], 0)));
                Assert.That(row.Time.TimeOfDay, Is.InRange(new TimeSpan(6, 30, 0), new TimeSpan(6, 31, 0)), "23400000 or 23460000 ms");
                Assert.That(row.Value, Is.EqualTo(long.Parse(raw[e].Rows[0][1], System.Globalization.CultureInfo.InvariantCulture)));
                Assert.That(reader.TryRead(out OpenInterestRow _), Is.False, "one row per day; the entry has no final newline");
            }
        }
    }

    [Test]
    public void TryRead_SpyOptionMinuteQuotes_EqualRawRows()
    {
        LeanDataReader data = Reader();
        var date = new DateOnly(2023, 8, 3);
        var series = new LeanSeries(LeanSecurityType.Option, "usa", "spy", LeanResolution.Minute, LeanTickType.Quote);
        Assert.That(data.TryOpen(series, date, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            var raw = LeanTestFiles.RawEntries(archive.Path);
            var parsed = LeanTestFiles.ReadQuotes(archive, data.CreateRowReader());
            for (int e = 0; e < raw.Count; e++)
            {
                Assert.That(parsed[e].Bars, Has.Count.EqualTo(raw[e].Rows.Length));
                for (int r = 0; r < raw[e].Rows.Length; r++)
                {
                    AssertQuote(parsed[e].Bars[r], raw[e].Rows[r], date, scaled: true, shiftHours: 0, $"{raw[e].Name} line {r + 1}");
                }
            }

            Assert.That(parsed[0].Entry.Contract.Strike, Is.EqualTo(430m));
        }
    }

    [Test]
    public void TryRead_SpyDailyEquity_ScaledDateLabelledBars()
    {
        LeanDataReader data = Reader();
        var series = new LeanSeries(LeanSecurityType.Equity, "usa", "spy", LeanResolution.Daily, LeanTickType.Trade);
        Assert.That(data.TryOpen(series, default, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            Assert.That(archive.Entries.Single().Name, Is.EqualTo("spy.csv"));
            var raw = LeanTestFiles.RawEntries(archive.Path)[0].Rows;
            List<TradeBar> bars = LeanTestFiles.ReadTrades(archive, 0, data.CreateRowReader());
            Assert.That(bars, Has.Count.EqualTo(raw.Length));
            Assert.That(bars[0].Time, Is.EqualTo(new DateTime(1998, 1, 2)));
            Assert.That(bars[0].EndTime, Is.EqualTo(new DateTime(1998, 1, 3)));
            Assert.That(bars[0].Open, Is.EqualTo(97.31));
            Assert.That(bars[0].Volume, Is.EqualTo(2_150_000));
            for (int i = 0; i < raw.Length; i++)
            {
                var day = DateTime.ParseExact(raw[i][0], "yyyyMMdd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
                Assert.That(bars[i].Time, Is.EqualTo(day));
                Assert.That(bars[i].Close, Is.EqualTo(LeanTestFiles.Price(raw[i][4], scaled: true)));
            }
        }
    }

    [Test]
    public void TryRead_SpxHourIndex_ChicagoHoursBecomeEastern()
    {
        LeanDataReader data = Reader();
        var series = new LeanSeries(LeanSecurityType.Index, "usa", "spx", LeanResolution.Hour, LeanTickType.Trade);
        Assert.That(data.TryOpen(series, default, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            List<TradeBar> bars = LeanTestFiles.ReadTrades(archive, 0, data.CreateRowReader());
            // raw: 20210104 08:00,3764.61,3769.99,3745.26,3747.9,1799
            Assert.That(bars[0].Time, Is.EqualTo(new DateTime(2021, 1, 4, 9, 0, 0)));
            Assert.That(bars[0].EndTime, Is.EqualTo(new DateTime(2021, 1, 4, 10, 0, 0)));
            Assert.That(bars[0].Close, Is.EqualTo(3747.9));
        }
    }

    [Test]
    public void TryRead_SpxDailyOptionQuotes_YearZipWithContractEntries()
    {
        LeanDataReader data = Reader();
        var series = new LeanSeries(LeanSecurityType.IndexOption, "usa", "spx", LeanResolution.Daily, LeanTickType.Quote);
        Assert.That(data.TryOpen(series, Jan4, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            Assert.That(Path.GetFileName(archive.Path), Is.EqualTo("spx_2021_quote_european.zip"));
            var raw = LeanTestFiles.RawEntries(archive.Path);
            var parsed = LeanTestFiles.ReadQuotes(archive, data.CreateRowReader());
            Assert.That(parsed.All(p => p.Entry.Contract.Kind == LeanContractKind.Option), Is.True);
            for (int e = 0; e < raw.Count; e++)
            {
                Assert.That(parsed[e].Bars, Has.Count.EqualTo(raw[e].Rows.Length));
                for (int r = 0; r < raw[e].Rows.Length; r++)
                {
                    Assert.That(parsed[e].Bars[r].BidClose, Is.EqualTo(LeanTestFiles.Price(raw[e].Rows[r][4], scaled: true)));
                    Assert.That(parsed[e].Bars[r].AskClose, Is.EqualTo(LeanTestFiles.Price(raw[e].Rows[r][9], scaled: true)));
                }
            }
        }
    }

    [Test]
    public void Read_SpanBatch_ReturnsSameRowsAsTryRead()
    {
        LeanDataReader data = Reader();
        Assert.That(data.TryOpen(LeanSeries.IndexOptionMinute("spxw", LeanTickType.Quote), Jan4, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            LeanRowReader reader = data.CreateRowReader();
            var expected = LeanTestFiles.ReadQuotes(archive, reader)[0].Bars;
            archive.StartEntry(0, reader);
            var batch = new QuoteBar[100];
            var got = new List<QuoteBar>();
            int n;
            while ((n = reader.Read(batch)) > 0)
            {
                got.AddRange(batch.AsSpan(0, n).ToArray());
            }

            Assert.That(got, Is.EqualTo(expected));
        }
    }

    [Test]
    public void TryRead_UtcFileOnSpringForwardDay_ConvertsEachRowExactly()
    {
        using var temp = LeanTestFiles.Temp();
        string zip = temp.File("20210314_quote.zip");
        // 06:00 UTC = 01:00 EST (before the switch); 22:00 UTC = 18:00 EDT (after it).
        LeanTestFiles.WriteZip(zip, ("20210314_es_minute_quote_202103.csv", "21600000,1,1,1,1,1,2,2,2,2,1\n79200000,1,1,1,1,1,2,2,2,2,1\n"));
        var format = new LeanRowFormat(LeanSecurityType.Future, LeanResolution.Minute, LeanTickType.Quote, LeanTimeZone.Utc);
        using LeanArchive archive = LeanArchive.Open(zip, format, new DateOnly(2021, 3, 14), new LeanReadOptions());
        var bars = LeanTestFiles.ReadQuotes(archive, new LeanRowReader())[0].Bars;
        Assert.That(bars.Select(b => b.Time), Is.EqualTo(new[] { new DateTime(2021, 3, 14, 1, 0, 0), new DateTime(2021, 3, 14, 18, 0, 0) }));
    }

    [Test]
    public void TryRead_WrongTickTypeMethod_ThrowsInvalidOperation()
    {
        LeanDataReader data = Reader();
        Assert.That(data.TryOpen(LeanSeries.IndexOptionMinute("spxw", LeanTickType.Quote), Jan4, out LeanArchive? opened), Is.True);
        LeanArchive archive = opened!;
        using (archive)
        {
            LeanRowReader reader = data.CreateRowReader();
            archive.StartEntry(0, reader);
            Assert.That(() => reader.TryRead(out TradeBar _), Throws.InvalidOperationException);
        }
    }

    private static void AssertQuote(QuoteBar bar, string[] raw, DateOnly date, bool scaled, double shiftHours, string where)
    {
        Assert.That(raw, Has.Length.EqualTo(11), where);
        DateTime start = LeanTestFiles.Start(date, raw[0], shiftHours);
        bool hasBid = raw[4].Length > 0;
        bool hasAsk = raw[9].Length > 0;
        Assert.Multiple(() =>
        {
            Assert.That(bar.Time, Is.EqualTo(start), where);
            Assert.That(bar.EndTime, Is.EqualTo(start.AddMinutes(1)), where);
            Assert.That(bar.HasBid, Is.EqualTo(hasBid), where);
            Assert.That(bar.HasAsk, Is.EqualTo(hasAsk), where);
            Assert.That(bar.BidOpen, Is.EqualTo(LeanTestFiles.Price(raw[1], scaled)), where);
            Assert.That(bar.BidHigh, Is.EqualTo(LeanTestFiles.Price(raw[2], scaled)), where);
            Assert.That(bar.BidLow, Is.EqualTo(LeanTestFiles.Price(raw[3], scaled)), where);
            Assert.That(bar.BidClose, Is.EqualTo(LeanTestFiles.Price(raw[4], scaled)), where);
            Assert.That(bar.BidSize, Is.EqualTo(long.Parse(raw[5], System.Globalization.CultureInfo.InvariantCulture)), where);
            Assert.That(bar.AskOpen, Is.EqualTo(LeanTestFiles.Price(raw[6], scaled)), where);
            Assert.That(bar.AskHigh, Is.EqualTo(LeanTestFiles.Price(raw[7], scaled)), where);
            Assert.That(bar.AskLow, Is.EqualTo(LeanTestFiles.Price(raw[8], scaled)), where);
            Assert.That(bar.AskClose, Is.EqualTo(LeanTestFiles.Price(raw[9], scaled)), where);
            Assert.That(bar.AskSize, Is.EqualTo(long.Parse(raw[10], System.Globalization.CultureInfo.InvariantCulture)), where);
        });
    }

    private static void AssertTrade(TradeBar bar, string[] raw, DateOnly date, bool scaled, double shiftHours, int line)
    {
        DateTime start = LeanTestFiles.Start(date, raw[0], shiftHours);
        Assert.That(bar, Is.EqualTo(new TradeBar(
            start,
            start.AddMinutes(1),
            LeanTestFiles.Price(raw[1], scaled),
            LeanTestFiles.Price(raw[2], scaled),
            LeanTestFiles.Price(raw[3], scaled),
            LeanTestFiles.Price(raw[4], scaled),
            long.Parse(raw[5], System.Globalization.CultureInfo.InvariantCulture))), $"line {line}");
    }
}
