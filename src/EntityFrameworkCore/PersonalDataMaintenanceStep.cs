namespace PiiGuard.EntityFrameworkCore;

/// <summary>The step of a personal data maintenance run that a <see cref="PersonalDataMaintenanceFailure"/> happened in.</summary>
public enum PersonalDataMaintenanceStep
{
    /// <summary>Erasing a subject whose grace period was over.</summary>
    Erasure = 0,

    /// <summary>Deleting rows past their <c>[Retention]</c>.</summary>
    Retention = 1,
}
