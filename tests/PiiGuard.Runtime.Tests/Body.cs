using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PiiGuard.Runtime.Tests;

/// <summary>Makes hostile bodies from a valid one by splicing raw text (valid JSON or not) in at a property path.</summary>
internal static class Body
{
    private const string Placeholder = "\u2603PLACEHOLDER\u2603";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Replaces the value at <paramref name="path"/> (dot-separated JSON names) with <paramref name="rawValue"/>.</summary>
    public static string With(string json, string path, string rawValue)
    {
        JsonNode root = JsonNode.Parse(json)!;
        (JsonObject parent, string name) = Locate(root, path);
        if (!parent.ContainsKey(name))
        {
            throw new ArgumentException($"No property '{path}' in the body.", nameof(path));
        }

        parent[name] = Placeholder;
        return Splice(root, "\"" + Placeholder + "\"", rawValue);
    }

    /// <summary>Removes the property at <paramref name="path"/>.</summary>
    public static string Without(string json, string path)
    {
        JsonNode root = JsonNode.Parse(json)!;
        (JsonObject parent, string name) = Locate(root, path);
        if (!parent.Remove(name))
        {
            throw new ArgumentException($"No property '{path}' in the body.", nameof(path));
        }

        return root.ToJsonString(Compact);
    }

    /// <summary>Puts <paramref name="rawMember"/> (<c>"name":value</c>) first in the object at <paramref name="path"/> ("" for the root).</summary>
    public static string Prepend(string json, string path, string rawMember)
    {
        JsonNode root = JsonNode.Parse(json)!;
        JsonObject target = root.AsObject();
        if (path.Length > 0)
        {
            (JsonObject parent, string name) = Locate(root, path);
            target = parent[name]!.AsObject();
        }

        target.Insert(0, Placeholder, 0);
        return Splice(root, "\"" + Placeholder + "\":0", rawMember);
    }

    /// <summary>
    /// Replaces the value reached by <paramref name="steps"/> (property names and array indexes, from the root) with
    /// <paramref name="rawValue"/>.
    /// </summary>
    public static string At(string json, IReadOnlyList<object> steps, string rawValue)
    {
        JsonNode root = JsonNode.Parse(json)!;
        JsonNode parent = root;
        for (int i = 0; i < steps.Count - 1; i++)
        {
            parent = (steps[i] is int index ? parent[index] : parent[(string)steps[i]])
                ?? throw new ArgumentException("A step on the way is null.", nameof(steps));
        }

        if (steps[^1] is int last)
        {
            parent[last] = Placeholder;
        }
        else
        {
            parent[(string)steps[^1]] = Placeholder;
        }

        return Splice(root, "\"" + Placeholder + "\"", rawValue);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static (JsonObject Parent, string Name) Locate(JsonNode root, string path)
    {
        string[] names = path.Split('.');
        JsonObject current = root.AsObject();
        for (int i = 0; i < names.Length - 1; i++)
        {
            current = current[names[i]]?.AsObject() ?? throw new ArgumentException($"No object '{names[i]}' on the way to '{path}'.", nameof(path));
        }

        return (current, names[^1]);
    }

    private static string Splice(JsonNode root, string marker, string raw)
    {
        string text = root.ToJsonString(Compact);
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(marker, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException("The placeholder is not in the body exactly once.");
        }

        return string.Concat(text.AsSpan(0, at), raw, text.AsSpan(at + marker.Length));
    }
}
