namespace Vq.Cli;

/// <summary>Process exit codes, following BSD sysexits where one fits.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    /// <summary>EX_USAGE: unknown verb or flag, bad arguments.</summary>
    public const int Usage = 64;
    /// <summary>EX_NOINPUT: the config file does not exist.</summary>
    public const int NoInput = 66;
    /// <summary>EX_CONFIG: the configuration is invalid.</summary>
    public const int Config = 78;
    /// <summary>The account is not in Hedge Mode (D14); vq never changes it.</summary>
    public const int NotHedgeMode = 79;
    /// <summary>Interrupted by SIGINT after cleanup (128 + 2).</summary>
    public const int Interrupted = 130;
}
