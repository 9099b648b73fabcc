using System;

namespace PiiGuard;

/// <summary>
/// Says that a member whose name reads as personal data is not personal data, and why ("the manufacturer's product
/// name, the same for every user"). The reason is kept in the source for reviewers; the member stays out of the data map.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class NotPersonalDataAttribute : Attribute
{
    /// <summary>Clears the member, with the reason.</summary>
    /// <param name="reason">Why the member is not personal data; not empty.</param>
    public NotPersonalDataAttribute(string reason)
    {
        Reason = reason;
    }

    /// <summary>Why the member is not personal data.</summary>
    public string Reason { get; }
}
