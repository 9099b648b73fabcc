using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PiiGuard.EntityFrameworkCore;

/// <summary>
/// Encrypts every credential of a <see cref="PersonalDataModel"/> at rest: a value converter on each mapped member
/// with <see cref="PersonalDataMember.IsCredential"/> protects the value on write and unprotects it on read, with
/// ASP.NET Core Data Protection. Each member has its own protector, whose purpose names PiiGuard, the entity and the
/// member, so that a ciphertext copied into another credential's column does not decrypt there.
/// </summary>
/// <remarks>
/// <para>
/// A <see cref="string"/> credential is stored as Data Protection's base64url text, a <see cref="byte"/> array as the
/// protected bytes. Null stays null (nothing is encrypted). The encryption is not deterministic: a query cannot compare
/// a credential column with a value.
/// </para>
/// <para>
/// The protectors live in the EF Core model, which EF Core caches per context type: a context whose model is built with
/// one <see cref="IDataProtectionProvider"/> keeps it for every instance, unless the model cache key tells providers apart.
/// </para>
/// </remarks>
internal static class CredentialEncryption
{
    /// <summary>The first part of every credential protector's purpose; the entity's and the member's names follow.</summary>
    internal const string Purpose = "PiiGuard.EntityFrameworkCore.Credentials";

    /// <summary>Adds the converters. Called after the context's own <c>OnModelCreating</c> and the entities' <c>ConfigureModel</c>.</summary>
    /// <param name="modelBuilder">The context's model builder.</param>
    /// <param name="model">The context's personal data model.</param>
    /// <param name="provider">The app's data protection.</param>
    /// <exception cref="InvalidOperationException">A credential member is not a <see cref="string"/> or a <see cref="byte"/> array, or has a value converter of the app's own.</exception>
    internal static void Apply(ModelBuilder modelBuilder, PersonalDataModel model, IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(provider);
        foreach (PersonalDataEntity entity in model.Entities)
        {
            foreach (PersonalDataMember member in entity.Members)
            {
                if (!member.IsCredential)
                {
                    continue;
                }

                // A member the model does not map is not stored, so there is nothing to encrypt.
                IMutableProperty? property = modelBuilder.Model.FindEntityType(entity.ClrType)?.FindProperty(member.Name);
                if (property is null)
                {
                    continue;
                }

                if (property.GetValueConverter() is not null || property.GetProviderClrType() is not null)
                {
                    throw new InvalidOperationException(
                        $"The credential {entity.Name}.{member.Name} has a value converter or provider type of its own; PiiGuard encrypts credentials with its own converter, so remove the app's from this property.");
                }

                IDataProtector protector = provider.CreateProtector(Purpose, entity.Name, member.Name);
                if (property.ClrType == typeof(string))
                {
                    property.SetValueConverter(ForText(protector, entity.Name, member.Name));
                }
                else if (property.ClrType == typeof(byte[]))
                {
                    property.SetValueConverter(ForBytes(protector, entity.Name, member.Name));
                }
                else
                {
                    throw new InvalidOperationException(
                        $"The credential {entity.Name}.{member.Name} is a {property.ClrType.FullName}; PiiGuard encrypts credentials that are a string or a byte array. Store the credential as one of them.");
                }
            }
        }
    }

    private static ValueConverter<string, string> ForText(IDataProtector protector, string entityName, string memberName) =>
        new(value => protector.Protect(value), stored => UnprotectText(protector, stored, entityName, memberName));

    private static ValueConverter<byte[], byte[]> ForBytes(IDataProtector protector, string entityName, string memberName) =>
        new(value => protector.Protect(value), stored => UnprotectBytes(protector, stored, entityName, memberName));

    private static string UnprotectText(IDataProtector protector, string stored, string entityName, string memberName)
    {
        try
        {
            return protector.Unprotect(stored);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw new PersonalDataProtectionException(entityName, memberName, e);
        }
    }

    private static byte[] UnprotectBytes(IDataProtector protector, byte[] stored, string entityName, string memberName)
    {
        try
        {
            return protector.Unprotect(stored);
        }
        catch (CryptographicException e)
        {
            throw new PersonalDataProtectionException(entityName, memberName, e);
        }
    }
}
