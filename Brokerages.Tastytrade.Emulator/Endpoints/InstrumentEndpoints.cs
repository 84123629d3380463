using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TomKing.Algorithm.Domain;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Http;
using TomKing.Brokerages.Tastytrade.Emulator.Market;
using TomKing.Engine.Synthetic;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Emulator.Endpoints;

/// <summary>Instruments and chains from the synthetic market's listings (chains are built once per root and day).</summary>
internal static class InstrumentEndpoints
{
    private static readonly TimeOnly StopsTrading = new(16, 0);

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emulator)
    {
        var market = emulator.Market;
        var nestedCache = new ConcurrentDictionary<(string, DateOnly), NestedOptionChain[]>();
        var futureCache = new ConcurrentDictionary<(string, DateOnly), NestedFutureOptionChains>();

        app.MapGet("/instruments/equities", (HttpContext http) =>
        {
            string[] symbols = Wire.QueryArray(http, "symbol");
            var all = market.ListEquities();
            return Wire.Items(http, [.. all.Where(e => symbols.Length == 0 || symbols.Contains(e.Symbol)).Select(Equity)]);
        });

        app.MapGet("/instruments/equities/{symbol}", (HttpContext http, string symbol) =>
            market.TryEquity(Wire.Decode(symbol), out var e) ? Wire.Data(http, Equity(e)) : NotFound(symbol));

        app.MapGet("/instruments/equity-options/{symbol}", (HttpContext http, string symbol) =>
            market.TryResolve(Wire.Decode(symbol), out var o) && o.InstrumentType == InstrumentTypes.EquityOption
                ? Wire.Data(http, EquityOption(o, market.Today)) : NotFound(symbol));

        app.MapGet("/option-chains/{symbol}/nested", (HttpContext http, string symbol) =>
        {
            string underlying = Wire.Decode(symbol);
            var roots = market.EquityOptionRoots(underlying);
            if (roots.Count == 0)
            {
                return NotFound(symbol);
            }

            var chains = nestedCache.GetOrAdd((underlying, market.Today), _ => [.. roots.Select(r => Nested(market, underlying, r))]);
            return Wire.Items(http, chains);
        });

        app.MapGet("/option-chains/{symbol}", (HttpContext http, string symbol) =>
        {
            string underlying = Wire.Decode(symbol);
            var roots = market.EquityOptionRoots(underlying);
            if (roots.Count == 0)
            {
                return NotFound(symbol);
            }

            var today = market.Today;
            var items = new List<EquityOptionInstrument>();
            foreach (string root in roots)
            {
                foreach (var expiry in market.ListExpiries(root))
                {
                    foreach (decimal strike in market.ListStrikes(root, expiry))
                    {
                        foreach (var right in (ReadOnlySpan<OptionRight>)[OptionRight.Call, OptionRight.Put])
                        {
                            if (market.TryEquityOption(root, expiry, right, strike, out var o))
                            {
                                items.Add(EquityOption(o, today));
                            }
                        }
                    }
                }
            }

            return Wire.Items(http, items);
        });

        app.MapGet("/instruments/futures", (HttpContext http) =>
        {
            string[] products = Wire.QueryArray(http, "product-code");
            string[] symbols = Wire.QueryArray(http, "symbol");
            var list = (products.Length > 0 ? products : market.FutureProducts).SelectMany(market.ListFutures)
                .Where(f => symbols.Length == 0 || symbols.Contains(f.Symbol) || symbols.Contains(f.Symbol[1..]));
            return Wire.Items(http, [.. list.Select(f => Future(market, f))]);
        });

        app.MapGet("/instruments/futures/{symbol}", (HttpContext http, string symbol) =>
        {
            string s = Wire.Decode(symbol);
            s = s.StartsWith('/') ? s : "/" + s;
            return market.TryResolve(s, out var f) ? Wire.Data(http, Future(market, f)) : NotFound(symbol);
        });

        app.MapGet("/instruments/future-options/{symbol}", (HttpContext http, string symbol) =>
            market.TryResolve(Wire.Decode(symbol), out var o) && o.InstrumentType == InstrumentTypes.FutureOption
                ? Wire.Data(http, FutureOption(o, market.Today)) : NotFound(symbol));

        app.MapGet("/futures-option-chains/{product}/nested", (HttpContext http, string product) =>
        {
            string code = Wire.Decode(product).TrimStart('/');
            return market.HasFutureOptions(code)
                ? Wire.Data(http, futureCache.GetOrAdd((code, market.Today), _ => NestedFutures(market, code)))
                : NotFound(product);
        });

        app.MapGet("/futures-option-chains/{product}", (HttpContext http, string product) =>
        {
            string code = Wire.Decode(product).TrimStart('/');
            if (!market.HasFutureOptions(code))
            {
                return NotFound(product);
            }

            var today = market.Today;
            var items = new List<FutureOptionInstrument>();
            foreach (var expiry in market.ListExpiries(code))
            {
                foreach (decimal strike in market.ListStrikes(code, expiry))
                {
                    foreach (var right in (ReadOnlySpan<OptionRight>)[OptionRight.Call, OptionRight.Put])
                    {
                        if (market.TryFutureOption(code, expiry, right, strike, out var o))
                        {
                            items.Add(FutureOption(o, today));
                        }
                    }
                }
            }

            return Wire.Items(http, items);
        });
    }

    private static IResult NotFound(string symbol) => Wire.Error(404, "record_not_found", $"No instrument '{Wire.Decode(symbol)}'.");

    private static EquityInstrument Equity(EmulatorInstrument e) => new()
    {
        Symbol = e.Symbol,
        StreamerSymbol = e.StreamerSymbol,
        InstrumentType = e.InstrumentType == InstrumentTypes.Index ? InstrumentTypes.Index : InstrumentTypes.Equity,
        Description = e.Symbol + (e.InstrumentType == InstrumentTypes.Index ? " index (synthetic)" : " (synthetic)"),
        IsIndex = e.InstrumentType == InstrumentTypes.Index,
        IsEtf = e.InstrumentType == InstrumentTypes.Equity,
        Lendability = "Easy To Borrow",
        BorrowRate = 0m,
        ListedMarket = e.InstrumentType == InstrumentTypes.Index ? "CBOE" : "ARCX",
        MarketTimeInstrumentCollection = "Equity",
        TickSizes = [new TickSize { Value = 0.01m }],
        OptionTickSizes = [new TickSize { Threshold = 3m, Value = 0.05m }, new TickSize { Value = 0.1m }],
        Active = true,
    };

    private static EquityOptionInstrument EquityOption(EmulatorInstrument o, DateOnly today) => new()
    {
        Symbol = o.Symbol,
        StreamerSymbol = o.StreamerSymbol,
        InstrumentType = InstrumentTypes.EquityOption,
        RootSymbol = o.Root,
        UnderlyingSymbol = o.UnderlyingSymbol,
        StrikePrice = o.Strike,
        OptionType = o.Right == OptionRight.Call ? "C" : "P",
        ExpirationDate = o.Expiration,
        ExpiresAt = ExpiresAt(o),
        StopsTradingAt = EmulatorClock.ToUtc(o.Expiration!.Value.ToDateTime(StopsTrading)),
        ExerciseStyle = InstrumentCatalogue.TryGet(o.Root, out var i) && i.OptionExercise == ExerciseStyle.European ? "European" : "American",
        ExpirationType = ExpirationType(o.Expiration!.Value),
        SettlementType = Settlement(o.Root),
        OptionChainType = "Standard",
        SharesPerContract = 100,
        DaysToExpiration = o.Expiration!.Value.DayNumber - today.DayNumber,
        IsClosingOnly = false,
        Active = true,
    };

    private static FutureOptionInstrument FutureOption(EmulatorInstrument o, DateOnly today) => new()
    {
        Symbol = o.Symbol,
        StreamerSymbol = o.StreamerSymbol,
        UnderlyingSymbol = o.UnderlyingSymbol,
        RootSymbol = "/" + o.Product,
        OptionRootSymbol = EmulatorMarket.FutureOptionCode(o)[..^2],
        ProductCode = o.Product,
        ExchangeSymbol = o.Symbol[7..].Trim(),
        ExpirationDate = o.Expiration,
        ExpiresAt = ExpiresAt(o),
        StopsTradingAt = EmulatorClock.ToUtc(o.Expiration!.Value.ToDateTime(StopsTrading)),
        StrikePrice = o.Strike,
        OptionType = o.Right == OptionRight.Call ? "C" : "P",
        ExerciseStyle = "American",
        SettlementType = "Future",
        Multiplier = o.Multiplier,
        NotionalValue = 1m,
        DisplayFactor = 0.01m,
        StrikeFactor = 1m,
        UnderlyingCount = 1m,
        IsVanilla = true,
        IsPrimaryDeliverable = true,
        MaturityDate = o.Expiration,
        DaysToExpiration = o.Expiration!.Value.DayNumber - today.DayNumber,
        SecurityExchange = "2",
        Active = true,
    };

    private static FutureInstrument Future(EmulatorMarket market, EmulatorInstrument f)
    {
        var catalogued = InstrumentCatalogue.Get(f.Product);
        var all = market.ListFutures(f.Product);
        int index = all.ToList().FindIndex(x => x.Symbol == f.Symbol);
        string mic = EmulatorSymbols.Mic(catalogued.Market);
        return new FutureInstrument
        {
            Symbol = f.Symbol,
            StreamerSymbol = f.StreamerSymbol,
            ProductCode = f.Product,
            Exchange = catalogued.Market.ToUpperInvariant(),
            StreamerExchangeCode = mic,
            ExpirationDate = f.Expiration,
            ExpiresAt = ExpiresAt(f),
            LastTradeDate = f.Expiration,
            ClosingOnlyDate = f.Expiration,
            StopsTradingAt = EmulatorClock.ToUtc(f.Expiration!.Value.ToDateTime(StopsTrading)),
            Active = true,
            ActiveMonth = index == 0,
            NextActiveMonth = index == 1,
            IsTradeable = true,
            IsClosingOnly = false,
            RollTargetSymbol = index == 0 && all.Count > 1 ? all[1].Symbol : null,
            TickSize = f.TickSize,
            TickSizes = [new TickSize { Value = f.TickSize }],
            NotionalMultiplier = catalogued.PointValue,
            ContractSize = catalogued.PointValue,
            DisplayFactor = 1m,
            MainFraction = 0m,
            SubFraction = 0m,
            ProductGroup = catalogued.AssetClass.ToString(),
            FutureProduct = new FutureProduct
            {
                Code = f.Product,
                RootSymbol = "/" + f.Product,
                Description = f.Product + " (synthetic)",
                Exchange = catalogued.Market.ToUpperInvariant(),
                StreamerExchangeCode = mic,
                MarketSector = catalogued.Group.ToString(),
                ActiveMonths = [.. all.Select(x => x.Symbol[^2].ToString())],
                ListedMonths = [.. all.Select(x => x.Symbol[^2].ToString())],
            },
        };
    }

    private static NestedOptionChain Nested(EmulatorMarket market, string underlying, string root)
    {
        var today = market.Today;
        var expirations = new List<NestedExpiration>();
        foreach (var expiry in market.ListExpiries(root))
        {
            var strikes = new List<NestedStrike>();
            foreach (decimal strike in market.ListStrikes(root, expiry))
            {
                market.TryEquityOption(root, expiry, OptionRight.Call, strike, out var call);
                market.TryEquityOption(root, expiry, OptionRight.Put, strike, out var put);
                strikes.Add(new NestedStrike
                {
                    StrikePrice = strike,
                    Call = call.Symbol,
                    CallStreamerSymbol = call.StreamerSymbol,
                    Put = put.Symbol,
                    PutStreamerSymbol = put.StreamerSymbol,
                });
            }

            expirations.Add(new NestedExpiration
            {
                ExpirationType = ExpirationType(expiry),
                ExpirationDate = expiry,
                DaysToExpiration = expiry.DayNumber - today.DayNumber,
                SettlementType = Settlement(root),
                Strikes = strikes,
            });
        }

        return new NestedOptionChain
        {
            UnderlyingSymbol = underlying,
            RootSymbol = root,
            OptionChainType = "Standard",
            SharesPerContract = 100,
            TickSizes = [new TickSize { Threshold = 3m, Value = 0.05m }, new TickSize { Value = 0.1m }],
            Deliverables = [new Deliverable
            {
                DeliverableType = InstrumentCatalogue.TryGet(root, out var i) && i.AssetClass == AssetClass.Index ? "Cash" : "Shares",
                Symbol = underlying,
                Amount = 100m,
                InstrumentType = InstrumentCatalogue.TryGet(root, out var j) && j.AssetClass == AssetClass.Index ? InstrumentTypes.Index : InstrumentTypes.Equity,
                Percent = "100",
            }],
            Expirations = expirations,
        };
    }

    private static NestedFutureOptionChains NestedFutures(EmulatorMarket market, string product)
    {
        var today = market.Today;
        var futures = market.ListFutures(product);
        var expirations = new List<NestedExpiration>();
        foreach (var expiry in market.ListExpiries(product))
        {
            var strikes = new List<NestedStrike>();
            EmulatorInstrument? sample = null;
            foreach (decimal strike in market.ListStrikes(product, expiry))
            {
                market.TryFutureOption(product, expiry, OptionRight.Call, strike, out var call);
                market.TryFutureOption(product, expiry, OptionRight.Put, strike, out var put);
                sample ??= call;
                strikes.Add(new NestedStrike
                {
                    StrikePrice = strike,
                    Call = call.Symbol,
                    CallStreamerSymbol = call.StreamerSymbol,
                    Put = put.Symbol,
                    PutStreamerSymbol = put.StreamerSymbol,
                });
            }

            if (sample is null)
            {
                continue;
            }

            string code = EmulatorMarket.FutureOptionCode(sample);
            expirations.Add(new NestedExpiration
            {
                UnderlyingSymbol = sample.UnderlyingSymbol,
                RootSymbol = "/" + product,
                OptionRootSymbol = code[..^2],
                OptionContractSymbol = code,
                Asset = code[..^2],
                ExpirationType = ExpirationType(expiry),
                ExpirationDate = expiry,
                DaysToExpiration = expiry.DayNumber - today.DayNumber,
                SettlementType = "Future",
                NotionalValue = 1m,
                DisplayFactor = 0.01m,
                StrikeFactor = 1m,
                StopsTradingAt = EmulatorClock.ToUtc(expiry.ToDateTime(StopsTrading)),
                ExpiresAt = EmulatorClock.ToUtc(expiry.ToDateTime(StopsTrading)),
                TickSizes = [new TickSize { Value = sample.TickSize }],
                Strikes = strikes,
            });
        }

        return new NestedFutureOptionChains
        {
            Futures = [.. futures.Select((f, i) => new NestedFuture
            {
                Symbol = f.Symbol,
                RootSymbol = "/" + product,
                StreamerSymbol = f.StreamerSymbol,
                ExpirationDate = f.Expiration,
                MaturityDate = f.Expiration,
                DaysToExpiration = f.Expiration!.Value.DayNumber - today.DayNumber,
                ActiveMonth = i == 0,
                NextActiveMonth = i == 1,
                StopsTradingAt = EmulatorClock.ToUtc(f.Expiration!.Value.ToDateTime(StopsTrading)),
                ExpiresAt = ExpiresAt(f),
            })],
            OptionChains = [new NestedFutureOptionChain
            {
                UnderlyingSymbol = "/" + product,
                RootSymbol = "/" + product,
                ExerciseStyle = "American",
                Expirations = expirations,
            }],
        };
    }

    private static DateTimeOffset ExpiresAt(EmulatorInstrument i) => EmulatorClock.ToUtc(i.Expiration!.Value.ToDateTime(StopsTrading));

    private static string ExpirationType(DateOnly expiry) =>
        expiry == NyseCalendar.OnOrBefore(NyseCalendar.ThirdFriday(expiry.Year, expiry.Month)) ? "Regular" : "Weekly";

    private static string Settlement(string root) =>
        InstrumentCatalogue.TryGet(root, out var i) && i.OptionSettlement.Style == SettlementStyle.AmOpen ? "AM" : "PM";
}
