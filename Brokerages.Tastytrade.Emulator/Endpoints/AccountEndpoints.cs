using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Http;
using TomKing.Brokerages.Tastytrade.Emulator.Market;

namespace TomKing.Brokerages.Tastytrade.Emulator.Endpoints;

/// <summary>Customer, accounts, trading status, balances, positions and transactions. An account number the
/// customer does not own answers 403 <c>not_permitted</c>.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorContext emulator)
    {
        var orders = emulator.Orders;
        app.MapGet("/customers/me", (HttpContext http) => Wire.Data(http, new Customer
        {
            Id = "me",
            ExternalId = "U0000000-emulator",
            FirstName = "Emulator",
            LastName = "Customer",
            Email = "customer@emulator.invalid",
            AgreedToMargining = true,
            AgreedToTerms = true,
        }));

        app.MapGet("/customers/me/accounts", (HttpContext http) =>
            Wire.Items(http, [.. orders.AccountNumbers.Select(n => new AccountAuthority { Account = AccountOf(emulator, n), AuthorityLevel = "owner" })]));

        app.MapGet("/customers/me/accounts/{account}", (HttpContext http, string account) =>
            orders.HasAccount(account) ? Wire.Data(http, AccountOf(emulator, account)) : NotPermitted());

        app.MapGet("/accounts/{account}/trading-status", (HttpContext http, string account) =>
            orders.HasAccount(account)
                ? Wire.Data(http, new TradingStatus { AccountNumber = account, IsFuturesEnabled = true, OptionsLevel = "No Restrictions", DayTradeCount = 0 })
                : NotPermitted());

        app.MapGet("/accounts/{account}/balances", (HttpContext http, string account) =>
            orders.HasAccount(account) ? Wire.Result(http, orders.Balance(account)) : NotPermitted());

        app.MapGet("/accounts/{account}/balances/{currency}", (HttpContext http, string account, string currency) =>
            !orders.HasAccount(account) ? NotPermitted()
            : currency != "USD" ? Wire.Error(404, "record_not_found", $"No {currency} balance.")
            : Wire.Result(http, orders.Balance(account)));

        app.MapGet("/accounts/{account}/positions", (HttpContext http, string account) =>
        {
            if (!orders.HasAccount(account))
            {
                return NotPermitted();
            }

            var result = orders.Positions(account);
            if (!result.IsSuccess)
            {
                return Wire.Error(result.Error!);
            }

            string[] underlyings = Wire.QueryArray(http, "underlying-symbol");
            string symbol = http.Request.Query["symbol"].ToString();
            string type = http.Request.Query["instrument-type"].ToString();
            var items = result.Value!.Where(p => (underlyings.Length == 0 || underlyings.Contains(p.UnderlyingSymbol))
                && (symbol.Length == 0 || p.Symbol == symbol) && (type.Length == 0 || p.InstrumentType == type)).ToArray();
            return Wire.Items(http, items);
        });

        app.MapGet("/accounts/{account}/transactions", (HttpContext http, string account) =>
        {
            if (!orders.HasAccount(account))
            {
                return NotPermitted();
            }

            var all = orders.Transactions(account).Value!;
            var start = Wire.QueryDate(http, "start-date");
            var end = Wire.QueryDate(http, "end-date");
            string symbol = http.Request.Query["symbol"].ToString();
            string[] types = [.. Wire.QueryArray(http, "types"), .. Wire.QueryArray(http, "type")];
            bool ascending = http.Request.Query["sort"].ToString() == "Asc";
            IEnumerable<Transaction> found = all.Where(t => (start is null || t.TransactionDate >= start) && (end is null || t.TransactionDate <= end)
                && (symbol.Length == 0 || t.Symbol == symbol) && (types.Length == 0 || types.Contains(t.TransactionType)));
            if (ascending)
            {
                found = found.Reverse();
            }

            return Wire.Page(http, [.. found], defaultPerPage: 250);
        });

        app.MapGet("/accounts/{account}/transactions/{id:long}", (HttpContext http, string account, long id) =>
        {
            if (!orders.HasAccount(account))
            {
                return NotPermitted();
            }

            var t = orders.Transactions(account).Value!.FirstOrDefault(t => t.Id == id);
            return t is null ? Wire.Error(404, "record_not_found", "Transaction not found") : Wire.Data(http, t);
        });
    }

    public static IResult NotPermitted() => Wire.Error(403, "not_permitted", "User not permitted access");

    private static Account AccountOf(EmulatorContext emulator, string number)
    {
        var opened = EmulatorClock.ToUtc(emulator.Orders.AccountOpenedAt(number));
        return new Account
        {
            AccountNumber = number,
            Nickname = "Emulator",
            AccountTypeName = "Individual",
            MarginOrCash = "Margin",
            IsClosed = false,
            IsFuturesApproved = true,
            IsFirmError = false,
            IsFirmProprietary = false,
            IsForeign = false,
            DayTraderStatus = false,
            OpenedAt = opened,
            CreatedAt = opened,
            SuitableOptionsLevel = "No Restrictions",
            ExternalId = "A" + number,
            InvestmentObjective = "SPECULATION",
            FuturesAccountPurpose = "SPECULATING",
        };
    }
}
