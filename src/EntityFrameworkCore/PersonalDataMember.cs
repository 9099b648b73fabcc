namespace PiiGuard.EntityFrameworkCore;

/// <summary>A classified member of a <see cref="PersonalDataEntity"/>, as the project's data map describes it.</summary>
public sealed class PersonalDataMember
{
    /// <summary>Describes a classified member.</summary>
    /// <param name="name">The member's name.</param>
    /// <param name="kind">The kind as the data map writes it (<c>contact</c>, <c>user_content</c>, <c>unspecified</c>, ...).</param>
    /// <param name="purpose">The stated purpose, or null.</param>
    /// <param name="isCredential">Whether the member is classified as a credential: never exported in plain text, encrypted at rest.</param>
    public PersonalDataMember(string name, string kind, string? purpose, bool isCredential)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        Name = name;
        Kind = kind;
        Purpose = purpose;
        IsCredential = isCredential;
    }

    /// <summary>The member's name.</summary>
    public string Name { get; }

    /// <summary>The kind as the data map writes it (<c>contact</c>, <c>user_content</c>, <c>unspecified</c>, ...).</summary>
    public string Kind { get; }

    /// <summary>The stated purpose, or null.</summary>
    public string? Purpose { get; }

    /// <summary>Whether the member is classified as a credential: never exported in plain text, encrypted at rest.</summary>
    public bool IsCredential { get; }
}
