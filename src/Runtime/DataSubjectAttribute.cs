using System;

namespace PiiGuard;

/// <summary>
/// Marks the type that is the person personal data belongs to (a <c>User</c>, an <c>Account</c>). The data map starts
/// from its subjects: every other type that holds personal data says whose rows they are with
/// <see cref="SubjectKeyAttribute"/>, so that exporting and erasing a subject's data can find all of it.
/// </summary>
/// <remarks>
/// A project with a data subject is held to the application-data rules (PII1xx): its subjects' members, the members
/// of every type that holds a subject key, and the members of every entity of an EF Core <c>DbContext</c> that read as
/// personal must be classified with <see cref="PersonalDataAttribute"/> or cleared with
/// <see cref="NotPersonalDataAttribute"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class DataSubjectAttribute : Attribute
{
}
