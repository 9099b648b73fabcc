using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace PiiGuard.EntityFrameworkCore.Rights;

/// <summary>
/// Writes a subject's export: a ZIP with one JSON file per entity tied to the subject (its rows, written by the
/// generated <see cref="PersonalDataEntity.WriteRowsAsync"/> straight into the entry as the query reads them), a
/// <c>manifest.json</c> that says what each file holds, and the project's <c>personal-data.md</c>.
/// </summary>
internal static class PersonalDataExporter
{
    /// <summary>The name of the manifest in the ZIP.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>The name of the human-readable description in the ZIP.</summary>
    public const string MarkdownFileName = "personal-data.md";

    /// <summary>The manifest's format, and its version: a reader checks both.</summary>
    public const string Format = "piiguard-personal-data-export";

    /// <summary>The version of the manifest's shape.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    public static async Task<bool> ExportAsync(DbContext context, Type? subjectType, object subjectKey, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(subjectKey);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The export's destination stream must be writable.", nameof(destination));
        }

        (PersonalDataRightsOptions options, PersonalDataModel model, PersonalDataEntity subject, PersonalDataEntity[] entities) =
            RightsContext.RightsOver(context, subjectType, "ExportPersonalDataAsync");
        CheckFileNames(context, entities);

        (bool exists, long? erasureRequestedAt) = await subject.FindSubjectAsync(context, subjectKey, cancellationToken).ConfigureAwait(false);
        if (!exists)
        {
            return false;
        }

        DateTimeOffset generatedAt = options.TimeProvider.GetUtcNow();
        var rows = new int[entities.Length];
        var output = new ZipOutputStream(destination);
        await using (output.ConfigureAwait(false))
        {
            using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8))
            {
                for (int i = 0; i < entities.Length; i++)
                {
                    PersonalDataEntity entity = entities[i];
                    Stream entry = Open(archive, entity.FileName, generatedAt);
                    await using (entry.ConfigureAwait(false))
                    {
                        var writer = new Utf8JsonWriter(entry, WriterOptions);
                        await using (writer.ConfigureAwait(false))
                        {
                            rows[i] = await entity.WriteRowsAsync(context, subjectKey, writer, cancellationToken).ConfigureAwait(false);
                            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }

                    await output.DrainAsync(cancellationToken).ConfigureAwait(false);
                }

                Stream manifest = Open(archive, ManifestFileName, generatedAt);
                await using (manifest.ConfigureAwait(false))
                {
                    var writer = new Utf8JsonWriter(manifest, WriterOptions);
                    await using (writer.ConfigureAwait(false))
                    {
                        WriteManifest(writer, options, subject, entities, rows, generatedAt, erasureRequestedAt);
                        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                Stream markdown = Open(archive, MarkdownFileName, generatedAt);
                await using (markdown.ConfigureAwait(false))
                {
                    await markdown.WriteAsync(Encoding.UTF8.GetBytes(model.Markdown), cancellationToken).ConfigureAwait(false);
                }

                await output.DrainAsync(cancellationToken).ConfigureAwait(false);
            }

            // Disposing the archive wrote its central directory into the output stream, synchronously.
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static Stream Open(ZipArchive archive, string name, DateTimeOffset generatedAt)
    {
        ZipArchiveEntry entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        if (generatedAt.Year is >= 1980 and <= 2107)
        {
            // A ZIP holds DOS times, 1980 to 2107; outside them the entry keeps the time it was made.
            entry.LastWriteTime = generatedAt;
        }

        return entry.Open();
    }

    private static void CheckFileNames(DbContext context, PersonalDataEntity[] entities)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ManifestFileName, MarkdownFileName };
        foreach (PersonalDataEntity entity in entities)
        {
            if (!names.Add(entity.FileName))
            {
                throw new InvalidOperationException(
                    $"The export file name '{entity.FileName}' of '{entity.Name}' in the personal data model of '{context.GetType().FullName}' is taken by another file of the export.");
            }
        }
    }

    private static void WriteManifest(
        Utf8JsonWriter writer,
        PersonalDataRightsOptions options,
        PersonalDataEntity subject,
        PersonalDataEntity[] entities,
        int[] rows,
        DateTimeOffset generatedAt,
        long? erasureRequestedAt)
    {
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("formatVersion", FormatVersion);
        writer.WriteString("subject", subject.Name);
        writer.WriteString("generatedAt", generatedAt);
        if (erasureRequestedAt is { } requested)
        {
            DateTimeOffset requestedAt = DateTimeOffset.FromUnixTimeMilliseconds(requested);
            writer.WriteString("erasureRequestedAt", requestedAt);
            writer.WriteString("erasureDueAt", requestedAt + options.GracePeriod);
        }

        writer.WriteString("description", MarkdownFileName);
        writer.WriteStartArray("files");
        for (int i = 0; i < entities.Length; i++)
        {
            PersonalDataEntity entity = entities[i];
            writer.WriteStartObject();
            writer.WriteString("file", entity.FileName);
            writer.WriteString("entity", entity.Name);
            writer.WriteNumber("rows", rows[i]);
            WriteStringOrNull(writer, "rowKey", entity.RowKeyMember);
            WriteStringOrNull(writer, "subjectKey", entity.SubjectKeyMember);
            writer.WriteStartArray("members");
            foreach (PersonalDataMember member in entity.Members)
            {
                writer.WriteStartObject();
                writer.WriteString("name", member.Name);
                writer.WriteString("kind", member.Kind);
                WriteStringOrNull(writer, "purpose", member.Purpose);
                if (member.IsCredential)
                {
                    writer.WriteString("credential", "not exported");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (entity.RetentionDays is { } days)
            {
                writer.WriteStartObject("retention");
                writer.WriteNumber("days", days);
                WriteStringOrNull(writer, "from", entity.RetentionFrom);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("retention");
            }

            writer.WriteString("erasure", entity.Erasure switch
            {
                ErasureAction.Anonymise => "anonymise",
                ErasureAction.Delete => "delete",
                _ => "none",
            });
            if (entity.Erasure == ErasureAction.Anonymise)
            {
                WriteStringOrNull(writer, "replacement", entity.Replacement);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
