using System.Globalization;
using Vq.Latency;

// dotnet run -c Release --project bench/Vq.Latency -- [--samples N] [--symbols N] [--gap-ms N] [--warmup N]
// See bench/README.md ("Tick-to-order latency") for the method.
var options = HarnessOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Vq.Latency [--samples N (10000)] [--warmup N (1000)] [--symbols N (32)] [--gap-ms N (6)]");
    return 2;
}

var result = await TickToOrderHarness.RunAsync(options, Console.Out, CancellationToken.None).ConfigureAwait(false);
Console.WriteLine(result.Report(CultureInfo.InvariantCulture));
return result.Samples >= options.Samples ? 0 : 1;
