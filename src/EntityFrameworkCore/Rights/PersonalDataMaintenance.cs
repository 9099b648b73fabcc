using Microsoft.EntityFrameworkCore;

namespace PiiGuard.EntityFrameworkCore.Rights;

/// <summary>
/// One maintenance run: the erasures that are due (their grace period over), then retention, on the options' clock.
/// </summary>
internal static class PersonalDataMaintenance
{
    /// <summary>Copies the pages of SQLite's write-ahead log into the database and empties the log.</summary>
    internal const string SqliteCheckpoint = "PRAGMA wal_checkpoint(TRUNCATE);";

    public static async Task<PersonalDataMaintenanceReport> RunAsync(DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        PersonalDataRightsOptions options = RightsContext.OptionsOf(context);
        PersonalDataModel model = PersonalDataModel.For(context.GetType());
        if (context.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException(
                "RunPersonalDataMaintenanceAsync erases each table in a transaction of its own, so that a run cut short leaves a state the next run finishes: call it outside a transaction.");
        }

        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        var run = new Run(context, options);
        bool sqlite = context.Database.ProviderName == PersonalDataModelCustomizer.SqliteProviderName;

        // One connection for the run, with secure_delete on even when the app opened it and EF Core did not.
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (sqlite)
            {
                await context.Database.ExecuteSqlRawAsync(SqliteSecureDeleteInterceptor.Pragma, cancellationToken).ConfigureAwait(false);
            }

            long dueAt = RightsContext.UnixMilliseconds(now - options.GracePeriod);
            foreach (PersonalDataEntity subject in model.Entities.Where(entity => entity.IsSubject))
            {
                await run.EraseDueAsync(ErasureOrder.For(model, subject, context.Model), dueAt, cancellationToken).ConfigureAwait(false);
            }

            foreach (PersonalDataEntity entity in model.Entities.Where(entity => entity.RetentionDays is not null))
            {
                await run.ExpireAsync(entity, now - TimeSpan.FromDays(entity.RetentionDays!.Value), cancellationToken).ConfigureAwait(false);
            }

            if (sqlite && run.DeletedAny)
            {
                // Deleted rows are zeroed in the pages (secure_delete), but the write-ahead log still holds older
                // images of those pages until a checkpoint copies the new ones back: a TRUNCATE checkpoint does and
                // empties the log. A reader that holds an old snapshot keeps its pages in the log until the next run.
                await context.Database.ExecuteSqlRawAsync(SqliteCheckpoint, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }

        return run.Report(now);
    }

    private sealed class Run(DbContext context, PersonalDataRightsOptions options)
    {
        private readonly Dictionary<string, int> _erased = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _expired = new(StringComparer.Ordinal);
        private readonly List<PersonalDataMaintenanceFailure> _failures = [];
        private int _subjectsErased;
        private bool _moreDue;

        public bool DeletedAny => _erased.Count > 0 || _expired.Count > 0;

        public PersonalDataMaintenanceReport Report(DateTimeOffset ranAt) => new(ranAt, _subjectsErased, _erased, _expired, _moreDue, _failures);

        /// <summary>Erases the subjects whose grace period is over, batch by batch, at most <see cref="PersonalDataRightsOptions.MaxBatchesPerRun"/> batches.</summary>
        public async Task EraseDueAsync(IReadOnlyList<PersonalDataEntity> order, long dueAt, CancellationToken cancellationToken)
        {
            PersonalDataEntity subject = order[^1];
            for (int batch = 1; ; batch++)
            {
                IReadOnlyList<object> keys = await subject.FindErasuresRequestedAsync(context, dueAt, options.BatchSize, cancellationToken).ConfigureAwait(false);
                int erased = 0;
                foreach (object key in keys)
                {
                    if (await EraseAsync(order, key, cancellationToken).ConfigureAwait(false))
                    {
                        erased++;
                    }
                }

                // A short batch was the last; a batch where every erasure failed would only find the same subjects again.
                if (keys.Count < options.BatchSize || erased == 0)
                {
                    return;
                }

                if (batch == options.MaxBatchesPerRun)
                {
                    _moreDue = true;
                    return;
                }
            }
        }

        /// <summary>Deletes the rows of <paramref name="entity"/> older than <paramref name="cutoff"/>, batch by batch, at most <see cref="PersonalDataRightsOptions.MaxBatchesPerRun"/> batches.</summary>
        public async Task ExpireAsync(PersonalDataEntity entity, DateTimeOffset cutoff, CancellationToken cancellationToken)
        {
            try
            {
                for (int batch = 1; ; batch++)
                {
                    int deleted = await entity.DeleteExpiredAsync(context, cutoff, options.BatchSize, cancellationToken).ConfigureAwait(false);
                    Add(_expired, entity, deleted);
                    if (deleted < options.BatchSize)
                    {
                        return;
                    }

                    if (batch == options.MaxBatchesPerRun)
                    {
                        _moreDue = true;
                        return;
                    }
                }
            }
            catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
            {
                _failures.Add(new PersonalDataMaintenanceFailure(PersonalDataMaintenanceStep.Retention, entity.Name, exception));
            }
        }

        /// <summary>Erases one subject table by table, each in a transaction of its own; whether it got to the end.</summary>
        private async Task<bool> EraseAsync(IReadOnlyList<PersonalDataEntity> order, object key, CancellationToken cancellationToken)
        {
            foreach (PersonalDataEntity entity in order)
            {
                try
                {
                    // The run refuses to start inside the app's transaction, so each table gets a new one.
                    int erased = await RightsContext.InTransactionAsync(context, token => entity.EraseAsync(context, key, token), cancellationToken).ConfigureAwait(false);
                    Add(_erased, entity, erased);
                }
                catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
                {
                    _failures.Add(new PersonalDataMaintenanceFailure(PersonalDataMaintenanceStep.Erasure, entity.Name, exception));
                    return false;
                }
            }

            _subjectsErased++;
            return true;
        }

        private static void Add(Dictionary<string, int> counts, PersonalDataEntity entity, int rows)
        {
            if (rows > 0)
            {
                counts[entity.Name] = counts.GetValueOrDefault(entity.Name) + rows;
            }
        }

        private static bool IsCancellation(Exception exception, CancellationToken cancellationToken) =>
            exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
    }
}
