using Vq.Commands;
using Vq.Core.Config;
using Vq.Live;

namespace Vq.Tests.Live;

/// <summary>SIGHUP reload (issue 5 item 4): valid → applied and changes logged; invalid → refused, every error logged.</summary>
public class ReloadTests
{
    [Fact]
    public async Task A_valid_file_is_applied_and_each_changed_key_is_logged()
    {
        var path = Write("global:\n  execution:\n    order_ttl_ms: 1500\nsymbols:\n  BTCUSDT: {}\n");
        try
        {
            using var text = new StringWriter();
            VqConfig? applied = null;
            await using (var log = new LineLog(text))
            {
                var next = RunCommand.Reload(path, VqConfig.Defaults, c => applied = c, log);
                Assert.Same(applied, next);
            }

            Assert.Equal(1500, applied!.Global.Execution.OrderTtlMs);
            Assert.Contains("config_change key=global.execution.order_ttl_ms old=800 new=1500", text.ToString(), StringComparison.Ordinal);
            Assert.Contains("config_reload outcome=applied", text.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_invalid_file_keeps_the_old_config_and_logs_every_error()
    {
        var path = Write("global:\n  execution:\n    order_ttl_ms: -5\n    no_such_key: 1\n");
        try
        {
            using var text = new StringWriter();
            var applied = false;
            VqConfig next;
            await using (var log = new LineLog(text))
            {
                next = RunCommand.Reload(path, VqConfig.Defaults, _ => applied = true, log);
            }

            Assert.False(applied);
            Assert.Same(VqConfig.Defaults, next);
            var output = text.ToString();
            Assert.Contains("config_reload outcome=rejected errors=2", output, StringComparison.Ordinal);
            Assert.Contains("order_ttl_ms", output, StringComparison.Ordinal);
            Assert.Contains("no_such_key", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Write(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), "vq-reload-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
