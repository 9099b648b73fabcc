using System;
using System.Collections.Generic;
using System.Text.Json;

namespace PiiGuard.Fuzzing.Bodies;

/// <summary>
/// A JSON document as raw pieces, for structure-aware mutation: objects keep their members as a list (so a key can
/// appear twice) and scalars keep their raw bytes (so a value can be any bytes at all, valid JSON or not).
/// </summary>
public abstract class JsonNode
{
    /// <summary>A deep copy.</summary>
    public abstract JsonNode Clone();

    /// <summary>Parses a valid JSON document.</summary>
    public static JsonNode Parse(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 1024 });
        reader.Read();
        return ReadValue(ref reader);
    }

    /// <summary>Writes the document's bytes, exactly as its pieces say.</summary>
    public byte[] ToBytes()
    {
        var output = new List<byte>(256);
        Write(output);
        return output.ToArray();
    }

    /// <summary>Appends the node's bytes.</summary>
    public abstract void Write(List<byte> output);

    private static JsonNode ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObjectNode();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    byte[] key = reader.ValueSpan.ToArray();
                    reader.Read();
                    obj.Members.Add(new JsonMember(key, ReadValue(ref reader)));
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArrayNode();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Items.Add(ReadValue(ref reader));
                }

                return array;
            case JsonTokenType.String:
                var text = new byte[reader.ValueSpan.Length + 2];
                text[0] = (byte)'"';
                reader.ValueSpan.CopyTo(text.AsSpan(1));
                text[^1] = (byte)'"';
                return new JsonRawNode(text);
            default:
                return new JsonRawNode(reader.ValueSpan.ToArray());
        }
    }
}

/// <summary>A member of an object: its key as written between the quotes (escapes and all), and its value.</summary>
public sealed class JsonMember
{
    /// <summary>Creates a member.</summary>
    public JsonMember(byte[] key, JsonNode value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>Gets or sets the key's raw bytes, without the quotes.</summary>
    public byte[] Key { get; set; }

    /// <summary>Gets or sets the value.</summary>
    public JsonNode Value { get; set; }
}

/// <summary>An object whose members are a list: duplicates and any order allowed.</summary>
public sealed class JsonObjectNode : JsonNode
{
    /// <summary>Gets the members, in order.</summary>
    public List<JsonMember> Members { get; } = new();

    /// <inheritdoc />
    public override JsonNode Clone()
    {
        var copy = new JsonObjectNode();
        foreach (JsonMember member in Members)
        {
            copy.Members.Add(new JsonMember(member.Key, member.Value.Clone()));
        }

        return copy;
    }

    /// <inheritdoc />
    public override void Write(List<byte> output)
    {
        output.Add((byte)'{');
        for (int i = 0; i < Members.Count; i++)
        {
            if (i > 0)
            {
                output.Add((byte)',');
            }

            output.Add((byte)'"');
            output.AddRange(Members[i].Key);
            output.Add((byte)'"');
            output.Add((byte)':');
            Members[i].Value.Write(output);
        }

        output.Add((byte)'}');
    }
}

/// <summary>An array.</summary>
public sealed class JsonArrayNode : JsonNode
{
    /// <summary>Gets the elements, in order.</summary>
    public List<JsonNode> Items { get; } = new();

    /// <inheritdoc />
    public override JsonNode Clone()
    {
        var copy = new JsonArrayNode();
        foreach (JsonNode item in Items)
        {
            copy.Items.Add(item.Clone());
        }

        return copy;
    }

    /// <inheritdoc />
    public override void Write(List<byte> output)
    {
        output.Add((byte)'[');
        for (int i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                output.Add((byte)',');
            }

            Items[i].Write(output);
        }

        output.Add((byte)']');
    }
}

/// <summary>A scalar as raw bytes: a number, a string with its quotes, <c>true</c>, <c>null</c>, or anything else.</summary>
public sealed class JsonRawNode : JsonNode
{
    /// <summary>Creates a raw node.</summary>
    public JsonRawNode(byte[] text)
    {
        Text = text;
    }

    /// <summary>Gets the raw bytes.</summary>
    public byte[] Text { get; }

    /// <inheritdoc />
    public override JsonNode Clone() => new JsonRawNode(Text);

    /// <inheritdoc />
    public override void Write(List<byte> output) => output.AddRange(Text);
}
