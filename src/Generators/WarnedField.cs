using System.Collections.Generic;
using PiiGuard.Generators.Model;
using PiiGuard.Shared;
using PiiGuard.Shared.Names;

namespace PiiGuard.Generators;

/// <summary>
/// A field of a payload that the analyzers report with less than an error in this build, so that the disclosure
/// lists it as such instead of promising what no error enforced: text that no name rule reports (PII006, a warning
/// unless configured otherwise), and any field whose name, or a <c>Guid</c> that is not the installation id, a rule
/// lowered to a warning or switched off would report. The fields are judged as the analyzers judge them: the same name
/// model and default profile, with the forbidden and allowed words of the payload file's project.
/// </summary>
internal sealed class WarnedField
{
    private WarnedField(string path, string reason)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The field's JSON path, as the disclosure's field table writes it.</summary>
    public string Path { get; }

    /// <summary>What the rule that reported it found, and that it is not an error here.</summary>
    public string Reason { get; }

    /// <summary>Every field of <paramref name="payload"/> that draws less than an error under <paramref name="rules"/>, in table order.</summary>
    public static List<WarnedField> All(PayloadModel payload, BuildRules rules)
    {
        var result = new List<WarnedField>();
        AddObject(payload, payload.Find(payload.Root), "", rules, result);
        return result;
    }

    private static void AddObject(PayloadModel payload, ObjectModel model, string prefix, BuildRules rules, List<WarnedField> result)
    {
        foreach (FieldModel field in model.Fields)
        {
            string path = prefix + field.JsonName;
            if (!field.IsInstallationId && Find(field, rules) is { } reason)
            {
                result.Add(new WarnedField(path, reason));
            }

            AddNested(payload, field.Value, path, rules, result);
        }
    }

    private static void AddNested(PayloadModel payload, ValueModel value, string path, BuildRules rules, List<WarnedField> result)
    {
        switch (value.Kind)
        {
            case ValueKind.Object:
                AddObject(payload, payload.Find(value.ObjectId!), path + ".", rules, result);
                break;
            case ValueKind.Array:
                AddNested(payload, value.Element!, path + "[]", rules, result);
                break;
            case ValueKind.Map:
                AddNested(payload, value.Element!, path + "{}", rules, result);
                break;
        }
    }

    private static string? Find(FieldModel field, BuildRules rules)
    {
        ValueShapes shape = ShapeOf(field.Value);
        bool text = (shape & ValueShapes.Text) != 0;
        PiiGuardOptions options = rules.Options;
        NameFinding? finding = Judge(field.MemberName, shape, options) ?? Judge(field.JsonName, shape, options);
        if (finding is not null)
        {
            string rule = Rules.ForName(finding.Category, text);
            return rules.IsError(rule) ? null : "named like " + finding.Category.Description + " ('" + finding.Found + "'); " + NotAnError(rule);
        }

        if (Holds(field.Value, ValueKind.Guid) && !rules.Identifiers)
        {
            return "an identifier (a Guid) other than the installation id; " + NotAnError(Rules.Identifier);
        }

        if (!rules.PreciseTimes && (shape & (ValueShapes.Number | ValueShapes.Text)) != 0 &&
            (PointInTimeNames.FindPersonal(NameWords.Split(field.MemberName), options.AllowedWords) ?? PointInTimeNames.FindPersonal(NameWords.Split(field.JsonName), options.AllowedWords)) is { } word)
        {
            return "named like a point in time ('" + word + "'); " + NotAnError(Rules.PreciseTime);
        }

        return text && !rules.FreeText ? "free text, which can hold whatever a person typed; " + NotAnError(Rules.FreeText) : null;
    }

    private static string NotAnError(string rule) => rule + " is not an error in this build";

    private static NameFinding? Judge(string name, ValueShapes shape, PiiGuardOptions options) =>
        NameModel.Judge(NameWords.Split(name), shape, Vocabulary.Default, options.ForbiddenWords, options.AllowedWords);

    private static bool Holds(ValueModel value, ValueKind kind) =>
        value.Kind == kind || (value.Element is { } element && Holds(element, kind)) || (value.Key is { } key && Holds(key, kind));

    /// <summary>What the value can hold, as the name model reads it (the analyzers read the same from the member's type).</summary>
    private static ValueShapes ShapeOf(ValueModel value)
    {
        switch (value.Kind)
        {
            case ValueKind.String:
                return ValueShapes.Text;
            case ValueKind.Integer:
            case ValueKind.Number:
                return ValueShapes.Number;
            case ValueKind.Boolean:
                return ValueShapes.Boolean;
            case ValueKind.Enum:
                return ValueShapes.Enum;
            case ValueKind.Array:
                return ShapeOf(value.Element!);
            case ValueKind.Map:
                ValueShapes keys = ShapeOf(value.Key!);
                ValueShapes values = ShapeOf(value.Element!);
                ValueShapes shape = keys | values;
                return (keys & ValueShapes.Text) != 0 && (values & ValueShapes.Text) != 0 ? shape | ValueShapes.TextMap : shape;
            default:
                return ValueShapes.Other;
        }
    }
}
