using Microsoft.CodeAnalysis;

namespace PiiGuard.Analyzers;

/// <summary>PII120's descriptors: one per way the data map can collect more than its lock, and one for a lock it cannot read.</summary>
public static partial class Descriptors
{
    private const string DataMapTitle = "The data map collects more than its lock records";

    private const string DataMapDescription =
        "The data map lock (piiguard.datamap.lock) records what the code's data map collects: each type's personal members and their kinds, its retention and what deleting the account does. " +
        "Collecting a new kind of personal data or a new personal member, keeping data longer (or without a limit) and erasing it less fail the build until the lock is rewritten on purpose, so that the privacy page generated from the map cannot drift from the code unnoticed. " +
        "Fewer members, shorter retention and stronger erasure pass.";

    private const string DataMapFix = "if this is intended, update the lock on purpose (dotnet build -p:PiiGuardUpdateDataMapLock=true) and update the privacy page";

    /// <summary>PII120: a member of a kind no entry of the lock has. Arguments: the member, the kind, the lock file.</summary>
    public static readonly DiagnosticDescriptor DataMapNewKind = Create(
        RuleIds.DataMapExpanded, DataMapTitle,
        "'{0}' is personal data of kind '{1}', a kind the data map lock '{2}' does not record: the application would collect a new kind of personal data; " + DataMapFix,
        DiagnosticSeverity.Error, DataMapDescription);

    /// <summary>PII120: a personal member the lock lacks. Arguments: the member, its kind, the lock file.</summary>
    public static readonly DiagnosticDescriptor DataMapNewMember = Create(
        RuleIds.DataMapExpanded, DataMapTitle,
        "'{0}' is personal data (kind '{1}') that the data map lock '{2}' does not record: the application would collect a new personal member; " + DataMapFix,
        DiagnosticSeverity.Error, DataMapDescription);

    /// <summary>PII120: a member classified as another kind than locked. Arguments: the member, the kind now, the kind locked, the lock file.</summary>
    public static readonly DiagnosticDescriptor DataMapKindChanged = Create(
        RuleIds.DataMapExpanded, DataMapTitle,
        "'{0}' is personal data of kind '{1}', where the data map lock '{3}' records kind '{2}': the privacy page would describe it under another kind; " + DataMapFix,
        DiagnosticSeverity.Error, DataMapDescription);

    /// <summary>PII120: a longer retention. Arguments: the type, days now, days locked, the lock file.</summary>
    public static readonly DiagnosticDescriptor DataMapLongerRetention = Create(
        RuleIds.DataMapExpanded, DataMapTitle,
        "'{0}' keeps its personal data for {1} days, longer than the {2} days the data map lock '{3}' records; shorten [Retention], or " + DataMapFix,
        DiagnosticSeverity.Error, DataMapDescription);

    /// <summary>PII120: a retention removed. Arguments: the type, days locked, the lock file.</summary>
    public static readonly DiagnosticDescriptor DataMapLostRetention = Create(
        RuleIds.DataMapExpanded, DataMapTitle,
        "'{0}' has no [Retention] any more, so its personal data is kept without a time limit where the data map lock '{2}' records {1} days; restore [Retention], or " + DataMapFix,
        DiagnosticSeverity.Error, DataMapDescription);

    /// <summary>PII120: retention counted from another member. Arguments: the type, the clock now, the clock locked, the lock file.</summary>
    public static readonly DiagnosticDescriptor DataMapRetentionClockChanged = Create(
        RuleIds.DataMapExpanded, DataMapTitle,
        "'{0}' counts its retention from '{1}', where the data map lock '{3}' records '{2}': the data may be kept longer than the privacy page says; " + DataMapFix,
        DiagnosticSeverity.Error, DataMapDescription);

    /// <summary>PII120: a weaker erasure. Arguments: the type, the erasure now, the erasure locked, the lock file.</summary>
    public static readonly DiagnosticDescriptor DataMapWeakerErasure = Create(
        RuleIds.DataMapExpanded, DataMapTitle,
        "'{0}' is erased as '{1}' when its subject's account is deleted, weaker than '{2}' as the data map lock '{3}' records: more personal data would outlive the account; restore [Erasure] or the subject key, or " + DataMapFix,
        DiagnosticSeverity.Error, DataMapDescription);

    /// <summary>PII120: the lock file cannot be read. Arguments: the lock file, the line, what is wrong.</summary>
    public static readonly DiagnosticDescriptor DataMapMalformedLock = new(
        RuleIds.DataMapExpanded, DataMapTitle,
        "The data map lock '{0}' cannot be read, so the data map is not checked against it: line {1}: {2}; fix the line, or rewrite the lock from the code on purpose with dotnet build -p:PiiGuardUpdateDataMapLock=true",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, DataMapDescription, HelpLinkBase + RuleIds.DataMapExpanded + ".md",
        WellKnownDiagnosticTags.CompilationEnd);
}
