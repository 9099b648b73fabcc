using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PiiGuard.Generators.Model;
using PiiGuard.Shared;

namespace PiiGuard.Build;

/// <summary>
/// Writes every telemetry payload's JSON Schema and Markdown disclosure, and keeps the project's schema lock, from
/// the schema docs that PiiGuard's generator compiled into an assembly; and the data map (<c>personal-data.json</c>,
/// <c>personal-data.md</c>) and its lock, from the assembly's <c>[PersonalDataMap]</c>.
/// </summary>
/// <remarks>
/// <para>
/// The task reads the arguments (name, schema version, JSON Schema, Markdown, lock entry) of the
/// <c>[TelemetrySchemaDocuments]</c> attribute on each class <c>PiiGuard.Generated.PiiGuardSerializer_*</c> straight
/// from the assembly's metadata: it never loads the assembly nor runs its code. It writes a file only when its content differs from what is there,
/// so files and their timestamps stay the same across builds that change no payload.
/// </para>
/// <para>
/// The lock file is written when it does not exist. When it does, a payload's entry is replaced when
/// <see cref="UpdateLock"/> is set, when the lock lacks the payload, or when the payload's schema version is higher
/// than the locked one; <see cref="UpdateLock"/> also drops the entries of payloads that no longer exist.
/// </para>
/// <para>
/// The data map files are written when the assembly has a data map, and deleted when it has none. The data map lock
/// is written when it does not exist, and rewritten only when <see cref="UpdateDataMapLock"/> is set: a map that
/// collects more than its lock is the analyzers' error (PII120), never a reason to move the lock.
/// </para>
/// <para>
/// Errors: PIIB001 the lock file is malformed (file and line given); PIIB002 the assembly cannot be read;
/// PIIB003 a payload name cannot name a file or a lock entry, or two payloads share a name; PIIB004 a file cannot
/// be written.
/// </para>
/// </remarks>
public sealed class WriteTelemetrySchemas : Task
{
    /// <summary>Error code: the schema lock file is not in the lock format.</summary>
    public const string MalformedLockCode = "PIIB001";

    /// <summary>Error code: the built assembly cannot be read.</summary>
    public const string UnreadableAssemblyCode = "PIIB002";

    /// <summary>Error code: a payload name that cannot name a file or lock entry, or that two payloads share.</summary>
    public const string BadPayloadNameCode = "PIIB003";

    /// <summary>Error code: a file cannot be written.</summary>
    public const string WriteFailedCode = "PIIB004";

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static readonly char[] ForbiddenInNames = { '/', '\\', ':', '*', '?', '"', '<', '>', '|' };

    private readonly List<ITaskItem> _written = new();

    /// <summary>The built assembly (the project's intermediate assembly) to read the schema docs from.</summary>
    [Required]
    public string Assembly { get; set; } = "";

    /// <summary>
    /// The folder that receives <c>&lt;Name&gt;.schema.json</c> and <c>&lt;Name&gt;.md</c> per payload (created
    /// when needed); empty to write no schema docs.
    /// </summary>
    public string? OutputDirectory { get; set; }

    /// <summary>The schema lock file; empty to leave the lock alone.</summary>
    public string? LockFile { get; set; }

    /// <summary>Whether to rewrite every entry of the lock from this build's payloads, and drop the entries of payloads that are gone.</summary>
    public bool UpdateLock { get; set; }

    /// <summary>
    /// The folder that receives <c>personal-data.json</c> and <c>personal-data.md</c> (created when needed); empty to
    /// write no data map files.
    /// </summary>
    public string? DataMapOutputDirectory { get; set; }

    /// <summary>The data map lock file; empty to leave it alone.</summary>
    public string? DataMapLockFile { get; set; }

    /// <summary>Whether to rewrite the data map lock from this build's map.</summary>
    public bool UpdateDataMapLock { get; set; }

    /// <summary>The files this run wrote (files already up to date are not listed).</summary>
    [Output]
    public ITaskItem[] WrittenFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>Every schema doc file of this build's payloads, written or already up to date (never the lock).</summary>
    [Output]
    public ITaskItem[] SchemaFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>The data map files of this build, written or already up to date (never the lock); empty without a map.</summary>
    [Output]
    public ITaskItem[] DataMapFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        List<PayloadSchema> payloads;
        DataMapDocuments? dataMap;
        try
        {
            payloads = PayloadSchema.ReadAll(Assembly, out dataMap);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidDataException or InvalidOperationException or ArgumentException)
        {
            Log.LogError(null, UnreadableAssemblyCode, null, Assembly, 0, 0, 0, 0,
                "PiiGuard cannot read the telemetry payload schemas from '{0}': {1}", Assembly, e.Message);
            return false;
        }

        if (!string.IsNullOrEmpty(DataMapOutputDirectory))
        {
            WriteDataMap(dataMap, DataMapOutputDirectory!);
        }

        if (!string.IsNullOrEmpty(DataMapLockFile) && dataMap != null && !Log.HasLoggedErrors)
        {
            WriteDataMapLock(dataMap, DataMapLockFile!);
        }

        if ((!string.IsNullOrEmpty(OutputDirectory) || !string.IsNullOrEmpty(LockFile)) && !CheckNames(payloads))
        {
            WrittenFiles = _written.ToArray();
            return false;
        }

        if (!string.IsNullOrEmpty(OutputDirectory))
        {
            WriteSchemaDocs(payloads, OutputDirectory!);
        }

        if (!string.IsNullOrEmpty(LockFile) && !Log.HasLoggedErrors)
        {
            WriteLock(payloads, LockFile!);
        }

        WrittenFiles = _written.ToArray();
        return !Log.HasLoggedErrors;
    }

    private bool CheckNames(List<PayloadSchema> payloads)
    {
        var seen = new Dictionary<string, PayloadSchema>(StringComparer.OrdinalIgnoreCase);
        foreach (PayloadSchema payload in payloads)
        {
            string name = payload.Name;
            if (name.Length == 0 || name == "." || name == ".." || name.IndexOfAny(ForbiddenInNames) >= 0 ||
                name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || name.EndsWith(".", StringComparison.Ordinal))
            {
                Log.LogError(null, BadPayloadNameCode, null, Assembly, 0, 0, 0, 0,
                    "PiiGuard cannot write the schema of payload '{0}' ({1}): its name must be usable as a file name and a schema lock entry, without spaces, path separators or any of {2}.",
                    name, payload.TypeName, new string(ForbiddenInNames));
            }
            else if (seen.TryGetValue(name, out PayloadSchema? other))
            {
                // Case-insensitively: on Windows and macOS the two payloads' files would be one file.
                Log.LogError(null, BadPayloadNameCode, null, Assembly, 0, 0, 0, 0,
                    "Two telemetry payloads are named '{0}' ({1} and {2}): give each payload a name of its own.",
                    name, other.TypeName, payload.TypeName);
            }
            else
            {
                seen.Add(name, payload);
            }
        }

        return !Log.HasLoggedErrors;
    }

    private void WriteSchemaDocs(List<PayloadSchema> payloads, string directory)
    {
        var files = new List<ITaskItem>();
        foreach (PayloadSchema payload in payloads)
        {
            foreach ((string path, string content) in new[]
            {
                (Path.Combine(directory, payload.Name + ".schema.json"), payload.JsonSchema),
                (Path.Combine(directory, payload.Name + ".md"), payload.Markdown),
            })
            {
                WriteIfChanged(path, content, "the schema docs of payload '" + payload.Name + "'");
                files.Add(new TaskItem(path));
            }
        }

        SchemaFiles = files.ToArray();
    }

    private void WriteLock(List<PayloadSchema> payloads, string lockFile)
    {
        var current = new List<SchemaLock.Entry>();
        foreach (PayloadSchema payload in payloads)
        {
            if (!SchemaLock.Parse(payload.LockEntry).TryGetValue(payload.Name, out SchemaLock.Entry? entry))
            {
                Log.LogError(null, UnreadableAssemblyCode, null, Assembly, 0, 0, 0, 0,
                    "The schema lock entry that PiiGuard generated for payload '{0}' ({1}) cannot be read: the assembly was built by an incompatible PiiGuard generator.",
                    payload.Name, payload.TypeName);
                return;
            }

            current.Add(entry);
        }

        if (!TryReadLock(lockFile, "schema lock", out string? existing))
        {
            return;
        }

        if (existing == null)
        {
            if (current.Count == 0)
            {
                // A project that only references PiiGuard gets no lock file until it has a payload.
                Log.LogMessage(MessageImportance.Low, "PiiGuard: no telemetry payloads, so no schema lock is written to '{0}'.", lockFile);
                return;
            }

            if (WriteIfChanged(lockFile, SchemaLock.Format(current), "the schema lock", logWrite: false))
            {
                Log.LogMessage(MessageImportance.Normal, "PiiGuard: created the schema lock '{0}' with payload(s) {1}. Commit it with the project.",
                    lockFile, string.Join(", ", current.Select(e => "'" + e.Name + "'")));
            }

            return;
        }

        List<LockProblem> problems = SchemaLockUpdate.Check(existing);
        Dictionary<string, SchemaLock.Entry> locked;
        if (problems.Count > 0)
        {
            if (!UpdateLock)
            {
                foreach (LockProblem problem in problems)
                {
                    Log.LogError(null, MalformedLockCode, null, lockFile, problem.Line, 1, 0, 0,
                        "The PiiGuard schema lock file '{0}' is malformed: {1}. Fix the line, or rewrite the whole lock from the payloads with: dotnet build -p:PiiGuardUpdateSchemaLock=true",
                        lockFile, problem.Message);
                }

                return;
            }

            // Rewriting on purpose: nothing of the old file is kept anyway.
            Log.LogMessage(MessageImportance.Normal, "PiiGuard: the schema lock '{0}' is malformed (line {1}: {2}); rewriting it from the payloads.",
                lockFile, problems[0].Line, problems[0].Message);
            locked = new Dictionary<string, SchemaLock.Entry>(StringComparer.Ordinal);
        }
        else
        {
            locked = SchemaLock.Parse(existing);
        }

        var changes = new List<string>();
        List<SchemaLock.Entry> merged = SchemaLockUpdate.Merge(locked, current, UpdateLock, changes);
        string text = SchemaLock.Format(merged);

        // A checkout may have turned the lock's line ends into CRLF: that is not a change.
        if (problems.Count == 0 && text == existing.Replace("\r\n", "\n"))
        {
            Log.LogMessage(MessageImportance.Low, "PiiGuard: the schema lock '{0}' is up to date.", lockFile);
            return;
        }

        if (WriteIfChanged(lockFile, text, "the schema lock", logWrite: false))
        {
            Log.LogMessage(MessageImportance.Normal, "PiiGuard: updated the schema lock '{0}': {1}.", lockFile,
                changes.Count > 0 ? string.Join("; ", changes) : "rewritten in the lock format");
        }
    }

    private void WriteDataMap(DataMapDocuments? dataMap, string directory)
    {
        string json = Path.Combine(directory, DataMapDocuments.JsonFileName);
        string markdown = Path.Combine(directory, DataMapDocuments.MarkdownFileName);
        if (dataMap == null)
        {
            // The project no longer maps personal data: a data map left from an earlier build would describe code that is gone.
            foreach (string stale in new[] { json, markdown })
            {
                try
                {
                    if (File.Exists(stale))
                    {
                        File.Delete(stale);
                        Log.LogMessage(MessageImportance.Normal, "PiiGuard: deleted '{0}': the project maps no personal data any more.", stale);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Log.LogError(null, WriteFailedCode, null, stale, 0, 0, 0, 0, "PiiGuard cannot delete the stale data map '{0}': {1}", stale, e.Message);
                }
            }

            return;
        }

        WriteIfChanged(json, dataMap.Json, "the data map");
        WriteIfChanged(markdown, dataMap.Markdown, "the data map page");
        DataMapFiles = new ITaskItem[] { new TaskItem(json), new TaskItem(markdown) };
    }

    private void WriteDataMapLock(DataMapDocuments dataMap, string lockFile)
    {
        if (!TryReadLock(lockFile, "data map lock", out string? existing))
        {
            return;
        }

        if (existing != null && !UpdateDataMapLock)
        {
            // The analyzers compared the map with it (PII120); only an update on purpose moves it.
            return;
        }

        // A checkout may have turned the lock's line ends into CRLF: that is not a change.
        if (existing != null && existing.Replace("\r\n", "\n") == dataMap.LockText)
        {
            Log.LogMessage(MessageImportance.Low, "PiiGuard: the data map lock '{0}' is up to date.", lockFile);
            return;
        }

        if (WriteIfChanged(lockFile, dataMap.LockText, "the data map lock", logWrite: false))
        {
            Log.LogMessage(MessageImportance.Normal, existing == null
                ? "PiiGuard: created the data map lock '{0}'. Commit it with the project."
                : "PiiGuard: rewrote the data map lock '{0}' from the code (PiiGuardUpdateDataMapLock). Review its diff, and update the privacy page.", lockFile);
        }
    }

    /// <summary>Reads a lock file: its text, or null when it does not exist; false (the error logged) when it cannot be read.</summary>
    private bool TryReadLock(string lockFile, string what, out string? text)
    {
        try
        {
            text = File.Exists(lockFile) ? File.ReadAllText(lockFile) : null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, MalformedLockCode, null, lockFile, 0, 0, 0, 0, "PiiGuard cannot read the {0} file: {1}", what, e.Message);
            text = null;
            return false;
        }
    }

    /// <summary>Writes UTF-8 text (no byte order mark) unless the file already holds exactly those bytes.</summary>
    /// <returns>Whether the file was written.</returns>
    private bool WriteIfChanged(string path, string content, string what, bool logWrite = true)
    {
        byte[] bytes = Utf8.GetBytes(content);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                if (File.Exists(path) && SameBytes(File.ReadAllBytes(path), bytes))
                {
                    Log.LogMessage(MessageImportance.Low, "PiiGuard: '{0}' is up to date.", path);
                    return false;
                }

                string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                File.WriteAllBytes(path, bytes);
                if (logWrite)
                {
                    Log.LogMessage(MessageImportance.Normal, "PiiGuard: wrote {0} to '{1}'.", what, path);
                }

                _written.Add(new TaskItem(path));
                return true;
            }
            catch (IOException) when (attempt < 5)
            {
                // Another build of the same project (say, for another target framework) may be writing it right now.
                Thread.Sleep(50 * attempt);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                Log.LogError(null, WriteFailedCode, null, path, 0, 0, 0, 0, "PiiGuard cannot write {0} to '{1}': {2}", what, path, e.Message);
                return false;
            }
        }
    }

    private static bool SameBytes(byte[] left, byte[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (left[i] != right[i])
            {
                return false;
            }
        }

        return true;
    }
}
