namespace PiiGuard.Analyzers;

/// <summary>The ids of every PiiGuard rule, in one place.</summary>
public static partial class RuleIds
{
    /// <summary>A text-like member is named like personal or identifying data.</summary>
    public const string PersonalName = Shared.Rules.PersonalName;

    /// <summary>A point in time more precise than a day or week bucket, or a misplaced <c>[Aggregated]</c>.</summary>
    public const string PreciseTime = Shared.Rules.PreciseTime;

    /// <summary>A member whose type carries personal data whatever its name.</summary>
    public const string ForbiddenType = Shared.Rules.ForbiddenType;

    /// <summary>An identifier other than the payload's single <c>[InstallationId]</c>.</summary>
    public const string Identifier = Shared.Rules.Identifier;

    /// <summary>Location or behavioural tracking.</summary>
    public const string LocationOrBehaviour = Shared.Rules.LocationOrBehaviour;

    /// <summary>A free-text string member.</summary>
    public const string FreeText = Shared.Rules.FreeText;

    /// <summary>A payload member or type that PiiGuard's generator cannot serialize.</summary>
    public const string Unsupported = Shared.Rules.Unsupported;

    /// <summary>A payload that collects more than its schema lock records, without a higher schema version.</summary>
    public const string SchemaExpanded = Shared.Rules.SchemaExpanded;
}
