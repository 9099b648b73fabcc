using System;

namespace PiiGuard;

/// <summary>
/// Marks the one <see cref="Guid"/> member of a payload that identifies an installation. The id is a random
/// UUIDv4, never derived from hardware, and is discarded when the user deletes their data.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class InstallationIdAttribute : Attribute
{
}
