using TomKing.Engine.Data.Lean;

namespace TomKing.Engine.Tests.Data;

[TestFixture]
public class LeanArchiveTests
{
    [Test]
    public void OpenEntry_TwoEntriesInterleaved_SameRowsAsSequentialReads()
    {
        LeanDataReader data = LeanDataReader.ForRoot(LeanTestFiles.Root);
        var date = new DateOnly(2021, 1, 5);
        Assert.That(data.TryOpen(LeanSeries.IndexOptionMinute("spxw", LeanTickType.Quote), date, out LeanArchive? opened), Is.True);
        using LeanArchive archive = opened!;
        var sequential = LeanTestFiles.ReadQuotes(archive, new LeanRowReader());

        var small = new LeanReadOptions { BufferSize = 512 };
        var first = new LeanRowReader(small);
        var second = new LeanRowReader(small);
        using Stream a = archive.OpenEntry(0, first);
        using Stream b = archive.OpenEntry(1, second);
        var gotA = new List<QuoteBar>();
        var gotB = new List<QuoteBar>();
        bool moreA = true;
        bool moreB = true;
        while (moreA || moreB)
        {
            if (moreA && (moreA = first.TryRead(out QuoteBar x)))
            {
                gotA.Add(x);
            }

            if (moreB && (moreB = second.TryRead(out QuoteBar y)))
            {
                gotB.Add(y);
            }
        }

        Assert.That(gotA, Is.EqualTo(sequential[0].Bars));
        Assert.That(gotB, Is.EqualTo(sequential[1].Bars));
    }
}
