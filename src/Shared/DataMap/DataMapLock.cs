using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PiiGuard.Shared.DataMap;

/// <summary>
/// The data map lock (<c>piiguard.datamap.lock</c>): a text file, committed with the project, that records what the
/// data map collects: every mapped type's retention, erasure and personal members with their kinds. A build whose
/// map collects more (a new kind, a new personal member, a longer or lost retention, a weaker erasure) fails with
/// PII120 until the lock is rewritten on purpose.
/// </summary>
/// <remarks>
/// The format, one type after another, sorted by name:
/// <code>
/// type Shop.Account
///   retention: none
///   erasure: delete
///   member Email: contact
/// </code>
/// <c>retention</c> is <c>none</c> or <c>DAYS days</c> optionally followed by <c>from MEMBER</c>; <c>erasure</c> is
/// <c>delete</c>, <c>anonymise</c> or <c>none</c>; a member's kind is a kind's snake_case name or <c>unspecified</c>.
/// </remarks>
internal static class DataMapLock
{
    public const string Header =
        "# PiiGuard data map lock: the personal data the code collects, how long it keeps it and what account deletion does. Commit this file.\n" +
        "# A build that collects a new kind, a new personal member, keeps data longer or erases it less fails (PII120).\n" +
        "# Rewrite it on purpose, and update the privacy page, with: dotnet build -p:PiiGuardUpdateDataMapLock=true\n";

    /// <summary>One type's entry.</summary>
    public sealed class Entry
    {
        public Entry(string name, int? retentionDays, string? retentionFrom, MappedErasure erasure, IReadOnlyList<KeyValuePair<string, string>> members)
        {
            Name = name;
            RetentionDays = retentionDays;
            RetentionFrom = retentionFrom;
            Erasure = erasure;
            Members = members;
        }

        public string Name { get; }

        public int? RetentionDays { get; }

        public string? RetentionFrom { get; }

        public MappedErasure Erasure { get; }

        /// <summary>Member name and kind, in the map's order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Members { get; }
    }

    /// <summary>A way in which a type of the current map collects more than its lock entry.</summary>
    public enum ChangeKind
    {
        /// <summary>A member of a kind that no entry of the lock has. Arguments: kind, (none).</summary>
        NewKind,

        /// <summary>A member the type's entry lacks (or a type the lock lacks). Arguments: kind.</summary>
        NewMember,

        /// <summary>A member whose kind differs from its entry's. Arguments: kind now, kind locked.</summary>
        KindChanged,

        /// <summary>More retention days than locked. Arguments: days now, days locked.</summary>
        LongerRetention,

        /// <summary>No retention where the lock has one. Arguments: days locked.</summary>
        LostRetention,

        /// <summary>Retention counted from another member. Arguments: member now, member locked.</summary>
        RetentionClockChanged,

        /// <summary>A weaker erasure. Arguments: erasure now, erasure locked.</summary>
        WeakerErasure,
    }

    /// <summary>One expansion: what changed, on which member (null for the type), with its arguments.</summary>
    public sealed class Change
    {
        public Change(ChangeKind kind, int? member, string now, string? before)
        {
            Kind = kind;
            Member = member;
            Now = now;
            Before = before;
        }

        public ChangeKind Kind { get; }

        /// <summary>The index of the member in <see cref="MappedType.Members"/>, or null for the type.</summary>
        public int? Member { get; }

        public string Now { get; }

        public string? Before { get; }
    }

    /// <summary>The lock entry of a mapped type.</summary>
    public static Entry EntryOf(MappedType type) =>
        new(type.Name, type.RetentionDays, type.RetentionFrom, type.Erasure,
            type.Members.Select(m => new KeyValuePair<string, string>(m.Name, DataMapNames.Kind(m.Kind))).ToArray());

    /// <summary>The whole lock file of a map (a header only when <paramref name="map"/> is null).</summary>
    public static string Format(DataMap? map)
    {
        var text = new StringBuilder(Header);
        foreach (MappedType type in map?.Types ?? default)
        {
            Entry entry = EntryOf(type);
            text.Append('\n').Append("type ").Append(entry.Name).Append('\n');
            text.Append("  retention: ").Append(RetentionText(entry.RetentionDays, entry.RetentionFrom)).Append('\n');
            text.Append("  erasure: ").Append(DataMapNames.Erasure(entry.Erasure)).Append('\n');
            foreach (KeyValuePair<string, string> member in entry.Members)
            {
                text.Append("  member ").Append(member.Key).Append(": ").Append(member.Value).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>A retention as the lock writes it: <c>none</c>, <c>90 days</c> or <c>90 days from CreatedAt</c>.</summary>
    public static string RetentionText(int? days, string? from) =>
        days is not { } value ? "none" : value.ToString(CultureInfo.InvariantCulture) + " days" + (string.IsNullOrEmpty(from) ? "" : " from " + from);

    /// <summary>Reads a lock file: its entries by type name, or the lines that are not in the lock format.</summary>
    public static Dictionary<string, Entry> Parse(string text, List<LockProblem> problems)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        string? name = null;
        int nameLine = 0;
        int? days = null;
        string? from = null;
        bool hasRetention = false;
        MappedErasure? erasure = null;
        var members = new List<KeyValuePair<string, string>>();
        var memberNames = new HashSet<string>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            int number = i + 1;
            if (line.Trim().Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("type ", StringComparison.Ordinal))
            {
                Flush();
                string typeName = line.Substring("type ".Length).Trim();
                if (typeName.Length == 0)
                {
                    problems.Add(new LockProblem(number, "'type' names no type"));
                }
                else if (entries.ContainsKey(typeName))
                {
                    problems.Add(new LockProblem(number, $"type '{typeName}' is listed twice"));
                }
                else
                {
                    name = typeName;
                    nameLine = number;
                }

                continue;
            }

            if (!line.StartsWith("  ", StringComparison.Ordinal))
            {
                problems.Add(new LockProblem(number, "the line is neither a comment, a 'type NAME' line nor an indented 'retention:', 'erasure:' or 'member NAME: KIND' line"));
                continue;
            }

            string content = line.Trim();
            if (name == null)
            {
                if (entries.Count == 0 && problems.Count == 0)
                {
                    problems.Add(new LockProblem(number, "an indented line comes before any 'type NAME' line"));
                }

                continue;
            }

            if (content.StartsWith("retention:", StringComparison.Ordinal))
            {
                if (hasRetention)
                {
                    problems.Add(new LockProblem(number, $"type '{name}' has two retention lines"));
                }
                else if (!TryParseRetention(content.Substring("retention:".Length).Trim(), out days, out from))
                {
                    problems.Add(new LockProblem(number, "a retention is 'none', 'DAYS days' or 'DAYS days from MEMBER', with DAYS a whole number"));
                }

                hasRetention = true;
            }
            else if (content.StartsWith("erasure:", StringComparison.Ordinal))
            {
                string value = content.Substring("erasure:".Length).Trim();
                MappedErasure? parsed = value switch
                {
                    "delete" => MappedErasure.Delete,
                    "anonymise" => MappedErasure.Anonymise,
                    "none" => MappedErasure.None,
                    _ => null,
                };
                if (erasure != null)
                {
                    problems.Add(new LockProblem(number, $"type '{name}' has two erasure lines"));
                }
                else if (parsed == null)
                {
                    problems.Add(new LockProblem(number, "an erasure is 'delete', 'anonymise' or 'none'"));
                }

                erasure = parsed ?? MappedErasure.None;
            }
            else if (content.StartsWith("member ", StringComparison.Ordinal) && content.IndexOf(": ", StringComparison.Ordinal) is var colon and > 7)
            {
                string member = content.Substring(7, colon - 7).Trim();
                string kind = content.Substring(colon + 2).Trim();
                if (member.Length == 0 || !IsKind(kind))
                {
                    problems.Add(new LockProblem(number, "a member line is 'member NAME: KIND', with KIND one of " + string.Join(", ", KindNames())));
                }
                else if (!memberNames.Add(member))
                {
                    problems.Add(new LockProblem(number, $"member '{member}' of type '{name}' is listed twice"));
                }
                else
                {
                    members.Add(new KeyValuePair<string, string>(member, kind));
                }
            }
            else
            {
                problems.Add(new LockProblem(number, "an indented line is 'retention: …', 'erasure: …' or 'member NAME: KIND'"));
            }
        }

        Flush();
        return entries;

        void Flush()
        {
            if (name != null)
            {
                if (!hasRetention || erasure == null)
                {
                    problems.Add(new LockProblem(nameLine, $"type '{name}' needs a 'retention:' and an 'erasure:' line"));
                }

                entries[name] = new Entry(name, days, from, erasure ?? MappedErasure.None, members.ToArray());
            }

            name = null;
            days = null;
            from = null;
            hasRetention = false;
            erasure = null;
            members.Clear();
            memberNames.Clear();
        }
    }

    /// <summary>Every kind any entry of the lock records.</summary>
    public static HashSet<string> KindsOf(IEnumerable<Entry> entries) =>
        new(entries.SelectMany(e => e.Members).Select(m => m.Value), StringComparer.Ordinal);

    /// <summary>
    /// What <paramref name="current"/> collects beyond its entry <paramref name="locked"/> (null when the lock lacks
    /// the type): new kinds, new members, changed kinds, longer or lost retention, another retention clock and weaker
    /// erasure. Fewer members, shorter retention and stronger erasure are not expansions.
    /// </summary>
    public static List<Change> Expansions(MappedType current, Entry? locked, HashSet<string> lockedKinds)
    {
        var changes = new List<Change>();
        var lockedMembers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> member in locked?.Members ?? Array.Empty<KeyValuePair<string, string>>())
        {
            lockedMembers[member.Key] = member.Value;
        }

        for (int i = 0; i < current.Members.Count; i++)
        {
            string kind = DataMapNames.Kind(current.Members[i].Kind);
            if (lockedMembers.TryGetValue(current.Members[i].Name, out string? before) && before == kind)
            {
                continue;
            }

            changes.Add(!lockedKinds.Contains(kind) ? new Change(ChangeKind.NewKind, i, kind, null)
                : before == null ? new Change(ChangeKind.NewMember, i, kind, null)
                : new Change(ChangeKind.KindChanged, i, kind, before));
        }

        if (locked == null)
        {
            return changes;
        }

        if (locked.RetentionDays is { } lockedDays)
        {
            if (current.RetentionDays is not { } days)
            {
                changes.Add(new Change(ChangeKind.LostRetention, null, "none", lockedDays.ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                if (days > lockedDays)
                {
                    changes.Add(new Change(ChangeKind.LongerRetention, null, days.ToString(CultureInfo.InvariantCulture), lockedDays.ToString(CultureInfo.InvariantCulture)));
                }

                if (!string.Equals(current.RetentionFrom ?? "", locked.RetentionFrom ?? "", StringComparison.Ordinal))
                {
                    changes.Add(new Change(ChangeKind.RetentionClockChanged, null, current.RetentionFrom ?? "", locked.RetentionFrom ?? ""));
                }
            }
        }

        if (current.Erasure < locked.Erasure)
        {
            changes.Add(new Change(ChangeKind.WeakerErasure, null, DataMapNames.Erasure(current.Erasure), DataMapNames.Erasure(locked.Erasure)));
        }

        return changes;
    }

    private static bool TryParseRetention(string text, out int? days, out string? from)
    {
        days = null;
        from = null;
        if (text == "none")
        {
            return true;
        }

        string[] parts = text.Split(' ');
        // Any whole number: a [Retention] of fewer than 1 day is PII105's error, and its lock entry must still read back.
        if ((parts.Length != 2 && parts.Length != 4) || parts[1] != "days" ||
            !int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ||
            (parts.Length == 4 && (parts[2] != "from" || parts[3].Length == 0)))
        {
            return false;
        }

        days = value;
        from = parts.Length == 4 ? parts[3] : null;
        return true;
    }

    private static IEnumerable<string> KindNames() =>
        Enumerable.Range((int)DataKind.Contact, (int)DataKind.Behaviour + 1).Select(k => DataMapNames.Kind((DataKind)k)).Concat(new[] { DataMapNames.Unspecified });

    private static bool IsKind(string kind) => KindNames().Contains(kind, StringComparer.Ordinal);
}
