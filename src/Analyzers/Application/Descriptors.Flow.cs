using Microsoft.CodeAnalysis;

namespace PiiGuard.Analyzers;

public static partial class Descriptors
{
    private const string SinkTitle = "Personal data reaches a log, an error report or telemetry";

    private const string SinkDescription =
        "A value that comes from a classified member, from a [DataSubject] type's personal members or from a known personal source (the machine and user name, an exception's message and stack trace, the client's IP address, the User-Agent and Referer headers, a signed-in user's name and e-mail claims, IP addresses) must not reach a logger, the console, Debug or Trace, an exception's message, Sentry or a telemetry field. The value is followed through locals, assignments, string building, collections and calls into methods of the same project; it stops at a Microsoft.Extensions.Compliance Redactor, a keyed hash (HMAC) and a method that returns an enum. Numbers, flags, enums, dates and GUIDs derived from personal data are not personal.";

    /// <summary>PII110 at a logger call. Arguments: the value, why it is personal, the sink.</summary>
    public static readonly DiagnosticDescriptor PersonalDataToLog = Create(
        RuleIds.PersonalDataReachesSink, SinkTitle,
        "'{0}' ({1}) reaches {2}: log an id-free count or category instead, or redact the value with a Microsoft.Extensions.Compliance Redactor",
        DiagnosticSeverity.Error, SinkDescription);

    /// <summary>PII110 at a <c>[LoggerMessage]</c> parameter without a classification. Arguments: the value, why, the sink.</summary>
    public static readonly DiagnosticDescriptor PersonalDataToLoggerMessage = Create(
        RuleIds.PersonalDataReachesSink, SinkTitle,
        "'{0}' ({1}) reaches {2}: mark that parameter with a Microsoft.Extensions.Compliance classification attribute so that the logger redacts it, or pass an id-free category instead",
        DiagnosticSeverity.Error, SinkDescription);

    /// <summary>PII110 at a Console, Debug or Trace write. Arguments: the value, why, the sink.</summary>
    public static readonly DiagnosticDescriptor PersonalDataToConsole = Create(
        RuleIds.PersonalDataReachesSink, SinkTitle,
        "'{0}' ({1}) reaches {2}: write an id-free count or category instead, or redact the value with a Microsoft.Extensions.Compliance Redactor",
        DiagnosticSeverity.Error, SinkDescription);

    /// <summary>PII110 at an exception's message. Arguments: the value, why, the sink.</summary>
    public static readonly DiagnosticDescriptor PersonalDataToExceptionMessage = Create(
        RuleIds.PersonalDataReachesSink, SinkTitle,
        "'{0}' ({1}) reaches {2}, which ends up in logs and error reports: put an id-free category in the message instead, or redact the value with a Microsoft.Extensions.Compliance Redactor",
        DiagnosticSeverity.Error, SinkDescription);

    /// <summary>PII110 at a Sentry call or the Sentry user. Arguments: the value, why, the sink.</summary>
    public static readonly DiagnosticDescriptor PersonalDataToSentry = Create(
        RuleIds.PersonalDataReachesSink, SinkTitle,
        "'{0}' ({1}) reaches {2}: send an id-free category instead, or redact the value with a Microsoft.Extensions.Compliance Redactor",
        DiagnosticSeverity.Error, SinkDescription);

    /// <summary>PII110 at a telemetry field. Arguments: the value, why, the sink.</summary>
    public static readonly DiagnosticDescriptor PersonalDataToTelemetry = Create(
        RuleIds.PersonalDataReachesSink, SinkTitle,
        "'{0}' ({1}) reaches {2}: usage statistics carry no personal data; send a count or an enum category instead",
        DiagnosticSeverity.Error, SinkDescription);

    /// <summary>PII111: Sentry's <c>SendDefaultPii = true</c>. Argument: the options type.</summary>
    public static readonly DiagnosticDescriptor SentrySendDefaultPii = Create(
        RuleIds.SentrySendDefaultPii,
        "Sentry is told to send personal data by default",
        "'{0}.SendDefaultPii' is set to true, which makes Sentry attach the user's IP address, user name, cookies and request headers to every event: leave it false (the default) and set only id-free data on the scope",
        DiagnosticSeverity.Error,
        "SendDefaultPii = true makes the Sentry SDK collect personal data on its own: the client's IP address, the signed-in user's name, cookies, request headers and bodies. Leave it off and add only id-free context to events.");
}
