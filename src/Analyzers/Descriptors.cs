using Microsoft.CodeAnalysis;

namespace PiiGuard.Analyzers;

/// <summary>Every PiiGuard diagnostic descriptor, each with a help link to its page under <c>docs/rules/</c>.</summary>
public static class Descriptors
{
    /// <summary>Where the rule pages are published; the page of rule X is <c>HelpLinkBase + X + ".md"</c>.</summary>
    public const string HelpLinkBase = "https://github.com/piiguard/PiiGuard/blob/main/docs/rules/";

    private const string Category = "Privacy";

    /// <summary>PII001: a text-like member is named like personal or identifying data.</summary>
    public static readonly DiagnosticDescriptor PersonalName = Create(
        RuleIds.PersonalName,
        "Telemetry member is named like personal data",
        "'{0}' is named like {1} ('{2}'): {3}; {4}",
        DiagnosticSeverity.Error,
        "A usage statistics payload carries no personal data: no network addresses or names, paths, device identifiers or names, identity or contact data, credentials, content people wrote or named, error details, or words the project forbids. The name is read by its structure: what the value is (its last word, or the word before 'of') and whose it is.");

    /// <summary>PII002: a precise point in time, or <c>[Aggregated]</c> on a member that is not one.</summary>
    public static readonly DiagnosticDescriptor PreciseTime = Create(
        RuleIds.PreciseTime,
        "Telemetry member holds a precise point in time",
        "{0}",
        DiagnosticSeverity.Error,
        "Exact timestamps allow timing-based identification; points in time are rounded to a day or an ISO week with [Aggregated] (policy: \"Exact timestamps (aggregated to day/week)\").");

    /// <summary>PII003: a member whose type carries personal data whatever its name.</summary>
    public static readonly DiagnosticDescriptor ForbiddenType = Create(
        RuleIds.ForbiddenType,
        "Telemetry member has a type that carries personal data",
        "'{0}' holds '{1}', which is {2}; {3}",
        DiagnosticSeverity.Error,
        "Network, file-system and exception types, binary content and unbounded values can hold addresses, paths, messages and anything else; a payload holds counts, flags, enums and bounded values only.");

    /// <summary>PII004: an identifier other than the payload's single <c>[InstallationId]</c>.</summary>
    public static readonly DiagnosticDescriptor Identifier = Create(
        RuleIds.Identifier,
        "Telemetry payload has an identifier other than its installation id",
        "{0}",
        DiagnosticSeverity.Error,
        "A payload carries exactly one identifier: a random UUIDv4 installation id marked [InstallationId], never derived from hardware. Other ids, keys and hashes of people, accounts, sessions and records link what is sent to them.");

    /// <summary>PII005: location or behavioural tracking.</summary>
    public static readonly DiagnosticDescriptor LocationOrBehaviour = Create(
        RuleIds.LocationOrBehaviour,
        "Telemetry member tracks location or behaviour",
        "'{0}' is named like {1} ('{2}'): {3}; {4}",
        DiagnosticSeverity.Error,
        "A usage statistics payload carries no location (coordinates, cities, IP-based geolocation; at most a country code from the configured time zone) and no behavioural tracking: clicks, UI interactions, time spent on screens, mouse movements, keyboard input and session recordings. Counting them is tracking too.");

    /// <summary>PII006: a free-text string member.</summary>
    public static readonly DiagnosticDescriptor FreeText = Create(
        RuleIds.FreeText,
        "Telemetry member is free text",
        "'{0}' is free text ({1}), which can hold anything a user typed; use an enum for a closed set of values",
        DiagnosticSeverity.Warning,
        "A string can carry whatever the app puts into it, personal data included. An enum states the allowed values in the schema. In strict mode (piiguard.strict = true in .editorconfig) this is an error.");

    /// <summary>PII007: a payload member or type that the generator cannot serialize.</summary>
    public static readonly DiagnosticDescriptor Unsupported = Create(
        RuleIds.Unsupported,
        "Telemetry payload cannot be serialized",
        "{0}",
        DiagnosticSeverity.Error,
        "PiiGuard's generator writes a serializer and a strict reader for every payload; a member or type it cannot write or read back is an error here rather than broken generated code. The generator skips such a payload.");

    /// <summary>PII008: a payload that collects more than its schema lock records, without a higher schema version.</summary>
    public static readonly DiagnosticDescriptor SchemaExpanded = Create(
        RuleIds.SchemaExpanded,
        "Telemetry payload collects more than its schema lock records",
        "Payload '{0}' collects more than {1} records ({2}) without a SchemaVersion higher than '{3}': expanded collection needs a new schema version and the users' consent again. Raise SchemaVersion, or rewrite the lock on purpose with -p:PiiGuardUpdateSchemaLock=true.",
        DiagnosticSeverity.Error,
        "The policy: \"Re-consent required for expanded data collection\". A new field, a new enum value or a wider type is expanded collection; removing a field is not.");

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description, HelpLinkBase + id + ".md");
}
