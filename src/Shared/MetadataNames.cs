namespace PiiGuard.Shared;

/// <summary>
/// The names by which the analyzers, the generator, the code fixes and the MSBuild task find PiiGuard's types, and
/// the names the generated code and the MSBuild task agree on: defined once, here. A <c>…MetadataName</c> is a type's
/// full metadata name (for <c>GetTypeByMetadataName</c> and <c>ForAttributeWithMetadataName</c>); the others are
/// simple names, in <see cref="Namespace"/> unless they say otherwise.
/// </summary>
internal static class MetadataNames
{
    /// <summary>The namespace of PiiGuard's attributes and value types.</summary>
    public const string Namespace = "PiiGuard";

    public const string TelemetryPayloadAttribute = "TelemetryPayloadAttribute";
    public const string TelemetryFieldAttribute = "TelemetryFieldAttribute";
    public const string TelemetryValueAttribute = "TelemetryValueAttribute";
    public const string AggregatedAttribute = "AggregatedAttribute";
    public const string InstallationIdAttribute = "InstallationIdAttribute";
    public const string CountryCode = "CountryCode";

    /// <summary>The enum of <c>[Aggregated]</c>'s buckets, whose members are <c>Day</c> and <c>Week</c>.</summary>
    public const string Period = "Period";

    public const string TelemetryPayloadAttributeMetadataName = Namespace + "." + TelemetryPayloadAttribute;
    public const string TelemetryFieldAttributeMetadataName = Namespace + "." + TelemetryFieldAttribute;
    public const string AggregatedAttributeMetadataName = Namespace + "." + AggregatedAttribute;
    public const string InstallationIdAttributeMetadataName = Namespace + "." + InstallationIdAttribute;

    /// <summary><c>[TelemetryPayload(Name = …)]</c>: the payload's public name.</summary>
    public const string PayloadNameArgument = "Name";

    /// <summary><c>[TelemetryPayload(SchemaVersion = …)]</c>.</summary>
    public const string SchemaVersionArgument = "SchemaVersion";

    /// <summary><c>[TelemetryField(Purpose = …)]</c>.</summary>
    public const string PurposeArgument = "Purpose";

    /// <summary>
    /// The namespace of the serialization support that generated code builds on, hidden from users the way
    /// System.Text.Json hides <c>System.Text.Json.Serialization.Metadata</c>.
    /// </summary>
    public const string SerializationNamespace = Namespace + ".Serialization.Metadata";

    /// <summary>The base class of a generated serializer, in <see cref="SerializationNamespace"/>, generic in the payload type.</summary>
    public const string TelemetryTypeInfo = "TelemetryTypeInfo";

    /// <summary><see cref="TelemetryTypeInfo"/>'s metadata name: its presence says the runtime supports generated code.</summary>
    public const string TelemetryTypeInfoMetadataName = SerializationNamespace + "." + TelemetryTypeInfo + "`1";

    /// <summary>The attribute, in <see cref="SerializationNamespace"/>, that carries a payload's schema docs to the MSBuild task.</summary>
    public const string TelemetrySchemaDocumentsAttribute = "TelemetrySchemaDocumentsAttribute";

    /// <summary>
    /// The assembly attribute, in <see cref="SerializationNamespace"/>, that carries the data map (personal-data.json,
    /// personal-data.md, the data map lock's text) to the MSBuild task.
    /// </summary>
    public const string PersonalDataMapAttribute = "PersonalDataMapAttribute";

    /// <summary><see cref="PersonalDataMapAttribute"/>'s metadata name.</summary>
    public const string PersonalDataMapAttributeMetadataName = SerializationNamespace + "." + PersonalDataMapAttribute;

    /// <summary><c>[DataSubject]</c>'s metadata name.</summary>
    public const string DataSubjectAttributeMetadataName = Namespace + ".DataSubjectAttribute";

    /// <summary><c>[PersonalData]</c>'s metadata name.</summary>
    public const string PersonalDataAttributeMetadataName = Namespace + ".PersonalDataAttribute";

    /// <summary>The namespace of the generated classes; the MSBuild task reads the schema docs of the classes in it.</summary>
    public const string GeneratedNamespace = Namespace + ".Generated";

    /// <summary>The prefix of a generated serializer's class name: <c>PiiGuardSerializer_&lt;id&gt;</c>.</summary>
    public const string SerializerClassPrefix = "PiiGuardSerializer_";
}
