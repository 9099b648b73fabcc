namespace PiiGuard.Shared;

/// <summary>
/// The ids of the payload rules, for the code the analyzers and the generator share: the analyzers' public
/// <c>RuleIds</c> take their values from here, and the generator asks which of them a build enforces as errors.
/// </summary>
internal static class Rules
{
    public const string PersonalName = "PII001";
    public const string PreciseTime = "PII002";
    public const string ForbiddenType = "PII003";
    public const string Identifier = "PII004";
    public const string LocationOrBehaviour = "PII005";
    public const string FreeText = "PII006";
    public const string Unsupported = "PII007";
    public const string SchemaExpanded = "PII008";

    /// <summary>
    /// The rule that reports a name's finding of <paramref name="category"/>, one per member and cause: identifiers
    /// (and device or network ids held as anything but text) are PII004's, documents PII003's, locations and
    /// behaviour PII005's, the rest PII001's.
    /// </summary>
    public static string ForName(Category category, bool textLike) =>
        category == Category.Identifier ? Identifier :
        category == Category.Blob ? ForbiddenType :
        category == Category.Location || category == Category.Behaviour ? LocationOrBehaviour :
        (category == Category.Device || category == Category.Network) && !textLike ? Identifier :
        PersonalName;
}
