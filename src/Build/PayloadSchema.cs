using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using PiiGuard.Shared;

namespace PiiGuard.Build;

/// <summary>
/// One payload's schema docs as the generator emits them: the arguments of the
/// <c>[PiiGuard.Serialization.Metadata.TelemetrySchemaDocuments]</c> attribute on a class <c>PiiGuard.Generated.PiiGuardSerializer_&lt;id&gt;</c>
/// of the built assembly (stored in its metadata as UTF-8).
/// </summary>
internal sealed class PayloadSchema
{
    public const string Namespace = MetadataNames.GeneratedNamespace;
    public const string AttributeNamespace = MetadataNames.SerializationNamespace;
    public const string AttributeName = MetadataNames.TelemetrySchemaDocumentsAttribute;

    public PayloadSchema(string typeName, string name, string? schemaVersion, string jsonSchema, string markdown, string lockEntry)
    {
        TypeName = typeName;
        Name = name;
        SchemaVersion = schemaVersion;
        JsonSchema = jsonSchema;
        Markdown = markdown;
        LockEntry = lockEntry;
    }

    /// <summary>The generated class's full name, for messages.</summary>
    public string TypeName { get; }

    public string Name { get; }

    public string? SchemaVersion { get; }

    public string JsonSchema { get; }

    public string Markdown { get; }

    /// <summary>The payload's schema lock entry text.</summary>
    public string LockEntry { get; }

    /// <summary>
    /// Reads every payload's schema docs from an assembly's metadata, without loading the assembly or running any of
    /// its code. Sorted by the generated class's name, so the order never depends on the compiler.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="BadImageFormatException">The file is not an assembly.</exception>
    /// <exception cref="InvalidDataException">A generated class's schema docs attribute is not the one this task reads.</exception>
    public static List<PayloadSchema> ReadAll(string assemblyPath) => ReadAll(assemblyPath, out _);

    /// <summary>
    /// Reads every payload's schema docs and the data map (the assembly's <c>[PersonalDataMap]</c>, null when it has
    /// none) from an assembly's metadata, in one pass, without loading the assembly.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="BadImageFormatException">The file is not an assembly.</exception>
    /// <exception cref="InvalidDataException">An attribute is not the one this task reads.</exception>
    public static List<PayloadSchema> ReadAll(string assemblyPath, out DataMapDocuments? dataMap)
    {
        var schemas = new List<PayloadSchema>();
        dataMap = null;
        using (var stream = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var pe = new PEReader(stream, PEStreamOptions.PrefetchEntireImage))
        {
            if (!pe.HasMetadata)
            {
                throw new BadImageFormatException("The file has no .NET metadata.", assemblyPath);
            }

            MetadataReader metadata = pe.GetMetadataReader();
            foreach (CustomAttributeHandle attributeHandle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                CustomAttribute attribute = metadata.GetCustomAttribute(attributeHandle);
                if (IsAttribute(metadata, attribute, AttributeNamespace, MetadataNames.PersonalDataMapAttribute))
                {
                    dataMap = DataMapDocuments.Read(attribute);
                }
            }

            foreach (TypeDefinitionHandle handle in metadata.TypeDefinitions)
            {
                TypeDefinition type = metadata.GetTypeDefinition(handle);
                if (!type.GetDeclaringType().IsNil || !metadata.StringComparer.Equals(type.Namespace, Namespace))
                {
                    continue;
                }

                foreach (CustomAttributeHandle attributeHandle in type.GetCustomAttributes())
                {
                    CustomAttribute attribute = metadata.GetCustomAttribute(attributeHandle);
                    if (IsAttribute(metadata, attribute, AttributeNamespace, AttributeName))
                    {
                        schemas.Add(Read(attribute, Namespace + "." + metadata.GetString(type.Name)));
                    }
                }
            }
        }

        schemas.Sort((a, b) => string.CompareOrdinal(a.TypeName, b.TypeName));
        return schemas;
    }

    /// <summary>Whether the attribute's constructor belongs to the attribute class <paramref name="ns"/>.<paramref name="name"/>.</summary>
    internal static bool IsAttribute(MetadataReader metadata, CustomAttribute attribute, string ns, string name)
    {
        EntityHandle parent = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default,
        };
        return parent.Kind switch
        {
            HandleKind.TypeReference => metadata.GetTypeReference((TypeReferenceHandle)parent) is var reference &&
                metadata.StringComparer.Equals(reference.Name, name) && metadata.StringComparer.Equals(reference.Namespace, ns),
            HandleKind.TypeDefinition => metadata.GetTypeDefinition((TypeDefinitionHandle)parent) is var definition &&
                metadata.StringComparer.Equals(definition.Name, name) && metadata.StringComparer.Equals(definition.Namespace, ns),
            _ => false,
        };
    }

    private static PayloadSchema Read(CustomAttribute attribute, string typeName)
    {
        CustomAttributeValue<string> value = attribute.DecodeValue(StringArguments.Instance);
        if (value.FixedArguments.Length != 5 || value.FixedArguments.Any(a => a.Type != StringArguments.String))
        {
            throw new InvalidDataException($"{typeName} has schema docs of another shape than this task reads (five strings): the assembly was built by an incompatible PiiGuard generator.");
        }

        string Required(int index, string what) =>
            value.FixedArguments[index].Value as string ??
            throw new InvalidDataException($"{typeName} has no {what} in its schema docs: the assembly was built by an incompatible PiiGuard generator.");

        return new PayloadSchema(
            typeName,
            Required(0, "name"),
            value.FixedArguments[1].Value as string,
            Required(2, "JSON Schema"),
            Required(3, "Markdown disclosure"),
            Required(4, "lock entry"));
    }

    /// <summary>
    /// Decodes attribute arguments far enough to tell strings from anything else: the schema docs and data map
    /// attributes take strings only; a type this provider does not know makes the attribute one the task does not read.
    /// </summary>
    internal sealed class StringArguments : ICustomAttributeTypeProvider<string>
    {
        public const string String = "string";
        public const string Other = "other";

        public static readonly StringArguments Instance = new();

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode == PrimitiveTypeCode.String ? String : Other;

        public string GetSystemType() => Other;

        public string GetSZArrayType(string elementType) => Other;

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Other;

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Other;

        public string GetTypeFromSerializedName(string name) => Other;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) =>
            throw new BadImageFormatException("The schema docs attribute has an enum argument.");

        public bool IsSystemType(string type) => false;
    }
}
