namespace PiiGuard.Analyzers;

/// <summary>The ids of the classification rules of application data (PII100 to PII106).</summary>
public static partial class RuleIds
{
    /// <summary>A member named like personal data, of a data subject, an entity or a type keyed to a subject, that is not classified.</summary>
    public const string UnclassifiedPersonalMember = "PII100";

    /// <summary>A type that holds personal data with no <c>[SubjectKey]</c> member leading to its data subject, and no <c>[NoSubjectKey]</c>.</summary>
    public const string NoWayToSubject = "PII101";

    /// <summary>A persisted member named as a password.</summary>
    public const string StoredPassword = "PII102";

    /// <summary>A member named like a token, a secret or a key that is not classified as a credential.</summary>
    public const string UnclassifiedCredential = "PII103";

    /// <summary>A type that holds network identifiers without <c>[Retention]</c>.</summary>
    public const string NetworkIdentifiersWithoutRetention = "PII104";

    /// <summary>A <c>[Retention]</c> whose clock member is missing or not a point in time, or whose days are fewer than 1.</summary>
    public const string InvalidRetention = "PII105";

    /// <summary>A malformed application-data annotation.</summary>
    public const string MalformedAnnotation = "PII106";
}
