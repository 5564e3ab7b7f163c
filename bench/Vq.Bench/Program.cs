using BenchmarkDotNet.Running;
using Vq.Bench.Binance;

// `dotnet run -c Release --project bench/Vq.Bench -- --filter '*'` runs every benchmark; see bench/README.md.
// `-- ratio` runs the interleaved, load-robust ratio check of the Binance parsers.
if (args.Length > 0 && args[0] == "ratio")
{
    InterleavedRatio.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
