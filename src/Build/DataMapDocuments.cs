using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using PiiGuard.Shared;

namespace PiiGuard.Build;

/// <summary>
/// The data map as the generator emits it: the arguments of the assembly's
/// <c>[PiiGuard.Serialization.Metadata.PersonalDataMap]</c> attribute (stored in its metadata as UTF-8).
/// </summary>
internal sealed class DataMapDocuments
{
    /// <summary>The file name of the map for tools.</summary>
    public const string JsonFileName = "personal-data.json";

    /// <summary>The file name of the map for people.</summary>
    public const string MarkdownFileName = "personal-data.md";

    public DataMapDocuments(string json, string markdown, string lockText)
    {
        Json = json;
        Markdown = markdown;
        LockText = lockText;
    }

    /// <summary>The content of <c>personal-data.json</c>.</summary>
    public string Json { get; }

    /// <summary>The content of <c>personal-data.md</c>.</summary>
    public string Markdown { get; }

    /// <summary>The data map lock as an update writes it.</summary>
    public string LockText { get; }

    /// <exception cref="InvalidDataException">The attribute is not the one this task reads.</exception>
    public static DataMapDocuments Read(CustomAttribute attribute)
    {
        CustomAttributeValue<string> value = attribute.DecodeValue(PayloadSchema.StringArguments.Instance);
        if (value.FixedArguments.Length != 3 || value.FixedArguments.Any(a => a.Type != PayloadSchema.StringArguments.String || a.Value is not string))
        {
            throw new InvalidDataException($"The assembly's [{MetadataNames.PersonalDataMapAttribute}] has another shape than this task reads (three strings): the assembly was built by an incompatible PiiGuard generator.");
        }

        return new DataMapDocuments((string)value.FixedArguments[0].Value!, (string)value.FixedArguments[1].Value!, (string)value.FixedArguments[2].Value!);
    }
}
