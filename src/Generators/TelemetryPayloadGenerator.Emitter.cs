using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using PiiGuard.Generators.Model;
using PiiGuard.Generators.Parser;
using PiiGuard.Shared;

namespace PiiGuard.Generators;

public sealed partial class TelemetryPayloadGenerator
{
    /// <summary>
    /// Model to text: one file per payload (its serializer, registered from a module initializer, carrying its schema
    /// docs) and one file per class, struct, record or enum that payloads hold (its writer and strict reader, shared by
    /// every payload that reaches it).
    /// </summary>
    internal static class Emitter
    {
        private const string Serialization = "global::" + MetadataNames.SerializationNamespace + ".";
        private const string Writer = Serialization + "TelemetryJsonWriter";
        private const string Reader = Serialization + "TelemetryJsonReader";
        private const string Period = "global::" + MetadataNames.Namespace + "." + MetadataNames.Period + ".";

        public static void Emit(SourceProductionContext context, GeneratedPayload generated) =>
            AddSource(context, generated.HintName + ".PiiGuard.g.cs", () => EmitPayload(generated.Model, generated.Rules, generated.Identifier));

        public static void Emit(SourceProductionContext context, GeneratedType generated) =>
            AddSource(context, generated.HintName + ".PiiGuardType.g.cs", () =>
                generated.Object is { } model ? EmitObject(model) :
                generated.Enum is { } enumType ? EmitEnum(enumType) :
                EmitCollection(generated.Collection!));

        private static void AddSource(SourceProductionContext context, string hintName, Func<string> emit)
        {
            string source;
            try
            {
                source = emit();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The model comes from the same builder the analyzers run, and has no problems; should the emitter
                // still fail on it, the type is left without generated code (TelemetrySerializer then says so at
                // run time) rather than the generator failing, which would leave every payload without it.
                return;
            }

            context.AddSource(hintName, SourceText.From(source, Encoding.UTF8));
        }

        /// <summary>The class that writes and reads an object type: <c>PiiGuardObject_…</c>.</summary>
        public static string ObjectClass(string typeId) => "PiiGuardObject_" + typeId;

        /// <summary>The class that writes and reads an enum type: <c>PiiGuardEnum_…</c>.</summary>
        public static string EnumClass(ValueModel value) => "PiiGuardEnum_" + TypeIds.Of(value.TypeName);

        /// <summary>The class that writes and reads a collection type: <c>PiiGuardCollection_…</c>.</summary>
        public static string CollectionClass(ValueModel value) => "PiiGuardCollection_" + SharedTypes.CollectionId(value);

        /// <summary>The source of one payload's serializer; <paramref name="id"/> is the suffix of its class name.</summary>
        public static string EmitPayload(PayloadModel payload, BuildRules rules, string id)
        {
            var code = new SourceWriter();
            string serializer = MetadataNames.SerializerClassPrefix + id;
            string root = ObjectClass(TypeIds.Of(payload.Find(payload.Root).TypeName));
            SchemaDocs docs = SchemaDocs.Create(payload, rules);

            BeginFile(code, "serializer, strict reader and schema docs of " + payload.TypeName.Replace("global::", ""));
            code.WriteLine("/// <summary>The serializer of " + Xml(payload.Name) + "; its schema docs are read from the attribute only when asked for.</summary>");
            code.WriteLine("[" + Serialization + MetadataNames.TelemetrySchemaDocumentsAttribute + "(");
            code.Indent++;
            code.WriteLine(Literal(payload.Name) + ",");
            code.WriteLine((payload.SchemaVersion is null ? "null" : Literal(payload.SchemaVersion)) + ",");
            code.WriteLine(Literal(docs.JsonSchema) + ",");
            code.WriteLine(Literal(docs.Markdown) + ",");
            code.WriteLine(Literal(docs.Lock) + ")]");
            code.Indent--;
            code.WriteLine(GeneratedCode);
            code.WriteLine($"internal sealed class {serializer} : {Serialization}{MetadataNames.TelemetryTypeInfo}<{payload.TypeName}>");
            code.WriteLine("{");
            code.Indent++;
            code.WriteLine("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            code.WriteLine($"internal static void Register() => {Serialization}TelemetryTypeInfoRegistry.Register(new {serializer}());");
            code.WriteLine();
            code.WriteLine($"public override void Write(ref {Writer} writer, {payload.TypeName} value) => {root}.Write(ref writer, value);");
            code.WriteLine();
            code.WriteLine($"public override {payload.TypeName} Read(ref {Reader} reader) => {root}.Read(ref reader);");
            if (InstallationIdRoute(payload) is { } route)
            {
                EmitInstallationId(code, payload, route);
            }

            code.Indent--;
            code.WriteLine("}");
            return EndFile(code);
        }

        /// <summary>
        /// The fields from the payload's root to its <c>[InstallationId]</c>, when that is a non-nullable <c>Guid</c>
        /// reached through non-nullable objects only (not through a collection or a nullable object): the one place a
        /// collector reads the installation id of any payload from. Null when the payload has no such member.
        /// </summary>
        internal static FieldModel[]? InstallationIdRoute(PayloadModel payload) =>
            FindInstallationId(payload, payload.Find(payload.Root), new System.Collections.Generic.List<FieldModel>(), new System.Collections.Generic.HashSet<string>());

        private static FieldModel[]? FindInstallationId(PayloadModel payload, ObjectModel model, System.Collections.Generic.List<FieldModel> route, System.Collections.Generic.HashSet<string> visited)
        {
            if (!visited.Add(model.Id))
            {
                return null;
            }

            foreach (FieldModel field in model.Fields)
            {
                if (field.IsInstallationId && field.Value.Kind == ValueKind.Guid && !field.Value.IsNullable)
                {
                    return [.. route, field];
                }
            }

            foreach (FieldModel field in model.Fields)
            {
                if (field.Value.Kind == ValueKind.Object && !field.Value.IsNullable && field.Value.ObjectId is { } id)
                {
                    route.Add(field);
                    if (FindInstallationId(payload, payload.Find(id), route, visited) is { } found)
                    {
                        return found;
                    }

                    route.RemoveAt(route.Count - 1);
                }
            }

            return null;
        }

        // The overrides that give the collector the installation id and its JSON path. A property pattern, so that a
        // null object on the way (possible only in a payload built by hand, never in one the strict reader read)
        // answers false rather than throwing.
        private static void EmitInstallationId(SourceWriter code, PayloadModel payload, FieldModel[] route)
        {
            string path = "$" + string.Concat(route.Select(field => "." + field.JsonName));
            string pattern = "var id";
            for (int i = route.Length - 1; i >= 0; i--)
            {
                pattern = "{ " + Member(route[i].MemberName) + ": " + pattern + " }";
            }

            code.WriteLine();
            code.WriteLine($"public override string? InstallationIdPath => {Literal(path)};");
            code.WriteLine();
            code.WriteLine($"public override bool TryGetInstallationId({payload.TypeName} value, out global::System.Guid installationId)");
            code.WriteLine("{");
            code.Indent++;
            code.WriteLine($"if (value is {pattern})");
            code.WriteLine("{");
            code.WriteLine("    installationId = id;");
            code.WriteLine("    return true;");
            code.WriteLine("}");
            code.WriteLine();
            code.WriteLine("installationId = default;");
            code.WriteLine("return false;");
            code.Indent--;
            code.WriteLine("}");
        }

        /// <summary>The source of one object type's writer and strict reader.</summary>
        public static string EmitObject(ObjectModel model) =>
            EmitSharedClass(model.TypeName, ObjectClass(model.Id), code =>
            {
                EmitObjectWriter(code, model);
                code.WriteLine();
                EmitObjectReader(code, model);
            });

        /// <summary>The source of one enum type's writer and strict reader.</summary>
        public static string EmitEnum(ValueModel value) =>
            EmitSharedClass(value.TypeName, EnumClass(value), code => EmitEnumMembers(code, value));

        /// <summary>The source of one collection type's writer and strict reader.</summary>
        public static string EmitCollection(ValueModel value) =>
            EmitSharedClass(
                value.TypeName + (FirstTimestamp(value) is { } timestamp ? " with points in time per " + timestamp.Aggregation!.ToLowerInvariant() : ""),
                CollectionClass(value),
                code =>
                {
                    code.WriteLine($"public static void Write(ref {Writer} writer, {value.TypeName} value)");
                    code.WriteLine("{");
                    code.Indent++;
                    if (value.Kind == ValueKind.Map)
                    {
                        EmitWriteMap(code, value);
                    }
                    else
                    {
                        EmitWriteArray(code, value);
                    }

                    code.Indent--;
                    code.WriteLine("}");
                    code.WriteLine();
                    code.WriteLine($"public static {value.TypeName} Read(ref {Reader} reader)");
                    code.WriteLine("{");
                    code.Indent++;
                    if (value.Kind == ValueKind.Map)
                    {
                        EmitReadMap(code, value);
                    }
                    else
                    {
                        EmitReadArray(code, value);
                    }

                    code.Indent--;
                    code.WriteLine("}");
                });

        /// <summary>A file with one static class of a shared type: its writer and reader, which <paramref name="body"/> writes.</summary>
        private static string EmitSharedClass(string what, string className, Action<SourceWriter> body)
        {
            var code = new SourceWriter();
            BeginFile(code, "writer and strict reader of " + what.Replace("global::", "") + ", shared by every payload that holds it");
            code.WriteLine(GeneratedCode);
            code.WriteLine($"internal static class {className}");
            code.WriteLine("{");
            code.Indent++;
            body(code);
            code.Indent--;
            code.WriteLine("}");
            return EndFile(code);
        }

        private static ValueModel? FirstTimestamp(ValueModel value) =>
            value.Kind == ValueKind.Timestamp ? value : value.Element is { } element ? FirstTimestamp(element) : null;

        /// <summary>The generator's assembly name, whose name and version <c>[GeneratedCode]</c> states.</summary>
        internal static readonly AssemblyName Generator = typeof(TelemetryPayloadGenerator).Assembly.GetName();

        private static readonly string GeneratedCode =
            "[global::System.CodeDom.Compiler.GeneratedCode(" + Literal(Generator.Name) + ", " + Literal(Generator.Version.ToString()) + ")]";

        private static void BeginFile(SourceWriter code, string what)
        {
            code.WriteLine("// <auto-generated/>");
            code.WriteLine("// PiiGuard: " + what + ".");
            code.WriteLine("#nullable enable");
            code.WriteLine("#pragma warning disable CS0612, CS0618, CA2255");
            code.WriteLine();
            code.WriteLine("namespace " + MetadataNames.GeneratedNamespace);
            code.WriteLine("{");
            code.Indent++;
        }

        private static string EndFile(SourceWriter code)
        {
            code.Indent--;
            code.WriteLine("}");
            return code.ToString();
        }

        private static void EmitObjectWriter(SourceWriter code, ObjectModel model)
        {
            code.WriteLine($"public static void Write(ref {Writer} writer, {model.TypeName} value)");
            code.WriteLine("{");
            code.Indent++;
            for (int i = 0; i < model.Fields.Count; i++)
            {
                FieldModel field = model.Fields[i];
                string prefix = (i == 0 ? "{" : ",") + Json.Quote(field.JsonName) + ":";
                code.WriteLine($"writer.WriteRaw({Utf8(prefix)});");

                // A value that declares locals gets a block of its own, so that the names can repeat field after field.
                bool block = field.Value.IsNullable || field.Value.IsReferenceType;
                if (block)
                {
                    code.WriteLine("{");
                    code.Indent++;
                }

                EmitWriteValue(code, field.Value, "value." + Member(field.MemberName), "." + field.JsonName, 0);
                if (block)
                {
                    code.Indent--;
                    code.WriteLine("}");
                }
            }

            code.WriteLine(model.Fields.Count == 0 ? "writer.WriteRaw(\"{}\"u8);" : "writer.WriteRaw(\"}\"u8);");
            code.Indent--;
            code.WriteLine("}");
        }

        private static void EmitWriteValue(SourceWriter code, ValueModel value, string expression, string member, int depth)
        {
            string v = "v" + depth.ToString(CultureInfo.InvariantCulture);
            if (value.IsNullable)
            {
                code.WriteLine(value.IsNullableValueType
                    ? $"if ({expression} is {value.TypeName} {v})"
                    : $"if ({expression} is {{ }} {v})");
                code.WriteLine("{");
                code.Indent++;
                EmitWriteNonNull(code, value, v, member, depth);
                code.Indent--;
                code.WriteLine("}");
                code.WriteLine("else");
                code.WriteLine("{");
                code.WriteLine("    writer.WriteNull();");
                code.WriteLine("}");
            }
            else if (value.IsReferenceType)
            {
                code.WriteLine($"{value.TypeName} {v} = {expression} ?? throw writer.NullAt({Literal(member)});");
                EmitWriteNonNull(code, value, v, member, depth);
            }
            else
            {
                EmitWriteNonNull(code, value, expression, member, depth);
            }
        }

        private static void EmitWriteNonNull(SourceWriter code, ValueModel value, string x, string member, int depth)
        {
            switch (value.Kind)
            {
                case ValueKind.Boolean:
                    code.WriteLine($"writer.WriteBoolean({x});");
                    break;
                case ValueKind.Integer:
                    code.WriteLine(value.Primitive is "byte" or "ushort" or "uint" or "ulong"
                        ? $"writer.WriteNumber((ulong){x});"
                        : $"writer.WriteNumber((long){x});");
                    break;
                case ValueKind.Number:
                    code.WriteLine($"writer.WriteNumber({x});");
                    break;
                case ValueKind.String:
                    code.WriteLine($"writer.WriteString({x});");
                    break;
                case ValueKind.Enum:
                    code.WriteLine($"{EnumClass(value)}.Write(ref writer, {x}, {Literal(member)});");
                    break;
                case ValueKind.Timestamp:
                    code.WriteLine($"writer.WriteTimestamp({x}, {Period}{value.Aggregation});");
                    break;
                case ValueKind.Guid:
                    code.WriteLine($"writer.WriteGuid({x});");
                    break;
                case ValueKind.Version:
                    code.WriteLine($"writer.WriteVersion({x});");
                    break;
                case ValueKind.CountryCode:
                    code.WriteLine($"writer.WriteCountryCode({x});");
                    break;
                case ValueKind.Duration:
                    code.WriteLine($"writer.WriteDuration({x});");
                    break;
                case ValueKind.Object:
                    EmitNested(code, member, c => c.WriteLine($"{ObjectClass(value.ObjectId!)}.Write(ref writer, {x});"));
                    break;
                case ValueKind.Array:
                case ValueKind.Map:
                    EmitNested(code, member, c => c.WriteLine($"{CollectionClass(value)}.Write(ref writer, {x});"));
                    break;
            }
        }

        /// <summary>
        /// A write that may throw from deeper down, with <paramref name="segment"/> added to the exception's path on its
        /// way out (an exception filter that never catches: nothing is tracked while all is well). An element's
        /// segment is empty: the collection's own filter adds <c>[]</c> or <c>{}</c>.
        /// </summary>
        private static void EmitNested(SourceWriter code, string segment, Action<SourceWriter> write)
        {
            if (segment.Length == 0)
            {
                write(code);
                return;
            }

            code.WriteLine("try");
            code.WriteLine("{");
            code.Indent++;
            write(code);
            code.Indent--;
            code.WriteLine("}");
            code.WriteLine($"catch (global::PiiGuard.TelemetrySerializationException error) when (writer.AddPath(error, {Literal(segment)}))");
            code.WriteLine("{");
            code.WriteLine("    throw;");
            code.WriteLine("}");
        }

        /// <summary>
        /// Whether <paramref name="typeName"/> is the list interface <paramref name="prefix"/> names, possibly nullable,
        /// and not, say, an array of it (<c>IList&lt;int&gt;[]</c>), which has no <c>Count</c>.
        /// </summary>
        private static bool IsListInterface(string typeName, string prefix)
        {
            if (!typeName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }

            int depth = 1;
            for (int i = prefix.Length; i < typeName.Length; i++)
            {
                depth += typeName[i] == '<' ? 1 : typeName[i] == '>' ? -1 : 0;
                if (depth == 0)
                {
                    string rest = typeName.Substring(i + 1);
                    return rest.Length == 0 || rest == "?";
                }
            }

            return false;
        }

        /// <summary>The body of a collection class's <c>Write</c>: <c>value</c> is its parameter; an element's errors get <c>[]</c> in their path.</summary>
        private static void EmitWriteArray(SourceWriter code, ValueModel value)
        {
            const string x = "value";
            const string d = "0";
            code.WriteLine("writer.WriteRaw(\"[\"u8);");
            code.WriteLine($"bool first{d} = true;");
            EmitElements(code, value, c => EmitArrayLoop(c, value, x, d));
            code.WriteLine();
            code.WriteLine("writer.WriteRaw(\"]\"u8);");
        }

        private static void EmitArrayLoop(SourceWriter code, ValueModel value, string x, string d)
        {

            // Indexed loops over list interfaces avoid boxing an enumerator; arrays, List<T> and HashSet<T> have struct enumerators.
            bool indexed = IsListInterface(value.TypeName, "global::System.Collections.Generic.IList<") ||
                IsListInterface(value.TypeName, "global::System.Collections.Generic.IReadOnlyList<");
            if (indexed)
            {
                code.WriteLine($"for (int i{d} = 0; i{d} < {x}.Count; i{d}++)");
                code.WriteLine("{");
                code.Indent++;
                code.WriteLine($"{ElementType(value.Element!)} item{d} = {x}[i{d}];");
            }
            else
            {
                code.WriteLine($"foreach ({ElementType(value.Element!)} item{d} in {x})");
                code.WriteLine("{");
                code.Indent++;
            }

            EmitSeparator(code, d);
            EmitWriteValue(code, value.Element!, "item" + d, "", 1);
            code.Indent--;
            code.WriteLine("}");
        }

        /// <summary>A comma before every element but the first.</summary>
        private static void EmitSeparator(SourceWriter code, string d)
        {
            code.WriteLine($"if (!first{d})");
            code.WriteLine("{");
            code.WriteLine("    writer.WriteRaw(\",\"u8);");
            code.WriteLine("}");
            code.WriteLine();
            code.WriteLine($"first{d} = false;");
        }

        /// <summary>The body of a dictionary class's <c>Write</c>: <c>value</c> is its parameter; an entry's errors get <c>{}</c> in their path.</summary>
        private static void EmitWriteMap(SourceWriter code, ValueModel value)
        {
            const string x = "value";
            const string d = "0";
            ValueModel keyModel = value.Key!;
            code.WriteLine("writer.WriteRaw(\"{\"u8);");
            code.WriteLine($"bool first{d} = true;");
            if (keyModel.Kind == ValueKind.Enum)
            {
                // Keys in the enum's declaration order, so the output does not depend on insertion order.
                code.WriteLine($"int found{d} = 0;");
                EmitElements(code, value, c =>
                {
                    for (int i = 0; i < keyModel.EnumMembers.Count; i++)
                    {
                        EnumMemberModel key = keyModel.EnumMembers[i];
                        if (i > 0)
                        {
                            c.WriteLine();
                        }

                        c.WriteLine($"if ({x}.TryGetValue({keyModel.TypeName}.{Member(key.MemberName)}, out var entry{d}_{key.MemberName}))");
                        c.WriteLine("{");
                        c.Indent++;
                        c.WriteLine($"writer.WriteRaw(first{d} ? {Utf8(Json.Quote(key.JsonName) + ":")} : {Utf8("," + Json.Quote(key.JsonName) + ":")});");
                        c.WriteLine($"first{d} = false;");
                        c.WriteLine($"found{d}++;");
                        EmitWriteValue(c, value.Element!, $"entry{d}_{key.MemberName}", "", 1);
                        c.Indent--;
                        c.WriteLine("}");
                    }
                });

                code.WriteLine();
                code.WriteLine($"if (found{d} != {x}.Count)");
                code.WriteLine("{");
                code.WriteLine("    throw writer.UndefinedAt(\"\");");
                code.WriteLine("}");
            }
            else
            {
                EmitElements(code, value, c =>
                {
                    c.WriteLine($"foreach (global::System.Collections.Generic.KeyValuePair<string, {ElementType(value.Element!)}> entry{d} in {x})");
                    c.WriteLine("{");
                    c.Indent++;
                    EmitSeparator(c, d);
                    c.WriteLine($"writer.WriteString(entry{d}.Key);");
                    c.WriteLine("writer.WriteRaw(\":\"u8);");
                    EmitWriteValue(c, value.Element!, $"entry{d}.Value", "", 1);
                    c.Indent--;
                    c.WriteLine("}");
                });
            }

            code.WriteLine();
            code.WriteLine("writer.WriteRaw(\"}\"u8);");
        }

        /// <summary>
        /// A collection's elements, written by <paramref name="write"/>; where an element can fail with a path (a null, an
        /// undefined enum value, anything nested), its errors get the collection's <c>[]</c> or <c>{}</c>.
        /// </summary>
        private static void EmitElements(SourceWriter code, ValueModel collection, Action<SourceWriter> write)
        {
            ValueModel element = collection.Element!;
            bool canFail = element.Kind is ValueKind.Enum or ValueKind.Object or ValueKind.Array or ValueKind.Map ||
                (element.IsReferenceType && !element.IsNullable);
            EmitNested(code, canFail ? (collection.Kind == ValueKind.Map ? "{}" : "[]") : "", write);
        }

        private static void EmitObjectReader(SourceWriter code, ObjectModel model)
        {
            code.WriteLine($"public static {model.TypeName} Read(ref {Reader} reader)");
            code.WriteLine("{");
            code.Indent++;
            code.WriteLine("reader.ExpectStartObject();");
            if (model.Fields.Count > 0)
            {
                code.WriteLine("ulong seen = 0;");
            }

            for (int i = 0; i < model.Fields.Count; i++)
            {
                code.WriteLine($"{ElementType(model.Fields[i].Value)} f{i} = default!;");
            }

            code.WriteLine("while (reader.NextProperty())");
            code.WriteLine("{");
            code.Indent++;
            for (int i = 0; i < model.Fields.Count; i++)
            {
                FieldModel field = model.Fields[i];
                code.WriteLine($"{(i == 0 ? "if" : "else if")} (reader.Is({Utf8(field.JsonName)}))");
                code.WriteLine("{");
                code.Indent++;
                code.WriteLine($"reader.EnterField({Literal(field.JsonName)}, ref seen, {i});");
                EmitReadValue(code, field.Value, "f" + i.ToString(CultureInfo.InvariantCulture), 0);
                code.WriteLine("reader.Leave();");
                code.Indent--;
                code.WriteLine("}");
            }

            code.WriteLine(model.Fields.Count == 0 ? "throw reader.UnknownProperty();" : "else");
            if (model.Fields.Count > 0)
            {
                code.WriteLine("{");
                code.WriteLine("    throw reader.UnknownProperty();");
                code.WriteLine("}");
            }

            code.Indent--;
            code.WriteLine("}");
            code.WriteLine();
            if (model.Fields.Count > 0)
            {
                // Every field is required: one comparison, and the names only on the way to the error.
                string all = model.Fields.Count == ShapeBounds.MaxFields ? "ulong.MaxValue" : "0x" + ((1UL << model.Fields.Count) - 1).ToString("X", CultureInfo.InvariantCulture) + "UL";
                code.WriteLine($"if (seen != {all})");
                code.WriteLine("{");
                code.WriteLine($"    throw reader.Missing(seen, {string.Join(", ", model.Fields.Select(f => Literal(f.JsonName)))});");
                code.WriteLine("}");
                code.WriteLine();
            }

            string arguments = string.Join(", ", model.ConstructorArguments.Select(i => "f" + i.ToString(CultureInfo.InvariantCulture)));
            code.WriteLine($"return new {model.TypeName}({arguments})");
            code.WriteLine("{");
            code.Indent++;
            foreach (int i in model.Initializers)
            {
                code.WriteLine($"{Member(model.Fields[i].MemberName)} = f{i},");
            }

            code.Indent--;
            code.WriteLine("};");
            code.Indent--;
            code.WriteLine("}");
        }

        private static void EmitReadValue(SourceWriter code, ValueModel value, string target, int depth)
        {
            if (value.IsNullable)
            {
                code.WriteLine("if (reader.IsNull)");
                code.WriteLine("{");
                code.WriteLine($"    {target} = null;");
                code.WriteLine("}");
                code.WriteLine("else");
                code.WriteLine("{");
                code.Indent++;
                EmitReadNonNull(code, value, target, depth);
                code.Indent--;
                code.WriteLine("}");
            }
            else
            {
                EmitReadNonNull(code, value, target, depth);
            }
        }

        private static void EmitReadNonNull(SourceWriter code, ValueModel value, string target, int depth)
        {
            string d = depth.ToString(CultureInfo.InvariantCulture);
            switch (value.Kind)
            {
                case ValueKind.Boolean:
                    code.WriteLine($"{target} = reader.GetBoolean();");
                    break;
                case ValueKind.Integer:
                    code.WriteLine(value.Primitive switch
                    {
                        "long" => $"{target} = reader.GetInt64();",
                        "ulong" => $"{target} = reader.GetUInt64();",
                        _ => $"{target} = ({value.Primitive})reader.GetInteger({value.Primitive}.MinValue, {value.Primitive}.MaxValue);",
                    });
                    break;
                case ValueKind.Number:
                    code.WriteLine(value.Primitive switch
                    {
                        "float" => $"{target} = reader.GetSingle();",
                        "decimal" => $"{target} = reader.GetDecimal();",
                        _ => $"{target} = reader.GetDouble();",
                    });
                    break;
                case ValueKind.String:
                    code.WriteLine($"{target} = reader.GetString();");
                    break;
                case ValueKind.Enum:
                    code.WriteLine($"{target} = {EnumClass(value)}.Read(ref reader);");
                    break;
                case ValueKind.Timestamp:
                    code.WriteLine(value.IsDateTimeOffset
                        ? $"{target} = reader.GetTimestamp({Period}{value.Aggregation});"
                        : $"{target} = reader.GetTimestamp({Period}{value.Aggregation}).UtcDateTime;");
                    break;
                case ValueKind.Guid:
                    code.WriteLine($"{target} = reader.GetGuid();");
                    break;
                case ValueKind.Version:
                    code.WriteLine($"{target} = reader.GetVersion();");
                    break;
                case ValueKind.CountryCode:
                    code.WriteLine($"{target} = reader.GetCountryCode();");
                    break;
                case ValueKind.Duration:
                    code.WriteLine($"{target} = reader.GetDuration();");
                    break;
                case ValueKind.Object:
                    code.WriteLine($"{target} = {ObjectClass(value.ObjectId!)}.Read(ref reader);");
                    break;
                case ValueKind.Array or ValueKind.Map:
                    code.WriteLine($"{target} = {CollectionClass(value)}.Read(ref reader);");
                    break;
            }
        }

        /// <summary>The body of a collection class's <c>Read</c>.</summary>
        private static void EmitReadArray(SourceWriter code, ValueModel value)
        {
            const string d = "0";
            string element = ElementType(value.Element!);
            string collection = value.Collection == CollectionKind.Set
                ? $"global::System.Collections.Generic.HashSet<{element}>"
                : $"global::System.Collections.Generic.List<{element}>";
            code.WriteLine("reader.ExpectStartArray();");
            code.WriteLine($"var items{d} = new {collection}();");
            code.WriteLine($"int index{d} = 0;");
            code.WriteLine("while (reader.NextElement())");
            code.WriteLine("{");
            code.Indent++;
            code.WriteLine($"reader.Enter(index{d}++);");
            code.WriteLine($"{element} item{d} = default!;");
            EmitReadValue(code, value.Element!, "item" + d, 1);
            if (value.Collection == CollectionKind.Set)
            {
                code.WriteLine($"if (!items{d}.Add(item{d}))");
                code.WriteLine("{");
                code.WriteLine("    throw reader.Duplicate();");
                code.WriteLine("}");
                code.WriteLine();
            }
            else
            {
                code.WriteLine($"items{d}.Add(item{d});");
            }

            code.WriteLine("reader.Leave();");
            code.Indent--;
            code.WriteLine("}");
            code.WriteLine();
            code.WriteLine(value.Collection == CollectionKind.Array ? $"return items{d}.ToArray();" : $"return items{d};");
        }

        /// <summary>The body of a dictionary class's <c>Read</c>.</summary>
        private static void EmitReadMap(SourceWriter code, ValueModel value)
        {
            const string d = "0";
            ValueModel key = value.Key!;
            string keyType = key.TypeName;
            string element = ElementType(value.Element!);
            code.WriteLine("reader.ExpectStartObject();");
            code.WriteLine($"var map{d} = new global::System.Collections.Generic.Dictionary<{keyType}, {element}>();");
            code.WriteLine("while (reader.NextProperty())");
            code.WriteLine("{");
            code.Indent++;
            code.WriteLine($"{keyType} key{d};");
            if (key.Kind == ValueKind.Enum)
            {
                for (int i = 0; i < key.EnumMembers.Count; i++)
                {
                    EnumMemberModel member = key.EnumMembers[i];
                    code.WriteLine($"{(i == 0 ? "if" : "else if")} (reader.Is({Utf8(member.JsonName)}))");
                    code.WriteLine("{");
                    code.WriteLine($"    key{d} = {keyType}.{Member(member.MemberName)};");
                    code.WriteLine($"    reader.Enter({Literal(member.JsonName)});");
                    code.WriteLine("}");
                }

                if (key.EnumMembers.Count == 0)
                {
                    code.WriteLine("throw reader.NotAllowed();");
                }
                else
                {
                    code.WriteLine("else");
                    code.WriteLine("{");
                    code.WriteLine("    throw reader.NotAllowed();");
                    code.WriteLine("}");
                    code.WriteLine();
                }
            }
            else
            {
                // A string key could be personal data: the path says where, not which.
                code.WriteLine($"key{d} = reader.GetPropertyName();");
                code.WriteLine("reader.Enter(\"*\");");
            }

            code.WriteLine($"if (map{d}.ContainsKey(key{d}))");
            code.WriteLine("{");
            code.WriteLine("    throw reader.Duplicate();");
            code.WriteLine("}");
            code.WriteLine();
            code.WriteLine("reader.Next();");
            code.WriteLine($"{element} entry{d} = default!;");
            EmitReadValue(code, value.Element!, "entry" + d, 1);
            code.WriteLine($"map{d}.Add(key{d}, entry{d});");
            code.WriteLine("reader.Leave();");
            code.Indent--;
            code.WriteLine("}");
            code.WriteLine();
            code.WriteLine($"return map{d};");
        }

        private static void EmitEnumMembers(SourceWriter code, ValueModel value)
        {
            // Inlined where it is called: a shared enum writer costs no call (as when each payload had its own switch).
            code.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            code.WriteLine($"public static void Write(ref {Writer} writer, {value.TypeName} value, string member)");
            code.WriteLine("{");
            code.Indent++;
            code.WriteLine("writer.WriteRaw(value switch");
            code.WriteLine("{");
            code.Indent++;
            foreach (EnumMemberModel member in value.EnumMembers)
            {
                code.WriteLine($"{value.TypeName}.{Member(member.MemberName)} => {Utf8(Json.Quote(member.JsonName))},");
            }

            code.WriteLine("_ => throw writer.UndefinedAt(member),");
            code.Indent--;
            code.WriteLine("});");
            code.Indent--;
            code.WriteLine("}");
            code.WriteLine();
            code.WriteLine($"public static {value.TypeName} Read(ref {Reader} reader)");
            code.WriteLine("{");
            code.Indent++;
            code.WriteLine("reader.ExpectString();");
            foreach (EnumMemberModel member in value.EnumMembers)
            {
                code.WriteLine($"if (reader.Is({Utf8(member.JsonName)}))");
                code.WriteLine("{");
                code.WriteLine($"    return {value.TypeName}.{Member(member.MemberName)};");
                code.WriteLine("}");
                code.WriteLine();
            }

            code.WriteLine("throw reader.NotAllowed();");
            code.Indent--;
            code.WriteLine("}");
        }

        /// <summary>The C# type of a value, with <c>?</c> when null is allowed.</summary>
        private static string ElementType(ValueModel value) => value.IsNullable ? value.TypeName + "?" : value.TypeName;

        private static string Member(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary>A C# UTF-8 string literal (<c>"…"u8</c>) of <paramref name="text"/>.</summary>
        private static string Utf8(string text) => Literal(text) + "u8";

        /// <summary>A C# regular string literal of <paramref name="text"/>, escaped.</summary>
        internal static string Literal(string text) => Json.Quote(text, escapeNonAscii: true);

        private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
