using Vq.Config;

namespace Vq.Tests.Config;

/// <summary>An in-memory environment so tests never touch (or race on) the process environment.</summary>
internal sealed class TestEnvironment : IEnvironmentVariables
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public TestEnvironment(params (string Name, string Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            _values[name] = value;
        }
    }

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public void Set(string name, string value) => _values[name] = value;
}

internal static class RepoPaths
{
    /// <summary>The repository root: the first ancestor of the test binaries that holds vq.sln.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "vq.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("vq.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ExampleConfig => Path.Combine(Root, "config", "config.example.yaml");
}

/// <summary>A scratch directory deleted at the end of the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vq-config-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
