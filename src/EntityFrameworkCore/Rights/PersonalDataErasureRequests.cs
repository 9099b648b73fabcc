using Microsoft.EntityFrameworkCore;

namespace PiiGuard.EntityFrameworkCore.Rights;

/// <summary>Asking for erasure (the soft delete) and taking it back, each in one transaction.</summary>
internal static class PersonalDataErasureRequests
{
    public static async Task<DateTimeOffset?> RequestAsync(DbContext context, Type? subjectType, object subjectKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(subjectKey);
        (PersonalDataRightsOptions options, _, PersonalDataEntity subject, PersonalDataEntity[] entities) =
            RightsContext.RightsOver(context, subjectType, "RequestErasureAsync");
        long now = RightsContext.UnixMilliseconds(options.TimeProvider.GetUtcNow());

        long? requestedAt = await RightsContext.InTransactionAsync(
            context,
            async token =>
            {
                (bool exists, long? earlier) = await subject.FindSubjectAsync(context, subjectKey, token).ConfigureAwait(false);
                if (!exists)
                {
                    return (long?)null;
                }

                // A second request keeps the first one's time (the grace period does not start again), and marks rows
                // the subject gained since with it.
                long mark = earlier ?? now;
                foreach (PersonalDataEntity entity in entities)
                {
                    await entity.MarkErasureRequestedAsync(context, subjectKey, mark, token).ConfigureAwait(false);
                }

                return mark;
            },
            cancellationToken).ConfigureAwait(false);
        return requestedAt is { } time ? DateTimeOffset.FromUnixTimeMilliseconds(time) + options.GracePeriod : null;
    }

    public static async Task<bool> RestoreAsync(DbContext context, Type? subjectType, object subjectKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(subjectKey);
        (PersonalDataRightsOptions options, _, PersonalDataEntity subject, PersonalDataEntity[] entities) =
            RightsContext.RightsOver(context, subjectType, "RestoreAsync");
        DateTimeOffset now = options.TimeProvider.GetUtcNow();

        return await RightsContext.InTransactionAsync(
            context,
            async token =>
            {
                (bool exists, long? requestedAt) = await subject.FindSubjectAsync(context, subjectKey, token).ConfigureAwait(false);
                if (!exists || requestedAt is not { } requested || now >= DateTimeOffset.FromUnixTimeMilliseconds(requested) + options.GracePeriod)
                {
                    // Nothing to restore: no such subject, no erasure asked for, or the grace period is over and the
                    // erasure is due (a maintenance run may have begun it).
                    return false;
                }

                foreach (PersonalDataEntity entity in entities)
                {
                    await entity.MarkErasureRequestedAsync(context, subjectKey, null, token).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }
}
