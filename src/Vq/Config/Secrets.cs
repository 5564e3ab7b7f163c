using Vq.Core.Config;

namespace Vq.Config;

/// <summary>
/// Credentials, from the environment only (SPEC §1.1), trimmed; empty counts as missing. <see cref="ToString"/> shows
/// only set/missing, so an accidental log line or debugger display cannot leak a value. Immutable.
/// </summary>
internal sealed class Secrets
{
    public const string BinanceApiKeyVariable = "BINANCE_API_KEY";
    public const string BinanceApiSecretVariable = "BINANCE_API_SECRET";
    public const string TelegramBotTokenVariable = "TELEGRAM_BOT_TOKEN";
    public const string TelegramChatIdVariable = "TELEGRAM_CHAT_ID";

    /// <summary>In display order.</summary>
    public static readonly IReadOnlyList<string> VariableNames =
        [BinanceApiKeyVariable, BinanceApiSecretVariable, TelegramBotTokenVariable, TelegramChatIdVariable];

    private Secrets(string? binanceApiKey, string? binanceApiSecret, string? telegramBotToken, string? telegramChatId)
    {
        BinanceApiKey = binanceApiKey;
        BinanceApiSecret = binanceApiSecret;
        TelegramBotToken = telegramBotToken;
        TelegramChatId = telegramChatId;
    }

    public string? BinanceApiKey { get; }

    public string? BinanceApiSecret { get; }

    public string? TelegramBotToken { get; }

    public string? TelegramChatId { get; }

    public static Secrets FromEnvironment(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new Secrets(
            Read(environment, BinanceApiKeyVariable),
            Read(environment, BinanceApiSecretVariable),
            Read(environment, TelegramBotTokenVariable),
            Read(environment, TelegramChatIdVariable));
    }

    public bool IsSet(string variable) => variable switch
    {
        BinanceApiKeyVariable => BinanceApiKey is not null,
        BinanceApiSecretVariable => BinanceApiSecret is not null,
        TelegramBotTokenVariable => TelegramBotToken is not null,
        TelegramChatIdVariable => TelegramChatId is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(variable), variable, "not a secret variable"),
    };

    /// <summary>
    /// What <c>run</c> and <c>flatten</c> require before they start: the Binance key and secret always, the Telegram
    /// token and chat id when <c>global.telegram.enabled</c> (§9.1 #10). One specific message per missing variable.
    /// </summary>
    public IReadOnlyList<string> Check(TelegramSettings telegram, bool requireBinance = true)
    {
        ArgumentNullException.ThrowIfNull(telegram);
        var errors = new List<string>();
        if (requireBinance)
        {
            Require(errors, BinanceApiKey, BinanceApiKeyVariable, "it is required to sign Binance requests");
            Require(errors, BinanceApiSecret, BinanceApiSecretVariable, "it is required to sign Binance requests");
        }

        if (telegram.Enabled)
        {
            Require(errors, TelegramBotToken, TelegramBotTokenVariable, "global.telegram.enabled is true");
            Require(errors, TelegramChatId, TelegramChatIdVariable, "global.telegram.enabled is true");
        }

        return errors;
    }

    public override string ToString() =>
        $"Secrets({BinanceApiKeyVariable}={State(BinanceApiKey)}, {BinanceApiSecretVariable}={State(BinanceApiSecret)}, " +
        $"{TelegramBotTokenVariable}={State(TelegramBotToken)}, {TelegramChatIdVariable}={State(TelegramChatId)})";

    private static string State(string? value) => value is null ? "missing" : "set";

    private static void Require(List<string> errors, string? value, string variable, string why)
    {
        if (value is null)
        {
            errors.Add($"environment variable {variable} is missing or empty: {why}");
        }
    }

    private static string? Read(IEnvironmentVariables environment, string name)
    {
        var value = environment.Get(name)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
