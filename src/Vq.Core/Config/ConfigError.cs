namespace Vq.Core.Config;

/// <summary>One configuration problem: the dotted key path (e.g. <c>symbols.BTCUSDT.execution.maker_safety_ticks</c>)
/// and a specific message. The host adds the YAML line:column.</summary>
public sealed record ConfigError(string Path, string Message);
