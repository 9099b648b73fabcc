using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PiiGuard.Shared;
using PiiGuard.Shared.DataMap;

namespace PiiGuard.Generators;

/// <summary>
/// The data map's files: <c>personal-data.json</c> (the map, for tools; its shape is docs/personal-data.schema.json)
/// and <c>personal-data.md</c> (the "What we collect" part of a privacy page, for people). Both depend on the map
/// alone, so they are byte-identical across builds.
/// </summary>
internal static class DataMapDocs
{
    /// <summary>The version of the JSON's shape.</summary>
    public const int JsonVersion = 1;

    /// <summary>What the page says where the code states no purpose, so that whoever publishes it sees the gap.</summary>
    public const string NoPurpose = "purpose not stated";

    /// <summary><c>personal-data.json</c>: every subject, then every type with its members, in the map's order.</summary>
    public static string Json(DataMap map)
    {
        var types = new List<JsonText>();
        foreach (MappedType type in map.Types)
        {
            var members = type.Members.Select(member => (JsonText)new JsonText.Object()
                .Add("name", JsonText.String(member.Name))
                .Add("kind", JsonText.String(DataMapNames.Kind(member.Kind)))
                .Add("purpose", Text(member.Purpose))
                .Add("source", JsonText.String(DataMapNames.Source(member.Source))));
            types.Add(new JsonText.Object()
                .Add("name", JsonText.String(type.Name))
                .Add("subject", Text(type.Subject))
                .Add("subject_key", Text(type.SubjectKey))
                .Add("no_subject_key", Text(type.NoSubjectKeyReason))
                .Add("retention", type.RetentionDays is { } days
                    ? new JsonText.Object()
                        .Add("days", JsonText.Number(days.ToString(CultureInfo.InvariantCulture)))
                        .Add("from", Text(type.RetentionFrom))
                    : JsonText.Null)
                .Add("erasure", new JsonText.Object()
                    .Add("action", JsonText.String(DataMapNames.Erasure(type.Erasure)))
                    .Add("replacement", Text(type.Replacement)))
                .Add("members", new JsonText.Array(members)));
        }

        return new JsonText.Object()
            .Add("version", JsonText.Number(JsonVersion.ToString(CultureInfo.InvariantCulture)))
            .Add("subjects", new JsonText.Array(map.Subjects.Select(s => (JsonText)new JsonText.Object().Add("name", JsonText.String(s)))))
            .Add("types", new JsonText.Array(types))
            .ToIndented() + "\n";
    }

    /// <summary>
    /// <c>personal-data.md</c>: a section per kind (in <c>PersonalDataKind</c> order, then data of no stated kind),
    /// a row per member: what, why, how long, and what deleting the account does.
    /// </summary>
    public static string Markdown(DataMap map)
    {
        var text = new StringBuilder();
        text.Append("# What we collect\n\n");
        text.Append("The personal data this application keeps, by kind: what it is, why it is kept, for how long, and what happens to it when you delete your account. ");
        text.Append("Generated from the code's annotations by PiiGuard; do not edit by hand.\n");

        var rows = map.Types.SelectMany(type => type.Members.Select(member => (Type: type, Member: member))).ToList();
        if (rows.Count == 0)
        {
            text.Append("\nThe code classifies no personal data.\n");
            return text.ToString();
        }

        IEnumerable<DataKind?> kinds = Enumerable.Range((int)DataKind.Contact, (int)DataKind.Behaviour + 1).Select(k => (DataKind?)k).Concat(new DataKind?[] { null });
        foreach (DataKind? kind in kinds)
        {
            var ofKind = rows.Where(r => r.Member.Kind == kind).ToList();
            if (ofKind.Count == 0)
            {
                continue;
            }

            text.Append("\n## ").Append(Label(kind)).Append("\n\n");
            text.Append("| What | Why | How long | When you delete your account |\n");
            text.Append("| --- | --- | --- | --- |\n");
            foreach ((MappedType type, MappedMember member) in ofKind)
            {
                text.Append("| ").Append(Cell(Capitalise(HumanWords.Of(member.Name)) + " (" + HumanWords.Of(Simple(type.Name)) + ")"));
                text.Append(" | ").Append(Cell(string.IsNullOrWhiteSpace(member.Purpose) ? Capitalise(NoPurpose) : member.Purpose!.Trim()));
                text.Append(" | ").Append(Cell(HowLong(type)));
                text.Append(" | ").Append(Cell(AtDeletion(type)));
                text.Append(" |\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The heading of a kind's section.</summary>
    public static string Label(DataKind? kind) => kind switch
    {
        DataKind.Contact => "Contact details",
        DataKind.Identity => "Identity",
        DataKind.Profile => "Profile",
        DataKind.UserContent => "Content you create",
        DataKind.Credential => "Sign-in credentials",
        DataKind.NetworkIdentifier => "Network identifiers",
        DataKind.Location => "Location",
        DataKind.Device => "Device information",
        DataKind.Financial => "Financial details",
        DataKind.Behaviour => "Activity",
        _ => "Other personal data (kind not specified)",
    };

    private static string HowLong(MappedType type)
    {
        if (type.RetentionDays is { } days)
        {
            string count = days == 1 ? "1 day" : days.ToString(CultureInfo.InvariantCulture) + " days";
            string from = type.RetentionFrom is { Length: > 0 } clock ? HumanWords.Clock(clock) : "";
            return from.Length > 0 ? count + ", counted from \"" + from + "\"" : count;
        }

        return type.Subject != null || type.Erasure != MappedErasure.None ? "Kept while your account exists" : "No time limit stated";
    }

    private static string AtDeletion(MappedType type) => type.Erasure switch
    {
        MappedErasure.Delete => "Deleted",
        MappedErasure.Anonymise => type.Replacement is { Length: > 0 } replacement ? "Anonymised (replaced with \"" + replacement + "\")" : "Anonymised",
        _ => type.NoSubjectKeyReason is { Length: > 0 } reason ? "Not linked to your account, so not deleted with it (" + reason.Trim() + ")" : "Not linked to your account, so not deleted with it",
    };

    private static JsonText Text(string? value) => value is null ? JsonText.Null : JsonText.String(value);

    /// <summary>A type's simple name: <c>Shop.Outer.Inner&lt;T&gt;</c> → <c>Inner</c>.</summary>
    private static string Simple(string name)
    {
        int generic = name.IndexOf('<');
        string plain = generic >= 0 ? name.Substring(0, generic) : name;
        return plain.Substring(plain.LastIndexOf('.') + 1);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <summary>Text fit for a table cell: no line breaks, pipes escaped.</summary>
    private static string Cell(string text) => text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ').Replace("|", "\\|");
}
