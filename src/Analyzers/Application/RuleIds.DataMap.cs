namespace PiiGuard.Analyzers;

/// <summary>The data map's rule ids.</summary>
public static partial class RuleIds
{
    /// <summary>The data map collects more than the data map lock records (a new kind or personal member, a longer or lost retention, a weaker erasure), or the lock cannot be read.</summary>
    public const string DataMapExpanded = "PII120";
}
