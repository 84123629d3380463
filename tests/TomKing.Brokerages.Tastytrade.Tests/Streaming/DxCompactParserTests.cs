using System.Diagnostics;
using System.Text;
using TomKing.Brokerages.Tastytrade.Streaming.DxLink;

namespace TomKing.Brokerages.Tastytrade.Tests.Streaming;

[TestFixture]
public class DxCompactParserTests
{
    private static readonly DxFeedSchema ReferenceSchema = DxFeedSchema.Create(new Dictionary<DxEventType, string[]>
    {
        [DxEventType.Quote] = ["eventSymbol", "bidPrice", "askPrice", "bidSize", "askSize"],
        [DxEventType.Trade] = ["eventSymbol", "price", "size", "time"],
        [DxEventType.Summary] = ["eventSymbol", "openInterest"],
        [DxEventType.Greeks] = ["eventSymbol", "eventTime", "eventFlags", "index", "time", "sequence", "price", "volatility", "delta", "gamma", "theta", "rho", "vega"],
        [DxEventType.Candle] = ["eventFlags", "eventSymbol", "time", "open", "high", "low", "close", "volume", "openInterest"],
    });

    private static DxSymbolTable Symbols(params string[] names)
    {
        var table = new DxSymbolTable(1024);
        foreach (string n in names)
        {
            table.Register(n);
        }

        return table;
    }

    private static (Collector Events, DxParseResult Result) Parse(string json, DxFeedSchema schema, DxSymbolTable symbols)
    {
        var c = new Collector();
        var r = DxCompactParser.Parse(Encoding.UTF8.GetBytes(json), schema, symbols, ref c);
        return (c, r);
    }

    [Test]
    public void Quotes_FromTheReferenceFixture()
    {
        var symbols = Symbols("NVDA", "PLTR");
        var (c, r) = Parse("""{"type":"FEED_DATA","channel":1,"data":["Quote",["NVDA",131.66,131.67,760.0,307.0,"PLTR",124.05,124.07,275.0,326.0]]}""", ReferenceSchema, symbols);
        Assert.That(r.Events, Is.EqualTo(2));
        Assert.That(c.Quotes[0], Is.EqualTo(new DxQuote(0, 131.66, 131.67, 760, 307, 0, 0)));
        Assert.That(c.Quotes[1], Is.EqualTo(new DxQuote(1, 124.05, 124.07, 275, 326, 0, 0)));
    }

    [Test]
    public void Quotes_WithEventTypeColumn_AsInTheBrief()
    {
        var schema = DxFeedSchema.Create(new Dictionary<DxEventType, string[]> { [DxEventType.Quote] = ["eventType", "eventSymbol", "bidPrice", "askPrice", "bidSize", "askSize"] });
        var (c, r) = Parse("""{"type":"FEED_DATA","channel":1,"data":["Quote",["Quote","SPY",450.1,450.2,100,200,"Quote","QQQ",380.5,"NaN",null,5]]}""", schema, Symbols("SPY", "QQQ"));
        Assert.That(r.Events, Is.EqualTo(2));
        Assert.That(c.Quotes[0].BidPrice, Is.EqualTo(450.1));
        Assert.That(c.Quotes[1].SymbolId, Is.EqualTo(1));
        Assert.That(double.IsNaN(c.Quotes[1].AskPrice), Is.True);
        Assert.That(double.IsNaN(c.Quotes[1].BidSize), Is.True, "null reads as NaN");
        Assert.That(c.Quotes[1].AskSize, Is.EqualTo(5));
    }

    [Test]
    public void Trades_WithNaNSizesAndFutureOptionSymbol()
    {
        var symbols = Symbols("AMZN", "SPX", "./ESU25P900:XCME");
        var (c, r) = Parse("""{"type":"FEED_DATA","channel":1,"data":["Trade",["AMZN",201.5417,257.0,1748020169744,"SPX",5931.91,"NaN",1748892788016,"./ESU25P900:XCME","NaN","NaN",0]]}""", ReferenceSchema, symbols);
        Assert.That(r.Events, Is.EqualTo(3));
        Assert.That(c.Trades[0], Is.EqualTo(new DxTrade(0, 201.5417, 257.0, double.NaN, double.NaN, 1748020169744)));
        Assert.That(c.Trades[1].Price, Is.EqualTo(5931.91));
        Assert.That(double.IsNaN(c.Trades[1].Size), Is.True);
        Assert.That(c.Trades[2].SymbolId, Is.EqualTo(2));
        Assert.That(double.IsNaN(c.Trades[2].Price), Is.True);
    }

    [Test]
    public void Summary_OpenInterest()
    {
        var (c, _) = Parse("""{"type":"FEED_DATA","channel":1,"data":["Summary",[".AAPL250620C200",34905]]}""", ReferenceSchema, Symbols(".AAPL250620C200"));
        Assert.That(c.Summaries.Single().OpenInterest, Is.EqualTo(34905));
    }

    [Test]
    public void Greeks_FullFieldList()
    {
        var (c, _) = Parse("""{"type":"FEED_DATA","channel":1,"data":["Greeks",[".SPLG230616C23",0,0,7235129486797176832,1684559855338,0,26.338,0.39698,0.99999,4.8e-12,-2.5e-12,0.01834,3.7e-12]]}""", ReferenceSchema, Symbols(".SPLG230616C23"));
        var g = c.Greeks.Single();
        Assert.That(g.Price, Is.EqualTo(26.338));
        Assert.That(g.Volatility, Is.EqualTo(0.39698));
        Assert.That(g.Delta, Is.EqualTo(0.99999));
        Assert.That(g.Theta, Is.EqualTo(-2.5e-12));
        Assert.That(g.Rho, Is.EqualTo(0.01834));
        Assert.That(g.Time, Is.EqualTo(1684559855338));
    }

    [Test]
    public void Candles_SnapshotFlagsAndNaN()
    {
        var (c, r) = Parse("""
            {"type":"FEED_DATA","channel":1,"data":["Candle",[4,"AAPL{=d}",1750032000000,197.3,198.685,196.5636,198.42,4.3020691E7,"NaN",
            0,"AAPL{=d}",1749772800000,199.73,200.37,195.7,196.45,5.1447349E7,"NaN",
            10,"AAPL{=d}",926208000000,"NaN","NaN","NaN","NaN","NaN","NaN"]]}
            """, ReferenceSchema, Symbols("AAPL{=d}"));
        Assert.That(r.Events, Is.EqualTo(3));
        Assert.That(c.Candles[0].EventFlags, Is.EqualTo(DxCandle.SnapshotBegin));
        Assert.That(c.Candles[0].Close, Is.EqualTo(198.42));
        Assert.That(c.Candles[0].Volume, Is.EqualTo(43020691));
        Assert.That(c.Candles[2].EventFlags & DxCandle.SnapshotEnd, Is.Not.Zero);
        Assert.That(double.IsNaN(c.Candles[2].Open), Is.True);
    }

    [Test]
    public void SeveralTypesInOneMessage_UnknownSymbolsAndTypesSkipped_InfinityStrings()
    {
        var (c, r) = Parse("""{"channel":1,"data":["Quote",["SPY",1,2,3,4,"ZZZ",1,2,3,4],"Profile",["SPY","x"],"Trade",["SPY","Infinity","-Infinity",5]],"type":"FEED_DATA"}""", ReferenceSchema, Symbols("SPY"));
        Assert.That(r, Is.EqualTo(new DxParseResult(2, 1, 1)));
        Assert.That(c.Quotes.Single().AskSize, Is.EqualTo(4));
        Assert.That(c.Trades.Single().Price, Is.EqualTo(double.PositiveInfinity));
        Assert.That(c.Trades.Single().Size, Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void EscapedSymbol_IsFound()
    {
        var (c, _) = Parse("""{"type":"FEED_DATA","data":["Summary",["BRK\/B",7]]}""", ReferenceSchema, Symbols("BRK/B"));
        Assert.That(c.Summaries.Single().SymbolId, Is.EqualTo(0));
    }

    [Test]
    public void ServerColumnOrder_Wins()
    {
        var schema = DxFeedSchema.Default.With(new Dictionary<DxEventType, string[]> { [DxEventType.Quote] = ["askSize", "askPrice", "eventSymbol", "bidPrice", "bidSize", "sequence"] });
        var (c, _) = Parse("""{"type":"FEED_DATA","data":["Quote",[9,101.5,"SPX",101.0,8,77]]}""", schema, Symbols("SPX"));
        Assert.That(c.Quotes.Single(), Is.EqualTo(new DxQuote(0, 101.0, 101.5, 8, 9, 0, 0)));
    }

    [Test]
    public void Parse_AllocatesNothingPerEvent()
    {
        var (bytes, symbols, events) = BigQuoteMessage(500);
        var handler = new CountingHandler();
        DxCompactParser.Parse(bytes, ReferenceSchema, symbols, ref handler); // warm up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            DxCompactParser.Parse(bytes, ReferenceSchema, symbols, ref handler);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        TestContext.Out.WriteLine($"allocated {allocated} bytes for {200 * events} events");
        Assert.That(allocated, Is.Zero);
        Assert.That(handler.Count, Is.EqualTo(201L * events));
    }

    [Test]
    public void ConflatingStore_AllocatesNothing_AndKeepsLatest()
    {
        var store = new ConflatingStore<DxQuote>(16);
        Span<DxQuote> drained = stackalloc DxQuote[16];
        store.Put(3, new DxQuote(3, 1, 2, 1, 1, 0, 0));
        store.Drain(drained);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            store.Put(i % 4, new DxQuote(i % 4, i, i + 1, 1, 1, 0, 0));
        }

        int n = store.Drain(drained);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(n, Is.EqualTo(4));
        Assert.That(drained[..n].ToArray().Select(q => q.BidPrice), Is.EquivalentTo(new double[] { 9996, 9997, 9998, 9999 }));
        Assert.That(store.Conflated, Is.EqualTo(10_000 - 4));
        Assert.That(store.PendingCount, Is.Zero);
    }

    [Test]
    public void ConflatingStore_PartialDrain_KeepsTheRestPending()
    {
        var store = new ConflatingStore<DxQuote>(8);
        for (int i = 0; i < 5; i++)
        {
            store.Put(i, new DxQuote(i, i, i, 0, 0, 0, 0));
        }

        var two = new DxQuote[2];
        Assert.That(store.Drain(two), Is.EqualTo(2));
        Assert.That(store.PendingCount, Is.EqualTo(3));
        var rest = new DxQuote[8];
        Assert.That(store.Drain(rest), Is.EqualTo(3));
        Assert.That(rest.Take(3).Select(q => q.SymbolId), Is.EqualTo(new[] { 2, 3, 4 }));
    }

    [Test]
    public void Parse_Rate_QuotesPerSecond()
    {
        var (bytes, symbols, events) = BigQuoteMessage(1000);
        var handler = new CountingHandler();
        for (int i = 0; i < 50; i++)
        {
            DxCompactParser.Parse(bytes, ReferenceSchema, symbols, ref handler);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        long parsed = 0;
        while (sw.ElapsedMilliseconds < 1000)
        {
            parsed += DxCompactParser.Parse(bytes, ReferenceSchema, symbols, ref handler).Events;
        }

        sw.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        double rate = parsed / sw.Elapsed.TotalSeconds;
#if DEBUG
        const string build = "Debug";
#else
        const string build = "Release";
#endif
        TestContext.Out.WriteLine($"DXLink COMPACT quotes: {rate / 1e6:F2} M events/s on one core ({build} build), {allocated} bytes allocated for {parsed} events ({(double)allocated / parsed:G3} bytes allocated per event; {bytes.Length / events} bytes of JSON per event)");
        Assert.That((double)allocated / parsed, Is.LessThan(0.001), "0 bytes per event (a few bytes of one-off runtime work, e.g. tiering, may land in the window)");
        Assert.That(rate, Is.GreaterThan(100_000), "a floor far below the 1 M/s target so a slow CI machine or a Debug build does not flake; the printed rate is the measurement");
    }

    private static (byte[] Bytes, DxSymbolTable Symbols, int Events) BigQuoteMessage(int count)
    {
        var symbols = new DxSymbolTable(count + 1);
        var sb = new StringBuilder("""{"type":"FEED_DATA","channel":1,"data":["Quote",[""");
        for (int i = 0; i < count; i++)
        {
            string symbol = FormattableString.Invariant($".SPXW250718{(i % 2 == 0 ? 'C' : 'P')}{4000 + (5 * i)}");
            symbols.Register(symbol);
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(FormattableString.Invariant($"\"{symbol}\",{10.05 + (i * 0.1):F2},{10.15 + (i * 0.1):F2},{i + 1}.0,{(i % 7 == 0 ? "\"NaN\"" : "25.0")}"));
        }

        sb.Append("]]}");
        return (Encoding.UTF8.GetBytes(sb.ToString()), symbols, count);
    }

    private struct CountingHandler : IDxFeedHandler
    {
        public long Count;
        public double Sum;

        public void OnQuote(in DxQuote quote)
        {
            Count++;
            Sum += quote.BidPrice;
        }

        public void OnTrade(in DxTrade trade) => Count++;

        public void OnGreeks(in DxGreeks greeks) => Count++;

        public void OnSummary(in DxSummary summary) => Count++;

        public void OnCandle(in DxCandle candle) => Count++;
    }

    private sealed class Collector : IDxFeedHandler
    {
        public List<DxQuote> Quotes { get; } = [];

        public List<DxTrade> Trades { get; } = [];

        public List<DxGreeks> Greeks { get; } = [];

        public List<DxSummary> Summaries { get; } = [];

        public List<DxCandle> Candles { get; } = [];

        public void OnQuote(in DxQuote quote) => Quotes.Add(quote);

        public void OnTrade(in DxTrade trade) => Trades.Add(trade);

        public void OnGreeks(in DxGreeks greeks) => Greeks.Add(greeks);

        public void OnSummary(in DxSummary summary) => Summaries.Add(summary);

        public void OnCandle(in DxCandle candle) => Candles.Add(candle);
    }
}
