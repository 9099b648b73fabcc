namespace PiiGuard.EntityFrameworkCore;

/// <summary>
/// Thrown when a credential read from the database cannot be decrypted: the data protection key that encrypted it is
/// missing from the key ring or revoked, the stored value was never encrypted by PiiGuard, or it was written for
/// another entity or member (credentials are encrypted for the entity and member that hold them). PiiGuard never
/// returns an empty value in place of a credential it cannot read. The message names the entity and the member, never
/// the value or the ciphertext.
/// </summary>
/// <remarks>
/// With EF Core's <c>EnableDetailedErrors</c>, EF Core wraps it, as every error of a value converter, in an
/// <see cref="InvalidOperationException"/> whose inner exception it is.
/// </remarks>
public sealed class PersonalDataProtectionException : Exception
{
    /// <summary>Creates the exception for a credential of <paramref name="entityName"/> that cannot be decrypted.</summary>
    /// <param name="entityName">The entity's name in the data map.</param>
    /// <param name="memberName">The credential member's name.</param>
    /// <param name="innerException">The data protection error (it names keys, never values), or null.</param>
    public PersonalDataProtectionException(string entityName, string memberName, Exception? innerException)
        : base(
            $"PiiGuard cannot decrypt the credential {entityName}.{memberName} read from the database: the data protection key that encrypted it is missing from the key ring or revoked, " +
            "or the stored value was not encrypted by PiiGuard for this entity and member (written in plain text, copied from another column, or the entity or member was renamed since). " +
            "Restore the key ring that was in use when the value was written (its keys, and the same application name); PiiGuard never returns an empty value in place of a credential it cannot read.",
            innerException)
    {
        EntityName = entityName;
        MemberName = memberName;
    }

    /// <summary>The entity's name in the data map.</summary>
    public string EntityName { get; }

    /// <summary>The credential member's name.</summary>
    public string MemberName { get; }
}
