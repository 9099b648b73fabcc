using System;

namespace PiiGuard;

/// <summary>
/// Says that a type with personal members has, on purpose, no way to a data subject, and why ("a shared contact of a
/// manufacturer, no user's data"). Without it, such a type is an error: the export and the erasure could not find its rows.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class NoSubjectKeyAttribute : Attribute
{
    /// <summary>Says the type has no subject key, with the reason.</summary>
    /// <param name="reason">Why the type's rows belong to no data subject; not empty.</param>
    public NoSubjectKeyAttribute(string reason)
    {
        Reason = reason;
    }

    /// <summary>Why the type's rows belong to no data subject.</summary>
    public string Reason { get; }
}
