using PiiGuard.Generators.Model;

namespace PiiGuard.Shared.DataMap;

/// <summary>What happens to a type's records when their subject's account is deleted, from weakest to strongest.</summary>
internal enum MappedErasure
{
    /// <summary>Nothing: the type has no subject key and no <c>[Erasure]</c>.</summary>
    None = 0,

    /// <summary>The personal members are replaced (<c>[Erasure(ErasureAction.Anonymise)]</c>).</summary>
    Anonymise = 1,

    /// <summary>The records are deleted (<c>[Erasure(ErasureAction.Delete)]</c>, or by default for a type with a subject key).</summary>
    Delete = 2,
}

/// <summary>
/// The project's data map: every data subject, and every type that holds personal data or is tied to a subject, with
/// its classified members, subject key, retention and erasure. Built by <see cref="DataMapBuilder"/>; compared by
/// value, so that the generator's pipeline caches it.
/// </summary>
/// <param name="Subjects">The <c>[DataSubject]</c> types' names, ordinal order.</param>
/// <param name="Types">The mapped types, ordinal order of their names.</param>
internal sealed record DataMap(EquatableArray<string> Subjects, EquatableArray<MappedType> Types);

/// <summary>One type of the data map.</summary>
/// <param name="Name">The type's full name as C# writes it (<c>Shop.Order</c>, <c>Shop.Outer.Inner</c>).</param>
/// <param name="Subject">The data subject its records belong to (itself for a subject), or null.</param>
/// <param name="SubjectKey">The member that holds the subject's key (<c>[SubjectKey]</c>), or null.</param>
/// <param name="NoSubjectKeyReason">The reason of <c>[NoSubjectKey]</c>, or null.</param>
/// <param name="RetentionDays">The days of <c>[Retention]</c>, or null when it has none.</param>
/// <param name="RetentionFrom">The clock member of <c>[Retention]</c>, or null.</param>
/// <param name="Erasure">What deleting the subject's account does to its records.</param>
/// <param name="Replacement">The replacement text of <c>[Erasure(Anonymise, Replacement = …)]</c>, or null.</param>
/// <param name="Members">The classified members, in declaration order (base types' first).</param>
internal sealed record MappedType(
    string Name,
    string? Subject,
    string? SubjectKey,
    string? NoSubjectKeyReason,
    int? RetentionDays,
    string? RetentionFrom,
    MappedErasure Erasure,
    string? Replacement,
    EquatableArray<MappedMember> Members);

/// <summary>A classified member of a mapped type.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Kind">The kind, or null when the classification gives none (Identity's and Compliance's attributes).</param>
/// <param name="Purpose">The stated purpose, or null.</param>
/// <param name="Source">The attribute that classified it.</param>
internal sealed record MappedMember(string Name, DataKind? Kind, string? Purpose, ClassificationSource Source);

/// <summary>The words the data map's files use for kinds, sources and erasure actions.</summary>
internal static class DataMapNames
{
    /// <summary>What the map says for a classification without a kind.</summary>
    public const string Unspecified = "unspecified";

    /// <summary>A kind as the JSON and the lock write it: <c>contact</c>, <c>user_content</c>, or <c>unspecified</c>.</summary>
    public static string Kind(DataKind? kind) => kind is { } value ? NameWords.ToSnakeCase(value.ToString()) : Unspecified;

    /// <summary>A classification source as the JSON writes it.</summary>
    public static string Source(ClassificationSource source) => source switch
    {
        ClassificationSource.PiiGuard => "piiguard",
        ClassificationSource.AspNetCoreIdentity => "aspnetcore_identity",
        _ => "compliance",
    };

    /// <summary>An erasure as the JSON and the lock write it: <c>delete</c>, <c>anonymise</c> or <c>none</c>.</summary>
    public static string Erasure(MappedErasure erasure) => erasure switch
    {
        MappedErasure.Delete => "delete",
        MappedErasure.Anonymise => "anonymise",
        _ => "none",
    };
}
