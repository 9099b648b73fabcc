using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PiiGuard.Fuzzing.Bodies;

/// <summary>One mutated body: the shape it is read as, its bytes, the values planted in it and the operations applied.</summary>
public sealed record BodyMutant(BodyShape Shape, byte[] Body, IReadOnlyList<string> Planted, IReadOnlyList<string> Operations);

/// <summary>
/// Makes hostile bodies from a shape's valid ones: structure first (duplicated, removed, unknown and near-miss keys,
/// values replaced by others of their kind or of another type, deep nesting, grafted subtrees, reordered members,
/// grown and emptied arrays, values planted where an error message must not repeat them), then bytes (truncation,
/// bit flips, invalid UTF-8, spans deleted or duplicated, a byte-order mark).
/// </summary>
public static class BodyMutator
{
    /// <summary>The name of every operation, for coverage checks.</summary>
    public static readonly IReadOnlyList<string> OperationNames = new[]
    {
        "duplicate-key", "remove-member", "unknown-key", "near-miss-key", "replace-same-kind", "replace-any-kind", "plant-value",
        "deep-nesting", "graft", "reorder", "array-grow", "array-empty", "number-scale",
        "truncate", "flip-bit", "invalid-utf8", "delete-span", "duplicate-span", "byte-order-mark", "whitespace", "oversize",
    };

    private const string Digits = "0123456789";
    private const string Letters = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Mutant <paramref name="index"/> of <paramref name="seed"/>: a pure function of both and of the shapes.</summary>
    public static BodyMutant Create(long seed, long index, IReadOnlyList<BodyShape> shapes)
    {
        FuzzRandom random = FuzzRandom.For(seed, "bodies", index);
        BodyShape shape = shapes[(int)(index % shapes.Count)];
        byte[] start = random.Pick(shape.Seeds);

        // Planted values: a word and a long number that no error message may repeat.
        string word = "zq" + random.Text(10, Letters);
        string number = (1 + random.Next(9)).ToString(System.Globalization.CultureInfo.InvariantCulture) + random.Text(21, Digits);
        var state = new State(random, word, number);

        int structural = random.Chance(0.85) ? random.Geometric(5) : 0;
        int bytewise = random.Chance(structural == 0 ? 1.0 : 0.3) ? random.Geometric(3) : 0;
        // The document sits in a holder array, so that the root is a slot like any other.
        var holder = new JsonArrayNode();
        holder.Items.Add(JsonNode.Parse(start));
        for (int i = 0; i < structural; i++)
        {
            state.Mutate(holder);
        }

        byte[] body = holder.Items[0].ToBytes();
        for (int i = 0; i < bytewise; i++)
        {
            body = state.MutateBytes(body);
        }

        return new BodyMutant(shape, body, new[] { word, number }, state.Operations);
    }

    private sealed class State
    {
        private readonly FuzzRandom _random;
        private readonly string _word;
        private readonly string _number;
        private int _nested;

        public State(FuzzRandom random, string word, string number)
        {
            _random = random;
            _word = word;
            _number = number;
        }

        public List<string> Operations { get; } = new();

        public void Mutate(JsonArrayNode root)
        {
            List<Slot> slots = Slot.All(root);
            Slot slot = _random.Pick(slots);
            List<Slot> objects = slots.Where(s => s.Value is JsonObjectNode).ToList();
            List<Slot> arrays = slots.Where(s => s.Value is JsonArrayNode).ToList();
            List<Slot> scalars = slots.Where(s => s.Value is JsonRawNode).ToList();
            switch (_random.Next(13))
            {
                case 0 when objects.Count > 0:
                {
                    var obj = (JsonObjectNode)_random.Pick(objects).Value;
                    if (obj.Members.Count == 0)
                    {
                        break;
                    }

                    JsonMember member = _random.Pick(obj.Members);
                    JsonNode value = _random.Chance(0.5) ? member.Value.Clone() : Replacement(member.Value);
                    obj.Members.Insert(_random.Next(obj.Members.Count + 1), new JsonMember(member.Key, value));
                    Operations.Add("duplicate-key");
                    return;
                }

                case 1 when objects.Count > 0:
                {
                    var obj = (JsonObjectNode)_random.Pick(objects).Value;
                    if (obj.Members.Count == 0)
                    {
                        break;
                    }

                    obj.Members.RemoveAt(_random.Next(obj.Members.Count));
                    Operations.Add("remove-member");
                    return;
                }

                case 2 when objects.Count > 0:
                {
                    var obj = (JsonObjectNode)_random.Pick(objects).Value;
                    byte[] key = _random.Chance(0.5) ? Encoding.UTF8.GetBytes(_word) : Encoding.UTF8.GetBytes(_word + "@example.com");
                    JsonNode value = _random.Chance(0.5) ? Planted() : Replacement(new JsonRawNode(Encoding.UTF8.GetBytes("0")));
                    obj.Members.Insert(_random.Next(obj.Members.Count + 1), new JsonMember(key, value));
                    Operations.Add("unknown-key");
                    return;
                }

                case 3 when objects.Count > 0:
                {
                    var obj = (JsonObjectNode)_random.Pick(objects).Value;
                    if (obj.Members.Count == 0)
                    {
                        break;
                    }

                    JsonMember member = _random.Pick(obj.Members);
                    member.Key = NearMiss(member.Key);
                    Operations.Add("near-miss-key");
                    return;
                }

                case 4 when scalars.Count > 0:
                {
                    Slot target = _random.Pick(scalars);
                    target.Set(new JsonRawNode(_random.Pick(BodyValues.For(BodyValues.KindOf(((JsonRawNode)target.Value).Text)))));
                    Operations.Add("replace-same-kind");
                    return;
                }

                case 5:
                    slot.Set(Replacement(slot.Value));
                    Operations.Add("replace-any-kind");
                    return;
                case 6:
                    slot.Set(Planted());
                    Operations.Add("plant-value");
                    return;
                case 7:
                    slot.Set(Nest(slot.Value));
                    Operations.Add("deep-nesting");
                    return;
                case 8:
                    slot.Set(_random.Pick(slots).Value.Clone());
                    Operations.Add("graft");
                    return;
                case 9 when objects.Count > 0:
                {
                    var obj = (JsonObjectNode)_random.Pick(objects).Value;
                    for (int i = obj.Members.Count - 1; i > 0; i--)
                    {
                        int j = _random.Next(i + 1);
                        (obj.Members[i], obj.Members[j]) = (obj.Members[j], obj.Members[i]);
                    }

                    Operations.Add("reorder");
                    return;
                }

                case 10 when arrays.Count > 0:
                {
                    var array = (JsonArrayNode)_random.Pick(arrays).Value;
                    JsonNode item = array.Items.Count > 0 && _random.Chance(0.7) ? _random.Pick(array.Items) : Replacement(new JsonRawNode(new[] { (byte)'0' }));
                    int copies = _random.Chance(0.9) ? _random.Next(1, 4) : _random.Next(100, 3000);
                    for (int i = 0; i < copies; i++)
                    {
                        array.Items.Insert(_random.Next(array.Items.Count + 1), item.Clone());
                    }

                    Operations.Add("array-grow");
                    return;
                }

                case 11 when arrays.Count > 0 || objects.Count > 0:
                {
                    JsonNode container = _random.Pick(arrays.Concat(objects).ToList()).Value;
                    if (container is JsonArrayNode array)
                    {
                        array.Items.Clear();
                    }
                    else
                    {
                        ((JsonObjectNode)container).Members.Clear();
                    }

                    Operations.Add("array-empty");
                    return;
                }

                case 12 when scalars.Count > 0:
                {
                    Slot target = _random.Pick(scalars);
                    string text = Encoding.UTF8.GetString(((JsonRawNode)target.Value).Text);
                    string scaled = _random.Next(6) switch
                    {
                        0 => "-" + text,
                        1 => text + "e" + _random.Next(1, 400).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        2 => text + "000000000000000000000",
                        3 => text + ".5",
                        4 => text + "e-" + _random.Next(1, 400).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => text + "." + _number,
                    };
                    target.Set(new JsonRawNode(Encoding.UTF8.GetBytes(scaled)));
                    Operations.Add("number-scale");
                    return;
                }
            }

            // The operation drawn did not apply to this document: replace something instead.
            slot.Set(Replacement(slot.Value));
            Operations.Add("replace-any-kind");
        }

        public byte[] MutateBytes(byte[] body)
        {
            var bytes = body.ToList();
            int at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            switch (_random.Next(8))
            {
                case 0:
                    Operations.Add("truncate");
                    return bytes.Take(at).ToArray();
                case 1 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << _random.Next(8));
                    Operations.Add("flip-bit");
                    return bytes.ToArray();
                case 2:
                    bytes.InsertRange(at, _random.Pick(InvalidUtf8));
                    Operations.Add("invalid-utf8");
                    return bytes.ToArray();
                case 3 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, _random.Next(1, 16)));
                    Operations.Add("delete-span");
                    return bytes.ToArray();
                case 4 when bytes.Count > 0:
                {
                    int length = Math.Min(bytes.Count - at, _random.Next(1, 64));
                    bytes.InsertRange(_random.Next(bytes.Count + 1), bytes.GetRange(at, length));
                    Operations.Add("duplicate-span");
                    return bytes.ToArray();
                }

                case 5:
                    bytes.InsertRange(0, new byte[] { 0xEF, 0xBB, 0xBF });
                    Operations.Add("byte-order-mark");
                    return bytes.ToArray();
                case 6:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(_random.Pick(new[] { " ", "\t", "\r\n", "\u00A0", "/**/", "//\n", "\0" })));
                    Operations.Add("whitespace");
                    return bytes.ToArray();
                default:
                    // Past the default 64 KiB bound: padding in a string or as whitespace.
                    bytes.InsertRange(at, Enumerable.Repeat((byte)' ', (64 * 1024) + _random.Next(1, 64)));
                    Operations.Add("oversize");
                    return bytes.ToArray();
            }
        }

        private JsonNode Replacement(JsonNode current)
        {
            if (current is JsonRawNode raw && _random.Chance(0.5))
            {
                return new JsonRawNode(_random.Pick(BodyValues.For(BodyValues.KindOf(raw.Text))));
            }

            return new JsonRawNode(_random.Pick(_random.Pick(BodyValues.All)));
        }

        private JsonNode Planted()
        {
            string text = _random.Next(9) switch
            {
                0 => "\"" + _word + "\"",
                1 => "\"" + _word + "@example.com\"",
                2 => _number,
                3 => "-" + _number,
                4 => "0." + _number,
                5 => "\"2024-11-11T00:00:00Z" + _word + "\"",
                6 => "\"" + _number + "\"",
                7 => "\"1." + _number + "\"",
                _ => "{\"" + _word + "\":\"" + _word + "\"}",
            };
            return new JsonRawNode(Encoding.UTF8.GetBytes(text));
        }

        private JsonNode Nest(JsonNode value)
        {
            // Past the reader's depth bound of 64, and far past it, but never so deep that this code's own recursion is at risk.
            int depth = _nested > 1500 ? 2 : _random.Pick(new[] { 2, 8, 62, 63, 64, 65, 66, 200, 1000 });
            _nested += depth;
            bool objects = _random.Chance(0.5);
            JsonNode current = value;
            for (int i = 0; i < depth; i++)
            {
                if (objects)
                {
                    var obj = new JsonObjectNode();
                    obj.Members.Add(new JsonMember(Encoding.UTF8.GetBytes(_word), current));
                    current = obj;
                }
                else
                {
                    var array = new JsonArrayNode();
                    array.Items.Add(current);
                    current = array;
                }
            }

            return current;
        }

        private byte[] NearMiss(byte[] key)
        {
            string text = Encoding.UTF8.GetString(key);
            if (text.Length == 0)
            {
                return Encoding.UTF8.GetBytes(_word);
            }

            return Encoding.UTF8.GetBytes(_random.Next(8) switch
            {
                0 => text.ToUpperInvariant(),
                1 => text + "_",
                2 => text.Substring(0, text.Length - 1),
                3 => "\\u" + ((int)text[0]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + text.Substring(1),
                4 => text + " ",
                5 => text.Replace('_', '-'),
                6 => text + "\\u0000",
                _ => text + "\\ud800",
            });
        }

        private static readonly byte[][] InvalidUtf8 =
        {
            new byte[] { 0xC0, 0x80 }, new byte[] { 0xE0, 0x80, 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 },
            new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 }, new byte[] { 0x80 }, new byte[] { 0xFF }, new byte[] { 0xE2, 0x82 }, new byte[] { 0xC3 },
        };
    }

    /// <summary>A place in the document that holds a value: the root, an object member or an array element.</summary>
    private sealed class Slot
    {
        private readonly Action<JsonNode> _set;

        private Slot(JsonNode value, Action<JsonNode> set)
        {
            Value = value;
            _set = set;
        }

        public JsonNode Value { get; }

        public void Set(JsonNode value) => _set(value);

        public static List<Slot> All(JsonArrayNode holder)
        {
            var slots = new List<Slot>();
            Collect(holder, slots);
            return slots;
        }

        private static void Collect(JsonNode node, List<Slot> slots)
        {
            if (node is JsonObjectNode obj)
            {
                foreach (JsonMember member in obj.Members)
                {
                    slots.Add(new Slot(member.Value, v => member.Value = v));
                    Collect(member.Value, slots);
                }
            }
            else if (node is JsonArrayNode array)
            {
                for (int i = 0; i < array.Items.Count; i++)
                {
                    int index = i;
                    slots.Add(new Slot(array.Items[i], v => array.Items[index] = v));
                    Collect(array.Items[i], slots);
                }
            }
        }
    }
}
