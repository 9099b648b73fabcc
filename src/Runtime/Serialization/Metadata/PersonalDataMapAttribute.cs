using System;
using System.ComponentModel;

namespace PiiGuard.Serialization.Metadata;

/// <summary>
/// The project's data map, as PiiGuard's generator writes it onto the assembly: <c>personal-data.json</c>,
/// <c>personal-data.md</c> and the text of the data map lock. For generated code; not for direct use. PiiGuard's
/// MSBuild step reads the arguments from the built assembly's metadata (without loading it) and writes the files.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class PersonalDataMapAttribute : Attribute
{
    /// <summary>Records the data map.</summary>
    /// <param name="json">The content of <c>personal-data.json</c>.</param>
    /// <param name="markdown">The content of <c>personal-data.md</c>.</param>
    /// <param name="lockText">The content of the data map lock, as an update writes it.</param>
    public PersonalDataMapAttribute(string json, string markdown, string lockText)
    {
        Json = json;
        Markdown = markdown;
        LockText = lockText;
    }

    /// <summary>Gets the content of <c>personal-data.json</c>.</summary>
    public string Json { get; }

    /// <summary>Gets the content of <c>personal-data.md</c>.</summary>
    public string Markdown { get; }

    /// <summary>Gets the content of the data map lock.</summary>
    public string LockText { get; }
}
