namespace PiiGuard.EntityFrameworkCore;

/// <summary>
/// What one personal data maintenance run did: counts per entity, by the data map's type names. It holds no key and
/// no value, so it can be logged as it is (its failures' exceptions aside: log only their type).
/// </summary>
public sealed class PersonalDataMaintenanceReport
{
    internal PersonalDataMaintenanceReport(
        DateTimeOffset ranAt,
        int subjectsErased,
        IReadOnlyDictionary<string, int> rowsErased,
        IReadOnlyDictionary<string, int> rowsExpired,
        bool moreDue,
        IReadOnlyList<PersonalDataMaintenanceFailure> failures)
    {
        RanAt = ranAt;
        SubjectsErased = subjectsErased;
        RowsErased = rowsErased;
        RowsExpired = rowsExpired;
        MoreDue = moreDue;
        Failures = failures;
    }

    /// <summary>The time of the run, on the rights' clock (<see cref="PersonalDataRightsOptions.TimeProvider"/>).</summary>
    public DateTimeOffset RanAt { get; }

    /// <summary>How many subjects were erased completely (their own row deleted last).</summary>
    public int SubjectsErased { get; }

    /// <summary>Rows deleted or anonymised by erasures, per entity name; entities with none are left out.</summary>
    public IReadOnlyDictionary<string, int> RowsErased { get; }

    /// <summary>Rows deleted because they were past their <c>[Retention]</c>, per entity name; entities with none are left out.</summary>
    public IReadOnlyDictionary<string, int> RowsExpired { get; }

    /// <summary>
    /// Whether the run stopped at <see cref="PersonalDataRightsOptions.MaxBatchesPerRun"/> for an entity or a subject
    /// type, leaving rows or erasures that were due for the next run.
    /// </summary>
    public bool MoreDue { get; }

    /// <summary>What failed; the run went on with everything else, and the next run tries it again.</summary>
    public IReadOnlyList<PersonalDataMaintenanceFailure> Failures { get; }
}
