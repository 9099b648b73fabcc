using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace PiiGuard.Analyzers;

/// <summary>The descriptors of the classification rules of application data (PII100 to PII106).</summary>
public static partial class Descriptors
{
    private const string CredentialTitle = "Credential is not classified as one";

    private const string CredentialDescription =
        "A token, a secret, an API key, a cookie or a recovery code gives access to a person's account. Classified [PersonalData(PersonalDataKind.Credential)] (or ASP.NET Core Identity's [ProtectedPersonalData], which encrypts it at rest), it is held, exported and erased as a credential, and never written to a log.";

    private const string InvalidRetentionTitle = "Retention is invalid";

    private const string InvalidRetentionDescription =
        "[Retention(days, from)] says that a row is kept for 'days' days counted from the point in time its member 'from' holds. The member must exist on the type or a base type and be a DateTime or DateTimeOffset (nullable too); the days must be 1 or more.";

    private const string MalformedTitle = "Application-data annotation is malformed";

    private const string MalformedDescription =
        "An annotation that says nothing checkable is no annotation: a [SubjectKey] names a [DataSubject] type, a [NotPersonalData] or [NoSubjectKey] gives a reason, a [PersonalData] kind and an [Erasure] action are named values, anonymising a row needs a [SubjectKey] member that can hold null to clear, and a data subject entity has a key to find its rows by.";

    /// <summary>
    /// PII100: an unclassified member named like personal data. Arguments: the member, what it is named like, the
    /// words found, the kind suggested.
    /// </summary>
    public static readonly DiagnosticDescriptor UnclassifiedPersonalMember = Create(
        RuleIds.UnclassifiedPersonalMember,
        "Personal member is not classified",
        "'{0}' is named like {1} ('{2}'), and the data map, the export and the erasure know only what is classified; classify it with [PersonalData(PersonalDataKind.{3}, Purpose = \"...\")] or mark it [NotPersonalData(\"why\")]",
        DiagnosticSeverity.Error,
        "In a project that declares a [DataSubject] type, every member of a data subject, of an EF Core entity and of a type that holds a [SubjectKey] or a classified member, that is named like personal data, says what it holds: [PersonalData(kind)] (ASP.NET Core Identity's [PersonalData] and Microsoft.Extensions.Compliance's classifications count too), or [NotPersonalData(\"why\")]. Row keys, subject keys, foreign keys and navigation properties are not members to classify.");

    /// <summary>PII101: a type with personal data and no way to its subject. Arguments: the type, why it is in scope.</summary>
    public static readonly DiagnosticDescriptor NoWayToSubject = Create(
        RuleIds.NoWayToSubject,
        "Type holds personal data with no way to its data subject",
        "'{0}' {1}, but none of its members is a [SubjectKey], so the export and the erasure could not find its rows; mark the member that holds the data subject's key [SubjectKey(typeof(TheSubject))], or mark the type [NoSubjectKey(\"why\")]",
        DiagnosticSeverity.Error,
        "A person's data is exported and erased by following [SubjectKey] members from each row to the [DataSubject] it is about. A type that holds personal data and has no such member (own or inherited) is invisible to both; [NoSubjectKey(\"why\")] says on purpose that its rows belong to no one person.");

    /// <summary>PII102: a stored password. Arguments: the member, the word found.</summary>
    public static readonly DiagnosticDescriptor StoredPassword = Create(
        RuleIds.StoredPassword,
        "Password is stored",
        "'{0}' is named as a password ('{1}'), and a stored password gives access to the person's account here and wherever they reuse it; store a hash from a password hasher (for example ASP.NET Core Identity's PasswordHasher) in a member such as PasswordHash instead",
        DiagnosticSeverity.Error,
        "A persisted member (of a data subject, an EF Core entity, a type that holds a [SubjectKey], or any classified member) named password, passwd, pwd or passphrase holds the password itself. A hash from a password hasher is what should be stored: PasswordHash and PasswordSalt are not reported here.");

    /// <summary>PII103: a credential that is not classified. Arguments: the member, the words found.</summary>
    public static readonly DiagnosticDescriptor UnclassifiedCredential = Create(
        RuleIds.UnclassifiedCredential, CredentialTitle,
        "'{0}' is named like a credential ('{1}'), which gives access to a person's account, but it is not classified; classify it with [PersonalData(PersonalDataKind.Credential)]",
        DiagnosticSeverity.Error, CredentialDescription);

    /// <summary>PII103: a credential classified as another kind. Arguments: the member, the words found, the kind it has.</summary>
    public static readonly DiagnosticDescriptor MisclassifiedCredential = Create(
        RuleIds.UnclassifiedCredential, CredentialTitle,
        "'{0}' is named like a credential ('{1}'), which gives access to a person's account, but it is classified as {2}; classify it with [PersonalData(PersonalDataKind.Credential)]",
        DiagnosticSeverity.Error, CredentialDescription);

    /// <summary>PII104: network identifiers without <c>[Retention]</c>. Arguments: the type, the members.</summary>
    public static readonly DiagnosticDescriptor NetworkIdentifiersWithoutRetention = Create(
        RuleIds.NetworkIdentifiersWithoutRetention,
        "Network identifiers are kept without a retention period",
        "'{0}' holds network identifiers ({1}), which point at a person's device and the places they reach, with no limit on how long they are kept; mark the type [Retention(days, nameof(TheTimestamp))], counted from a DateTime or DateTimeOffset member",
        DiagnosticSeverity.Error,
        "IP addresses, user agents and referrers are kept for a stated time only (a security log's addresses for a few months, say). A type that holds one, classified PersonalDataKind.NetworkIdentifier or named like one, says how long with [Retention(days, from)], inherited from a base type or its own.");

    /// <summary>PII105: days fewer than 1. Arguments: the type, the days.</summary>
    public static readonly DiagnosticDescriptor RetentionDays = Create(
        RuleIds.InvalidRetention, InvalidRetentionTitle,
        "[Retention] on '{0}' keeps rows for {1} days; a retention period is 1 day or more",
        DiagnosticSeverity.Error, InvalidRetentionDescription);

    /// <summary>PII105: the clock member is missing. Arguments: the type, the member named.</summary>
    public static readonly DiagnosticDescriptor RetentionClockMissing = Create(
        RuleIds.InvalidRetention, InvalidRetentionTitle,
        "[Retention] on '{0}' counts from '{1}', which is not an instance field or property of the type or its base types; name the member that holds when the period starts, with nameof",
        DiagnosticSeverity.Error, InvalidRetentionDescription);

    /// <summary>PII105: the clock member is not a point in time. Arguments: the type, the member named, its type.</summary>
    public static readonly DiagnosticDescriptor RetentionClockNotPointInTime = Create(
        RuleIds.InvalidRetention, InvalidRetentionTitle,
        "[Retention] on '{0}' counts from '{1}', whose type '{2}' is not a point in time; name a DateTime or DateTimeOffset member (nullable allowed)",
        DiagnosticSeverity.Error, InvalidRetentionDescription);

    /// <summary>PII106: a subject key that names a type that is not a data subject. Arguments: the member, the type named.</summary>
    public static readonly DiagnosticDescriptor SubjectKeyNotSubject = Create(
        RuleIds.MalformedAnnotation, MalformedTitle,
        "[SubjectKey] on '{0}' names '{1}', which is not marked [DataSubject], so no person's export or erasure reaches this row through it; name the [DataSubject] type whose key the member holds, or mark '{1}' [DataSubject]",
        DiagnosticSeverity.Error, MalformedDescription);

    /// <summary>PII106: an empty reason. Arguments: the attribute, the member or type.</summary>
    public static readonly DiagnosticDescriptor EmptyReason = Create(
        RuleIds.MalformedAnnotation, MalformedTitle,
        "[{0}] on '{1}' gives no reason, and a reason is what a reviewer checks; say why in a few words",
        DiagnosticSeverity.Error, MalformedDescription);

    /// <summary>PII106: a kind outside <c>PersonalDataKind</c>. Arguments: the member, the value.</summary>
    public static readonly DiagnosticDescriptor KindOutOfRange = Create(
        RuleIds.MalformedAnnotation, MalformedTitle,
        "[PersonalData] on '{0}' has the kind {1}, which is not a PersonalDataKind, so it says nothing about what the member holds; use one of the named kinds",
        DiagnosticSeverity.Error, MalformedDescription);

    /// <summary>PII106: an erasure action outside <c>ErasureAction</c>. Arguments: the type, the value.</summary>
    public static readonly DiagnosticDescriptor ErasureActionOutOfRange = Create(
        RuleIds.MalformedAnnotation, MalformedTitle,
        "[Erasure] on '{0}' has the action {1}, which is not an ErasureAction; use ErasureAction.Delete or ErasureAction.Anonymise",
        DiagnosticSeverity.Error, MalformedDescription);

    /// <summary>PII106: anonymising a type with no subject key. Argument: the type.</summary>
    public static readonly DiagnosticDescriptor AnonymiseWithoutSubjectKey = Create(
        RuleIds.MalformedAnnotation, MalformedTitle,
        "[Erasure(ErasureAction.Anonymise)] on '{0}' has nothing to clear: none of its members is a [SubjectKey]; mark the member that holds the data subject's key [SubjectKey(typeof(TheSubject))], or use ErasureAction.Delete",
        DiagnosticSeverity.Error, MalformedDescription);

    /// <summary>
    /// PII106: anonymising a type whose subject key cannot hold null. Arguments: the type, the member, what its type
    /// is (<c>Guid</c>, <c>non-nullable string</c>).
    /// </summary>
    public static readonly DiagnosticDescriptor AnonymisedSubjectKeyNotNullable = Create(
        RuleIds.MalformedAnnotation, MalformedTitle,
        "[Erasure(ErasureAction.Anonymise)] on '{0}' keeps its rows with their subject key cleared, but '{1}' ({2}) cannot hold null; make it a nullable type without [Required], or use ErasureAction.Delete",
        DiagnosticSeverity.Error, MalformedDescription);

    /// <summary>PII106: a data subject entity without a key to find its rows by. Argument: the type.</summary>
    public static readonly DiagnosticDescriptor DataSubjectWithoutKey = Create(
        RuleIds.MalformedAnnotation, MalformedTitle,
        "'{0}' is a data subject, but nothing says which member holds its key: it has no [SubjectKey] member, and no key EF Core finds by its conventions ([Key], a [PrimaryKey] of one property, 'Id' or '{0}Id'); mark the member that holds its key [SubjectKey(typeof({0}))]",
        DiagnosticSeverity.Error, MalformedDescription);

    /// <summary>Every descriptor of the classification rules: what <see cref="ApplicationDataAnalyzer"/> reports.</summary>
    internal static readonly ImmutableArray<DiagnosticDescriptor> Classification = ImmutableArray.Create(
        UnclassifiedPersonalMember,
        NoWayToSubject,
        StoredPassword,
        UnclassifiedCredential, MisclassifiedCredential,
        NetworkIdentifiersWithoutRetention,
        RetentionDays, RetentionClockMissing, RetentionClockNotPointInTime,
        SubjectKeyNotSubject, EmptyReason, KindOutOfRange, ErasureActionOutOfRange, AnonymiseWithoutSubjectKey,
        AnonymisedSubjectKeyNotNullable, DataSubjectWithoutKey);
}
