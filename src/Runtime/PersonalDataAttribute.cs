using System;

namespace PiiGuard;

/// <summary>
/// Classifies a property or field as personal data of a given <see cref="PersonalDataKind"/>, with the purpose it is
/// kept for. The data map (<c>personal-data.json</c>, <c>personal-data.md</c>) lists every classified member; the
/// application-data rules keep classified values out of logs, error reports and telemetry.
/// </summary>
/// <remarks>
/// ASP.NET Core Identity's <c>[PersonalData]</c> and <c>[ProtectedPersonalData]</c> and subclasses of
/// Microsoft.Extensions.Compliance's <c>DataClassificationAttribute</c> count as classifications too. Where this
/// attribute and Identity's are both in scope, write it as <c>[PiiGuard.PersonalData(...)]</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class PersonalDataAttribute : Attribute
{
    /// <summary>Classifies the member as personal data of <paramref name="kind"/>.</summary>
    /// <param name="kind">What kind of personal data the member holds.</param>
    public PersonalDataAttribute(PersonalDataKind kind)
    {
        Kind = kind;
    }

    /// <summary>What kind of personal data the member holds.</summary>
    public PersonalDataKind Kind { get; }

    /// <summary>Why the application keeps it, in words for the people it belongs to ("to sign you in").</summary>
    public string? Purpose { get; set; }
}
