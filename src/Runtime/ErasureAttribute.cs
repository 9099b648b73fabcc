using System;

namespace PiiGuard;

/// <summary>
/// What erasing a data subject does to the rows of this type that belong to them: <see cref="ErasureAction.Delete"/>
/// (the default when a type has no <c>[Erasure]</c>) or <see cref="ErasureAction.Anonymise"/>, which keeps the row
/// (a comment in a thread others replied to) without anything of its subject.
/// </summary>
/// <example><code>[Erasure(ErasureAction.Anonymise, Replacement = "[deleted user]")]</code></example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = true)]
public sealed class ErasureAttribute : Attribute
{
    /// <summary>Erases the type's rows of a subject with <paramref name="action"/>.</summary>
    /// <param name="action">Delete the rows, or keep them anonymised.</param>
    public ErasureAttribute(ErasureAction action)
    {
        Action = action;
    }

    /// <summary>What erasure does to the rows.</summary>
    public ErasureAction Action { get; }

    /// <summary>The text that replaces personal text members when rows are anonymised; null leaves them empty.</summary>
    public string? Replacement { get; set; }
}
