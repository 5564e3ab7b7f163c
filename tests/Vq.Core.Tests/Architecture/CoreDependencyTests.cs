using System.Reflection;
using Vq.Core.Engine;

namespace Vq.Core.Tests.Architecture;

/// <summary>STYLE §1: Vq.Core is the pure domain and references the BCL only.</summary>
public class CoreDependencyTests
{
    [Fact]
    public void Vq_Core_references_no_assembly_outside_the_base_class_library()
    {
        var core = typeof(ExitEngine).Assembly;
        var outside = new List<string>();
        foreach (var reference in core.GetReferencedAssemblies())
        {
            var name = reference.Name ?? string.Empty;
            var isBcl = name is "System.Runtime" or "netstandard" or "mscorlib"
                || name.StartsWith("System.", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);
            if (!isBcl)
            {
                outside.Add(name);
            }
        }

        Assert.Empty(outside);
    }

    [Fact]
    public void Vq_Core_references_no_transport_assemblies()
    {
        string[] forbidden = ["System.Net.Http", "System.Net.WebSockets", "System.IO.Pipelines", "System.Console", "System.IO.FileSystem"];
        foreach (var reference in typeof(ExitEngine).Assembly.GetReferencedAssemblies())
        {
            Assert.DoesNotContain(reference.Name, forbidden);
        }
    }

    /// <summary>No I/O, no threads and no ambient clock in the source: time is always passed in (STYLE §2, D18).</summary>
    [Fact]
    public void Vq_Core_source_uses_no_clock_no_io_and_no_threads()
    {
        string[] forbidden =
        [
            "DateTime.Now", "DateTime.UtcNow", "DateTimeOffset.Now", "DateTimeOffset.UtcNow", "Environment.TickCount",
            "Stopwatch", "File.", "Directory.", "HttpClient", "Socket(", "Console.", "Thread.", "Task.Delay",
            "Task.Run", "Random.Shared", "new Random(", "new Timer(", "PeriodicTimer", "lock (",
        ];
        var root = RepoRoot();
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src", "Vq.Core"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            foreach (var token in forbidden)
            {
                if (text.Contains(token, StringComparison.Ordinal))
                {
                    offenders.Add($"{Path.GetRelativePath(root, file)}: {token}");
                }
            }
        }

        Assert.Empty(offenders);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "vq.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("vq.sln not found above " + AppContext.BaseDirectory);
    }
}
