using System.Diagnostics;
using System.Globalization;
using Vq.Sim;
using Vq.Sim.Matching;
using Vq.Sim.Scenario;
using static Vq.Tests.EndToEnd.SimSupport;

namespace Vq.Tests.EndToEnd;

/// <summary>
/// vq as a real process against an in-process simulator. Issue 5 (e): <c>vq flatten</c> is killed with SIGKILL while
/// its order rests (nothing runs its shutdown); a restart cancels that leftover of the earlier run (D5), keeps the
/// protective stop (vq-ps-) and works the leg to flat. And <c>vq run</c> prints (and with <c>--report</c> writes) the
/// execution report when SIGTERM ends it.
/// </summary>
public class KillRestartTests
{
    private const string StopId = "vq-ps-BTCUSDT-L-1";

    [Fact]
    public async Task After_sigkill_a_restart_cancels_the_leftovers_keeps_the_protective_stop_and_finishes_flat()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.1m, 60000m)), 0, cancel);
        var stop = host.Exchange.Read(e => e.PlaceAlgo(new AlgoRequest
        {
            AlgoType = "CONDITIONAL", Symbol = "BTCUSDT", Side = "SELL", PositionSide = "LONG", Type = "STOP_MARKET",
            TriggerPrice = "40000.0", WorkingType = "MARK_PRICE", ClosePosition = "true", ClientAlgoId = StopId,
        }));
        Assert.True(stop.Ok, stop.Error?.ToString());
        var dir = Directory.CreateTempSubdirectory("vq-kill-");
        try
        {
            // First run: maker orders rest for a minute, so one is certainly open when the process dies.
            var resting = Path.Combine(dir.FullName, "resting.yaml");
            await File.WriteAllTextAsync(resting, Config(host, ttlMs: 60_000), cancel);
            var firstOutput = new System.Text.StringBuilder();
            using var first = Start(dir.FullName, resting, firstOutput);
            SimOrder? leftover = null;
            try
            {
                var until = Environment.TickCount64 + 60_000;
                while (leftover is null)
                {
                    Assert.True(Environment.TickCount64 < until, "the first run left no resting order within 60 s");
                    Assert.False(first.HasExited, "the first run ended early:\n" + Text(firstOutput));
                    if (OpenOwn(host) is not null)
                    {
                        // Move the book away so the order cannot fill any more (a SELL above a falling book); if it
                        // filled in the meantime, wait for the next one.
                        var mid = host.Exchange.Read(e => e.Book("BTCUSDT")!.Mid);
                        Assert.True(host.Exchange.MoveMid("BTCUSDT", mid - 300m));
                        leftover = OpenOwn(host);
                    }

                    await Task.Delay(50, cancel);
                }

                first.Kill(); // SIGKILL on Unix: no shutdown, no cleanup
                await first.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromSeconds(30), cancel);
            }
            finally
            {
                KillIfRunning(first);
            }

            Assert.Equal(137, first.ExitCode);
            Assert.Contains(OpenOrders(host), o => o.OrderId == leftover.OrderId);

            // Restart: the leftover is cancelled before trading, the stop is left alone, the leg ends flat.
            var quick = Path.Combine(dir.FullName, "quick.yaml");
            await File.WriteAllTextAsync(quick, Config(host, ttlMs: 600), cancel);
            var secondOutput = new System.Text.StringBuilder();
            using var second = Start(dir.FullName, quick, secondOutput);
            string output;
            try
            {
                await second.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromSeconds(120), cancel);
                output = Text(secondOutput);
            }
            finally
            {
                KillIfRunning(second);
            }

            Assert.True(second.ExitCode == 0, $"restart exited {second.ExitCode}:\n{output}");
            Assert.Contains($"cid={leftover.ClientOrderId} order_id={leftover.OrderId.ToString(CultureInfo.InvariantCulture)} reason=leftover_of_earlier_run outcome=cancelled", output, StringComparison.Ordinal);
            Assert.Contains(host.Exchange.Read(e => e.Ledger.Cancels.ToList()), c => c.OrderId == leftover.OrderId);
            Assert.DoesNotContain(OpenOrders(host), o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal) && !o.ClientOrderId.StartsWith("vq-ps-", StringComparison.Ordinal));
            Assert.Contains(host.Exchange.Read(e => e.OpenAlgoOrders.Select(a => a.ClientAlgoId).ToList()), id => id == StopId);
            Assert.Equal(0m, Position(host, "BTCUSDT", LegSide.Long));
            AssertOnlyClosingOrders(host);
            AssertNoForbiddenRejects(host);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_as_a_process_prints_and_writes_the_execution_report_at_sigterm()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.1m, 60000m)), 0, cancel);
        var dir = Directory.CreateTempSubdirectory("vq-run-");
        try
        {
            var config = Path.Combine(dir.FullName, "run.yaml");
            var report = Path.Combine(dir.FullName, "report.json");
            await File.WriteAllTextAsync(config, Config(host, ttlMs: 800), cancel);
            var output = new System.Text.StringBuilder();
            using var run = Start(dir.FullName, output, "run", "--config", config, "--report", report);
            try
            {
                var until = Environment.TickCount64 + 60_000;
                while (!Text(output).Contains("startup step=open_orders", StringComparison.Ordinal))
                {
                    Assert.True(Environment.TickCount64 < until && !run.HasExited, "run did not start:\n" + Text(output));
                    await Task.Delay(50, cancel);
                }

                await Task.Delay(1500, cancel);
                using var term = Process.Start("kill", ["-TERM", run.Id.ToString(CultureInfo.InvariantCulture)]);
                await term.WaitForExitAsync(cancel);
                await run.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromSeconds(30), cancel);
            }
            finally
            {
                KillIfRunning(run);
            }

            var text = Text(output);
            Assert.True(run.ExitCode == 0, $"run exited {run.ExitCode}:\n{text}");
            Assert.Contains("execution report", text, StringComparison.Ordinal);
            Assert.Contains("report written to " + report, text, StringComparison.Ordinal);
            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(report, cancel));
            var leg = Assert.Single(json.RootElement.GetProperty("legs").EnumerateArray());
            Assert.Equal(("BTCUSDT", "LONG", "0.100"), (leg.GetProperty("symbol").GetString(), leg.GetProperty("side").GetString(), leg.GetProperty("start_qty").GetString()));
            Assert.DoesNotContain(OpenOrders(host), o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal) && !o.ClientOrderId.StartsWith("vq-ps-", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static SimOrder? OpenOwn(SimHost host) =>
        OpenOrders(host).FirstOrDefault(o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal) && !o.ClientOrderId.StartsWith("vq-ps-", StringComparison.Ordinal));

    private static string Config(SimHost host, int ttlMs) => $$"""
        global:
          endpoints:
            rest: {{host.RestUri.ToString().TrimEnd('/')}}
            ws: {{host.WsUri.ToString().TrimEnd('/')}}
          execution:
            order_ttl_ms: {{ttlMs}}
            base_lot_mult: 20
            max_mult: 100
            max_order_notional: 2000
            maker_timeouts_to_escalate: 1
        symbols:
          BTCUSDT: {}
        """;

    private static Process Start(string workingDirectory, string configPath, System.Text.StringBuilder output) =>
        Start(workingDirectory, output, "flatten", "--symbol", "BTCUSDT", "--side", "long", "--yes", "--config", configPath);

    private static Process Start(string workingDirectory, System.Text.StringBuilder output, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vq.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["BINANCE_API_KEY"] = SimOptions.DefaultApiKey;
        start.Environment["BINANCE_API_SECRET"] = SimOptions.DefaultApiSecret;
        var process = new Process { StartInfo = start };

        // Drain both pipes as lines arrive, so a full pipe never blocks the child.
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(System.Text.StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static void KillIfRunning(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
