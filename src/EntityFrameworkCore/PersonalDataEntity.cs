using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace PiiGuard.EntityFrameworkCore;

/// <summary>
/// One entity type of a <see cref="PersonalDataModel"/>: its place in the data map, and the generated, typed code
/// that reads, hides, erases and expires its rows. Each operation works on the rows of one data subject through the
/// entity's subject key (the subject's own key for the subject type), with the context's query filters ignored.
/// </summary>
/// <remarks>
/// A subject key is passed boxed and must be of the subject key's own type (a <see cref="Guid"/> for a
/// <c>Guid</c> key): the generated code throws an <see cref="ArgumentException"/> that names the expected type
/// otherwise, and never converts between types.
/// </remarks>
public abstract class PersonalDataEntity
{
    /// <summary>Describes an entity type of the data map.</summary>
    /// <param name="clrType">The entity's CLR type.</param>
    /// <param name="name">The type's name in the data map (<c>Shop.Order</c>).</param>
    /// <param name="fileName">The name of the type's file in an export (<c>Order.json</c>), unique within the model.</param>
    /// <param name="subjectType">The data subject the rows belong to (the entity itself for a subject), or null when nothing ties them to one.</param>
    /// <param name="subjectKeyMember">The member that holds the subject's key (the row key for a subject), or null.</param>
    /// <param name="rowKeyMember">The member that identifies a row, or null when the entity has no single-member key.</param>
    /// <param name="retentionDays">The days of <c>[Retention]</c>, or null.</param>
    /// <param name="retentionFrom">The clock member of <c>[Retention]</c>, or null.</param>
    /// <param name="erasure">What erasing the subject does to the rows, or null when the rows are not tied to a subject.</param>
    /// <param name="replacement">The replacement of personal text members when rows are anonymised, or null.</param>
    /// <param name="members">The classified members, in the map's order.</param>
    protected PersonalDataEntity(
        Type clrType,
        string name,
        string fileName,
        Type? subjectType,
        string? subjectKeyMember,
        string? rowKeyMember,
        int? retentionDays,
        string? retentionFrom,
        ErasureAction? erasure,
        string? replacement,
        IReadOnlyList<PersonalDataMember> members)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(members);
        ClrType = clrType;
        Name = name;
        FileName = fileName;
        SubjectType = subjectType;
        SubjectKeyMember = subjectKeyMember;
        RowKeyMember = rowKeyMember;
        RetentionDays = retentionDays;
        RetentionFrom = retentionFrom;
        Erasure = erasure;
        Replacement = replacement;
        Members = members;
    }

    /// <summary>The entity's CLR type.</summary>
    public Type ClrType { get; }

    /// <summary>The type's name in the data map (<c>Shop.Order</c>).</summary>
    public string Name { get; }

    /// <summary>The name of the type's file in an export (<c>Order.json</c>), unique within the model.</summary>
    public string FileName { get; }

    /// <summary>The data subject the rows belong to (the entity itself for a subject), or null when nothing ties them to one.</summary>
    public Type? SubjectType { get; }

    /// <summary>Whether this entity is a data subject.</summary>
    public bool IsSubject => SubjectType == ClrType;

    /// <summary>The member that holds the subject's key (the row key for a subject), or null.</summary>
    public string? SubjectKeyMember { get; }

    /// <summary>The member that identifies a row, or null when the entity has no single-member key.</summary>
    public string? RowKeyMember { get; }

    /// <summary>The days of <c>[Retention]</c>, or null.</summary>
    public int? RetentionDays { get; }

    /// <summary>The clock member of <c>[Retention]</c>, or null.</summary>
    public string? RetentionFrom { get; }

    /// <summary>What erasing the subject does to the rows, or null when the rows are not tied to a subject.</summary>
    public ErasureAction? Erasure { get; }

    /// <summary>The replacement of personal text members when rows are anonymised, or null.</summary>
    public string? Replacement { get; }

    /// <summary>The classified members, in the map's order.</summary>
    public IReadOnlyList<PersonalDataMember> Members { get; }

    /// <summary>
    /// Adds what the rights need to the EF Core model: the <see cref="PersonalDataModel.ErasureRequestedAtProperty"/>
    /// shadow property and a query filter that hides the rows where it is set (for an entity tied to a subject),
    /// combined with a filter the app declared. Called once per model, after the context's own <c>OnModelCreating</c>.
    /// </summary>
    /// <param name="modelBuilder">The context's model builder.</param>
    public abstract void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>
    /// Writes the subject's rows as one JSON array: per row an object with the row key, the subject key and the
    /// classified members (credentials as <see cref="PersonalDataModel.CredentialPlaceholder"/>), streamed from the
    /// database without tracking and flushed to the writer's stream as it goes.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="subjectKey">The subject's key.</param>
    /// <param name="writer">The writer, over the export's stream.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of rows written.</returns>
    public abstract Task<int> WriteRowsAsync(DbContext context, object subjectKey, Utf8JsonWriter writer, CancellationToken cancellationToken);

    /// <summary>
    /// Sets (<paramref name="requestedAtUnixMilliseconds"/> given) or clears (null) the
    /// <see cref="PersonalDataModel.ErasureRequestedAtProperty"/> of the subject's rows, in one statement.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="subjectKey">The subject's key.</param>
    /// <param name="requestedAtUnixMilliseconds">When the erasure was requested, or null to restore the rows.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>The number of rows changed.</returns>
    public abstract Task<int> MarkErasureRequestedAsync(DbContext context, object subjectKey, long? requestedAtUnixMilliseconds, CancellationToken cancellationToken);

    /// <summary>
    /// Erases the subject's rows in one statement: deletes them (<see cref="ErasureAction.Delete"/>) or clears their
    /// subject key, replaces their classified members (text by <see cref="Replacement"/>, other values by their
    /// default) and clears their erasure mark (<see cref="ErasureAction.Anonymise"/>). Idempotent: rows already
    /// erased are not found again.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="subjectKey">The subject's key.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>The number of rows deleted or anonymised; 0 when <see cref="Erasure"/> is null.</returns>
    public abstract Task<int> EraseAsync(DbContext context, object subjectKey, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the subject with <paramref name="subjectKey"/> exists (its erasure requested or not) and when its
    /// erasure was requested; (false, null) for an entity that is not a subject.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="subjectKey">The subject's key.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Whether the subject's row exists, and its erasure mark (Unix milliseconds) or null.</returns>
    public abstract Task<(bool Exists, long? ErasureRequestedAtUnixMilliseconds)> FindSubjectAsync(DbContext context, object subjectKey, CancellationToken cancellationToken);

    /// <summary>
    /// The keys of subjects whose erasure was requested at or before <paramref name="requestedAtOrBeforeUnixMilliseconds"/>,
    /// at most <paramref name="maxCount"/> of them; empty for an entity that is not a subject.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="requestedAtOrBeforeUnixMilliseconds">The latest request time that is due.</param>
    /// <param name="maxCount">The most keys to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The subjects' keys, boxed.</returns>
    public abstract Task<IReadOnlyList<object>> FindErasuresRequestedAsync(DbContext context, long requestedAtOrBeforeUnixMilliseconds, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="batchSize"/> rows whose <see cref="RetentionFrom"/> clock is before
    /// <paramref name="cutoff"/>, oldest first; 0 for an entity without <c>[Retention]</c>.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="cutoff">Rows older than this are expired.</param>
    /// <param name="batchSize">The most rows to delete.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>The number of rows deleted.</returns>
    public abstract Task<int> DeleteExpiredAsync(DbContext context, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>
    /// The cutoff of a <see cref="DateTime"/> retention clock as the clock's column holds times, for the generated code.
    /// A column of timestamps without a time zone (PostgreSQL's <c>timestamp</c>) holds wall-clock times without a kind,
    /// which PiiGuard reads as UTC: the cutoff is then the UTC wall-clock time without a kind (Npgsql refuses to compare
    /// such a column with a UTC <see cref="DateTime"/>, which would stop the retention of the entity). Any other column
    /// gets the cutoff in UTC.
    /// </summary>
    /// <param name="context">The context, whose model says how the clock is stored.</param>
    /// <param name="cutoff">Rows older than this are expired.</param>
    /// <returns>The cutoff in UTC, of kind <see cref="DateTimeKind.Utc"/> or, for a column without a time zone, <see cref="DateTimeKind.Unspecified"/>.</returns>
    protected DateTime DateTimeCutoff(DbContext context, DateTimeOffset cutoff)
    {
        ArgumentNullException.ThrowIfNull(context);
        DateTime utc = cutoff.UtcDateTime;
        string? storeType = RetentionFrom is null
            ? null
            : (context.Model.FindEntityType(ClrType)?.FindProperty(RetentionFrom)?.FindTypeMapping() as RelationalTypeMapping)?.StoreType;
        return IsTimestampWithoutTimeZone(storeType) ? DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) : utc;
    }

    /// <summary>Whether a column of <paramref name="storeType"/> holds timestamps without a time zone (<c>timestamp</c>, <c>timestamp(3) without time zone</c>).</summary>
    internal static bool IsTimestampWithoutTimeZone(string? storeType) =>
        storeType is not null &&
        storeType.StartsWith("timestamp", StringComparison.OrdinalIgnoreCase) &&
        !storeType.StartsWith("timestamptz", StringComparison.OrdinalIgnoreCase) &&
        !storeType.Contains("with time zone", StringComparison.OrdinalIgnoreCase);

    /// <summary>The error for a subject key of the wrong type, for the generated code.</summary>
    /// <param name="expected">The subject key's type.</param>
    /// <param name="subjectKey">The key that was given (only its type is named, never its value).</param>
    protected ArgumentException WrongSubjectKey(Type expected, object? subjectKey) =>
        new($"The subject key of '{Name}' is a {expected.FullName}, not {(subjectKey is null ? "null" : "a " + subjectKey.GetType().FullName)}.", nameof(subjectKey));
}
