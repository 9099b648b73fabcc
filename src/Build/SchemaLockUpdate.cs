using System;
using System.Collections.Generic;
using System.Linq;
using PiiGuard.Generators.Model;
using PiiGuard.Shared;

namespace PiiGuard.Build;

/// <summary>
/// What the MSBuild step does to an existing schema lock: which payload entries it takes from the build, and the
/// checks that tell a malformed lock file from one <see cref="SchemaLock.Parse"/> can read.
/// </summary>
internal static class SchemaLockUpdate
{
    /// <summary>
    /// The lines of <paramref name="text"/> that are not blank, a <c>#</c> comment, a <c>payload NAME VERSION</c>
    /// line (VERSION a schema version or <c>-</c>, each name once) or an indented <c>  path: signature</c> line under
    /// a payload line (each path once per payload). <see cref="SchemaLock.Parse"/> ignores such lines; the MSBuild
    /// step refuses them, because a lock that silently lost entries would let a payload grow unnoticed.
    /// </summary>
    public static List<LockProblem> Check(string text)
    {
        var problems = new List<LockProblem>();
        var payloads = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>? fields = null;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            int number = i + 1;
            if (line.Trim().Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("payload ", StringComparison.Ordinal))
            {
                fields = null;
                string[] parts = line.Substring("payload ".Length).Trim().Split(' ');
                if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                {
                    problems.Add(new LockProblem(number, $"'{line}' is not 'payload NAME VERSION' (a schema version such as 1.0, or - for none)"));
                }
                else if (parts[1] != "-" && !SchemaVersion.TryParse(parts[1], out _, out string? versionProblem))
                {
                    problems.Add(new LockProblem(number, $"'{parts[1]}' is not a schema version: {versionProblem} ({SchemaVersion.Expected}, or - for none)"));
                }
                else if (!payloads.Add(parts[0]))
                {
                    problems.Add(new LockProblem(number, $"payload '{parts[0]}' is listed twice"));
                }
                else
                {
                    fields = new HashSet<string>(StringComparer.Ordinal);
                }

                continue;
            }

            if (line.StartsWith("  ", StringComparison.Ordinal))
            {
                int colon = line.IndexOf(": ", StringComparison.Ordinal);
                string path = colon > 2 ? line.Substring(2, colon - 2) : "";
                string signature = colon > 2 ? line.Substring(colon + 2).Trim() : "";
                if (path.Length == 0 || path.Trim() != path || signature.Length == 0)
                {
                    problems.Add(new LockProblem(number, $"'{line.Trim()}' is not a field line '  path: type'"));
                }
                else if (fields == null)
                {
                    // After a missing or malformed payload line (already reported unless this is the first).
                    if (payloads.Count == 0)
                    {
                        problems.Add(new LockProblem(number, $"field '{path}' comes before any 'payload NAME VERSION' line"));
                    }
                }
                else if (!fields.Add(path))
                {
                    problems.Add(new LockProblem(number, $"field '{path}' is listed twice"));
                }

                continue;
            }

            problems.Add(new LockProblem(number, $"'{line.Trim()}' is neither a comment, a 'payload NAME VERSION' line nor an indented field line"));
        }

        return problems;
    }

    /// <summary>
    /// The lock after this build: every payload of the build whose entry is missing from the lock, or whose schema
    /// version is higher than the locked one, gets the build's entry; with <paramref name="update"/> every payload
    /// does, and entries of payloads the build no longer has are dropped. Other entries stay as they are: a payload
    /// that collects more without a higher version is the analyzers' error (PII008), not a reason to move the lock.
    /// </summary>
    /// <param name="locked">The entries of the lock file.</param>
    /// <param name="current">The entries of this build's payloads.</param>
    /// <param name="update">Whether the lock is rewritten on purpose (<c>PiiGuardUpdateSchemaLock</c>).</param>
    /// <param name="changes">Receives one line per changed entry, for the build log.</param>
    public static List<SchemaLock.Entry> Merge(
        IReadOnlyDictionary<string, SchemaLock.Entry> locked,
        IReadOnlyList<SchemaLock.Entry> current,
        bool update,
        List<string> changes)
    {
        var result = new Dictionary<string, SchemaLock.Entry>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, SchemaLock.Entry> entry in locked)
        {
            result[entry.Key] = entry.Value;
        }

        foreach (SchemaLock.Entry entry in current)
        {
            if (!locked.TryGetValue(entry.Name, out SchemaLock.Entry? before))
            {
                changes.Add($"added payload '{entry.Name}' ({VersionText(entry.Version)})");
                result[entry.Name] = entry;
            }
            else if (IsHigher(entry.Version, before.Version))
            {
                changes.Add($"payload '{entry.Name}': entry rewritten for its higher schema version ({before.Version ?? "none"} -> {entry.Version})");
                result[entry.Name] = entry;
            }
            else if (update && entry.ToText() != before.ToText())
            {
                changes.Add($"payload '{entry.Name}': entry rewritten on request (PiiGuardUpdateSchemaLock)");
                result[entry.Name] = entry;
            }
        }

        if (update)
        {
            var names = new HashSet<string>(current.Select(e => e.Name), StringComparer.Ordinal);
            foreach (string name in locked.Keys.Where(n => !names.Contains(n)).OrderBy(n => n, StringComparer.Ordinal).ToList())
            {
                changes.Add($"removed payload '{name}', which the build no longer has");
                result.Remove(name);
            }
        }

        return result.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether <paramref name="now"/> is a higher schema version than <paramref name="before"/> (none is lowest).</summary>
    public static bool IsHigher(string? now, string? before)
    {
        if (!SchemaVersion.TryParse(now, out SchemaVersion current))
        {
            return false;
        }

        return !SchemaVersion.TryParse(before, out SchemaVersion locked) || current > locked;
    }

    private static string VersionText(string? version) => version == null ? "no schema version" : "schema version " + version;
}
