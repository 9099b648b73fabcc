using PiiGuard.EntityFrameworkCore;
using PiiGuard.EntityFrameworkCore.Rights;

namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// A data subject's rights on a <c>DbContext</c> with <c>UsePersonalDataRights</c>: export, erasure with a grace
/// period, restore, and the maintenance that erases and expires. Each works through the code PiiGuard's generator
/// wrote for the context (<see cref="PersonalDataModel"/>), on every entity of the data map tied to the subject, with
/// the context's query filters ignored.
/// </summary>
/// <remarks>
/// The methods without a type argument need a context with exactly one data subject type; with several, name the
/// subject type (<c>ExportPersonalDataAsync&lt;Customer&gt;(...)</c>). A subject key is the subject's own key, boxed,
/// of exactly its type (a <see cref="Guid"/> for a <c>Guid</c> key); another type is an <see cref="ArgumentException"/>.
/// Errors name types and members, never a key or a value.
/// </remarks>
public static class PersonalDataRightsDbContextExtensions
{
    /// <summary>
    /// Writes everything the context holds about one subject to <paramref name="destination"/> as a ZIP: one JSON file
    /// per entity tied to the subject (an array of its rows: the row key, the subject key and the classified members;
    /// credentials as <see cref="PersonalDataModel.CredentialPlaceholder"/>), <c>manifest.json</c> (what each file
    /// holds: row count, keys, members with kind and purpose, retention, erasure) and <c>personal-data.md</c>. Rows are
    /// streamed from the database into the ZIP and on to <paramref name="destination"/> as they are read, with only
    /// asynchronous writes to it, so it may be a response body that is neither seekable nor synchronous. A subject who
    /// asked for erasure can still export during the grace period.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="subjectKey">The subject's key.</param>
    /// <param name="destination">Where the ZIP goes; left open.</param>
    /// <param name="cancellationToken">Cancels the export (the destination then holds part of a ZIP).</param>
    /// <returns>True when the ZIP was written; false when no subject has this key, and nothing was written.</returns>
    /// <exception cref="InvalidOperationException">The context does not use <c>UsePersonalDataRights</c>, has no personal data model, or does not have exactly one subject type.</exception>
    public static Task<bool> ExportPersonalDataAsync(this DbContext context, object subjectKey, Stream destination, CancellationToken cancellationToken = default) =>
        PersonalDataExporter.ExportAsync(context, null, subjectKey, destination, cancellationToken);

    /// <summary>Writes everything the context holds about one subject of type <typeparamref name="TSubject"/> as a ZIP: see <see cref="ExportPersonalDataAsync(DbContext, object, Stream, CancellationToken)"/>.</summary>
    /// <typeparam name="TSubject">The subject type the key belongs to.</typeparam>
    /// <param name="context">The context.</param>
    /// <param name="subjectKey">The subject's key.</param>
    /// <param name="destination">Where the ZIP goes; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>True when the ZIP was written; false when no subject has this key, and nothing was written.</returns>
    public static Task<bool> ExportPersonalDataAsync<TSubject>(this DbContext context, object subjectKey, Stream destination, CancellationToken cancellationToken = default)
        where TSubject : class =>
        PersonalDataExporter.ExportAsync(context, typeof(TSubject), subjectKey, destination, cancellationToken);

    /// <summary>
    /// Records that a subject asked for erasure: in one transaction the subject's row and every row tied to it are
    /// marked with the time (the rights' clock), which hides them from the context's queries at once. During the
    /// grace period <see cref="RestoreAsync(DbContext, object, CancellationToken)"/> takes it back; after it, the next
    /// maintenance run erases them. Asking again keeps the first request's time (and marks rows added since).
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="subjectKey">The subject's key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When the erasure is due (the first request's time plus the grace period), or null when no subject has this key.</returns>
    public static Task<DateTimeOffset?> RequestErasureAsync(this DbContext context, object subjectKey, CancellationToken cancellationToken = default) =>
        PersonalDataErasureRequests.RequestAsync(context, null, subjectKey, cancellationToken);

    /// <summary>Records that a subject of type <typeparamref name="TSubject"/> asked for erasure: see <see cref="RequestErasureAsync(DbContext, object, CancellationToken)"/>.</summary>
    /// <typeparam name="TSubject">The subject type the key belongs to.</typeparam>
    /// <param name="context">The context.</param>
    /// <param name="subjectKey">The subject's key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When the erasure is due, or null when no subject has this key.</returns>
    public static Task<DateTimeOffset?> RequestErasureAsync<TSubject>(this DbContext context, object subjectKey, CancellationToken cancellationToken = default)
        where TSubject : class =>
        PersonalDataErasureRequests.RequestAsync(context, typeof(TSubject), subjectKey, cancellationToken);

    /// <summary>
    /// Takes back a subject's erasure request during its grace period: in one transaction the marks are cleared and the
    /// rows are visible again.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="subjectKey">The subject's key.</param>
    /// <param name="cancellationToken">Cancels the restore.</param>
    /// <returns>
    /// True when the subject was restored; false when there is nothing to restore: no subject has this key, its erasure
    /// was not requested, or the grace period is over (the erasure is due, and a maintenance run may have begun it).
    /// </returns>
    public static Task<bool> RestoreAsync(this DbContext context, object subjectKey, CancellationToken cancellationToken = default) =>
        PersonalDataErasureRequests.RestoreAsync(context, null, subjectKey, cancellationToken);

    /// <summary>Takes back the erasure request of a subject of type <typeparamref name="TSubject"/>: see <see cref="RestoreAsync(DbContext, object, CancellationToken)"/>.</summary>
    /// <typeparam name="TSubject">The subject type the key belongs to.</typeparam>
    /// <param name="context">The context.</param>
    /// <param name="subjectKey">The subject's key.</param>
    /// <param name="cancellationToken">Cancels the restore.</param>
    /// <returns>True when the subject was restored; false when there is nothing to restore.</returns>
    public static Task<bool> RestoreAsync<TSubject>(this DbContext context, object subjectKey, CancellationToken cancellationToken = default)
        where TSubject : class =>
        PersonalDataErasureRequests.RestoreAsync(context, typeof(TSubject), subjectKey, cancellationToken);

    /// <summary>
    /// Runs the personal data maintenance once, on the rights' clock: first the erasures that are due (requested at
    /// least the grace period ago), each subject table by table in a transaction per table, in an order the database
    /// accepts (anonymised entities, then deleted ones with dependents before the entities their foreign keys point
    /// to, the subject last, so that a run cut short leaves the subject marked and the next run finishes it); then
    /// retention, per entity with <c>[Retention]</c>, in batches of <see cref="PersonalDataRightsOptions.BatchSize"/>
    /// rows until a batch is short. Each runs at most <see cref="PersonalDataRightsOptions.MaxBatchesPerRun"/> batches
    /// per subject type or entity; the rest waits for the next run. On SQLite it ends with a TRUNCATE checkpoint of
    /// the write-ahead log, so that no older image of an erased page stays in it. A part that fails is in the report's
    /// failures, and the run goes on with the rest. <c>AddPersonalDataMaintenance&lt;TContext&gt;</c> runs it on a timer.
    /// </summary>
    /// <param name="context">The context; outside a transaction.</param>
    /// <param name="cancellationToken">Cancels the run between two statements.</param>
    /// <returns>What the run did, counted per entity.</returns>
    public static Task<PersonalDataMaintenanceReport> RunPersonalDataMaintenanceAsync(this DbContext context, CancellationToken cancellationToken = default) =>
        PersonalDataMaintenance.RunAsync(context, cancellationToken);
}
