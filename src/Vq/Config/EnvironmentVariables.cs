namespace Vq.Config;

/// <summary>The process environment as the host sees it; tests substitute a dictionary so they never race.</summary>
internal interface IEnvironmentVariables
{
    string? Get(string name);

    void Set(string name, string value);
}

/// <summary>The real process environment.</summary>
internal sealed class ProcessEnvironment : IEnvironmentVariables
{
    public static readonly ProcessEnvironment Instance = new();

    private ProcessEnvironment()
    {
    }

    public string? Get(string name) => Environment.GetEnvironmentVariable(name);

    public void Set(string name, string value) => Environment.SetEnvironmentVariable(name, value);
}
