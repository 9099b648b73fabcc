namespace PiiGuard.Analyzers;

/// <summary>The ids of every PiiGuard rule, in one place.</summary>
public static class RuleIds
{
    /// <summary>A text-like member is named like personal or identifying data.</summary>
    public const string PersonalName = "PII001";

    /// <summary>A point in time more precise than a day or week bucket, or a misplaced <c>[Aggregated]</c>.</summary>
    public const string PreciseTime = "PII002";

    /// <summary>A member whose type carries personal data whatever its name.</summary>
    public const string ForbiddenType = "PII003";

    /// <summary>An identifier other than the payload's single <c>[InstallationId]</c>.</summary>
    public const string Identifier = "PII004";

    /// <summary>Location or behavioural tracking.</summary>
    public const string LocationOrBehaviour = "PII005";

    /// <summary>A free-text string member.</summary>
    public const string FreeText = "PII006";

    /// <summary>A payload member or type that PiiGuard's generator cannot serialize.</summary>
    public const string Unsupported = "PII007";

    /// <summary>A payload that collects more than its schema lock records, without a higher schema version.</summary>
    public const string SchemaExpanded = "PII008";
}
