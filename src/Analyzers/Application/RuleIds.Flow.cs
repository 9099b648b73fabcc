namespace PiiGuard.Analyzers;

public static partial class RuleIds
{
    /// <summary>A personal value (a classified member, a data subject's personal member or a known personal source) reaches a log, console, exception message, Sentry or telemetry sink.</summary>
    public const string PersonalDataReachesSink = "PII110";

    /// <summary>Sentry's <c>SendDefaultPii</c> is set to <c>true</c>.</summary>
    public const string SentrySendDefaultPii = "PII111";
}
