using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PiiGuard.Build;

/// <summary>
/// One payload's schema docs as the generator emits them: the constants of a class
/// <c>PiiGuard.Generated.PiiGuardSchema_&lt;id&gt;</c> in the built assembly.
/// </summary>
internal sealed class PayloadSchema
{
    public const string Namespace = "PiiGuard.Generated";
    public const string TypeNamePrefix = "PiiGuardSchema_";

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
    /// Reads every payload's schema constants from an assembly's metadata, without loading the assembly or running
    /// any of its code. Sorted by the generated class's name, so the order never depends on the compiler.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="BadImageFormatException">The file is not an assembly.</exception>
    /// <exception cref="InvalidDataException">A generated schema class lacks one of its constants.</exception>
    public static List<PayloadSchema> ReadAll(string assemblyPath)
    {
        var schemas = new List<PayloadSchema>();
        using (var stream = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var pe = new PEReader(stream, PEStreamOptions.PrefetchEntireImage))
        {
            if (!pe.HasMetadata)
            {
                throw new BadImageFormatException("The file has no .NET metadata.", assemblyPath);
            }

            MetadataReader metadata = pe.GetMetadataReader();
            foreach (TypeDefinitionHandle handle in metadata.TypeDefinitions)
            {
                TypeDefinition type = metadata.GetTypeDefinition(handle);
                if (!type.GetDeclaringType().IsNil || !metadata.StringComparer.Equals(type.Namespace, Namespace))
                {
                    continue;
                }

                string typeName = metadata.GetString(type.Name);
                if (typeName.StartsWith(TypeNamePrefix, StringComparison.Ordinal))
                {
                    schemas.Add(Read(metadata, type, Namespace + "." + typeName));
                }
            }
        }

        schemas.Sort((a, b) => string.CompareOrdinal(a.TypeName, b.TypeName));
        return schemas;
    }

    private static PayloadSchema Read(MetadataReader metadata, TypeDefinition type, string typeName)
    {
        var constants = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (FieldDefinitionHandle handle in type.GetFields())
        {
            FieldDefinition field = metadata.GetFieldDefinition(handle);
            if ((field.Attributes & FieldAttributes.Literal) == 0 || field.GetDefaultValue().IsNil)
            {
                continue;
            }

            Constant constant = metadata.GetConstant(field.GetDefaultValue());
            BlobReader blob = metadata.GetBlobReader(constant.Value);
            switch (constant.TypeCode)
            {
                case ConstantTypeCode.String:
                    constants[metadata.GetString(field.Name)] = blob.ReadUTF16(blob.Length);
                    break;
                case ConstantTypeCode.NullReference:
                    // `const string? X = null` is stored as a null class reference.
                    constants[metadata.GetString(field.Name)] = null;
                    break;
            }
        }

        string Required(string name) =>
            constants.TryGetValue(name, out string? value) && value != null
                ? value
                : throw new InvalidDataException($"{typeName} has no string constant '{name}': the assembly was built by an incompatible PiiGuard generator.");

        return new PayloadSchema(
            typeName,
            Required("Name"),
            constants.TryGetValue("SchemaVersion", out string? version) ? version : null,
            Required("JsonSchema"),
            Required("Markdown"),
            Required("Lock"));
    }
}
