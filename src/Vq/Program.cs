using Vq.Cli;

return await CommandLine.RunAsync(args).ConfigureAwait(false);
