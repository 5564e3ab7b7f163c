using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Vq.Sim.Matching;
using Vq.Sim.Wire;
using Vq.Sim.Wire.Json;
using Vq.Sim.Wire.Streams;

namespace Vq.Sim.Control;

/// <summary>
/// The control plane under <c>/_sim/…</c> (docs/sim.md "Control plane"), loopback only. Parameters come from the
/// query string or a form body; answers are JSON. Every operation maps to a public <see cref="SimExchange"/> method.
/// </summary>
internal static class ControlEndpoints
{
    public static async Task HandleAsync(HttpContext context, SimExchange exchange)
    {
        if (context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
        {
            await Write(context, 403, Message("error", "the control plane is loopback only")).ConfigureAwait(false);
            return;
        }

        var body = "";
        if (context.Request.ContentLength is > 0)
        {
            using var reader = new StreamReader(context.Request.Body);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        var p = new RequestParams(query, body);
        var (status, json) = Dispatch(context.Request.Method, context.Request.Path.Value ?? "", p, exchange);
        await Write(context, status, json).ConfigureAwait(false);
    }

    private static (int, byte[]) Dispatch(string method, string path, RequestParams p, SimExchange exchange)
    {
        switch (method, path)
        {
            case ("GET", "/_sim" or "/_sim/state"):
                return (200, exchange.StateJson());
            case ("GET", "/_sim/ledger"):
                return (200, exchange.LedgerJson());
            case ("POST", "/_sim/balance"):
                if (!DecimalText.TryParse(p["amount"], out var amount) || amount < 0m)
                {
                    return Bad("amount must be a non-negative decimal");
                }

                exchange.SetBalance(amount);
                return Ok();
            case ("POST", "/_sim/position"):
                return SetPosition(p, exchange);
            case ("POST", "/_sim/market"):
                return MoveMarket(p, exchange);
            case ("POST", "/_sim/hedge"):
                if (p["enabled"] is not ("true" or "false"))
                {
                    return Bad("enabled must be true or false");
                }

                exchange.SetHedgeMode(p["enabled"] == "true");
                return Ok();
            case ("POST", "/_sim/advance"):
                if (p.Long("ms") is not { } ms || ms <= 0)
                {
                    return Bad("ms must be a positive integer");
                }

                exchange.AdvanceMarket(ms);
                return Ok();
            case ("POST", "/_sim/fault"):
                return FaultCommands.Apply(p, exchange);
            default:
                return (404, Message("error", "unknown control endpoint " + method + " " + path));
        }
    }

    private static (int, byte[]) SetPosition(RequestParams p, SimExchange exchange)
    {
        var side = p["side"] switch
        {
            "LONG" => LegSide.Long,
            "SHORT" => LegSide.Short,
            _ => LegSide.Both,
        };
        if (p["symbol"] is not { Length: > 0 } symbol || side == LegSide.Both)
        {
            return Bad("symbol and side=LONG|SHORT are required");
        }

        if (!DecimalText.TryParse(p["qty"], out var qty) || qty < 0m)
        {
            return Bad("qty must be a non-negative decimal");
        }

        var entry = 0m;
        if (qty > 0m && !DecimalText.TryParse(p["entry"], out entry))
        {
            return Bad("entry is required when qty > 0");
        }

        int? leverage = p.Long("leverage") is { } l ? (int)l : null;
        MarginMode? mode = p["marginType"] switch
        {
            "cross" or "CROSSED" => MarginMode.Cross,
            "isolated" or "ISOLATED" => MarginMode.Isolated,
            _ => null,
        };
        var error = exchange.SetPosition(symbol, side, qty, entry, leverage, mode);
        return error is { } e ? Bad(e.Message) : Ok();
    }

    private static (int, byte[]) MoveMarket(RequestParams p, SimExchange exchange)
    {
        if (p["symbol"] is not { Length: > 0 } symbol)
        {
            return Bad("symbol is required");
        }

        if (p["towardLiquidation"] is { } legText)
        {
            var side = legText == "LONG" ? LegSide.Long : legText == "SHORT" ? LegSide.Short : LegSide.Both;
            if (side == LegSide.Both || !DecimalText.TryParse(p["fraction"] ?? "0.5", out var fraction) || fraction <= 0m)
            {
                return Bad("towardLiquidation=LONG|SHORT and a positive fraction are required");
            }

            var mark = exchange.MoveMarkTowardLiquidation(symbol, side, fraction);
            return mark is { } m ? (200, Message("mark", DecimalText.Plain(m))) : Bad("that leg has no liquidation price");
        }

        if (!DecimalText.TryParse(p["mid"], out var mid) || mid <= 0m)
        {
            return Bad("mid must be a positive decimal (or use towardLiquidation)");
        }

        return exchange.MoveMid(symbol, mid) ? Ok() : Bad("unknown symbol");
    }

    internal static (int, byte[]) Ok() => (200, Message("ok", "true"));

    internal static (int, byte[]) Bad(string message) => (400, Message("error", message));

    internal static byte[] Message(string key, string value) => JsonBytes.Build((key, value), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteString(s.key, s.value);
        w.WriteEndObject();
    });

    private static async Task Write(HttpContext context, int status, byte[] json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }
}
