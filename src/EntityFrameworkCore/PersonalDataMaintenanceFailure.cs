namespace PiiGuard.EntityFrameworkCore;

/// <summary>
/// A part of a maintenance run that failed; the run went on with the rest, and the next run tries it again (a subject
/// whose erasure failed stays marked and hidden). Log <see cref="EntityName"/>, <see cref="Step"/> and the exception's
/// type: a database's error message can hold key values.
/// </summary>
public sealed class PersonalDataMaintenanceFailure
{
    internal PersonalDataMaintenanceFailure(PersonalDataMaintenanceStep step, string entityName, Exception exception)
    {
        Step = step;
        EntityName = entityName;
        Exception = exception;
    }

    /// <summary>The step that failed.</summary>
    public PersonalDataMaintenanceStep Step { get; }

    /// <summary>The data map's name of the entity whose statement failed (for an erasure, the table it had reached).</summary>
    public string EntityName { get; }

    /// <summary>What went wrong.</summary>
    public Exception Exception { get; }
}
