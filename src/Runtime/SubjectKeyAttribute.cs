using System;

namespace PiiGuard;

/// <summary>
/// Marks the member that holds the key of the data subject a row belongs to (<c>Spool.OwnerId</c> holds a
/// <c>User</c>'s key), so that the data map knows whose rows they are: export and erasure find a subject's rows by it.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class SubjectKeyAttribute : Attribute
{
    /// <summary>Marks the member as holding the key of a <paramref name="subject"/>.</summary>
    /// <param name="subject">The <see cref="DataSubjectAttribute">data subject</see> type whose key the member holds.</param>
    public SubjectKeyAttribute(Type subject)
    {
        Subject = subject;
    }

    /// <summary>The data subject type whose key the member holds.</summary>
    public Type Subject { get; }
}
