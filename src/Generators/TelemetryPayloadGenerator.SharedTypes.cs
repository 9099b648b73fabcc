using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using PiiGuard.Generators.Model;

namespace PiiGuard.Generators;

public sealed partial class TelemetryPayloadGenerator
{
    /// <summary>
    /// One class, struct, record, enum or collection that payloads hold, to be emitted once for all of them: exactly
    /// one of <paramref name="Object"/>, <paramref name="Enum"/> and <paramref name="Collection"/> is set.
    /// </summary>
    /// <param name="Id">The type's identifier (<see cref="TypeIds.Of"/>), which its generated class names.</param>
    /// <param name="Object">An object type, its fields' object references rewritten to identifiers.</param>
    /// <param name="Enum">An enum type (not nullable).</param>
    /// <param name="Collection">An array, list, set or dictionary (not nullable itself), its object references rewritten.</param>
    internal sealed record SharedType(string Id, ObjectModel? Object, ValueModel? Enum, ValueModel? Collection = null);

    /// <summary>A type that a payload holds: each payload that holds it has one; only its owner's is emitted.</summary>
    /// <param name="Owner">The payload's type name.</param>
    /// <param name="Type">The type.</param>
    internal sealed record HeldType(string Owner, SharedType Type);

    /// <summary>What the table of owners needs of a held type.</summary>
    internal readonly record struct TypeKey(string Id, string Owner);

    /// <summary>
    /// Which payload emits each type: of the payloads that hold it, the one whose type name comes first (ordinal), so
    /// that a type changes owner only when its owner stops holding it; and the hint names of the types whose plain hint
    /// names collide (ignoring case, as the driver compares them, or once cut to length). Equal, so cached, while no
    /// type or owner changes.
    /// </summary>
    internal sealed class TypeTable : IEquatable<TypeTable>
    {
        private readonly EquatableArray<TypeKey> _owners;
        private readonly EquatableArray<NameChoice> _collisions;
        private readonly Dictionary<string, string> _ownerOf;
        private readonly Dictionary<string, string> _hintOf;

        private TypeTable(EquatableArray<TypeKey> owners, EquatableArray<NameChoice> collisions)
        {
            _owners = owners;
            _collisions = collisions;
            _ownerOf = owners.ToDictionary(o => o.Id, o => o.Owner, StringComparer.Ordinal);
            _hintOf = collisions.Where(c => c.HintName != null).ToDictionary(c => c.TypeName, c => c.HintName!, StringComparer.Ordinal);
        }

        public static TypeTable Create(ImmutableArray<TypeKey> held)
        {
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (TypeKey key in held)
            {
                if (!owners.TryGetValue(key.Id, out string? owner) || string.CompareOrdinal(key.Owner, owner) < 0)
                {
                    owners[key.Id] = key.Owner;
                }
            }

            TypeKey[] sorted = owners.Select(o => new TypeKey(o.Key, o.Value)).OrderBy(o => o.Id, StringComparer.Ordinal).ToArray();
            EquatableArray<NameChoice> collisions = Naming.Resolve(sorted.Select(o => new NameKey(o.Id, o.Id)).ToImmutableArray());
            return new TypeTable(new EquatableArray<TypeKey>(sorted), collisions);
        }

        public string? OwnerOf(string id) => _ownerOf.TryGetValue(id, out string? owner) ? owner : null;

        public string HintNameOf(string id) => _hintOf.TryGetValue(id, out string? hint) ? hint : Naming.PlainHintName(id);

        public bool Equals(TypeTable? other) => other is not null && _owners.Equals(other._owners) && _collisions.Equals(other._collisions);

        public override bool Equals(object? obj) => Equals(obj as TypeTable);

        public override int GetHashCode() => _owners.GetHashCode();
    }

    /// <summary>A shared type to emit, with the hint name of its file.</summary>
    /// <param name="HintName">The file's hint name, without <c>.PiiGuardType.g.cs</c>; unique ignoring case.</param>
    /// <param name="Object">The object type, or null.</param>
    /// <param name="Enum">The enum type, or null.</param>
    /// <param name="Collection">The collection type, or null.</param>
    internal sealed record GeneratedType(string HintName, ObjectModel? Object, ValueModel? Enum, ValueModel? Collection);

    /// <summary>
    /// The identifier of a type's generated code, from the type's fully qualified name: unique by construction, so that
    /// the code of a type can name the code of another from the other's name alone, without looking at any other type.
    /// </summary>
    /// <remarks>
    /// <c>global::</c> and spaces go; letters and digits stay; a dot becomes <c>_</c> (a name never has a digit after a
    /// dot); every other character becomes <c>_</c> and two digits (<c>_00</c> an underscore, <c>_01</c> <c>&lt;</c>,
    /// <c>_02</c> <c>&gt;</c>, …, <c>_99</c> and four hex digits any other). The mapping is injective, so two types
    /// never share an identifier: <c>Shop.Fleet</c> is <c>Shop_Fleet</c>, <c>Shop.Pair&lt;int&gt;</c> is
    /// <c>Shop_Pair_01int_02</c>. A name longer than <see cref="MaxLength"/> keeps its first part and ends in
    /// <c>_98</c> and a 64-bit hash of the whole name.
    /// </remarks>
    internal static class TypeIds
    {
        public const int MaxLength = 200;

        private const string Specials = "_<>,()[]?@*:`";

        public static string Of(string typeName)
        {
            var id = new StringBuilder(typeName.Length + 8);
            string name = typeName.Replace("global::", "");
            foreach (char c in name)
            {
                if (c == ' ')
                {
                    continue;
                }

                if (char.IsLetterOrDigit(c))
                {
                    id.Append(c);
                }
                else if (c == '.')
                {
                    id.Append('_');
                }
                else if (Specials.IndexOf(c) is var code and >= 0)
                {
                    id.Append('_').Append(code.ToString("D2", CultureInfo.InvariantCulture));
                }
                else
                {
                    id.Append("_99").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
            }

            if (id.Length <= MaxLength)
            {
                return id.ToString();
            }

            return id.ToString(0, MaxLength - 19) + "_98" + Fnv1a64(typeName).ToString("x16", CultureInfo.InvariantCulture);
        }

        private static ulong Fnv1a64(string text)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char c in text)
            {
                hash = unchecked((hash ^ c) * 1099511628211UL);
            }

            return hash;
        }
    }

    /// <summary>The types of a payload, to emit once for every payload that holds them.</summary>
    internal static class SharedTypes
    {
        /// <summary>
        /// Every object and enum type of <paramref name="payload"/>, each with the identifier of its type name: object
        /// references inside the payload model are the payload's own ids, rewritten here to those identifiers, so that
        /// a type's model is the same whichever payload it was reached from.
        /// </summary>
        public static ImmutableArray<SharedType> Of(PayloadModel payload)
        {
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (ObjectModel model in payload.Objects)
            {
                ids[model.Id] = TypeIds.Of(model.TypeName);
            }

            var types = ImmutableArray.CreateBuilder<SharedType>();
            var enums = new HashSet<string>(StringComparer.Ordinal);
            var collections = new HashSet<string>(StringComparer.Ordinal);
            foreach (ObjectModel model in payload.Objects)
            {
                var fields = new List<FieldModel>(model.Fields.Count);
                foreach (FieldModel field in model.Fields)
                {
                    fields.Add(field with { Value = Rewrite(field.Value, ids, types, enums, collections) });
                }

                string id = ids[model.Id];
                types.Add(new SharedType(id, model with { Id = id, Fields = new EquatableArray<FieldModel>(fields) }, null));
            }

            return types.ToImmutable();
        }

        /// <summary>Which payload emits each type, and the hint names of the types whose plain ones collide.</summary>
        public static TypeTable Table(ImmutableArray<TypeKey> held) => TypeTable.Create(held);

        /// <summary>The type to emit, when <paramref name="held"/> is the one payload of all that hold it to emit it; else null.</summary>
        public static GeneratedType? Name(HeldType held, TypeTable table) =>
            table.OwnerOf(held.Type.Id) is { } owner && string.Equals(owner, held.Owner, StringComparison.Ordinal)
                ? new GeneratedType(table.HintNameOf(held.Type.Id), held.Type.Object, held.Type.Enum, held.Type.Collection)
                : null;

        /// <summary>
        /// The identifier of a collection's generated class: its type's, and the aggregation of the points in time it
        /// holds (the one thing of a collection's code that comes from the member, not the type). <c>__</c> and a
        /// letter never come out of <see cref="TypeIds.Of"/>, so the identifier stays unique.
        /// </summary>
        public static string CollectionId(ValueModel value) =>
            TypeIds.Of(value.TypeName) + (Aggregation(value) is { } aggregation ? "__" + aggregation : "");

        private static string? Aggregation(ValueModel value) =>
            value.Kind == ValueKind.Timestamp ? value.Aggregation :
            value.Element is { } element ? Aggregation(element) :
            null;

        private static ValueModel Rewrite(ValueModel value, Dictionary<string, string> ids, ImmutableArray<SharedType>.Builder types, HashSet<string> enums, HashSet<string> collections, bool isKey = false)
        {
            bool isEnum = value.Kind == ValueKind.Enum;
            if (isEnum && enums.Add(value.TypeName))
            {
                types.Add(new SharedType(TypeIds.Of(value.TypeName), null, value with { IsNullable = false, IsNullableValueType = false }));
            }

            ValueModel rewritten = value with
            {
                ObjectId = value.ObjectId is { } objectId && ids.TryGetValue(objectId, out string? id) ? id : value.ObjectId,
                Key = value.Key is null ? null : Rewrite(value.Key, ids, types, enums, collections, isKey: true),
                Element = value.Element is null ? null : Rewrite(value.Element, ids, types, enums, collections),

                // An enum value is written and read by its enum's own class, so an object's code does not depend on the
                // enum's members, and an edit of the enum leaves the object's code as it is; the keys of a dictionary
                // are the exception: its code writes them in the enum's order.
                EnumMembers = isEnum && !isKey ? default : value.EnumMembers,
            };

            if (value.Kind is ValueKind.Array or ValueKind.Map && CollectionId(value) is var collectionId && collections.Add(collectionId))
            {
                types.Add(new SharedType(collectionId, null, null, rewritten with { IsNullable = false, IsNullableValueType = false }));
            }

            return rewritten;
        }
    }
}
