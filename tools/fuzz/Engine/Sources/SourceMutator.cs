using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PiiGuard.Fuzzing.Sources;

/// <summary>What a source mutant compiles: the C# source, a schema lock beside it (or none) and .editorconfig options.</summary>
/// <param name="Source">The C# source.</param>
/// <param name="LockFile">The text of a <c>piiguard.lock</c> given to the analyzers, or null.</param>
/// <param name="Options">The <c>piiguard.*</c> options that apply to the source, and build properties.</param>
public sealed record SourceInput(string Source, string? LockFile, IReadOnlyList<KeyValuePair<string, string>> Options)
{
    /// <summary>The input as one text: the source, then the lock file and the options, if any.</summary>
    public string Describe()
    {
        var text = new StringBuilder(Source);
        if (LockFile is not null)
        {
            text.Append("\n// ---- piiguard.lock (an additional file, PiiGuardSchemaLock = true) ----\n").Append(LockFile);
        }

        if (Options.Count > 0)
        {
            text.Append("\n// ---- options ----\n").Append(string.Join("\n", Options.Select(o => o.Key + " = " + o.Value)));
        }

        return text.ToString();
    }
}

/// <summary>One source mutant: where it started, what it is, and the operations that made it.</summary>
public sealed record SourceMutant(string SeedName, SourceInput Input, IReadOnlyList<string> Operations);

/// <summary>
/// Makes source mutants from the corpus: token edits (delete, duplicate, swap, rename, insert junk, truncate) and
/// edits that know C#'s structure (member types swapped for strings, points in time, forbidden, collection, tuple,
/// array and generic types; members renamed after personal data; PiiGuard attributes and their arguments added,
/// removed and changed; types duplicated, nested, spliced in from other seeds, made generic, given base types or
/// another kind; recursive generic shapes reached from a payload), plus a mutated schema lock and options.
/// </summary>
public static class SourceMutator
{
    /// <summary>The name of every operation, for coverage checks.</summary>
    public static readonly IReadOnlyList<string> OperationNames = new[]
    {
        "delete-token", "duplicate-token", "swap-tokens", "insert-junk", "truncate", "rename-identifier",
        "change-member-type", "rename-member", "add-attribute", "remove-attribute", "change-attribute-arguments", "duplicate-type",
        "insert-member", "insert-recursive-shape", "change-type-kind", "splice-type", "nest-type", "remove-member", "make-generic",
        "add-base-type", "lock-file", "options",
    };

    /// <summary>The operations on the source; the lock file and the options are added apart.</summary>
    private static readonly string[] SourceEdits = OperationNames.Where(o => o is not ("lock-file" or "options")).ToArray();

    /// <summary>The parse options of every mutant: the newest language, previews included.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private const int MaxLength = 200_000;

    /// <summary>Mutant <paramref name="index"/> of <paramref name="seed"/>: a pure function of both and of the corpus.</summary>
    public static SourceMutant Create(long seed, long index, SourceCorpus corpus)
    {
        FuzzRandom random = FuzzRandom.For(seed, "sources", index);
        SourceSeed start = random.Pick(corpus.Sources);
        var state = new State(random, corpus, start.Text);
        int count = random.Geometric(6);
        for (int i = 0; i < count; i++)
        {
            state.Mutate();
        }

        string? lockFile = null;
        if (corpus.Locks.Count > 0 && random.Chance(0.2))
        {
            lockFile = state.MutateLock(random.Pick(corpus.Locks).Text);
        }

        var options = new List<KeyValuePair<string, string>>();
        if (random.Chance(0.15))
        {
            options = state.RandomOptions();
        }

        return new SourceMutant(start.Name, new SourceInput(state.Text, lockFile, options), state.Operations);
    }

    private sealed class State
    {
        private readonly FuzzRandom _random;
        private readonly SourceCorpus _corpus;

        public State(FuzzRandom random, SourceCorpus corpus, string text)
        {
            _random = random;
            _corpus = corpus;
            Text = text;
        }

        public string Text { get; private set; }

        public List<string> Operations { get; } = new();

        public void Mutate()
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(Text, ParseOptions).GetRoot();
            string op = _random.Pick(SourceEdits);
            string? result = op switch
            {
                "delete-token" or "duplicate-token" or "swap-tokens" or "insert-junk" or "rename-identifier" => TokenEdit(op),
                "truncate" => Text.Substring(0, _random.Next(Text.Length + 1)),
                "change-member-type" => ChangeMemberType(root),
                "rename-member" => RenameMember(root),
                "add-attribute" => AddAttribute(root),
                "remove-attribute" => RemoveAttribute(root),
                "change-attribute-arguments" => ChangeAttributeArguments(root),
                "duplicate-type" => DuplicateType(root),
                "insert-member" => InsertMember(root),
                "insert-recursive-shape" => InsertRecursiveShape(root),
                "change-type-kind" => ChangeTypeKind(root),
                "splice-type" => SpliceType(),
                "nest-type" => NestType(root),
                "remove-member" => RemoveMember(root),
                "make-generic" => MakeGeneric(root),
                _ => AddBaseType(root),
            };

            if (result is null || result.Length > MaxLength)
            {
                // Nothing of the kind to edit here: a token edit always applies.
                op = "insert-junk";
                result = TokenEdit(op) ?? Text;
            }

            Text = result;
            Operations.Add(op);
        }

        public string MutateLock(string text)
        {
            Operations.Add("lock-file");
            if (!_random.Chance(0.7))
            {
                return text;
            }

            List<string> lines = text.Split('\n').ToList();
            int edits = _random.Geometric(4);
            for (int i = 0; i < edits && lines.Count > 0; i++)
            {
                int at = _random.Next(lines.Count);
                switch (_random.Next(6))
                {
                    case 0:
                        lines.RemoveAt(at);
                        break;
                    case 1:
                        lines.Insert(at, lines[_random.Next(lines.Count)]);
                        break;
                    case 2:
                        lines.Insert(at, _random.Pick(LockJunk));
                        break;
                    case 3:
                        lines[at] = lines[at].Substring(0, _random.Next(lines[at].Length + 1));
                        break;
                    case 4:
                        lines[at] = ReplaceLockWord(lines[at]);
                        break;
                    default:
                        int other = _random.Next(lines.Count);
                        (lines[at], lines[other]) = (lines[other], lines[at]);
                        break;
                }
            }

            return string.Join("\n", lines);
        }

        public List<KeyValuePair<string, string>> RandomOptions()
        {
            Operations.Add("options");
            string[] keys = { "piiguard.strict", "piiguard.forbidden_words", "piiguard.allowed_words", "build_property.PiiGuardStrict", "build_property.PiiGuardUpdateSchemaLock" };
            string[] values =
            {
                "true", "false", "TRUE", " true ", "yes", "", ",", ",,,", "email", "email, ip_address", "path, file_path, host", "badge_id, tenant",
                "serial_port, content_type", "É, 主机名", "_", "a b c", "schema_version", "count, job_count, enabled", new string('x', 300), "email,,  ,",
            };
            var options = new List<KeyValuePair<string, string>>();
            int count = _random.Geometric(4);
            for (int i = 0; i < count; i++)
            {
                options.Add(new KeyValuePair<string, string>(_random.Pick(keys), _random.Pick(values)));
            }

            // One value per key, as an .editorconfig file gives.
            return options.GroupBy(o => o.Key).Select(g => g.Last()).OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        }

        private string? TokenEdit(string op)
        {
            List<SyntaxToken> tokens = SyntaxFactory.ParseTokens(Text, options: ParseOptions).Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToList();
            if (tokens.Count == 0)
            {
                return op == "insert-junk" ? _random.Pick(SourceVocabulary.Junk) : null;
            }

            List<string> parts = tokens.Select(t => t.ToFullString()).ToList();
            int at = _random.Next(parts.Count);
            switch (op)
            {
                case "delete-token":
                    parts.RemoveAt(at);
                    break;
                case "duplicate-token":
                    parts.Insert(at, parts[at]);
                    break;
                case "swap-tokens" when parts.Count > 1:
                    int next = at == parts.Count - 1 ? at - 1 : at + 1;
                    (parts[at], parts[next]) = (parts[next], parts[at]);
                    break;
                case "rename-identifier":
                    List<int> identifiers = Enumerable.Range(0, tokens.Count).Where(i => tokens[i].IsKind(SyntaxKind.IdentifierToken)).ToList();
                    if (identifiers.Count == 0)
                    {
                        return null;
                    }

                    int index = _random.Pick(identifiers);
                    parts[index] = tokens[index].LeadingTrivia.ToFullString() + _random.Pick(SourceVocabulary.Names) + tokens[index].TrailingTrivia.ToFullString();
                    break;
                default:
                    parts.Insert(at, " " + _random.Pick(SourceVocabulary.Junk) + " ");
                    break;
            }

            return string.Concat(parts);
        }

        private string? ChangeMemberType(SyntaxNode root)
        {
            List<TypeSyntax> types = Members(root).Select(TypeOf).OfType<TypeSyntax>().ToList();
            return types.Count == 0 ? null : Replace(_random.Pick(types).Span, RandomType(root, 0));
        }

        private string? RenameMember(SyntaxNode root)
        {
            List<SyntaxToken> names = Members(root).Select(NameOf).Where(t => !t.IsMissing).ToList();
            if (names.Count == 0)
            {
                return null;
            }

            // Half the time another member's name: two members with one JSON name.
            string name = _random.Chance(0.5) ? _random.Pick(SourceVocabulary.Names) : _random.Pick(names).ValueText;
            return Replace(_random.Pick(names).Span, name);
        }

        private string? AddAttribute(SyntaxNode root)
        {
            List<SyntaxNode> targets = Members(root)
                .Concat(root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
                .Concat(root.DescendantNodes().OfType<EnumMemberDeclarationSyntax>())
                .ToList();
            if (targets.Count == 0)
            {
                return null;
            }

            SyntaxNode target = _random.Pick(targets);
            return Replace(new TextSpan(target.SpanStart, 0), _random.Pick(SourceVocabulary.Attributes) + " ");
        }

        private string? RemoveAttribute(SyntaxNode root)
        {
            List<AttributeSyntax> attributes = root.DescendantNodes().OfType<AttributeSyntax>().ToList();
            if (attributes.Count == 0)
            {
                return null;
            }

            AttributeSyntax attribute = _random.Pick(attributes);
            SyntaxNode node = attribute.Parent is AttributeListSyntax { Attributes.Count: 1 } list ? list : attribute;
            return root.RemoveNode(node, SyntaxRemoveOptions.KeepNoTrivia)?.ToFullString();
        }

        private string? ChangeAttributeArguments(SyntaxNode root)
        {
            List<AttributeSyntax> attributes = root.DescendantNodes().OfType<AttributeSyntax>().ToList();
            if (attributes.Count == 0)
            {
                return null;
            }

            AttributeSyntax attribute = _random.Pick(attributes);
            TextSpan span = attribute.ArgumentList?.Span ?? new TextSpan(attribute.Name.Span.End, 0);
            return Replace(span, _random.Pick(SourceVocabulary.AttributeArguments));
        }

        private string? DuplicateType(SyntaxNode root)
        {
            List<BaseTypeDeclarationSyntax> types = root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().ToList();
            if (types.Count == 0)
            {
                return null;
            }

            BaseTypeDeclarationSyntax type = _random.Pick(types);
            string copy = type.ToFullString();
            int identifier = type.Identifier.Span.Start - type.FullSpan.Start;
            switch (_random.Next(3))
            {
                case 0:
                    // The same name in the same namespace: one more payload with the same hint name.
                    break;
                case 1:
                    copy = copy.Substring(0, identifier) + type.Identifier.ValueText + "2" + copy.Substring(identifier + type.Identifier.Span.Length);
                    break;
                default:
                    if (type is not TypeDeclarationSyntax { Keyword: var keyword })
                    {
                        break;
                    }

                    // Both halves partial: one type declared twice, attributes and all.
                    copy = copy.Insert(keyword.SpanStart - type.FullSpan.Start, "partial ");
                    return Text.Substring(0, type.FullSpan.Start) + copy + "\n" + copy + Text.Substring(type.FullSpan.End);
            }

            return Replace(new TextSpan(type.FullSpan.End, 0), "\n" + copy + "\n");
        }

        private string? InsertMember(SyntaxNode root)
        {
            List<TypeDeclarationSyntax> types = root.DescendantNodes().OfType<TypeDeclarationSyntax>().ToList();
            if (types.Count == 0)
            {
                return null;
            }

            TypeDeclarationSyntax type = _random.Pick(types);
            string attributes = _random.Chance(0.8) ? "[TelemetryField] " : _random.Pick(SourceVocabulary.Attributes) + " ";
            if (_random.Chance(0.3))
            {
                attributes += _random.Pick(SourceVocabulary.Attributes) + " ";
            }

            string name = _random.Pick(SourceVocabulary.Names);
            string typeText = RandomType(root, 0);
            if (type.ParameterList is { } parameters && (type.OpenBraceToken.IsMissing || _random.Chance(0.5)))
            {
                string separator = parameters.Parameters.Count > 0 ? ", " : "";
                return Replace(new TextSpan(parameters.CloseParenToken.SpanStart, 0), separator + attributes.Replace("[TelemetryField]", "[property: TelemetryField]", StringComparison.Ordinal) + typeText + " " + name);
            }

            if (type.OpenBraceToken.IsMissing || type.CloseBraceToken.IsMissing)
            {
                return null;
            }

            string member = _random.Next(5) switch
            {
                0 => $"public {typeText} {name};",
                1 => $"public required {typeText} {name} {{ get; init; }}",
                2 => $"public static {typeText} {name} {{ get; set; }}",
                3 => $"public {typeText} {name} => default!;",
                _ => $"public {typeText} {name} {{ get; set; }}",
            };
            return Replace(new TextSpan(type.CloseBraceToken.SpanStart, 0), "\n    " + attributes + member + "\n");
        }

        private string? InsertRecursiveShape(SyntaxNode root)
        {
            // Generic types whose members reach ever new constructions of themselves.
            string name = "Rec" + _random.Next(100).ToString(CultureInfo.InvariantCulture);
            string kind = _random.Chance(0.8) ? "class" : "struct";
            (string declaration, string use) = _random.Next(6) switch
            {
                0 => ($"public {kind} {name}<T> {{ [TelemetryField] public {name}<(T, T)> Next; [TelemetryField] public Dictionary<string, {name}<T[]>> More; }}", $"{name}<int>"),
                1 => ($"public {kind} {name}<T> {{ [TelemetryField] public {name}<List<T>> Next {{ get; set; }} [TelemetryField] public T Value {{ get; set; }} }}", $"{name}<int>"),
                2 => ($"public {kind} {name}<T> {{ [TelemetryField] public {name}<{name}<T>> Next; [TelemetryField] public {name}<T[]> Other; }}", $"{name}<string>"),
                3 => ($"public {kind} {name}<T, U> {{ [TelemetryField] public {name}<U, (T, U)> A; [TelemetryField] public {name}<T[], U> B; [TelemetryField] public List<{name}<U, T>> C; }}", $"{name}<int, bool>"),
                4 => ($"public class {name}<T> : {name}Base<{name}<T[]>> {{ [TelemetryField] public {name}<KeyValuePair<T, T>> Pair; }} public class {name}Base<T> {{ [TelemetryField] public T Back; [TelemetryField] public {name}Base<T?[]>? Next; }}", $"{name}<int>"),
                _ => ($"public {kind} {name}<T> {{ [TelemetryField] public {name}<(T, int)>[] Items; [TelemetryField] public {name}<(T, long)>? Single; [TelemetryField] public Dictionary<int, {name}<(T, string)>> Map; }}", $"{name}<byte>"),
            };

            string member = $"\n    [TelemetryField] public {use} {_random.Pick(SourceVocabulary.Names)} {{ get; set; }}\n";
            List<TypeDeclarationSyntax> payloads = root.DescendantNodes().OfType<TypeDeclarationSyntax>()
                .Where(t => !t.CloseBraceToken.IsMissing && !t.OpenBraceToken.IsMissing && t.AttributeLists.ToString().Contains("TelemetryPayload", StringComparison.Ordinal))
                .ToList();
            string text = payloads.Count > 0
                ? Replace(new TextSpan(_random.Pick(payloads).CloseBraceToken.SpanStart, 0), member)
                : Text + $"\n[TelemetryPayload] public class RecursivePayload {{{member}}}\n";
            return text + "\n" + declaration + "\n";
        }

        private string? ChangeTypeKind(SyntaxNode root)
        {
            List<BaseTypeDeclarationSyntax> types = root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().ToList();
            if (types.Count == 0)
            {
                return null;
            }

            BaseTypeDeclarationSyntax type = _random.Pick(types);
            if (_random.Chance(0.5) && type.Modifiers.Count > 0)
            {
                return Replace(_random.Pick(type.Modifiers.ToList()).Span, _random.Pick(Modifiers));
            }

            SyntaxToken keyword = type switch
            {
                TypeDeclarationSyntax t => t.Keyword,
                EnumDeclarationSyntax e => e.EnumKeyword,
                _ => type.Identifier,
            };
            return _random.Chance(0.5)
                ? Replace(new TextSpan(keyword.SpanStart, 0), _random.Pick(Modifiers) + " ")
                : Replace(keyword.Span, _random.Pick(new[] { "class", "struct", "record", "record struct", "record class", "interface", "enum", "readonly struct", "ref struct" }));
        }

        private string? SpliceType()
        {
            SourceSeed other = _random.Pick(_corpus.Sources);
            List<BaseTypeDeclarationSyntax> types = CSharpSyntaxTree.ParseText(other.Text, ParseOptions).GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>().ToList();
            return types.Count == 0 ? null : Text + "\n" + _random.Pick(types).ToFullString() + "\n";
        }

        private string? NestType(SyntaxNode root)
        {
            List<BaseTypeDeclarationSyntax> types = root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().ToList();
            List<TypeDeclarationSyntax> hosts = types.OfType<TypeDeclarationSyntax>().Where(t => !t.CloseBraceToken.IsMissing && !t.OpenBraceToken.IsMissing).ToList();
            if (types.Count == 0 || hosts.Count == 0)
            {
                return null;
            }

            BaseTypeDeclarationSyntax inner = _random.Pick(types);
            TypeDeclarationSyntax host = _random.Pick(hosts);
            if (host == inner || host.Ancestors().Contains(inner))
            {
                return _random.Chance(0.5) ? $"namespace Outer.Inner\n{{\n{Text}\n}}\n" : null;
            }

            // Copy, not move: the nested type is one more type of the same name.
            return Replace(new TextSpan(host.CloseBraceToken.SpanStart, 0), "\n" + inner.ToFullString() + "\n");
        }

        private string? RemoveMember(SyntaxNode root)
        {
            List<SyntaxNode> members = Members(root).Concat(root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>()).ToList();
            if (members.Count == 0)
            {
                return null;
            }

            SyntaxNode member = _random.Pick(members);
            SyntaxNode node = member is VariableDeclaratorSyntax ? member.Parent!.Parent! : member;
            return root.RemoveNode(node, SyntaxRemoveOptions.KeepNoTrivia)?.ToFullString();
        }

        private string? MakeGeneric(SyntaxNode root)
        {
            List<TypeDeclarationSyntax> types = root.DescendantNodes().OfType<TypeDeclarationSyntax>().ToList();
            if (types.Count == 0)
            {
                return null;
            }

            TypeDeclarationSyntax type = _random.Pick(types);
            return type.TypeParameterList is { } list
                ? Replace(new TextSpan(list.GreaterThanToken.SpanStart, 0), ", TExtra")
                : Replace(new TextSpan(type.Identifier.Span.End, 0), _random.Pick(new[] { "<T>", "<T> where T : struct", "<T> where T : new()", "<TKey, TValue>" }));
        }

        private string? AddBaseType(SyntaxNode root)
        {
            List<TypeDeclarationSyntax> types = root.DescendantNodes().OfType<TypeDeclarationSyntax>().ToList();
            if (types.Count == 0)
            {
                return null;
            }

            TypeDeclarationSyntax type = _random.Pick(types);
            string baseType = _random.Chance(0.6) && LocalTypes(root) is { Count: > 0 } locals ? _random.Pick(locals) : RandomType(root, 1);
            TextSpan at = type.BaseList?.Span ?? new TextSpan((type.TypeParameterList?.Span ?? type.ParameterList?.Span ?? type.Identifier.Span).End, 0);
            return Replace(at, " : " + baseType);
        }

        private string RandomType(SyntaxNode root, int depth)
        {
            List<string> locals = LocalTypes(root);
            if (depth >= 3 || _random.Chance(0.55))
            {
                return locals.Count > 0 && _random.Chance(0.25) ? _random.Pick(locals) : _random.Pick(SourceVocabulary.LeafTypes);
            }

            return string.Format(CultureInfo.InvariantCulture, _random.Pick(SourceVocabulary.Constructions), RandomType(root, depth + 1), RandomType(root, depth + 1));
        }

        private string ReplaceLockWord(string line)
        {
            string[] words =
            {
                "object", "string", "integer:int", "integer:long", "number", "boolean", "uuid", "version", "country", "timestamp:week",
                "timestamp:day", "duration", "enum(a|b)", "enum()", "map<string,integer:int>", "array<", "map<enum(x),", "?", "payload", "1.0",
                "99999999999999999999", "", ":", ".", "enum(linux|windows|mac_os|other)", "array<array<array<integer:int>>>",
            };
            string[] parts = line.Split(' ');
            parts[_random.Next(parts.Length)] = _random.Pick(words);
            return string.Join(" ", parts);
        }

        private string Replace(TextSpan span, string replacement) => Text.Substring(0, span.Start) + replacement + Text.Substring(span.End);

        private static List<string> LocalTypes(SyntaxNode root) =>
            root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Select(t => t.Identifier.ValueText).Where(n => n.Length > 0).Distinct().ToList();

        private static IEnumerable<SyntaxNode> Members(SyntaxNode root) =>
            root.DescendantNodes().Where(n => n is PropertyDeclarationSyntax or VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } ||
                (n is ParameterSyntax { Parent.Parent: TypeDeclarationSyntax }));

        private static TypeSyntax? TypeOf(SyntaxNode member) => member switch
        {
            PropertyDeclarationSyntax property => property.Type,
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } => declaration.Type,
            ParameterSyntax parameter => parameter.Type,
            _ => null,
        };

        private static SyntaxToken NameOf(SyntaxNode member) => member switch
        {
            PropertyDeclarationSyntax property => property.Identifier,
            VariableDeclaratorSyntax variable => variable.Identifier,
            ParameterSyntax parameter => parameter.Identifier,
            _ => default,
        };

        private static readonly string[] Modifiers = { "static", "abstract", "partial", "sealed", "readonly", "ref", "file", "private", "protected", "internal", "public", "unsafe", "new" };

        private static readonly string[] LockJunk =
        {
            "payload", "payload x", "payload printernizer_usage 1.0", "payload wide_payload 99", "  a: ", "  : object", "  a.b.c: map<", "  é: string",
            "payload printernizer_usage", "  installation.platform: enum(linux)", "  x: array<array<", "#", "\t\tpayload  y  1.0", "  error_summary: map<enum(connection_timeout),integer:int>",
            "payload " + new string('p', 500) + " 1.0", "  " + string.Join(".", Enumerable.Repeat("a", 200)) + ": object", "\0", "payload p 1.0.0.0.0.0.0.0.0",
        };
    }
}
