using Microsoft.AspNetCore.DataProtection;

namespace PiiGuard.EntityFrameworkCore;

/// <summary>
/// How a <c>DbContext</c> carries out its data subjects' rights: set with
/// <c>UsePersonalDataRights(options =&gt; ...)</c> on the context's options.
/// </summary>
public sealed class PersonalDataRightsOptions
{
    /// <summary>The longest <see cref="GracePeriod"/>: ten years.</summary>
    public static readonly TimeSpan MaxGracePeriod = TimeSpan.FromDays(3650);

    /// <summary>
    /// How long a subject who asked for erasure can still be restored (<c>RestoreAsync</c>): the subject's rows are
    /// hidden from the context's queries at once and erased by the first maintenance run after this. Default 30 days;
    /// zero erases at the next run; at most <see cref="MaxGracePeriod"/>.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The clock of the rights: when an erasure was requested and is due, which rows are past their retention, and the
    /// time an export says it was made. Default <see cref="TimeProvider.System"/>; in an app with dependency injection,
    /// pass the app's (<c>services.GetRequiredService&lt;TimeProvider&gt;()</c> in <c>AddDbContext</c>'s options action).
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The most rows one retention statement deletes, and the most subjects whose erasure one query finds. Default 500;
    /// between 1 and 100,000.
    /// </summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// The most batches of <see cref="BatchSize"/> one maintenance run takes per entity for retention, and per subject
    /// type for erasures, so that a run after a long pause ends in bounded time; what is left waits for the next run.
    /// Default 100; between 1 and 100,000.
    /// </summary>
    public int MaxBatchesPerRun { get; set; } = 100;

    /// <summary>
    /// The ASP.NET Core Data Protection provider that encrypts the members classified as credentials at rest. Required
    /// when the context's model has credentials.
    /// </summary>
    public IDataProtectionProvider? DataProtectionProvider { get; set; }

    /// <summary>The first setting out of range, as a message that names it; null when all are in range.</summary>
    internal string? Check()
    {
        if (TimeProvider is null)
        {
            return $"{nameof(PersonalDataRightsOptions)}.{nameof(TimeProvider)} must not be null.";
        }

        if (GracePeriod < TimeSpan.Zero || GracePeriod > MaxGracePeriod)
        {
            return $"{nameof(PersonalDataRightsOptions)}.{nameof(GracePeriod)} must be between zero and {MaxGracePeriod.TotalDays:0} days.";
        }

        if (BatchSize is < 1 or > 100_000)
        {
            return $"{nameof(PersonalDataRightsOptions)}.{nameof(BatchSize)} must be between 1 and 100,000.";
        }

        if (MaxBatchesPerRun is < 1 or > 100_000)
        {
            return $"{nameof(PersonalDataRightsOptions)}.{nameof(MaxBatchesPerRun)} must be between 1 and 100,000.";
        }

        return null;
    }

    /// <summary>A copy, so that the context's options cannot change after they were given.</summary>
    internal PersonalDataRightsOptions Clone() => new()
    {
        GracePeriod = GracePeriod,
        TimeProvider = TimeProvider,
        BatchSize = BatchSize,
        MaxBatchesPerRun = MaxBatchesPerRun,
        DataProtectionProvider = DataProtectionProvider,
    };
}
